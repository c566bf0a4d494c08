// Shared by the CLI's tests (not shipped: package.json excludes *.test-support.ts).
// Encoders for tests of the two-byte legacy encodings of Chinese spreadsheets — Node decodes
// them (full ICU) but has no encoder. Each is built from its encoding's two-byte range by
// decoding every pair once, from one table:
// - GBK: the two-byte half of GB18030 (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F);
// - Big5: the standard range (lead 0xA1–0xF9, trail 0x40–0x7E and 0xA1–0xFE, without the
//   HKSCS extensions below 0xA1).
// Each is checked against bytes written by hand from its code chart (GB2312: 统 CDB3, 一 D2BB …;
// the Unicode Consortium's BIG5.TXT: 統 0xB2CE, 一 0xA440 …), so the tests do not trust the
// decoder they exercise to also produce their input.
import { TextDecoder } from "node:util";

/** How to build one encoder: the decoder to ask and the two-byte range to ask it about. */
interface TwoByteEncoding {
  /** The name in error messages. */
  readonly name: string;
  /** The WHATWG label of Node's decoder. */
  readonly label: string;
  /** First and last lead byte. */
  readonly leads: readonly [number, number];
  /** Whether `trail` (0x40–0xFE) is a trail byte of the encoding. */
  readonly isTrail: (trail: number) => boolean;
  /**
   * Characters held twice whose last pair is the one encoders write (the first otherwise).
   * Big5 holds 十 at 0xA2CC and 0xA451, 兀 at 0xA2D2 and 0xA461, and four box-drawing
   * characters twice; the WHATWG Encoding Standard (index Big5 pointer) and Windows' code page
   * 950 write the last — 十 as 0xA451, among Big5's commonest characters.
   */
  readonly lastFor?: ReadonlySet<string>;
}

const ENCODINGS = {
  gbk: { name: "GBK", label: "gb18030", leads: [0x81, 0xfe], isTrail: (trail) => trail !== 0x7f },
  big5: {
    name: "Big5",
    label: "big5",
    leads: [0xa1, 0xf9],
    isTrail: (trail) => trail <= 0x7e || trail >= 0xa1,
    lastFor: new Set(["\u2550", "\u255e", "\u2561", "\u256a", "\u5341", "\u5345"]),
  },
} as const satisfies Record<string, TwoByteEncoding>;

type EncodingId = keyof typeof ENCODINGS;

const tables = new Map<EncodingId, Map<string, readonly [number, number]>>();

/** Each character's two-byte pair in `id` (the first, or the last for `lastFor`), made once. */
function tableOf(id: EncodingId): Map<string, readonly [number, number]> {
  const cached = tables.get(id);
  if (cached !== undefined) return cached;
  const { label, leads, isTrail, lastFor }: TwoByteEncoding = ENCODINGS[id];
  const d = new TextDecoder(label);
  const t = new Map<string, readonly [number, number]>();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (!isTrail(trail)) continue;
      const ch = d.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && (!t.has(ch) || lastFor?.has(ch) === true)) t.set(ch, [lead, trail]);
    }
  }
  tables.set(id, t);
  return t;
}

/** `text` in the bytes of `id` (ASCII as itself); throws for a character the encoding lacks (a test bug). */
function encode(id: EncodingId, text: string): Uint8Array {
  const t = tableOf(id);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const pair = t.get(ch);
    if (pair === undefined) throw new Error(`not in ${ENCODINGS[id].name}: ${ch} (U+${cp.toString(16)})`);
    out.push(pair[0], pair[1]);
  }
  return Uint8Array.from(out);
}

/** `text` in GBK bytes (ASCII as itself); throws for a character GBK lacks (a test bug). */
export const encodeGbk = (text: string): Uint8Array => encode("gbk", text);

/** `text` in Big5 bytes (ASCII as itself); throws for a character Big5 lacks (a test bug). */
export const encodeBig5 = (text: string): Uint8Array => encode("big5", text);

/** 统一社会信用代码 in GBK, byte by byte from the GB2312 chart (row-cell + 0xA0A0). */
export const USCC_HEADER_GBK = Uint8Array.from([
  0xcd, 0xb3, 0xd2, 0xbb, 0xc9, 0xe7, 0xbb, 0xe1, 0xd0, 0xc5, 0xd3, 0xc3, 0xb4, 0xfa, 0xc2, 0xeb,
]);

/**
 * 統一社會信用代碼 (the Traditional spelling of 统一社会信用代码) in Big5, byte by byte from the
 * Big5 code chart (BIG5.TXT): 統 B2CE, 一 A440, 社 AAC0, 會 B77C, 信 AB48, 用 A5CE, 代 A54E, 碼 BD58.
 */
export const USCC_HEADER_BIG5 = Uint8Array.from([
  0xb2, 0xce, 0xa4, 0x40, 0xaa, 0xc0, 0xb7, 0x7c, 0xab, 0x48, 0xa5, 0xce, 0xa5, 0x4e, 0xbd, 0x58,
]);
