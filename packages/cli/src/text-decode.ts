// Reading a spreadsheet's text whatever Excel or WPS saved it as. Excel on Chinese Windows
// saves "CSV (逗号分隔)" in the system code page, GBK (a subset of GB18030), with no mark at
// all; "CSV UTF-8" and "Unicode 文本" carry a byte-order mark. Guessing wrong gives mojibake
// headers and a refusal of every column, so the encoding is decided from the bytes:
// a BOM says UTF-8 / UTF-16; else text that is valid UTF-8 is UTF-8 (GBK text is almost never
// valid UTF-8: its trail bytes rarely fall in 0x80–0xBF after a matching lead); else GB18030.
import { TextDecoder } from "node:util";
import { err, ok, type Result, type SanxiangError, sanxiangError } from "@sanxiang/core";

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

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

function decoder(label: "utf-8" | "utf-16le" | "utf-16be" | "gb18030"): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    // A Node built without full ICU has no GB18030 decoder: the caller says so.
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
 * 识别文本编码 — decodes a text file's bytes: a byte-order mark names UTF-8, UTF-16LE or
 * UTF-16BE; without one, valid UTF-8 is UTF-8, anything else is read as GB18030 (which
 * contains GBK and GB2312, what Excel on Chinese Windows saves). Bytes that are neither,
 * or text with a NUL character, are `TABLE_UNREADABLE` naming the line. Never throws.
 */
export function decodeText(bytes: Uint8Array, name: string): Result<DecodedText, SanxiangError> {
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
