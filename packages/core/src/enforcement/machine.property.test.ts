// Model-based property test of the ordinary procedure: random command sequences (valid and
// invalid, by the right and the wrong roles, in any order) against decide + evolve.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { addDays, civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, foldEvents, initialCaseState, penaltyEventOf } from "./fold.js";
import { decisionDraftHash } from "./guards.js";
import { heavierThan, type Penalty } from "./penalty.js";
import {
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  officerActor,
  reviewerActor,
  transcript,
} from "./test-fixtures.js";

interface Model {
  /** Number of accepted commands. */
  accepted: number;
}
interface Real {
  state: CaseState;
  events: CaseEvent[];
  day: string;
}

const PENALTIES: Penalty[] = [
  { kinds: ["warning"] },
  { kinds: ["fine"], fineFen: 100_000 },
  { kinds: ["warning", "fine"], fineFen: 500_000 },
  { kinds: ["fine"], fineFen: 5_000_000 },
  { kinds: ["revokeLicence"] },
];

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly cmd: PenaltyCommandInput,
    readonly actor: Actor,
    readonly advance: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.day = addDays(real.day, this.advance);
    const now = `${real.day}T03:00:00Z`;
    const before = JSON.stringify([real.state.value, real.state.context, real.state.version]);
    const r = decide(real.state, this.cmd, ctxAt(now, this.actor));
    if (r.isErr()) {
      // A refusal changes nothing, and is always a coded error.
      expect(JSON.stringify([real.state.value, real.state.context, real.state.version])).toBe(before);
      expect(r.error.code).toMatch(/^[A-Z_]+$/);
      return;
    }
    for (const e of r.value) real.state = evolve(real.state, e)._unsafeUnwrap();
    real.events.push(...r.value);
    model.accepted += 1;
    // State always equals the fold of the events.
    const folded = foldEvents(real.state.caseId, real.events)._unsafeUnwrap();
    expect(folded.value).toBe(real.state.value);
    expect(folded.context).toEqual(real.state.context);
    expect(folded.version).toBe(real.events.length);
    checkInvariants(real);
  }
  toString(): string {
    return `${this.cmd.type}(${this.actor.roles.join(",")},+${this.advance}d)`;
  }
}

function checkInvariants(real: Real): void {
  const events = real.events.map((e) => penaltyEventOf(e)._unsafeUnwrap());
  let noticeOrWaiver = false;
  let cap: Penalty | undefined;
  let notice: Penalty | undefined;
  let hearingPending = false;
  for (const e of events) {
    if (e.type === "notice.served") {
      noticeOrWaiver = true;
      notice = e.penalty;
      hearingPending = false;
    }
    if (e.type === "defence.waived") noticeOrWaiver = true;
    if ((e.type === "defence.received" || e.type === "hearing.held") && cap === undefined) cap = notice;
    if (e.type === "hearing.requested") hearingPending = true;
    if (e.type === "hearing.held") hearingPending = false;
    if (e.type === "case.decided" && e.penalty !== undefined) {
      // Arts. 44, 62: no penalty decision without a served notice or a written waiver.
      expect(noticeOrWaiver).toBe(true);
      // Art. 45: never heavier than the notice in force at the first defence.
      if (cap !== undefined) expect(heavierThan(e.penalty, cap)).toEqual([]);
      // Art. 65: never before a requested hearing.
      expect(hearingPending).toBe(false);
    }
  }
  // Every deadline in context is an absolute date on a working day (working-day periods end
  // on one; calendar periods roll over to one).
  for (const d of Object.values(real.state.context.deadlines)) {
    if (d === undefined || d.ruleId.startsWith("penalty.limitation")) continue;
    expect(calendar.isWorkingDay(d.due)._unsafeUnwrap()).toBe(true);
  }
}

const actorFor = (right: Actor): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(right) },
    { weight: 1, arbitrary: fc.constantFrom(officerActor, headActor, reviewerActor) },
  );
const penaltyArb = fc.constantFrom(...PENALTIES);
const advance = fc.integer({ min: 0, max: 4 });
const step = (cmd: fc.Arbitrary<PenaltyCommandInput>, right: Actor) =>
  fc.tuple(cmd, actorFor(right), advance).map(([c, a, d]) => new Step(c, a, d));

