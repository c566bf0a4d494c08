// The events the concurrency racers append, derived from (case, seq) alone. (The crash
// writer appends the published harness's crashEvent.)
import type { CaseEvent } from "@sanxiang/core";

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
