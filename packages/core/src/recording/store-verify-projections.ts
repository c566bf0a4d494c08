// 投影核验 — the projection half of verifyEventStore: replay the whole log through the
// store's own projection definitions (projectEvent + applyProjectionWrites, the reference
// semantics every store implements), then read every row the store holds and name each
// difference. A projection is only a cache of the log; a row that differs from the replay
// was changed outside an append — and `publish` builds the public site from such rows.
import { canonicalJson } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "./case-event.js";
import type { EventStore } from "./event-store.js";
import {
  applyProjectionWrites,
  compareCodePoints,
  PROJECTION_QUERY_LIMIT,
  type Projection,
  type ProjectionRow,
  projectEvent,
} from "./projection.js";

/**
 * 投影差异 — one row where the store and the replay of its log disagree:
 * - `altered`: both have the row, with another sort key, value, counter or position;
 * - `extra`: the store has a row the replay does not (inserted);
 * - `missing`: the replay has a row the store does not (deleted).
 */
export interface ProjectionDifference {
  /** The projection. */
  readonly projection: string;
  /** The row key. */
  readonly key: string;
  /** What differs. */
  readonly kind: "altered" | "extra" | "missing";
  /** The fields that differ, for `altered` (`sortKey`, `value`, `count`, `position`). */
  readonly fields?: readonly string[];
}

/** One projection compared with the replay: its name, version and the rows it holds. */
export interface ProjectionCheck {
  /** The projection's name. */
  readonly name: string;
  /** Its version (of `project`'s logic). */
  readonly version: number;
  /** Rows the replay produced (= rows the store holds, when it passed). */
  readonly rows: number;
}

/** At most this many differences are listed in an error's details (all are counted). */
export const PROJECTION_DIFFERENCES_LISTED = 100;

/** Replays events, in log order, into the rows every projection should hold. */
export class ProjectionReplay {
  private readonly rows = new Map<string, Map<string, ProjectionRow>>();

  constructor(private readonly projections: readonly Projection[]) {}

  /** Applies one stored event; a projection that throws is reported, not thrown. */
  apply(event: CaseEvent, position: number): Result<true, SanxiangError> {
    try {
      // Values kept as the projection wrote them; `table` copies the final rows as JSON would.
      applyProjectionWrites(this.rows, projectEvent(this.projections, event), position, { copyValues: false });
      return ok(true);
    } catch (cause) {
      return err(
        sanxiangError("STORE_CORRUPT", `重放第 ${position} 号事件时投影出错：该事件不是投影能处理的案件事件`, {
          details: { position, reason: cause instanceof Error ? cause.message : String(cause) },
          cause,
        }),
      );
    }
  }

  /**
   * The replayed rows of one projection (key → row), each value as JSON hands it back; a
   * value JSON cannot hold (a projection that wrote a BigInt, a cycle) is `STORE_CORRUPT`.
   */
  table(name: string): Result<Map<string, ProjectionRow>, SanxiangError> {
    const out = new Map<string, ProjectionRow>();
    for (const [key, row] of this.rows.get(name) ?? []) {
      try {
        out.set(key, { ...row, value: JSON.parse(JSON.stringify(row.value)) as ProjectionRow["value"] });
      } catch (cause) {
        return err(
          sanxiangError(
            "STORE_CORRUPT",
            `重放投影 ${name} 时出错：第 ${row.position} 号事件写入的行 ${key} 的值不能写成 JSON`,
            {
              details: { projection: name, key, position: row.position },
              cause,
            },
          ),
        );
      }
    }
    return ok(out);
  }
}

const sameValue = (a: ProjectionRow["value"], b: ProjectionRow["value"]): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

function changedFields(expected: ProjectionRow, actual: ProjectionRow): string[] {
  const fields: string[] = [];
  if (actual.projection !== expected.projection) fields.push("projection");
  if (actual.sortKey !== expected.sortKey) fields.push("sortKey");
  if (!sameValue(actual.value, expected.value)) fields.push("value");
  if (actual.count !== expected.count) fields.push("count");
  if (actual.position !== expected.position) fields.push("position");
  return fields;
}

/**
 * Reads every row of a projection, page by page, and hands each page to `visit`. Uses the
 * store's key cursor (`readProjectionRows`) when it has one: every row, sorted or not, in
 * bounded memory. Without it, `queryProjection` cannot page through rows that have no sort
 * key, so the rows are read in one query and a projection that fills it is refused
 * (`STORE_UNAVAILABLE`) rather than half-checked.
 */
