// 查封、扣押 at the end of a case (行政强制法 Arts. 25, 27, 28): a sealing or seizure lasts at
// most thirty days (+ thirty, Art. 25); within them the organ makes its handling decision —
// confiscate, destroy, or release (Art. 27) — and releases a measure no longer needed once it
// has handled the violation (Art. 28 para. 1 item 3). So no case ends with a measure still in
// force: `case.close` is refused naming the measure and citing Art. 27, and the machines
// themselves do not accept a `case.closed` while one is in force (the ordinary procedure's
// `settled` guard; the simplified and inspection procedures take no measure at all).
//
// The deadline index relies on it: a measure's period is keyed `<caseId>/coercion.seizure/<measureId>`,
// which the case-end events (keyed without a measure) do not delete. Over random command
// orders: the index holds a measure's row exactly while the measure is in force, and after
// every case-ending event it holds no row of the case at all.
import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import type { Actor } from "../../kernel/actors.js";
import { addDays } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import { checkTransferSent } from "../branches.js";
import type { PenaltyCommandInput } from "../commands.js";
import { decide } from "../decide.js";
import { type CaseState, evolve, initialCaseState } from "../fold.js";
import { INSPECTION_TRANSITIONS } from "../inspection/case.js";
import { penaltyMachine } from "../machine.js";
import { CASE_END_EVENTS, deadlinesProjection } from "../projections.js";
import { simplifiedMachine } from "../simplified/machine.js";
import { ctxAt, doc, fileCommand, headActor, officerActor, transcript } from "../test-fixtures.js";
import { SEIZURE_RULES } from "./rules.js";

const CASE = "p";
const MEASURE_ROW = `${CASE}/coercion.seizure/`;

interface Real {
  state: CaseState;
  events: CaseEvent[];
  day: string;
  /** The deadline index of the case: key → due date. */
  index: Map<string, string | null>;
}
type Model = Record<string, never>;

/** How often the walks met each situation (the properties are not vacuous). */
const stats = { closeRefusedForMeasure: 0, closedAfterMeasure: 0, endedWithIndex: 0 };

function apply(real: Real, events: readonly CaseEvent[]): void {
  for (const e of events) {
    real.state = evolve(real.state, e)._unsafeUnwrap();
    real.events.push(e);
    for (const w of deadlinesProjection.project(e)) {
      if (w.op === "put") real.index.set(w.key, w.sortKey);
      else if (w.op === "delete") real.index.delete(w.key);
    }
  }
}

const inForce = (s: CaseState): string[] =>
  Object.entries(s.context.measures)
    .filter(([, m]) => m.status === "inForce")
    .map(([id]) => id)
    .sort();

function checkInvariants(real: Real, appended: readonly CaseEvent[]): void {
  const open = inForce(real.state);
  // The machine never accepts a case end while a measure is in force (Arts. 27, 28).
  if (open.length > 0) {
    expect(real.state.snapshot.can({ type: "case.closed", at: `${real.day}T09:00:00Z` })).toBe(false);
  }
  if (real.state.value === "closed" || real.state.value === "archived") expect(open).toEqual([]);
  // The index holds a measure's period exactly while the measure is in force.
  const rows = [...real.index.keys()]
    .filter((k) => k.startsWith(MEASURE_ROW))
    .map((k) => k.slice(MEASURE_ROW.length))
    .sort();
  expect(rows).toEqual(open);
  // After any case-ending event, no row of the case is left.
  if (appended.some((e) => CASE_END_EVENTS.includes(e.type))) {
    expect([...real.index.keys()].filter((k) => k.startsWith(`${CASE}/`))).toEqual([]);
    stats.endedWithIndex += 1;
    if (Object.keys(real.state.context.measures).length > 0) stats.closedAfterMeasure += 1;
  }
}

/** Whether the case could close (transfer sent, machine accepting) were every measure of the case released. */
function closableButForMeasures(s: CaseState): boolean {
  if (checkTransferSent(s.context).isErr()) return false;
  const measures = Object.fromEntries(
    Object.entries(s.context.measures).map(([id, m]) => [id, { ...m, status: "released" as const }]),
  );
  const snapshot = penaltyMachine.resolveState({ value: s.value, context: { ...s.context, measures } });
  return snapshot.can({ type: "case.closed", at: "2025-03-03T00:00:00Z" });
}

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly cmd: PenaltyCommandInput,
    readonly actor: Actor,
    readonly advance: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(_model: Model, real: Real): void {
    real.day = addDays(real.day, this.advance);
    const now = `${real.day}T03:00:00Z`;
    const before = real.events.length;
    const r = decide(real.state, withAt(this.cmd, now), ctxAt(now, this.actor));
    if (r.isErr()) {
      expect(real.events.length).toBe(before);
      const art27 = r.error.source?.law === "行政强制法" && r.error.source.article === 27;
      if (this.cmd.type === "case.close" && art27) {
        // Refused naming exactly the measures in force, citing 行政强制法 Art. 27.
        expect(r.error.code).toBe("COMMAND_NOT_ALLOWED");
        expect(r.error.source).toEqual(SEIZURE_RULES.handlingInPeriod.source);
        expect([...((r.error.details?.measures as string[] | undefined) ?? [])].sort()).toEqual(inForce(real.state));
        stats.closeRefusedForMeasure += 1;
      }
      // A close refused on a closable state with a measure in force is refused for it.
      if (this.cmd.type === "case.close" && inForce(real.state).length > 0 && closableButForMeasures(real.state)) {
        expect(art27).toBe(true);
      }
      checkInvariants(real, []);
      return;
    }
    apply(real, r.value);
    checkInvariants(real, r.value);
  }
  toString(): string {
    const c = this.cmd;
    const what = c.type === "coercion.act" ? `${c.measureId}:${c.seizure.type}` : c.type;
    return `${what}(${this.actor.id},+${this.advance}d)`;
  }
}

