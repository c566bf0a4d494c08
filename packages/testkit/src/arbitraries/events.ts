import type { CaseEvent } from "@sanxiang/core";
import fc from "fast-check";
import { type OrdinaryCaseOptions, ordinaryCaseCommands, runCaseScript } from "./ordinary.js";
import { bureau, withProbability } from "./people.js";

/** Options of {@link caseEvents}: those of {@link ordinaryCaseCommands}, and a cap on length. */
export interface CaseEventsOptions extends OrdinaryCaseOptions {
  /** Most events in the stream (default unlimited); a longer stream is cut (a prefix of a real stream is one too). */
  readonly maxEvents?: number;
}

function cut(events: readonly CaseEvent[], max: number | undefined): CaseEvent[] {
  return max === undefined ? [...events] : events.slice(0, Math.max(0, max));
}

/**
 * 案件事件流 — the events of one ordinary penalty case, produced by running an
 * {@link ordinaryCaseCommands} script through core's `decide` and `evolve`: a real stream
 * that `foldEvents` folds, with `seq` 1 … n, every event passing `CaseEventSchema` and the
 * procedure's event schema. Empty only when `invalidShare` noise refuses the filing.
 */
export function caseEvents(options: CaseEventsOptions = {}): fc.Arbitrary<CaseEvent[]> {
  return ordinaryCaseCommands(options).map((script) => cut(runCaseScript(script).events, options.maxEvents));
}

/** A closed range of counts. */
export interface CountRange {
  /** Fewest (inclusive). */
  readonly min: number;
  /** Most (inclusive). */
  readonly max: number;
}

/** Options of {@link caseEventStreams}. */
export interface CaseEventStreamsOptions extends Omit<OrdinaryCaseOptions, "caseId" | "bureau"> {
  /** How many cases (streams): exactly this many, or a range (default 1 … 5). */
  readonly cases?: number | CountRange;
  /** Most events per case (default unlimited: a happy path has 7 … 25); longer streams are cut. */
  readonly maxEventsPerCase?: number;
  /**
   * Share (0 … 1) of streams cut at a random point, so that open cases in every state
   * appear too (default 0: every stream as long as `maxEventsPerCase` allows).
   */
  readonly partialShare?: number;
  /** Prefix of the case ids: `<prefix>-1`, `<prefix>-2` … (default `case`). */
  readonly caseIdPrefix?: string;
}

/**
 * 多案件事件流 — the event streams of several cases of one generated bureau, one array per
 * case (case ids `case-1`, `case-2` …, distinct): each a real stream produced by core's
 * decider from an {@link ordinaryCaseCommands} script, `seq` 1 … n, folding without error,
 * at most `maxEventsPerCase` long and never empty. Concatenated in any order that keeps each
 * case's own order, they form a log `verifyLog` accepts. For store conformance suites and
 * benchmarks; deterministic given the fast-check seed.
 */
export function caseEventStreams(options: CaseEventStreamsOptions = {}): fc.Arbitrary<CaseEvent[][]> {
  const range =
    typeof options.cases === "number"
      ? { min: options.cases, max: options.cases }
      : (options.cases ?? { min: 1, max: 5 });
  if (!Number.isInteger(range.min) || range.min < 0 || range.max < range.min) {
    throw new RangeError(`caseEventStreams: invalid cases ${range.min} … ${range.max}`);
  }
  const max = options.maxEventsPerCase;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`caseEventStreams: maxEventsPerCase must be a positive integer, got ${max}`);
  }
  const prefix = options.caseIdPrefix ?? "case";
  const partial = withProbability(options.partialShare ?? 0, "partialShare");
  const { cases: _c, maxEventsPerCase: _m, partialShare: _p, caseIdPrefix: _x, ...rest } = options;
  return fc.tuple(bureau(), fc.integer(range)).chain(([b, n]) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc
          .tuple(ordinaryCaseCommands({ ...rest, bureau: b, caseId: `${prefix}-${i + 1}` }), partial, fc.nat())
          .map(([script, isPartial, at]) => {
            const events = runCaseScript(script).events;
            const limit = Math.min(events.length, max ?? events.length);
            // Never empty: extra commands before the filing change nothing unless one files the case itself.
            return cut(events, isPartial && limit > 1 ? 1 + (at % limit) : limit);
          }),
      ),
    ),
  );
}
