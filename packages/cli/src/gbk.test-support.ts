// Shared by the CLI's tests (not shipped: package.json excludes *.test-support.ts).
// A GBK encoder for tests, built from the two-byte half of GB18030 (lead 0x81–0xFE,
// trail 0x40–0xFE except 0x7F) by decoding every pair once. It is checked against bytes
// written by hand from the GB2312 code chart (统 CDB3, 一 D2BB …), so the tests do not
// trust the decoder they exercise to also produce their input.
import { TextDecoder } from "node:util";

let table: Map<string, readonly [number, number]> | undefined;

function gbkTable(): Map<string, readonly [number, number]> {
  if (table !== undefined) return table;
  const d = new TextDecoder("gb18030");
  const t = new Map<string, readonly [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = d.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !t.has(ch)) t.set(ch, [lead, trail]);
    }
  }
  table = t;
  return t;
}

/** `text` in GBK bytes (ASCII as itself); throws for a character GBK lacks (a test bug). */
export function encodeGbk(text: string): Uint8Array {
  const t = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const pair = t.get(ch);
    if (pair === undefined) throw new Error(`not in GBK: ${ch} (U+${cp.toString(16)})`);
    out.push(pair[0], pair[1]);
  }
  return Uint8Array.from(out);
}

/** 统一社会信用代码 in GBK, byte by byte from the GB2312 chart (row-cell + 0xA0A0). */
export const USCC_HEADER_GBK = Uint8Array.from([
  0xcd, 0xb3, 0xd2, 0xbb, 0xc9, 0xe7, 0xbb, 0xe1, 0xd0, 0xc5, 0xd3, 0xc3, 0xb4, 0xfa, 0xc2, 0xeb,
]);
