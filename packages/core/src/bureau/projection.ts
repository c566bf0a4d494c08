// 案件清单投影 — the bureau's list of cases: one row per case stream, written by the event that
// opens it (立案, 当场处罚, 检查立项) and refreshed by every later event of the stream, so the
// list shows each case's procedure, party, filing day and last step without folding a case.

import { defaultProjections } from "../enforcement/projections.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { Projection, ProjectionWrite } from "../recording/projection.js";

/** The name of the bureau's case list projection. */
export const CASES_PROJECTION = "bureau-cases";

/** 程序 — the procedure a case stream follows, read from the event that opens it. */
export type BureauProcedure = "ordinary" | "simplified" | "inspection";

/** The event type that opens a case of each procedure. */
const OPENING_EVENTS: ReadonlyMap<string, BureauProcedure> = new Map([
  ["case.filed", "ordinary"],
  ["onSpot.decided", "simplified"],
  ["inspection.opened", "inspection"],
]);

/** The procedure a case stream follows when `type` is its first event's type (`undefined`: not an opening event). */
export function procedureOpenedBy(type: string): BureauProcedure | undefined {
  return OPENING_EVENTS.get(type);
}

// Streams that are not cases: legal reviews, disclosures and the form register write
// events of these families; the case stream's own `review.approved` is a case event.
function isCaseEvent(e: CaseEvent): boolean {
  if (e.type === "review.approved") return true;
  return !(e.type.startsWith("review.") || e.type.startsWith("disclosure.") || e.type.startsWith("form."));
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * 案件清单 — two row families per case, both keyed by the case id:
 * - `open/<caseId>` (sort key: the filing instant): procedure, party name and kind, category,
 *   region and body, written by the opening event;
 * - `last/<caseId>` (sort key: the last act's instant): the last event's type, `seq` and time,
 *   written by every event of a case stream.
 */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  version: 1,
  project(event) {
    if (!isCaseEvent(event)) return [];
    const writes: ProjectionWrite[] = [];
    const procedure = procedureOpenedBy(event.type);
    if (procedure !== undefined && event.seq === 1) {
      const p = event.payload;
      const party = typeof p.party === "object" && p.party !== null ? (p.party as Record<string, unknown>) : {};
      const name = text(party.name) ?? text(p.entityName);
      writes.push({
        op: "put",
        key: `open/${event.caseId}`,
        sortKey: event.at,
        value: {
          caseId: event.caseId,
          procedure,
          filedAt: event.at,
          ...(name === undefined ? {} : { partyName: name }),
          ...(text(party.kind) === undefined ? {} : { partyKind: text(party.kind) }),
          ...(text(p.uscc) === undefined ? {} : { uscc: text(p.uscc) }),
          ...(text(p.category) === undefined ? {} : { category: text(p.category) }),
          ...(text(p.regionCode) === undefined ? {} : { regionCode: text(p.regionCode) }),
          ...(text(p.bodyId) === undefined ? {} : { bodyId: text(p.bodyId) }),
        },
      });
    }
    writes.push({
      op: "put",
      key: `last/${event.caseId}`,
      sortKey: event.at,
      value: { caseId: event.caseId, type: event.type, seq: event.seq, at: event.at },
    });
    return writes;
  },
};

/**
 * 局用投影 — the projections a store behind {@link createBureau} keeps: sanxiang's defaults
 * (deadline index, disclosure queue, statistics, public disclosures) and the bureau's case
 * list ({@link casesProjection}). Open the store with them (`memoryEventStore({ projections:
 * bureauProjections() })`, `openSqliteStore({ path, projections: bureauProjections() })`).
 */
export function bureauProjections(): readonly Projection[] {
  return [...defaultProjections(), casesProjection];
}
