// 投影 — read models kept beside the event log: the deadline index, the disclosure queue,
// statistics. A projection is a pure function from one stored event to row writes; a store
// applies the writes in the same transaction as the event, so a projection row never
// describes an event that was not stored, and never misses one that was.
import { z } from "zod";
import type { CaseEvent } from "./case-event.js";

/**
 * 投影写入 — one change a projection makes to its rows (rows are keyed by `key` within the
 * projection):
 * - `put`: sets the row's `value` and `sortKey` (creating the row), keeping its `count`;
 * - `delete`: removes the row (nothing happens if there is none);
 * - `increment`: adds `by` to the row's `count` (creating the row with `value` `{}`).
 */
export type ProjectionWrite =
  | {
      /** Set the row. */
      readonly op: "put";
      /** Row key, unique within the projection. */
      readonly key: string;
      /** What range queries order and filter by (e.g. a due date); `null` for none. */
      readonly sortKey: string | null;
      /** The row's data (JSON). */
      readonly value: Readonly<Record<string, unknown>>;
    }
  | {
      /** Remove the row. */
      readonly op: "delete";
      /** Row key. */
      readonly key: string;
    }
  | {
      /** Add to the row's counter. */
      readonly op: "increment";
      /** Row key. */
      readonly key: string;
      /** Amount (a safe integer, may be negative). */
      readonly by: number;
    };

/**
 * 投影 — a named, versioned read model. `project` is pure and total: given any event (of
 * any procedure, including types it does not know) it returns the writes to make, usually
 * none. Change `version` whenever `project` changes what it writes: a store whose rows were
 * made by another version rebuilds the projection from the whole log.
 */
export interface Projection {
  /** Name, unique among a store's projections (`[a-z][a-z0-9-]*`). */
  readonly name: string;
  /** Version of `project`'s logic (a positive integer). */
  readonly version: number;
  /** The writes one stored event causes, in order. */
  project(event: CaseEvent): readonly ProjectionWrite[];
}

/** zod schema of a projection name. */
export const ProjectionNameSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "expected [a-z][a-z0-9-]*" });

/**
 * 投影行 — one row of a projection as a store returns it: key, sort key, value, counter, and
 * the global position of the last event that wrote it.
 */
export interface ProjectionRow {
  /** The projection's name. */
  readonly projection: string;
  /** Row key. */
  readonly key: string;
  /** Sort key, or `null`. */
  readonly sortKey: string | null;
  /** The row's data (`{}` for a pure counter). */
  readonly value: Readonly<Record<string, unknown>>;
  /** The counter (0 unless incremented). */
  readonly count: number;
  /** Global position of the last event that wrote the row. */
  readonly position: number;
}

/**
 * 投影查询 — a range query over one projection's rows, ordered by sort key (rows without
 * one last), then key; strings compare by Unicode code points — UTF-8 byte order, as SQLite's
 * default `BINARY` collation and PostgreSQL's `COLLATE "C"` do (never a locale's order).
 */
export interface ProjectionQuery {
  /** Only rows whose key starts with this. */
  readonly keyPrefix?: string;
  /** Only rows with a sort key ≥ this. */
  readonly sortKeyFrom?: string;
  /** Only rows with a sort key ≤ this. */
  readonly sortKeyTo?: string;
  /** At most this many rows (default 1 000, at most 10 000). */
  readonly limit?: number;
}

/** The default and largest `limit` of a {@link ProjectionQuery}. */
export const PROJECTION_QUERY_LIMIT = { default: 1_000, max: 10_000 } as const;

/** zod schema of a {@link ProjectionQuery}. */
export const ProjectionQuerySchema = z
  .object({
    keyPrefix: z.string().optional(),
    sortKeyFrom: z.string().optional(),
    sortKeyTo: z.string().optional(),
    limit: z.number().int().positive().max(PROJECTION_QUERY_LIMIT.max).optional(),
  })
  .strict();

/** A row write tagged with its projection, as {@link projectEvent} returns them. */
export interface TaggedProjectionWrite {
  /** The projection's name. */
  readonly projection: string;
  /** The write. */
  readonly write: ProjectionWrite;
}

/**
 * The writes every projection makes for one event, in projection order. A projection that
 * throws is a programmer error and is rethrown with the projection's name.
 */
export function projectEvent(projections: readonly Projection[], event: CaseEvent): TaggedProjectionWrite[] {
  const out: TaggedProjectionWrite[] = [];
  for (const p of projections) {
    let writes: readonly ProjectionWrite[];
    try {
      writes = p.project(event);
    } catch (cause) {
      throw new Error(`projection ${p.name} failed on ${event.caseId}#${event.seq}`, { cause });
    }
    for (const write of writes) out.push({ projection: p.name, write });
  }
  return out;
}

/**
 * Applies tagged writes to rows held in a map (`projection` → `key` → row): the reference
 * semantics every store implements, used by the in-memory store and by tests that check
 * an adapter's rows against it. A `put`'s value is stored as JSON would hand it back (a
 * copy through `JSON.stringify`), unless `copyValues` is `false`: then the value itself is
 * kept, and the caller makes that copy of the rows it reads (the verifier's replay, where
 * most rows are overwritten many times before they are read).
 */
export function applyProjectionWrites(
  rows: Map<string, Map<string, ProjectionRow>>,
  writes: readonly TaggedProjectionWrite[],
  position: number,
  options: { readonly copyValues?: boolean } = {},
): void {
  const copy = options.copyValues !== false;
  for (const { projection, write } of writes) {
    let table = rows.get(projection);
    if (table === undefined) {
      table = new Map();
      rows.set(projection, table);
    }
    const old = table.get(write.key);
    if (write.op === "delete") {
      table.delete(write.key);
    } else if (write.op === "put") {
      const value = (copy ? JSON.parse(JSON.stringify(write.value)) : write.value) as Record<string, unknown>;
      table.set(write.key, {
        projection,
        key: write.key,
        sortKey: write.sortKey,
        value,
        count: old?.count ?? 0,
        position,
      });
    } else {
      table.set(write.key, {
        projection,
        key: write.key,
        sortKey: old?.sortKey ?? null,
        value: old?.value ?? {},
        count: (old?.count ?? 0) + write.by,
        position,
      });
    }
  }
}

/** Compares two strings by Unicode code points (= UTF-8 byte order): -1, 0 or 1. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Orders and filters rows as {@link ProjectionQuery} specifies (the reference semantics). */
export function queryProjectionRows(rows: Iterable<ProjectionRow>, query: ProjectionQuery): ProjectionRow[] {
  const { keyPrefix, sortKeyFrom, sortKeyTo } = query;
  const limit = query.limit ?? PROJECTION_QUERY_LIMIT.default;
  const picked = [...rows].filter(
    (r) =>
      (keyPrefix === undefined || r.key.startsWith(keyPrefix)) &&
      (sortKeyFrom === undefined || (r.sortKey !== null && compareCodePoints(r.sortKey, sortKeyFrom) >= 0)) &&
      (sortKeyTo === undefined || (r.sortKey !== null && compareCodePoints(r.sortKey, sortKeyTo) <= 0)),
  );
  picked.sort((a, b) => {
    if (a.sortKey !== b.sortKey) {
      if (a.sortKey === null) return 1;
      if (b.sortKey === null) return -1;
      return compareCodePoints(a.sortKey, b.sortKey);
    }
    return compareCodePoints(a.key, b.key);
  });
  return picked.slice(0, limit);
}
