// 测试事件与测试投影 — the fixtures of the event-store conformance suite that an adapter's own
// tests use as well: valid test events and the suite's test projection.
import type { CaseEvent, Projection } from "@sanxiang/core";

/**
 * 测试投影 — a projection the suite installs beside the defaults: it exercises every write
 * kind and the code-point ordering of keys (`put`, `increment`, `delete`, keys and sort keys
 * with characters beyond the BMP, which a locale collation or UTF-16 order would misplace).
 */
export const conformanceProjection: Projection = {
  name: "conformance",
  version: 1,
  project(event) {
    const p = event.payload;
    const key = typeof p.key === "string" ? p.key : `${event.caseId}`;
    if (event.type === "test.removed") return [{ op: "delete", key }];
    return [
      {
        op: "put",
        key,
        sortKey: typeof p.sortKey === "string" ? p.sortKey : null,
        value: { seq: event.seq, type: event.type },
      },
      { op: "increment", key: `count/${event.caseId}`, by: 1 },
    ];
  },
};

const BASE_INSTANT = Date.UTC(2025, 2, 3, 1, 0, 0);

/** A valid {@link CaseEvent} envelope for tests (`payload` as given). */
export function testEvent(
  caseId: string,
  seq: number,
  payload: Record<string, unknown> = {},
  type = "test.recorded",
): CaseEvent {
  return {
    caseId,
    seq,
    type,
    at: new Date(BASE_INSTANT + seq * 60_000).toISOString(),
    actor: { id: "officer-1", roles: ["officer"] },
    stage: "investigation",
    payload,
  };
}

/** `count` test events for a case, continuing from `from` (the stream's version). */
export function testEvents(
  caseId: string,
  from: number,
  count: number,
  payload: (seq: number) => Record<string, unknown> = () => ({}),
): CaseEvent[] {
  return Array.from({ length: count }, (_, i) => testEvent(caseId, from + i + 1, payload(from + i + 1)));
}
