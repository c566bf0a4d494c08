// Reading a spreadsheet's text whatever Excel or WPS saved it as. Excel on Chinese Windows
// saves "CSV (逗号分隔)" in the system code page, GBK (a subset of GB18030), with no mark at
// all; "CSV UTF-8" and "Unicode 文本" carry a byte-order mark. Guessing wrong gives mojibake
// headers and a refusal of every column, so the encoding is decided from the bytes:
// a BOM says UTF-8 / UTF-16; else text that is valid UTF-8 is UTF-8 (GBK text is almost never
// valid UTF-8: its trail bytes rarely fall in 0x80–0xBF after a matching lead); else GB18030 —
// unless the bytes look like Big5 (Traditional Chinese, Excel on Taiwan / Hong Kong Windows),
// which is almost always valid GB18030 too and would be read as nonsense: that is refused,
// naming the suspected encoding (see `looksLikeBig5`). `--encoding` overrides the detection.
import { TextDecoder } from "node:util";
import { err, ok, type Result, type SanxiangError, sanxiangError } from "@sanxiang/core";

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030" | "Big5";

/** The encodings a caller may name instead of detection (`--encoding`). */
export const FORCED_ENCODINGS = ["utf-8", "gb18030", "big5"] as const;

/** An encoding named by the caller (`--encoding utf-8|gb18030|big5`). */
export type ForcedEncoding = (typeof FORCED_ENCODINGS)[number];

/** Options of {@link decodeText}. */
export interface DecodeTextOptions {
  /** Read the bytes in this encoding instead of detecting it (a UTF-8 BOM is dropped with `utf-8`). */
  readonly encoding?: ForcedEncoding;
}

/** Text decoded from a file, and how it was decoded. */
export interface DecodedText {
  /** The text, without the byte-order mark. */
  readonly text: string;
  /** The encoding used. */
  readonly encoding: TextEncodingName;
  /** True when a byte-order mark named the encoding (else it was detected). */
  readonly bom: boolean;
}

const LF = 0x0a;

function decoder(label: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5"): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    // A Node built without full ICU has no GB18030 (nor Big5) decoder: the caller says so.
    return undefined;
  }
}

function tryDecode(d: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return d.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The 1-based line of the first byte sequence `d` refuses. Lines end at 0x0A, which is never
 * part of a multi-byte sequence in UTF-8 or GB18030, so each line decodes on its own.
 */
function firstBadLine(d: TextDecoder, bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === LF) {
      if (tryDecode(d, bytes.subarray(start, i)) === undefined) return line;
      line++;
      start = i + 1;
    }
  }
  return line - 1;
}

/** The 1-based line of the first unpaired surrogate (or odd trailing byte) in UTF-16 bytes. */
function firstBadUtf16Line(bytes: Uint8Array, littleEndian: boolean): number {
  let line = 1;
  const unit = (i: number): number =>
    littleEndian ? (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) : ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 >= bytes.length) return line;
    const u = unit(i);
    if (u === LF) line++;
    else if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return line;
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) return line;
  }
  return line;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function unreadable(name: string, message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("TABLE_UNREADABLE", `${name}：${message}`, { details: { file: name, ...details } });
}

/** Refuses text with a NUL character: a binary file, or UTF-16 saved without its byte-order mark. */
function textOnly(name: string, decoded: DecodedText): Result<DecodedText, SanxiangError> {
  const nul = decoded.text.indexOf("\0");
  if (nul === -1) return ok(decoded);
  const line = lineOf(decoded.text, nul);
  return err(
    unreadable(
      name,
      `第 ${line} 行含有空字符（NUL），不是文本表格（若为 UTF-16 文本，请带字节顺序标记保存，或另存为 CSV UTF-8）`,
      { line, encoding: decoded.encoding },
    ),
  );
}

/**
 * Characters that Chinese registry sheets practically never hold but that Big5 bytes read as
 * GB18030 are full of: the Big5 lead bytes 0xA4–0xAF carry the commonest characters (一 人 大
 * 中 …, the fewest strokes come first), and in GB18030 the same bytes are kana (0xA4, 0xA5),
 * Greek (0xA6), Cyrillic (0xA7), pinyin and box drawing (0xA8, 0xA9), vertical and small
 * forms, or user-defined (private-use) cells. Read the other way, GBK text as Big5 turns
 * GB2312 rows 0xC6–0xC8 (人 日 然 全 情 …) into Big5's kana and symbols just as often.
 */
