// addWorkingDays against chinese-days' findWorkday on the same inputs, measured in one
// run so vitest prints the ratio (the target: ≥ 20×). No test asserts a time.
import { chinaCalendar, dayNumber, fromDayNumber } from "@sanxiang/core";
import chineseDays from "chinese-days";
import { afterAll, bench, describe } from "vitest";

const cal = chinaCalendar();

// Deterministic pseudo-random inputs (LCG), so every run measures the same work:
// start dates 2019-01-01..2026-10-31, 1..20 working days (the statutory range).
const INPUTS: { date: string; n: number }[] = [];
let seed = 20_260_101;
const next = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed;
};
const lo = dayNumber("2019-01-01");
const span = dayNumber("2026-10-31") - lo;
for (let i = 0; i < 200; i++) INPUTS.push({ date: fromDayNumber(lo + (next() % span)), n: 1 + (next() % 20) });

// Same answers first: a benchmark of two functions that disagree would be meaningless.
for (const { date, n } of INPUTS) {
  const ours = cal.addWorkingDays(date, n)._unsafeUnwrap();
  const theirs = chineseDays.findWorkday(n, date);
  if (ours !== theirs) throw new Error(`disagreement at ${date} + ${n}: ${ours} vs ${theirs}`);
}

// Results feed a sink so the JIT cannot drop the calls.
let sink = 0;

describe("n-th working day after a date (200 random inputs per op)", () => {
  bench("sanxiang addWorkingDays", () => {
    for (const { date, n } of INPUTS) {
      const r = cal.addWorkingDays(date, n);
      if (r.isOk()) sink += r.value.length;
    }
  });

  bench("chinese-days findWorkday (baseline)", () => {
    for (const { date, n } of INPUTS) sink += chineseDays.findWorkday(n, date).length;
  });

  afterAll(() => {
    if (sink <= 0) throw new Error("benchmarks produced no results");
  });
});