const commands = [
  step(
    fc.constantFrom<PenaltyCommandInput>(
      fileCommand,
      { ...fileCommand, officerIds: ["a", "c"] },
      { ...fileCommand, actDate: "2022-01-01" },
    ),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "officers.assign", officerIds: ["a", "b"] },
      { type: "officers.assign", officerIds: ["c"] },
    ),
    officerActor,
  ),
  step(
    fc.tuple(fc.nat(99), fc.boolean()).map(
      ([n, withRecord]): PenaltyCommandInput => ({
        type: "investigation.record",
        actionId: `inq-${n}`,
        action: "inquiry",
        records: withRecord ? [transcript(`t-${n}`)] : [],
      }),
    ),
    officerActor,
  ),
  step(
    fc
      .record({ reviewRequired: fc.boolean(), complexOrMajor: fc.boolean() })
      .map((f): PenaltyCommandInput => ({ type: "investigation.close", facts: "事实", ...f })),
    officerActor,
  ),
  step(
    penaltyArb.map(
      (penalty): PenaltyCommandInput => ({
        type: "notice.serve",
        penalty,
        facts: "事实",
        basis: ["依据"],
        records: [doc("n")],
      }),
    ),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "defence.receive", statement: "申辩" }), officerActor),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "defence.waive", records: [doc("w")] },
      { type: "defence.waive", records: [] },
    ),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "hearing.request" }), officerActor),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "hearing.hold", presiderId: "p", records: [transcript("h")] },
      { type: "hearing.hold", presiderId: "a", records: [transcript("h")] },
    ),
    officerActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({ type: "discussion.hold", participants: ["h"], conclusion: "同意" }),
    headActor,
  ),
  step(
    penaltyArb.map(
      (penalty): PenaltyCommandInput => ({
        type: "review.approve",
        draftHash: decisionDraftHash({ outcome: "penalty", penalty }),
      }),
    ),
    reviewerActor,
  ),
  step(
    fc.oneof(
      penaltyArb.map(
        (penalty): PenaltyCommandInput => ({ type: "case.decide", outcome: "penalty", penalty, records: [doc("d")] }),
      ),
      fc.constantFrom<PenaltyCommandInput>(
        { type: "case.decide", outcome: "noPenaltyMinor" },
        { type: "case.decide", outcome: "transfer" },
      ),
    ),
    headActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "decision.serve", method: "direct", records: [doc("r")] },
      { type: "decision.serve", method: "leaving", records: [] },
    ),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "payment.record", amountFen: 100_000 },
      { type: "payment.record", amountFen: 500_000 },
    ),
    officerActor,
  ),
  step(fc.constant<PenaltyCommandInput>({ type: "case.close" }), headActor),
  step(fc.constant<PenaltyCommandInput>({ type: "case.archive", records: [doc("f")] }), officerActor),
];

/** Half the runs start unfiled, half from a filed case, so that random orders reach the later states. */
let runs = 0;
function filedCase(): Real {
  runs += 1;
  const real: Real = { state: initialCaseState("p"), events: [], day: "2025-03-03" };
  if (runs % 2 === 0) return real;
  const events = decide(real.state, fileCommand, ctxAt("2025-03-03T03:00:00Z"))._unsafeUnwrap();
  real.state = evolve(real.state, events[0] as CaseEvent)._unsafeUnwrap();
  real.events.push(...events);
  return real;
}

// Steps that move the case forward appear twice, so random sequences get far.
const weighted = [
  ...commands,
  ...commands.slice(3, 5),
  commands[11] as (typeof commands)[number],
  ...commands.slice(12, 16),
];

test.prop([fc.commands(weighted, { maxCommands: 80, size: "max" })], { numRuns: 200 })(
  "any command order: state = fold of events; no guard of Arts. 44, 45, 62, 65 is bypassed; deadlines on working days",
  (cmds) => {
    fc.modelRun(() => ({ model: { accepted: 0 }, real: filedCase() }), cmds);
  },
);

test.prop([fc.integer({ min: 0, max: 330 }), fc.integer({ min: 0, max: 20 })])(
  "Arts. 60, 61, 64, 85: deadlines computed on any day land on a working day",
  (offset, gap) => {
    const filed = addDays("2025-01-02", offset);
    const ctx = ctxAt(`${addDays(filed, gap)}T08:00:00Z`, headActor);
    let state = initialCaseState("q");
    const opening: PenaltyCommandInput[] = [
      { ...fileCommand, actDate: "2024-12-01", at: `${filed}T03:00:00Z` },
      { type: "investigation.close", facts: "事实", at: `${filed}T04:00:00Z` },
    ];
    for (const cmd of opening) {
      const e = decide(state, cmd, { ...ctx, actor: officerActor })._unsafeUnwrap()[0] as CaseEvent;
      state = evolve(state, e)._unsafeUnwrap();
    }
    const decided = decide(
      state,
      { type: "case.decide", outcome: "noPenaltyMinor" },
      ctx,
    )._unsafeUnwrap()[0] as CaseEvent;
    const after = evolve(state, decided)._unsafeUnwrap();
    for (const d of [after.context.deadlines.decision, after.context.deadlines.service]) {
      expect(d?.provisional).toBe(false);
      expect(calendar.isWorkingDay(d?.due ?? "")._unsafeUnwrap()).toBe(true);
    }
    expect(civilDateOf(decided.at) <= (after.context.deadlines.service?.due ?? "")).toBe(true);
  },
);
