// Model-based property test of the ordinary procedure: random command sequences (valid and
// invalid, by the right and the wrong roles, in any order) against decide + evolve.
import { fc, test } from "@fast-check/vitest";
import { afterAll, expect } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { addDays, civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { noPenaltyGround } from "../registry/benchmarks/check.js";
import { classifyDecision } from "../review/catalogue.js";
import { ReviewDraftSchema, reviewDraftHash } from "../review/draft.js";
import type { CaseParty, PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import type { PenaltyEvent } from "./events.js";
import { type CaseState, evolve, foldEvents, initialCaseState, penaltyEventOf } from "./fold.js";
import { decisionDraftHash } from "./guards.js";
import { heavierThan, type Penalty } from "./penalty.js";
import { caseDecisionHash } from "./review-gate.js";
import {
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
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
    const r = decide(real.state, withAt(withCurrentHash(this.cmd, real), now), ctxAt(now, this.actor));
    if (r.isOk())
      for (const e of r.value)
        coverage.add(e.type === "hearing.held" && "partyAbsence" in e.payload ? "hearing.waived" : e.type);
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

/**
 * `review.approve` with `draftHash: "current:<i>"` approves PENALTIES[i] as the case stands
 * now (its party, facts and basis); other hashes approve something else.
 */
function withCurrentHash(cmd: PenaltyCommandInput, real: Real): PenaltyCommandInput {
  if (cmd.type !== "review.approve" || !cmd.draftHash.startsWith("current:")) return cmd;
  const penalty = PENALTIES[Number(cmd.draftHash.slice(8))];
  return { ...cmd, draftHash: caseDecisionHash(real.state.context, "penalty", penalty, {}) };
}

/**
 * THE gate property (行政处罚法 Art. 58): recomputed from the events alone — the party, the
 * facts and basis in force, a hearing held, the case's flags — every decision of a major case
 * names the hash of exactly what was decided, and an approval of that hash precedes it.
 */
function checkReviewGate(events: readonly PenaltyEvent[]): void {
  let party: CaseParty | undefined;
  let facts = "";
  let basis: readonly string[] = [];
  let hearingHeld = false;
  let reviewRequired = false;
  let complex = false;
  const approved = new Set<string>();
  for (const e of events) {
    if (e.type === "case.filed") party = e.party;
    if (e.type === "investigation.closed") {
      facts = e.facts;
      reviewRequired = e.reviewRequired;
      complex = e.complexOrMajor;
    }
    if (e.type === "notice.served") {
      facts = e.facts;
      basis = e.basis;
      hearingHeld = false;
    }
    if (e.type === "hearing.held") hearingHeld = true;
    if (e.type === "review.approved") approved.add(e.draftHash);
    if (e.type !== "case.decided" || party === undefined) continue;
    const draft = ReviewDraftSchema.parse({
      caseId: "p",
      party,
      facts,
      basis,
      outcome: e.outcome,
      ...(e.penalty === undefined ? {} : { penalty: e.penalty }),
      hearingHeld,
      complex,
    });
    const hash = reviewDraftHash(draft);
    expect(e.draftHash).toBe(hash);
    const major = reviewRequired || classifyDecision(draft).major;
    if (major) {
      expect(approved.has(hash)).toBe(true);
      gateStats.majorDecided += 1;
    }
  }
}
const gateStats = { majorDecided: 0 };
afterAll(() => {
  // The walk does reach decisions of major cases (the property is not vacuous).
  expect(gateStats.majorDecided).toBeGreaterThan(0);
});

function checkInvariants(real: Real): void {
  const events = real.events.map((e) => penaltyEventOf(e)._unsafeUnwrap());
  checkReviewGate(events);
  let noticeOrWaiver = false;
  let cap: Penalty | undefined;
  let notice: Penalty | undefined;
  let hearingPending = false;
  // Arts. 44, 45, 62: the statement window of the notice in force, and whether the party answered it.
  let statementDue: string | undefined;
  let answered = false;
  // Art. 64 item 2: the hearing notice in force (its day and the hearing's).
  let hearingNotice: { on: string; hearingDate: string } | undefined;
  let circumstances: readonly string[] = [];
  for (const e of events) {
    if (e.type === "notice.served") {
      noticeOrWaiver = true;
      notice = e.penalty;
      hearingPending = false;
      statementDue = e.statementDue?.due;
      answered = false;
      hearingNotice = undefined;
    }
    if (e.type === "defence.waived") noticeOrWaiver = true;
    if (e.type === "defence.received" || e.type === "defence.waived") answered = true;
    const heard = e.type === "hearing.held" && e.partyAbsence === undefined;
    if ((e.type === "defence.received" || heard) && cap === undefined) cap = notice;
    if (heard) answered = true;
    if (e.type === "hearing.requested") hearingPending = true;
    if (e.type === "hearing.notified") {
      // Art. 64 items 2–3: seven working days' notice; not public only on a ground of item 3.
      const on = civilDateOf(e.at);
      expect(calendar.workingDaysBetween(on, e.hearingDate)._unsafeUnwrap()).toBeGreaterThanOrEqual(7);
      expect(on <= e.latestNoticeDay).toBe(true);
      expect(e.public || e.closedBecause !== undefined).toBe(true);
      hearingNotice = { on, hearingDate: e.hearingDate };
    }
    if (e.type === "hearing.held") {
      // Art. 64 item 2: held only as notified, never before the day notified.
      expect(hearingNotice).toBeDefined();
      expect(civilDateOf(e.at) >= (hearingNotice?.hearingDate ?? "9999-12-31")).toBe(true);
      hearingPending = false;
    }
    if (e.type === "discussion.held") {
      // Art. 57 para. 2: at least two distinct heads of the body, the quorum (2/3) of its heads.
      const distinct = new Set(e.participants);
      expect(distinct.size).toBe(e.participants.length);
      expect(distinct.size).toBeGreaterThanOrEqual(2);
      for (const p of distinct) expect(["h", "h2"]).toContain(p);
      expect(distinct.size * 3).toBeGreaterThanOrEqual((e.membersTotal ?? 0) * 2);
    }
    if (e.type === "circumstances.recorded") circumstances = e.circumstances;
    if (e.type === "case.decided" && e.penalty !== undefined) {
      // Arts. 44, 62: no penalty decision without a served notice or a written waiver.
      expect(noticeOrWaiver).toBe(true);
      // Art. 45: never heavier than the notice in force at the first defence.
      if (cap !== undefined) expect(heavierThan(e.penalty, cap)).toEqual([]);
      // Art. 65: never before a requested hearing.
      expect(hearingPending).toBe(false);
      // Arts. 44, 45, 62: never inside the statement window unless the party answered the notice.
      if (statementDue !== undefined && !answered) expect(civilDateOf(e.at) > statementDue).toBe(true);
      // Arts. 30, 31, 33: never with a 不予处罚 ground on record.
      expect(noPenaltyGround(circumstances)).toBeUndefined();
    }
  }
  // Art. 27 and 移送规定 Art. 5: no transfer decision without the written report before it.
  const reportAt = events.findIndex((e) => e.type === "transfer.reported");
  const transferAt = events.findIndex((e) => e.type === "case.decided" && e.outcome === "transfer");
  if (transferAt >= 0) expect(reportAt >= 0 && reportAt < transferAt).toBe(true);
  // Art. 56: a preservation handled (other than by return) within its seven working days.
  for (const e of events) {
    if (e.type !== "preservation.handled" || e.outcome === "return") continue;
    const due = real.state.context.preservations[e.preservationId]?.registered?.handlingDue.due ?? "";
    expect(civilDateOf(e.at) <= due).toBe(true);
  }
  // 行政强制法 Arts. 27–28, Art. 56: no closed case with a measure in force or evidence unhandled.
  if (real.state.value === "closed" || real.state.value === "archived") {
    expect(Object.values(real.state.context.measures).some((m) => m.status === "inForce")).toBe(false);
    for (const p of Object.values(real.state.context.preservations)) {
      if (p.registered !== undefined) expect(p.handled).toBeDefined();
    }
  }
  // 行政强制法 Art. 45: the surcharge paid never exceeds the fine.
  expect(real.state.context.surchargePaidFen).toBeLessThanOrEqual(real.state.context.decision?.penalty?.fineFen ?? 0);
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
      { type: "hearing.hold", presiderId: "p", partyAbsence: "absent", records: [transcript("h")] },
      { type: "hearing.hold", presiderId: "p", partyAbsence: "walkedOut", records: [transcript("h")] },
    ),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "discussion.hold", participants: ["h"], conclusion: "同意" },
      { type: "discussion.hold", participants: ["h", "h"], conclusion: "同意" },
      { type: "discussion.hold", participants: ["h", "a"], conclusion: "同意" },
      { type: "discussion.hold", participants: ["h", "h2"], conclusion: "同意" },
      { type: "discussion.hold", participants: ["h2", "h", "h2"], conclusion: "同意" },
    ),
    headActor,
  ),
  // Art. 64 items 2–3: the hearing date is relative to the day of the step ("+n", see `withAt`).
  step(
    fc
      .record({
        days: fc.constantFrom(3, 9, 12, 20),
        closed: fc.constantFrom<[boolean, "privacy" | undefined]>(
          [true, undefined],
          [false, "privacy"],
          [false, undefined],
        ),
        withRecord: fc.boolean(),
      })
      .map(
        ({ days, closed: [isPublic, closedBecause], withRecord }): PenaltyCommandInput => ({
          type: "hearing.notify",
          hearingDate: `+${days}`,
          place: "听证室",
          public: isPublic,
          ...(closedBecause === undefined ? {} : { closedBecause }),
          records: withRecord ? [doc("hn")] : [],
        }),
      ),
    officerActor,
  ),
  // Arts. 30–33: 没有主观过错 and 不满十四周岁 bar a penalty; 首违不罚 does not; an unknown code is refused.
  step(
    fc
      .constantFrom(["no-fault"], ["under-14"], ["first-violation-minor"], ["age-14-17"], [], ["bogus"])
      .map((circumstances): PenaltyCommandInput => ({ type: "circumstances.record", circumstances, records: [] })),
    officerActor,
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
    fc.nat(PENALTIES.length - 1).map(
      (i): PenaltyCommandInput => ({
        type: "review.approve",
        draftHash: `current:${i}`,
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
  // The investigation's branches and execution (Arts. 27, 56, 60, 72; 行政强制法 Arts. 18–28).
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "preservation.approve", preservationId: "p1", reason: "易灭失" },
      { type: "preservation.approve", preservationId: "p2", reason: "易灭失" },
    ),
    headActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] },
      { type: "preservation.register", preservationId: "p2", items: ["账册"], records: [] },
    ),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "preservation.handle", preservationId: "p1", outcome: "examine" },
      { type: "preservation.handle", preservationId: "p1", outcome: "return" },
    ),
    officerActor,
  ),
  step(
    fc.constantFrom("approve", "execute", "executeEmergency", "release").map((kind): PenaltyCommandInput => {
      // The seizure's own `at` is filled in by Step.run from the day (see `withAt`).
      const seizure =
        kind === "approve"
          ? {
              type: "seizure.approve" as const,
              at: "",
              approverId: "h",
              measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
            }
          : kind === "release"
            ? { type: "seizure.release" as const, at: "", ground: "noLongerNeeded" as const }
            : {
                type: "seizure.execute" as const,
                at: "",
                emergency: kind === "executeEmergency",
                officerIds: ["a", "b"],
                items: ["物品"],
                records: [
                  transcript("st"),
                  doc("sd"),
                  { id: "sv", kind: "video" as const, wholeProcess: true, startedAt: "", endedAt: "" },
                ],
              };
      return { type: "coercion.act", measureId: "m1", seizure };
    }),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "transfer.report", facts: "涉嫌犯罪", officerIds: ["a", "b"], records: [doc("rep")] },
      { type: "transfer.report", facts: "涉嫌犯罪", officerIds: ["a", "b"], records: [] },
    ),
    officerActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({ type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }),
    officerActor,
  ),
  step(
    fc.constant<PenaltyCommandInput>({
      type: "period.exclude",
      kind: "examination",
      from: "2025-03-04",
      to: "2025-03-05",
      records: [doc("jd")],
    }),
    officerActor,
  ),
  step(
    fc.constantFrom<PenaltyCommandInput>(
      { type: "payment.record", amountFen: 500_000, surchargeFen: 15_000 },
      { type: "payment.record", amountFen: 100_000, surchargeFen: 3_000_000 },
    ),
    officerActor,
  ),
];

