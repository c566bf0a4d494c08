// Shared by the CLI's tests (not shipped: package.json excludes *.test-support.ts).
// A Big5 encoder for tests — Node has a Big5 decoder (full ICU) but no encoder — built from
// the standard two-byte range of Big5 (lead 0xA1–0xF9, trail 0x40–0x7E and 0xA1–0xFE, without
// the HKSCS extensions below 0xA1) by decoding every pair once. It is checked against bytes
// written by hand from the Big5 code chart (the Unicode Consortium's BIG5.TXT mapping:
// 統 0xB2CE, 一 0xA440 …), so the tests do not trust the decoder they exercise to also
// produce their input.
import { TextDecoder } from "node:util";

let table: Map<string, readonly [number, number]> | undefined;

function big5Table(): Map<string, readonly [number, number]> {
  if (table !== undefined) return table;
  const d = new TextDecoder("big5");
  const t = new Map<string, readonly [number, number]>();
  for (let lead = 0xa1; lead <= 0xf9; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      const ch = d.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !t.has(ch)) t.set(ch, [lead, trail]);
    }
  }
  table = t;
  return t;
}

/** `text` in Big5 bytes (ASCII as itself); throws for a character Big5 lacks (a test bug). */
export function encodeBig5(text: string): Uint8Array {
  const t = big5Table();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const pair = t.get(ch);
    if (pair === undefined) throw new Error(`not in Big5: ${ch} (U+${cp.toString(16)})`);
    out.push(pair[0], pair[1]);
  }
  return Uint8Array.from(out);
}

/**
 * 統一社會信用代碼 (the Traditional spelling of 统一社会信用代码) in Big5, byte by byte from the
 * Big5 code chart (BIG5.TXT): 統 B2CE, 一 A440, 社 AAC0, 會 B77C, 信 AB48, 用 A5CE, 代 A54E, 碼 BD58.
 */
export const USCC_HEADER_BIG5 = Uint8Array.from([
  0xb2, 0xce, 0xa4, 0x40, 0xaa, 0xc0, 0xb7, 0x7c, 0xab, 0x48, 0xa5, 0xce, 0xa5, 0x4e, 0xbd, 0x58,
]);
