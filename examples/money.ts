// Money is integer fen (分): parsed from strings, never from floats, printed in the
// upper-case form that decisions carry.
import assert from "node:assert/strict";
import { formatYuan, parseYuan, percentOf, toChineseUppercase } from "@sanxiang/core";

const fine = parseYuan("12,000")._unsafeUnwrap();
assert.equal(fine, 1_200_000);
console.log(`¥${formatYuan(fine)} = ${toChineseUppercase(fine)}`);

// 行政处罚法 Art. 72: a late-payment surcharge of 3% of the fine per day (300 basis points).
const perDay = percentOf(fine, 300, "down")._unsafeUnwrap();
assert.equal(perDay, 36_000);
console.log(`surcharge per day: ¥${formatYuan(perDay)} (${toChineseUppercase(perDay)})`);

// Bad input is a coded error, never a NaN.
const bad = parseYuan("12.345");
assert.ok(bad.isErr());
console.log("12.345 yuan:", bad.error.code);
