// Shared by this package's tests (not shipped: package.json ships dist and src only).
import type { CaseEvent } from "@sanxiang/core";
import { testEvent } from "@sanxiang/testkit/conformance";

/**
 * A case event carrying `note`: `case.filed` at seq 1, `case.noted` after, all at one instant —
 * the testkit's {@link testEvent} with that type and time.
 */
export const noteEvent = (caseId: string, seq: number, note: string): CaseEvent => ({
  ...testEvent(caseId, seq, { note }, seq === 1 ? "case.filed" : "case.noted"),
  at: "2026-03-10T02:00:00Z",
});