const executeRecords = [
  transcript("st"),
  doc("sd"),
  { id: "sv", kind: "video" as const, wholeProcess: true, startedAt: "", endedAt: "" },
];

/** Fills the seizure step's times (and its video's) with the act's time. */
function withAt(cmd: PenaltyCommandInput, now: string): PenaltyCommandInput {
  if (cmd.type !== "coercion.act") return cmd;
  const seizure = { ...cmd.seizure, at: now };
  if (seizure.type === "seizure.execute") {
    seizure.records = (seizure.records ?? []).map((r) =>
      r.kind === "video" ? { ...r, startedAt: now, endedAt: now } : r,
    );
  }
  return { ...cmd, seizure };
}

type SeizureKind = "approve" | "execute" | "executeEmergency" | "extend" | "confiscate" | "handOver" | "release";
const KINDS: readonly SeizureKind[] = [
  "approve",
  "execute",
  "executeEmergency",
  "extend",
  "confiscate",
  "handOver",
  "release",
];

function seizureCommand(measureId: string, kind: SeizureKind): PenaltyCommandInput {
  const measure = { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] };
  const seizure = (() => {
    switch (kind) {
      case "approve":
        return { type: "seizure.approve" as const, at: "", approverId: "h", measure };
      case "execute":
      case "executeEmergency":
        return {
          type: "seizure.execute" as const,
          at: "",
          emergency: kind === "executeEmergency",
          officerIds: ["a", "b"],
          items: ["物品"],
          records: executeRecords,
        };
      case "extend":
        return { type: "seizure.extend" as const, at: "", approverId: "h", reason: "情况复杂", records: [doc("ext")] };
      case "confiscate":
        return { type: "seizure.handle" as const, at: "", outcome: "confiscate" as const, records: [doc("hd")] };
      case "handOver":
        return { type: "seizure.handle" as const, at: "", outcome: "transfer" as const, records: [doc("tr")] };
      case "release":
        return { type: "seizure.release" as const, at: "", ground: "noLongerNeeded" as const, records: [doc("rl")] };
    }
  })();
  return { type: "coercion.act", measureId, seizure };
}

const headKinds = new Set<SeizureKind>(["approve", "extend"]);
const advance = fc.integer({ min: 0, max: 12 });
const step = (cmd: fc.Arbitrary<PenaltyCommandInput>, actor: Actor) =>
  fc.tuple(cmd, advance).map(([c, d]) => new Step(c, actor, d));

const coercionStep = fc
  .tuple(fc.constantFrom("m1", "m2"), fc.constantFrom(...KINDS), advance)
  .map(([m, k, d]) => new Step(seizureCommand(m, k), headKinds.has(k) ? headActor : officerActor, d));

const commands = [
  step(fc.constant<PenaltyCommandInput>(fileCommand), officerActor),
  step(
    fc.constant<PenaltyCommandInput>({
      type: "investigation.record",
      actionId: "inq",
      action: "inquiry",
      records: [transcript("t")],
    }),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "investigation.close", facts: "事实" }), officerActor),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "case.decide", outcome: "noPenaltyMinor" },
      { type: "case.decide", outcome: "transfer" },
      { type: "case.decide", outcome: "penalty", penalty: { kinds: ["warning"] }, records: [doc("d")] },
    ),
    headActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({
      type: "notice.serve",
      penalty: { kinds: ["warning"] },
      facts: "事实",
      basis: ["依据"],
      records: [doc("n")],
    }),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "defence.waive", records: [doc("w")] }), officerActor),
  step(
    fc.constant<PenaltyCommandInput>({
      type: "transfer.report",
      facts: "涉嫌犯罪",
      officerIds: ["a", "b"],
      records: [doc("rep")],
    }),
    officerActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({ type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }),
    officerActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({ type: "decision.serve", method: "direct", records: [doc("r")] }),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "case.close" }), headActor),
  step(fc.constant<PenaltyCommandInput>({ type: "case.archive", records: [doc("f")] }), officerActor),
  coercionStep,
  coercionStep,
  coercionStep,
];

const S = (cmd: PenaltyCommandInput, actor: Actor, days = 0) => new Step(cmd, actor, days);
const M = (m: string, k: SeizureKind, days = 0) =>
  new Step(seizureCommand(m, k), headKinds.has(k) ? headActor : officerActor, days);
