import { PENALTY_STATE_NAMES, REVIEW_STATE_NAMES, STATUTORY_PERIODS } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { PENALTY_STATE_EN, PERIOD_EN, REVIEW_STATE_EN } from "./english.js";

// `--lang en` (issue 16): every state and every statutory period core names in Chinese has its
// English name, so the English demo and commands never fall back to an id or to Chinese.

describe("the CLI's English names", () => {
  it("every statutory period of the table (calendar/periods) has an English name", () => {
    const missing = STATUTORY_PERIODS.filter((p) => PERIOD_EN[p.id] === undefined).map((p) => `${p.id} ${p.name}`);
    expect(missing).toEqual([]);
  });

  it("every case and review state has one, distinct within its machine", () => {
    expect(Object.keys(PENALTY_STATE_EN).sort()).toEqual(Object.keys(PENALTY_STATE_NAMES).sort());
    expect(Object.keys(REVIEW_STATE_EN).sort()).toEqual(Object.keys(REVIEW_STATE_NAMES).sort());
    for (const names of [PENALTY_STATE_EN, REVIEW_STATE_EN]) {
      expect(new Set(Object.values(names)).size).toBe(Object.values(names).length);
    }
  });
});