function isImplausible(cp: number): boolean {
  return (
    (cp >= 0x0370 && cp <= 0x04ff) || // Greek, Cyrillic
    (cp >= 0x2500 && cp <= 0x257f) || // box drawing
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0x3100 && cp <= 0x312f) || // bopomofo
    (cp >= 0x31f0 && cp <= 0x31ff) || // katakana extensions
    (cp >= 0xe000 && cp <= 0xf8ff) || // private use (user-defined cells)
    (cp >= 0xfe10 && cp <= 0xfe1f) || // vertical forms
    (cp >= 0xfe30 && cp <= 0xfe6f) || // CJK compatibility and small forms
    (cp >= 0xff61 && cp <= 0xff9f) // halfwidth katakana
  );
}

/** How many implausible characters `text` holds, and the index of the first. */
function implausible(text: string): { count: number; first: number; nonAscii: number } {
  let count = 0;
  let first = -1;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp < 0x80) continue;
    nonAscii++;
    if (isImplausible(cp)) {
      if (first === -1) first = i;
      count++;
    }
  }
  return { count, first, nonAscii };
}

/**
 * Whether bytes read as GB18030 into `gb` (undefined: not valid GB18030) are more likely Big5,
 * which reads into `big5` (valid Big5): the GB18030 reading holds at least 3 implausible
 * characters ({@link isImplausible}), at least 1 in 20 of its non-ASCII ones, and more than
 * 4 times as many as the Big5 reading; or it is not GB18030 at all while the Big5 reading is
 * free of them. GBK text (even with a Greek letter or a user-defined character) stays GBK.
 * Returns the 0-based index in `gb` of the first implausible character, or undefined.
 */
function looksLikeBig5(gb: string | undefined, big5: string): { index: number } | undefined {
  const b = implausible(big5);
  if (gb === undefined) return b.count === 0 ? { index: -1 } : undefined;
  const g = implausible(gb);
  if (g.count >= 3 && g.count * 20 >= g.nonAscii && g.count > 4 * b.count) return { index: g.first };
  return undefined;
}

function suspectedBig5(name: string, gb: string | undefined, at: number, bytes: Uint8Array): SanxiangError {
  const line = gb === undefined || at < 0 ? firstBadLine(decoder("gb18030") as TextDecoder, bytes) : lineOf(gb, at);
  const shown = gb === undefined || at < 0 ? "" : `（按 GB18030 读取第 ${line} 行得到“${gb.slice(at, at + 6)}”等乱码）`;
  return unreadable(
    name,
    `文件疑似 Big5（繁体中文）编码${shown}，不予导入以免读成乱码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入；若文件确为 GB18030（GBK）或 Big5 编码，请用 --encoding gb18030 或 --encoding big5 指明`,
    { line, suspectedEncoding: "Big5" },
  );
}

const LABELS: Readonly<Record<ForcedEncoding, "utf-8" | "gb18030" | "big5">> = {
  "utf-8": "utf-8",
  gb18030: "gb18030",
  big5: "big5",
};
const NAMES: Readonly<Record<ForcedEncoding, TextEncodingName>> = {
  "utf-8": "UTF-8",
  gb18030: "GB18030",
  big5: "Big5",
};

/** Reads `bytes` in the encoding the caller named; a byte-order mark of another encoding is refused. */
function decodeAs(bytes: Uint8Array, name: string, forced: ForcedEncoding): Result<DecodedText, SanxiangError> {
  const encoding = NAMES[forced];
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom || (utf8Bom && forced !== "utf-8")) {
    return err(
      unreadable(
        name,
        `文件以 ${utf16Bom ? "UTF-16" : "UTF-8"} 字节顺序标记开头，与指定的编码 ${encoding} 不符；请去掉 --encoding 由程序识别`,
        { line: 1, encoding },
      ),
    );
  }
  const d = decoder(LABELS[forced]);
  if (d === undefined) {
    return err(unreadable(name, `本机的 Node.js 不支持 ${encoding} 解码；请另存为 CSV UTF-8`, { line: 1, encoding }));
  }
  const body = utf8Bom ? bytes.subarray(3) : bytes;
  const text = tryDecode(d, body);
  if (text === undefined) {
    const line = firstBadLine(d, body);
    return err(
      unreadable(name, `按指定的编码 ${encoding} 读取，第 ${line} 行不是有效的 ${encoding}`, { line, encoding }),
    );
  }
  return textOnly(name, { text, encoding, bom: utf8Bom });
}

