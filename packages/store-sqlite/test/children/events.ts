// The events the child writers append, derived from (case, seq) alone: the parent test
// recomputes exactly what an acknowledged line stands for and compares it with what the
// store holds after the child was killed.
import type { CaseEvent } from "@sanxiang/core";

/** The cases the crash writer spreads its appends over. */
export const CRASH_CASES = ["crash-a", "crash-b", "crash-c", "crash-d", "crash-e"] as const;

/** The event `seq` of `caseId` as every child writes it (payload drives the conformance projection). */
export function childEvent(caseId: string, seq: number, extra: Record<string, unknown> = {}): CaseEvent {
  return {
    caseId,
    seq,
    type: seq % 7 === 0 ? "test.removed" : "test.recorded",
    at: new Date(Date.UTC(2025, 2, 3, 1, 0, 0) + seq * 60_000).toISOString(),
    actor: { id: "officer-1", roles: ["officer"] },
    stage: "investigation",
    payload: {
      key: `${caseId}/${seq % 5}`,
      sortKey: `2025-03-${String((seq % 28) + 1).padStart(2, "0")}`,
      note: `现场检查笔录第 ${seq} 页：当事人在场，执法人员出示证件。`,
      ...extra,
    },
  };
}

/** A small deterministic generator (mulberry32) so a trial's choices follow from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
