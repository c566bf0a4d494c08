import type { Clock, Instant } from "@sanxiang/core";

/**
 * 系统时钟 — the wall clock behind core's {@link Clock} port: the current time of this
 * machine, to the second, as an ISO-8601 UTC instant (`2026-12-07T08:30:00Z`). Core never
 * reads the wall clock; an application passes this to `createBureau({ clock: systemClock })`
 * (tests pass `manualClock` or `fixedClock` from `@sanxiang/core`). Exported by both event
 * stores, so an application gets it from the store it imports anyway.
 */
export const systemClock: Clock = {
  specificationVersion: 1,
  now: (): Instant => new Date(Date.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
};
