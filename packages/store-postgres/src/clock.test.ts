import { isInstant } from "@sanxiang/core";
import { describe, expect, it, vi } from "vitest";
import { systemClock } from "./index.js";

describe("systemClock (系统时钟)", () => {
  it("reads this machine's time, to the second, as a UTC instant the kernel accepts", () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-07T08:30:05.999Z") });
    try {
      expect(systemClock.now()).toBe("2026-12-07T08:30:05Z");
      vi.setSystemTime(Date.parse("2027-01-01T00:00:00.000Z"));
      expect(systemClock.now()).toBe("2027-01-01T00:00:00Z");
    } finally {
      vi.useRealTimers();
    }
    const now = systemClock.now();
    expect(isInstant(now)).toBe(true);
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(2_000);
    expect(systemClock.specificationVersion).toBe(1);
  });
});