/** Scripted walks run first: a measure in force at every closable state, then handled and the case ended. */
const scripts: Step[][] = [
  // Not punished: close refused while m1 is in force, released, closed, archived.
  [
    S(fileCommand, officerActor),
    M("m1", "approve"),
    M("m1", "execute"),
    S({ type: "investigation.close", facts: "事实" }, officerActor, 1),
    S({ type: "case.decide", outcome: "noPenaltyMinor" }, headActor, 1),
    S({ type: "case.close" }, headActor),
    M("m1", "release"),
    S({ type: "case.close" }, headActor),
    S({ type: "case.archive", records: [doc("f")] }, officerActor),
  ],
  // A warning served: an emergency measure and an approved one; close refused until both are handled.
  [
    S(fileCommand, officerActor),
    M("m1", "executeEmergency"),
    M("m2", "approve"),
    M("m2", "execute"),
    S({ type: "investigation.close", facts: "事实" }, officerActor, 1),
    S(
      { type: "notice.serve", penalty: { kinds: ["warning"] }, facts: "事实", basis: ["依据"], records: [doc("n")] },
      officerActor,
    ),
    S({ type: "defence.waive", records: [doc("w")] }, officerActor),
    S({ type: "case.decide", outcome: "penalty", penalty: { kinds: ["warning"] }, records: [doc("d")] }, headActor),
    S({ type: "decision.serve", method: "direct", records: [doc("r")] }, officerActor),
    S({ type: "case.close" }, headActor),
    M("m1", "approve"),
    M("m1", "confiscate"),
    S({ type: "case.close" }, headActor),
    M("m2", "extend", 20),
    S({ type: "case.close" }, headActor, 20),
    M("m2", "release", 1),
    S({ type: "case.close" }, headActor),
  ],
  // Transferred: the measure goes with the case (Art. 21), then the transfer is sent and the case closed.
  [
    S(fileCommand, officerActor),
    M("m1", "approve"),
    M("m1", "execute"),
    S({ type: "transfer.report", facts: "涉嫌犯罪", officerIds: ["a", "b"], records: [doc("rep")] }, officerActor),
    S({ type: "investigation.close", facts: "事实" }, officerActor, 1),
    S({ type: "case.decide", outcome: "transfer" }, headActor),
    S({ type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }, officerActor),
    S({ type: "case.close" }, headActor),
    M("m1", "handOver"),
    S({ type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }, officerActor),
    S({ type: "case.close" }, headActor),
  ],
];

afterAll(() => {
  expect(stats.closeRefusedForMeasure).toBeGreaterThan(0);
  expect(stats.closedAfterMeasure).toBeGreaterThan(0);
  expect(stats.endedWithIndex).toBeGreaterThan(0);
});

describe("行政强制法 Arts. 25, 27, 28: no case ends with a 查封、扣押 in force", () => {
  test.prop([fc.commands(commands, { maxCommands: 60, size: "max" })], {
    numRuns: 150,
    examples: scripts.map((s): [Step[]] => [s]),
  })(
    "any command order: case.close refused (Art. 27) and the machine closed while a measure is in force; the index holds a measure's row exactly while it is in force, and nothing of the case after it ends",
    (cmds) => {
      fc.modelRun(
        () => ({
          model: {},
          real: { state: initialCaseState(CASE), events: [], day: "2025-03-03", index: new Map() },
        }),
        cmds,
      );
    },
    60_000,
  );

  test("the refusal names the measure and changes nothing; the machine refuses a case.closed event too", () => {
    const real: Real = { state: initialCaseState(CASE), events: [], day: "2025-03-03", index: new Map() };
    for (const s of scripts[0]?.slice(0, 5) ?? []) s.run({}, real);
    expect(real.state.value).toBe("decided");
    const r = decide(real.state, { type: "case.close" }, ctxAt(`${real.day}T05:00:00Z`, headActor));
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toEqual({ law: "行政强制法", article: 27, confidence: "C-law" });
    expect(e.message).toContain("m1");
    expect(e.message).toContain("第二十八条");
    // A case.closed written past the decider does not fold (the stream would break the procedure).
    const forged: CaseEvent = {
      caseId: CASE,
      seq: real.state.version + 1,
      type: "case.closed",
      at: `${real.day}T05:00:00Z`,
      actor: { id: "h", roles: ["head"] },
      stage: "closing",
      payload: { at: `${real.day}T05:00:00Z` },
    };
    expect(evolve(real.state, forged)._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect([...real.index.keys()]).toContain(`${MEASURE_ROW}m1`);
  });

  test("the simplified and inspection procedures take no coercive measure: nothing of one can be open at their end", () => {
    for (const [name, node] of Object.entries(simplifiedMachine.states)) {
      expect(node.ownEvents.map(String), name).not.toContain("coercion.acted");
    }
    expect(Object.keys(INSPECTION_TRANSITIONS)).not.toContain("coercion.acted");
  });
});
