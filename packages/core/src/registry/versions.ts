import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, CivilDateSchema } from "../kernel/time.js";

/**
 * 效力期间 — when a version of a record is in force: from `effectiveFrom` (inclusive) until
 * `effectiveUntil` (exclusive: the day it stops applying, usually the day the next version
 * or a repeal takes effect). The law in force at the date of the act applies
 * (行政处罚法 Art. 37), so every registry answers "as of a date".
 */
export const EffectiveSchema = z.object({
  /** First day in force. */
  effectiveFrom: CivilDateSchema,
  /** First day no longer in force; absent while still in force. */
  effectiveUntil: CivilDateSchema.optional(),
});
/** 效力期间 (see {@link EffectiveSchema}). */
export type Effective = z.infer<typeof EffectiveSchema>;

/** True when `version` is in force on `date`. */
export function inForce(version: Effective, date: CivilDate): boolean {
  return version.effectiveFrom <= date && (version.effectiveUntil === undefined || date < version.effectiveUntil);
}

/**
 * The version of a record in force on `date`, among versions of the same record; `undefined`
 * when none is. Versions must not overlap (see {@link checkVersions}).
 */
export function versionAt<T extends Effective>(versions: readonly T[], date: CivilDate): T | undefined {
  let found: T | undefined;
  for (const v of versions)
    if (inForce(v, date) && (found === undefined || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

/**
 * Checks the versions of one record: each ends after it begins, and no two overlap.
 * Returns `REGISTRY_CONFLICT` naming the record and the clashing dates.
 */
export function checkVersions<T extends Effective>(id: string, versions: readonly T[]): Result<true, SanxiangError> {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  for (const [i, v] of sorted.entries()) {
    if (v.effectiveUntil !== undefined && v.effectiveUntil <= v.effectiveFrom) {
      return err(
        sanxiangError("REGISTRY_CONFLICT", `${id}：失效日 ${v.effectiveUntil} 不晚于生效日 ${v.effectiveFrom}`, {
          details: { id, version: v },
        }),
      );
    }
    const next = sorted[i + 1];
    if (next !== undefined && (v.effectiveUntil === undefined || v.effectiveUntil > next.effectiveFrom)) {
      return err(
        sanxiangError(
          "REGISTRY_CONFLICT",
          `${id}：自 ${v.effectiveFrom} 起的版本与自 ${next.effectiveFrom} 起的版本效力期间重叠`,
          { details: { id, first: v, second: next } },
        ),
      );
    }
  }
  return ok(true);
}