/**
 * Fills a seizure step's times with the act's time, and a hearing notice's "+n" date with the
 * day n days after it (the arbitrary cannot know the day).
 */
function withAt(cmd: PenaltyCommandInput, now: string): PenaltyCommandInput {
  if (cmd.type === "hearing.notify" && cmd.hearingDate.startsWith("+")) {
    return { ...cmd, hearingDate: addDays(civilDateOf(now), Number(cmd.hearingDate.slice(1))) };
  }
  if (cmd.type !== "coercion.act") return cmd;
  const seizure = { ...cmd.seizure, at: now };
  if (seizure.type === "seizure.execute") {
    seizure.records = (seizure.records ?? []).map((r) =>
      r.kind === "video" ? { ...r, startedAt: now, endedAt: now } : r,
    );
  }
  return { ...cmd, seizure };
}

/**
 * A third of the runs start unfiled, a third from a filed case, and a third from a major
 * case (review required, Art. 58) whose prior notice is served — so that random orders reach
 * the later states, and the review gate is met by the walk in every run of the suite.
 */
let runs = 0;
function filedCase(): Real {
  runs += 1;
  const real: Real = { state: initialCaseState("p"), events: [], day: "2025-03-03" };
  if (runs % 3 === 0) return real;
  const prefix: PenaltyCommandInput[] =
    runs % 3 === 1
      ? [fileCommand]
      : [
          fileCommand,
          { type: "investigation.record", actionId: "i0", action: "inquiry", records: [transcript("t0")] },
          { type: "investigation.close", facts: "事实", reviewRequired: true },
          noticeCommand(),
        ];
  for (const cmd of prefix) {
    const events = decide(real.state, cmd, ctxAt("2025-03-03T03:00:00Z"))._unsafeUnwrap();
    for (const e of events) real.state = evolve(real.state, e)._unsafeUnwrap();
    real.events.push(...events);
  }
  return real;
}