async function forEachStoredRow(
  store: EventStore,
  name: string,
  visit: (rows: readonly ProjectionRow[]) => void,
): Promise<Result<true, SanxiangError>> {
  const limit = PROJECTION_QUERY_LIMIT.max;
  const cursor = store.readProjectionRows;
  if (typeof cursor !== "function") {
    const all = await store.queryProjection(name, { limit });
    if (all.isErr()) return err(all.error);
    if (all.value.length >= limit) {
      return err(
        sanxiangError(
          "STORE_UNAVAILABLE",
          `投影 ${name} 有 ${limit} 行以上，而该存储未提供按键分页读取（readProjectionRows）：无法读出全部行与重放比对`,
          { details: { projection: name, limit } },
        ),
      );
    }
    visit(all.value);
    return ok(true);
  }
  let afterKey: string | undefined;
  for (;;) {
    const page = await cursor.call(store, name, { limit, ...(afterKey === undefined ? {} : { afterKey }) });
    if (page.isErr()) return err(page.error);
    for (const row of page.value) {
      if (afterKey !== undefined && compareCodePoints(row.key, afterKey) <= 0) {
        return err(
          sanxiangError("STORE_CORRUPT", `投影 ${name} 的行未按键顺序返回（${row.key} 在 ${afterKey} 之后）`, {
            details: { projection: name, key: row.key, after: afterKey },
          }),
        );
      }
      afterKey = row.key;
    }
    visit(page.value);
    if (page.value.length < limit) return ok(true);
  }
}

/**
 * 核对投影 — compares every row of every projection the store maintains with the replay:
 * `ok` with one {@link ProjectionCheck} per projection when they agree, else
 * `PROJECTION_MISMATCH` whose `details.differences` lists the first
 * {@link PROJECTION_DIFFERENCES_LISTED} {@link ProjectionDifference}s and `details.total`
 * counts them all. Rows written after position `replayedTo` (appends during the run) are
 * not compared. Memory: the replayed rows (which the replay holds anyway) and one page.
 */
export async function compareProjections(
  store: EventStore,
  replay: ProjectionReplay,
  replayedTo: number,
): Promise<Result<readonly ProjectionCheck[], SanxiangError>> {
  const differences: ProjectionDifference[] = [];
  let total = 0;
  const note = (d: ProjectionDifference): void => {
    total++;
    if (differences.length < PROJECTION_DIFFERENCES_LISTED) differences.push(d);
  };
  const checks: ProjectionCheck[] = [];
  for (const p of store.projections) {
    const replayed = replay.table(p.name);
    if (replayed.isErr()) return err(replayed.error);
    const expected = replayed.value;
    const seen = new Set<string>();
    const read = await forEachStoredRow(store, p.name, (rows) => {
      for (const actual of rows) {
        if (seen.has(actual.key)) {
          note({ projection: p.name, key: actual.key, kind: "extra" });
          continue;
        }
        seen.add(actual.key);
        // Written by an append after the replayed part of the log: not this run's to judge.
        if (actual.position > replayedTo) continue;
        const want = expected.get(actual.key);
        if (want === undefined) {
          note({ projection: p.name, key: actual.key, kind: "extra" });
          continue;
        }
        const fields = changedFields(want, actual);
        if (fields.length > 0) note({ projection: p.name, key: actual.key, kind: "altered", fields });
      }
    });
    if (read.isErr()) return err(read.error);
    const missing = [...expected.keys()].filter((k) => !seen.has(k)).sort(compareCodePoints);
    for (const key of missing) note({ projection: p.name, key, kind: "missing" });
    checks.push({ name: p.name, version: p.version, rows: expected.size });
  }
  if (total > 0) {
    const first = differences[0] as ProjectionDifference;
    return err(
      sanxiangError(
        "PROJECTION_MISMATCH",
        `投影与事件日志的重放不一致：${total} 处差异，首处为投影 ${first.projection} 的行 ${first.key}（${DIFFERENCE_WORDS[first.kind]}）`,
        { details: { total, differences } },
      ),
    );
  }
  return ok(checks);
}

/** How a difference is said to an operator (Chinese). */
export const DIFFERENCE_WORDS: Readonly<Record<ProjectionDifference["kind"], string>> = {
  altered: "行被改动",
  extra: "多出的行：重放中没有",
  missing: "缺少的行：重放中有",
};