/**
 * 识别文本编码 — decodes a text file's bytes: a byte-order mark names UTF-8, UTF-16LE or
 * UTF-16BE; without one, valid UTF-8 is UTF-8, anything else is read as GB18030 (which
 * contains GBK and GB2312, what Excel on Chinese Windows saves). Bytes that are neither,
 * or text with a NUL character, are `TABLE_UNREADABLE` naming the line. Bytes that look like
 * Big5 (Traditional Chinese; almost always valid GB18030 too, read as nonsense) are
 * `TABLE_UNREADABLE` with `details.suspectedEncoding: "Big5"` and the line of the first
 * garbled character, never imported silently. `options.encoding` names the encoding instead
 * (`utf-8`, `gb18030`, `big5`): the bytes must then be valid in it. Never throws.
 */
export function decodeText(
  bytes: Uint8Array,
  name: string,
  options: DecodeTextOptions = {},
): Result<DecodedText, SanxiangError> {
  if (options.encoding !== undefined) return decodeAs(bytes, name, options.encoding);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const d = decoder("utf-8") as TextDecoder;
    const body = bytes.subarray(3);
    const text = tryDecode(d, body);
    if (text === undefined) {
      const line = firstBadLine(d, body);
      return err(
        unreadable(name, `文件以 UTF-8 字节顺序标记开头，但第 ${line} 行不是有效的 UTF-8`, {
          line,
          encoding: "UTF-8",
        }),
      );
    }
    return textOnly(name, { text, encoding: "UTF-8", bom: true });
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const littleEndian = b0 === 0xff;
    const encoding = littleEndian ? "UTF-16LE" : "UTF-16BE";
    const body = bytes.subarray(2);
    const text = tryDecode(decoder(littleEndian ? "utf-16le" : "utf-16be") as TextDecoder, body);
    if (text === undefined || body.length % 2 !== 0) {
      const line = firstBadUtf16Line(body, littleEndian);
      return err(
        unreadable(name, `文件以 ${encoding} 字节顺序标记开头，但第 ${line} 行不是有效的 ${encoding}`, {
          line,
          encoding,
        }),
      );
    }
    return textOnly(name, { text, encoding, bom: true });
  }
  const utf8 = decoder("utf-8") as TextDecoder;
  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== undefined) return textOnly(name, { text: asUtf8, encoding: "UTF-8", bom: false });
  const utf8Line = firstBadLine(utf8, bytes);
  const gb = decoder("gb18030");
  if (gb === undefined) {
    return err(
      unreadable(name, `第 ${utf8Line} 行不是有效的 UTF-8，且本机的 Node.js 不支持 GB18030 解码；请另存为 CSV UTF-8`, {
        line: utf8Line,
      }),
    );
  }
  const asGb = tryDecode(gb, bytes);
  const big5 = decoder("big5");
  const asBig5 = big5 === undefined ? undefined : tryDecode(big5, bytes);
  if (asBig5 !== undefined) {
    const suspect = looksLikeBig5(asGb, asBig5);
    if (suspect !== undefined) return err(suspectedBig5(name, asGb, suspect.index, bytes));
  }
  if (asGb !== undefined) return textOnly(name, { text: asGb, encoding: "GB18030", bom: false });
  const gbLine = firstBadLine(gb, bytes);
  return err(
    unreadable(
      name,
      `无法识别文件编码：第 ${utf8Line} 行不是有效的 UTF-8，第 ${gbLine} 行不是有效的 GB18030（GBK）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”`,
      { line: Math.min(utf8Line, gbLine), utf8Line, gb18030Line: gbLine },
    ),
  );
}

/** How the CLI says which encoding it read a file in: `按 GB18030 编码读取`. */
export function encodingNote(decoded: Pick<DecodedText, "encoding" | "bom">): string {
  return `按 ${decoded.encoding} 编码读取${decoded.bom ? "（文件带字节顺序标记）" : ""}`;
}