// Steps that move the case forward appear twice, so random sequences get far.
const at = (i: number) => commands[i] as (typeof commands)[number];
const weighted = [...commands, ...commands.slice(3, 5), at(7), at(8), at(10), at(13), ...commands.slice(14, 18)];

/**
 * Scripted walks (run first, within numRuns) so that every new path is reached whatever the
 * seed: a hearing notified and held, one ended as waived by the party's absence (Art. 64
 * items 2, 6; Art. 65), and a 不予处罚 ground, a quorum discussion and a written waiver of
 * the statement (Arts. 30–33, 57 para. 2, 62). They work from any starting case (steps that
 * do not apply are refused and change nothing).
 */
const S = (cmd: PenaltyCommandInput, actor: Actor, advance = 0) => new Step(cmd, actor, advance);
const hearingScript = (absence?: "absent" | "walkedOut") => [
  S(fileCommand, officerActor),
  S({ type: "investigation.close", facts: "事实" }, officerActor),
  S(
    { type: "notice.serve", penalty: PENALTIES[3] as Penalty, facts: "事实", basis: ["依据"], records: [doc("n")] },
    officerActor,
    1,
  ),
  S({ type: "hearing.request" }, officerActor, 1),
  S({ type: "hearing.notify", hearingDate: "+3", place: "听证室", records: [doc("hn")] }, officerActor),
  S({ type: "hearing.notify", hearingDate: "+14", place: "听证室", records: [doc("hn")] }, officerActor),
  S(
    {
      type: "hearing.hold",
      presiderId: "p",
      ...(absence === undefined ? {} : { partyAbsence: absence }),
      records: [transcript("h")],
    },
    officerActor,
    14,
  ),
  S({ type: "review.approve", draftHash: "current:3" }, reviewerActor),
  S({ type: "case.decide", outcome: "penalty", penalty: PENALTIES[3] as Penalty, records: [doc("d")] }, headActor, 1),
];
const statementScript = [
  S(fileCommand, officerActor),
  S({ type: "investigation.close", facts: "事实" }, officerActor),
  S(
    { type: "notice.serve", penalty: PENALTIES[1] as Penalty, facts: "事实", basis: ["依据"], records: [doc("n")] },
    officerActor,
    1,
  ),
  S({ type: "circumstances.record", circumstances: ["no-fault"], records: [] }, officerActor),
  S({ type: "discussion.hold", participants: ["h"], conclusion: "同意" }, headActor),
  S({ type: "discussion.hold", participants: ["h", "h2"], conclusion: "同意" }, headActor),
  S({ type: "review.approve", draftHash: "current:1" }, reviewerActor),
  S({ type: "case.decide", outcome: "penalty", penalty: PENALTIES[1] as Penalty, records: [doc("d")] }, headActor),
  S({ type: "circumstances.record", circumstances: ["first-violation-minor"], records: [] }, officerActor),
  S({ type: "review.approve", draftHash: "current:1" }, reviewerActor),
  S({ type: "case.decide", outcome: "penalty", penalty: PENALTIES[1] as Penalty, records: [doc("d")] }, headActor),
  S({ type: "defence.waive", records: [doc("w")] }, officerActor),
  S({ type: "case.decide", outcome: "penalty", penalty: PENALTIES[1] as Penalty, records: [doc("d")] }, headActor),
];

/** Event types (and `hearing.waived`) the walks recorded: the new paths are not vacuous. */
const coverage = new Set<string>();
afterAll(() => {
  for (const t of ["hearing.notified", "hearing.held", "hearing.waived", "discussion.held", "circumstances.recorded"]) {
    expect(coverage.has(t)).toBe(true);
  }
});

test.prop([fc.commands(weighted, { maxCommands: 80, size: "max" })], {
  numRuns: 200,
  examples: [[hearingScript()], [hearingScript("absent")], [statementScript], [hearingScript("walkedOut")]],
})(
  "any command order: state = fold of events; no guard of Arts. 27, 30–33, 44, 45, 56, 57 para. 2, 62, 64, 65, 72 or 行政强制法 Arts. 27–28 is bypassed; deadlines on working days",
  (cmds) => {
    fc.modelRun(() => ({ model: { accepted: 0 }, real: filedCase() }), cmds);
  },
  60_000,
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
