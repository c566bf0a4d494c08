import {
  type Actor,
  addDays,
  type CaseEvent,
  type CaseParty,
  type CaseState,
  type CivilDate,
  caseDeadline,
  civilDateOf,
  classifyDecision,
  collectiveDiscussionRequired,
  DEFAULT_PENALTY_POLICY,
  type DecisionOutcome,
  decide,
  decisionDraftHash,
  epochMillis,
  evolve,
  hearingRightApplies,
  type Instant,
  initialCaseState,
  instantFromEpochMillis,
  type Penalty,
  type PenaltyCommandInput,
  type PenaltyKind,
  type RecordRef,
  ReviewDraftSchema,
  recordedStepOf,
  reviewDraftHash,
  type SanxiangError,
  type ServiceMethod,
  startOfCivilDate,
} from "@sanxiang/core";
import fc from "fast-check";
import { type Bureau, bureau, bureauContext, officerActor, party, withProbability } from "./people.js";
import { type CivilDateBounds, type CivilDateRange, civilDate, fen } from "./primitives.js";

/** The penalty kinds an ordinary case draws by default (行政处罚法 Art. 9, without 行政拘留, which only the police impose). */
export const DEFAULT_PENALTY_KINDS: readonly PenaltyKind[] = [
  "warning",
  "criticism",
  "fine",
  "confiscateGains",
  "confiscateProperty",
  "suspendLicence",
  "revokeLicence",
  "restrictPractice",
  "suspendBusiness",
  "orderClose",
];

/** Options of {@link penalty}. */
export interface PenaltyOptions {
  /** Kinds to draw from (one to three are drawn; default {@link DEFAULT_PENALTY_KINDS}). */
  readonly kinds?: readonly PenaltyKind[];
  /** Largest fine (fen; default ¥200,000). Fines are whole yuan, at least ¥50. */
  readonly maxFineFen?: number;
  /** Largest confiscation (fen; default ¥100,000). */
  readonly maxConfiscationFen?: number;
}

/**
 * 行政处罚内容 — a penalty (passes `PenaltySchema`): one to three kinds, a fine in whole yuan
 * when `fine` is among them, a confiscated value when a confiscation is.
 */
export function penalty(options: PenaltyOptions = {}): fc.Arbitrary<Penalty> {
  const kinds = options.kinds ?? DEFAULT_PENALTY_KINDS;
  if (kinds.length === 0) throw new RangeError("penalty: no kind");
  return fc
    .record({
      kinds: fc.uniqueArray(fc.constantFrom(...kinds), { minLength: 1, maxLength: Math.min(3, kinds.length) }),
      fine: fen({ min: 5_000, max: options.maxFineFen ?? 20_000_000, wholeYuan: true }),
      confiscation: fen({ min: 100, max: options.maxConfiscationFen ?? 10_000_000 }),
    })
    .map(({ kinds, fine, confiscation }) => ({
      kinds,
      ...(kinds.includes("fine") ? { fineFen: fine } : {}),
      ...(kinds.includes("confiscateGains") || kinds.includes("confiscateProperty")
        ? { confiscationFen: confiscation }
        : {}),
    }));
}

/** 命令步骤 — one command of a script: what is asked, by whom, and when (the context's `now`). */
export interface CaseStep<C = PenaltyCommandInput> {
  /** The command (its `at` left out: the act happens at `now`). */
  readonly command: C;
  /** Who issues it. */
  readonly actor: Actor;
  /** 当前时间 — the clock when it is issued; never earlier than the step before. */
  readonly now: Instant;
}

/**
 * 案件脚本 — the commands of one ordinary penalty case in order, with the bureau they run
 * against: replay it with {@link runCaseScript} (or through `execute` and a store).
 */
export interface CaseScript {
  /** The case id (passes `IdSchema`). */
  readonly caseId: string;
  /** The bureau whose registry the commands need. */
  readonly bureau: Bureau;
  /** The steps, in order. */
  readonly steps: readonly CaseStep[];
}

/** Options of {@link ordinaryCaseCommands}. */
export interface OrdinaryCaseOptions {
  /** The bureau (default a generated {@link bureau}). Pass one to share it between cases. */
  readonly bureau?: Bureau;
  /** Case id (default drawn: `case-` and digits). */
  readonly caseId?: string;
  /**
   * Range of the filing date. Default 2019-01-02 … 2026-09-30: the case's statutory
   * deadlines mostly fall inside the calendar's coverage (later ones are marked provisional
   * by core, as they are in production).
   */
  readonly filedOn?: CivilDateRange;
  /**
   * Share (0 … 1) of extra random commands mixed between the steps of the happy path —
   * any type, by any actor of the bureau, valid or not (a lapsed officer, a missing record,
   * a wrong state, a bad payload). Default 0: a happy path that reaches 归档. With noise the
   * case may leave the happy path (an accepted extra notice, an early decision …), so the
   * script is a model-based test's input, not a guaranteed archive.
   */
  readonly invalidShare?: number;
  /** The outcomes to draw (default all four, a penalty most often). */
  readonly outcomes?: readonly DecisionOutcome[];
  /** Options of the penalties drawn. */
  readonly penalty?: PenaltyOptions;
}

// Investigation actions whose required records a plain record satisfies (whole-process
// audio-video duties do not apply to them: see recording DEFAULT_RECORDING_RULE_TABLE).
const INVESTIGATIONS = [
  { action: "inquiry", kind: "transcript" },
  { action: "siteInspection", kind: "transcript" },
  { action: "randomInspection", kind: "transcript" },
  { action: "sampling", kind: "document" },
] as const;

const SERVICE_METHODS: readonly ServiceMethod[] = ["onSpot", "direct", "leaving", "mail", "publicNotice", "electronic"];

interface HappyChoices {
  readonly caseNo: number;
  readonly party: CaseParty;
  readonly filedOn: CivilDate;
  readonly actLag: number;
  readonly discoveredShare: number | null;
  readonly severe: boolean;
  readonly team: number[];
  readonly assign: boolean;
  readonly investigations: { action: number; n: number }[];
  readonly reviewRequired: boolean;
  readonly complexOrMajor: boolean;
  readonly outcome: DecisionOutcome;
  readonly penalty: Penalty;
  readonly waive: boolean;
  readonly defence: boolean;
  readonly hearing: boolean;
  readonly lighter: boolean;
  readonly discuss: boolean;
  readonly serve: boolean;
  readonly method: ServiceMethod;
  readonly instalments: boolean;
  readonly gaps: number[];
}

function happyChoices(b: Bureau, options: OrdinaryCaseOptions): fc.Arbitrary<HappyChoices> {
  const outcomes = options.outcomes ?? ["penalty", "noPenaltyMinor", "notEstablished", "transfer"];
  if (outcomes.length === 0) throw new RangeError("ordinaryCaseCommands: no outcome");
  const indexes = b.officers.map((_, i) => i);
  return fc.record({
    caseNo: fc.integer({ min: 1, max: 999_999 }),
    party: party(),
    filedOn: civilDate({ ...DEFAULT_FILING_RANGE, ...options.filedOn }),
    actLag: fc.integer({ min: 0, max: 700 }),
    discoveredShare: fc.option(fc.integer({ min: 0, max: 100 })),
    severe: withProbability(0.1),
    team: fc.shuffledSubarray(indexes, { minLength: Math.min(2, indexes.length) }),
    assign: withProbability(0.2),
    investigations: fc.array(
      fc.record({ action: fc.integer({ min: 0, max: INVESTIGATIONS.length - 1 }), n: fc.integer({ min: 1, max: 9 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    reviewRequired: withProbability(0.3),
    complexOrMajor: withProbability(0.2),
    outcome: fc.oneof(
      ...outcomes.map((o) => ({ weight: o === "penalty" ? 6 * outcomes.length : 1, arbitrary: fc.constant(o) })),
    ),
    penalty: penalty(options.penalty),
    waive: withProbability(0.1),
    defence: withProbability(0.4),
    hearing: withProbability(0.5),
    lighter: withProbability(0.3),
    discuss: withProbability(0.1),
    serve: withProbability(0.5),
    method: fc.constantFrom(...SERVICE_METHODS),
    instalments: withProbability(0.2),
    gaps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 24, maxLength: 24 }),
  });
}

/** A clock for a script: working hours in China, minutes apart on the same day, days apart when told. */
class ScriptClock {
  #day: CivilDate;
  #slot = 0;
  constructor(day: CivilDate) {
    this.#day = day;
  }
  get day(): CivilDate {
    return this.#day;
  }
  /** The next instant, `days` calendar days later (0: later the same day). */
  next(days: number): Instant {
    if (days > 0 || this.#slot >= 40) {
      this.#day = addDays(this.#day, Math.max(days, 1));
      this.#slot = 0;
    }
    // 09:00 China Standard Time plus ten minutes per step.
    const ms = epochMillis(startOfCivilDate(this.#day)) + 9 * 3_600_000 + this.#slot * 600_000;
    this.#slot += 1;
    return instantFromEpochMillis(ms);
  }
  /** Moves to `day` (when later than today). */
  moveTo(day: CivilDate): void {
    if (day > this.#day) {
      this.#day = day;
      this.#slot = 0;
    }
  }
}

function lighterThan(p: Penalty): Penalty {
  if (p.fineFen === undefined || p.fineFen < 200) return p;
  return { ...p, fineFen: Math.floor(p.fineFen / 200) * 100 };
}

/** Builds the steps of the happy path from the choices, without running the decider. */
function happySteps(b: Bureau, caseId: string, c: HappyChoices): CaseStep[] {
  const steps: CaseStep[] = [];
  const clock = new ScriptClock(c.filedOn);
  let g = 0;
  const gap = (): number => c.gaps[g++ % c.gaps.length] ?? 0;
  const team = c.team.map((i) => b.officers[i]).filter((o) => o !== undefined);
  const lead = team[0] ?? b.officers[0];
  if (lead === undefined) throw new RangeError("ordinaryCaseCommands: the bureau has no officer");
  const officer = officerActor(lead);
  let r = 0;
  const rec = (kind: RecordRef["kind"]): RecordRef[] => [{ id: `${caseId}-r${++r}`, kind, evidenceIds: [] }];
  const push = (command: PenaltyCommandInput, who: Actor, days: number): Instant => {
    const now = clock.next(days);
    steps.push({ command, actor: who, now });
    return now;
  };

  // 立案: the act at most 700 days before filing (inside the two-year limitation of Art. 36).
  const actDate = addDays(c.filedOn, -c.actLag);
  const discoveredOn =
    c.discoveredShare === null ? undefined : addDays(actDate, Math.floor((c.actLag * c.discoveredShare) / 100));
  push(
    {
      type: "case.file",
      party: c.party,
      category: b.category,
      regionCode: b.regionCode,
      bodyId: b.body.id,
      officerIds: team.map((o) => o.id),
      actDate,
      severe: c.severe,
      ...(discoveredOn === undefined ? {} : { discoveredOn }),
      records: rec("document"),
    },
    officer,
    0,
  );
  if (c.assign) push({ type: "officers.assign", officerIds: b.officers.map((o) => o.id) }, officer, gap());
  for (const [i, inv] of c.investigations.entries()) {
    const spec = INVESTIGATIONS[inv.action] ?? INVESTIGATIONS[0];
    push(
      {
        type: "investigation.record",
        actionId: `${caseId}-a${i + 1}`,
        action: spec.action,
        records: rec(spec.kind),
      },
      officer,
      gap(),
    );
  }
  push(
    {
      type: "investigation.close",
      facts: "经查，当事人存在违法行为，事实清楚，证据确凿。",
      reviewRequired: c.reviewRequired,
      complexOrMajor: c.complexOrMajor,
    },
    officer,
    gap(),
  );

  const outcome = c.outcome;
  let hearingHeld = false;
  const decided: Penalty | undefined =
    outcome === "penalty" ? (c.lighter && !c.waive ? lighterThan(c.penalty) : c.penalty) : undefined;
  if (outcome === "penalty") {
    if (c.waive) {
      push({ type: "defence.waive", records: rec("document") }, officer, gap());
    } else {
      const noticeAt = push(
        {
          type: "notice.serve",
          penalty: c.penalty,
          facts: "当事人存在违法行为。",
          basis: ["《中华人民共和国行政处罚法》第九条"],
          records: rec("document"),
        },
        officer,
        gap(),
      );
      const hearingRight = hearingRightApplies(c.penalty, c.party.kind, DEFAULT_PENALTY_POLICY);
      if (c.defence) push({ type: "defence.receive", statement: "当事人提出陈述、申辩意见。" }, officer, 0);
      hearingHeld = hearingRight && c.hearing;
      if (hearingRight && c.hearing) {
        const requestedAt = push({ type: "hearing.request" }, officer, 0);
        // Art. 64 item 2: notified at least seven working days before the hearing (the first
        // day far enough ahead of the notice), then held on that day.
        const notifiedOn = civilDateOf(requestedAt);
        let hearingDate = addDays(notifiedOn, 9);
        for (;;) {
          const latest = caseDeadline("penalty.hearingNotice", hearingDate, bureauContext(b, requestedAt, officer));
          if (latest.isErr() || latest.value.due >= notifiedOn) break;
          hearingDate = addDays(hearingDate, 1);
        }
        push({ type: "hearing.notify", hearingDate, place: "听证室", records: rec("document") }, officer, 0);
        clock.moveTo(hearingDate);
        // The presider may not have investigated the case (Art. 64 item 4): the legal reviewer presides.
        push({ type: "hearing.hold", presiderId: b.reviewer.id, records: rec("transcript") }, officer, 0);
      } else if (hearingRight) {
        // Wait out the hearing-request window (Art. 64 item 1) before deciding.
        const due = caseDeadline("penalty.hearingRequest", civilDateOf(noticeAt), bureauContext(b, noticeAt, officer));
        if (due.isOk()) clock.moveTo(addDays(due.value.due, 1));
      }
      if (!c.defence && !hearingHeld) {
        // Not heard: wait out the party's statement window (Arts. 44, 45, 62; penalty.statement).
        const due = caseDeadline("penalty.statement", civilDateOf(noticeAt), bureauContext(b, noticeAt, officer));
        if (due.isOk()) clock.moveTo(addDays(due.value.due, 1));
      }
    }
  }
  if (outcome === "transfer") {
    // 移送规定 Art. 5 para. 1: the team's written report comes before the head's approval.
    push(
      {
        type: "transfer.report",
        facts: "当事人涉嫌犯罪，经专案组核实。",
        officerIds: team.map((o) => o.id),
        records: rec("document"),
      },
      officer,
      gap(),
    );
  }
  // Art. 58: the approval binds to exactly the decision (party, facts and basis in force,
  // outcome, penalty), and a decision the catalogue finds major needs one.
  const noticed = outcome === "penalty" && !c.waive;
  const draft = ReviewDraftSchema.parse({
    caseId,
    party: c.party,
    facts: noticed ? "当事人存在违法行为。" : "经查，当事人存在违法行为，事实清楚，证据确凿。",
    basis: noticed ? ["《中华人民共和国行政处罚法》第九条"] : [],
    outcome,
    ...(decided === undefined ? {} : { penalty: decided }),
    hearingHeld,
    complex: c.complexOrMajor,
  });
  if (c.reviewRequired || classifyDecision(draft).major) {
    push({ type: "review.approve", draftHash: reviewDraftHash(draft) }, b.reviewer, gap());
  }
  if (
    c.discuss ||
    (decided !== undefined && collectiveDiscussionRequired(decided, c.complexOrMajor, DEFAULT_PENALTY_POLICY))
  ) {
    push(
      {
        type: "discussion.hold",
        participants: [b.head.id, `${b.body.id}-deputy`],
        // 负责人总数 when the registry records no heads (Art. 57 para. 2: the quorum).
        membersTotal: 2,
        conclusion: "同意承办机构意见。",
      },
      b.head,
      gap(),
    );
  }
  push(
    {
      type: "case.decide",
      outcome,
      ...(decided === undefined ? {} : { penalty: decided, records: rec("document") }),
    },
    b.head,
    gap(),
  );
  if (outcome === "transfer") {
    // Handed to the police within 24 hours of the approval (移送规定 Art. 5 para. 2), then answered.
    push({ type: "transfer.send", receivingOrgan: "示例市公安局", records: rec("document") }, officer, 0);
    if (c.serve) push({ type: "transfer.answer", accepted: c.instalments === false, records: [] }, officer, gap());
  }
  if (outcome === "penalty" || (outcome !== "transfer" && c.serve)) {
    if (c.method === "electronic") {
      // 电子送达 only with the party's consent on record (行政处罚法 Art. 61 para. 2).
      push({ type: "service.consent", address: "service@example.cn", records: rec("document") }, officer, 0);
    }
    const kind = c.method === "leaving" ? "photo" : c.method === "electronic" ? "electronicData" : "document";
    const records = rec(kind);
    const servedAt = push({ type: "decision.serve", method: c.method, records }, officer, gap());
    if (c.method === "mail") {
      // 邮寄送达 is served on the date on the return receipt (民事诉讼法 Art. 91): here the day of posting.
      const last = steps.pop();
      if (last !== undefined) {
        steps.push({
          ...last,
          command: { type: "decision.serve", method: "mail", receivedOn: civilDateOf(servedAt), records },
        });
      }
    }
  }
  const fine = decided?.fineFen ?? 0;
  if (fine > 0) {
    if (c.instalments && fine >= 2) {
      const first = Math.floor(fine / 2);
      push({ type: "payment.record", amountFen: first }, officer, gap());
      push({ type: "payment.record", amountFen: fine - first }, officer, gap());
    } else {
      push({ type: "payment.record", amountFen: fine }, officer, gap());
    }
  }
  push({ type: "case.close" }, b.head, gap());
  push({ type: "case.archive", records: rec("document") }, officer, gap());
  return steps;
}

/** Options of {@link penaltyCommand}. */
export interface PenaltyCommandOptions {
  /** The bureau whose officers the commands name. */
  readonly bureau: Bureau;
  /** Prefix of record and action ids (default `x`). */
  readonly idPrefix?: string;
}

/**
 * 普通程序命令 — any single command of the ordinary procedure for a case of `bureau`, valid
 * or not: the right payloads, and the usual mistakes (a team with a lapsed certificate, an
 * act older than the limitation, a missing record, a hearing presided by an investigator,
 * a zero payment, a decision without its penalty …). Whether one is accepted depends on the
 * case's state: the input of model-based tests.
 */
export function penaltyCommand(options: PenaltyCommandOptions): fc.Arbitrary<PenaltyCommandInput> {
  const b = options.bureau;
  const p = options.idPrefix ?? "x";
  const ids = b.officers.map((o) => o.id);
  const [a, bb] = ids;
  const two = a !== undefined && bb !== undefined ? [a, bb] : ids;
  const doc = (n: number): RecordRef[] => [{ id: `${p}-d${n}`, kind: "document", evidenceIds: [] }];
  const n = fc.integer({ min: 1, max: 99 });
  const pen = penalty({ maxFineFen: 2_000_000 });
  return fc.oneof(
    fc.tuple(party(), civilDate({ min: "2017-01-01" }), fc.boolean(), n).map(
      ([who, actDate, lapsed, i]): PenaltyCommandInput => ({
        type: "case.file",
        party: who,
        category: b.category,
        regionCode: b.regionCode,
        officerIds: lapsed ? [two[0] ?? "", b.lapsedOfficer.id] : two,
        actDate,
        records: doc(i),
      }),
    ),
    fc
      .boolean()
      .map(
        (lapsed): PenaltyCommandInput => ({ type: "officers.assign", officerIds: lapsed ? [b.lapsedOfficer.id] : ids }),
      ),
    fc.tuple(n, fc.boolean()).map(
      ([i, withRecord]): PenaltyCommandInput => ({
        type: "investigation.record",
        actionId: `${p}-a${i}`,
        action: "inquiry",
        records: withRecord ? [{ id: `${p}-t${i}`, kind: "transcript", evidenceIds: [] }] : [],
      }),
    ),
    fc
      .record({ reviewRequired: fc.boolean(), complexOrMajor: fc.boolean() })
      .map((f): PenaltyCommandInput => ({ type: "investigation.close", facts: "事实", ...f })),
    fc.tuple(pen, n).map(
      ([penalty, i]): PenaltyCommandInput => ({
        type: "notice.serve",
        penalty,
        facts: "事实",
        basis: ["依据"],
        records: doc(i),
      }),
    ),
    fc.constant<PenaltyCommandInput>({ type: "defence.receive", statement: "申辩" }),
    fc
      .tuple(fc.boolean(), n)
      .map(([w, i]): PenaltyCommandInput => ({ type: "defence.waive", records: w ? doc(i) : [] })),
    fc.constant<PenaltyCommandInput>({ type: "hearing.request" }),
    fc.tuple(fc.boolean(), n).map(
      ([investigator, i]): PenaltyCommandInput => ({
        type: "hearing.hold",
        presiderId: investigator ? (a ?? b.reviewer.id) : b.reviewer.id,
        records: [{ id: `${p}-h${i}`, kind: "transcript", evidenceIds: [] }],
      }),
    ),
    fc.constant<PenaltyCommandInput>({ type: "discussion.hold", participants: [b.head.id], conclusion: "同意" }),
    fc.tuple(fc.constantFrom<DecisionOutcome>("penalty", "noPenaltyMinor", "transfer"), pen).map(
      ([outcome, penalty]): PenaltyCommandInput => ({
        type: "review.approve",
        draftHash: decisionDraftHash(outcome === "penalty" ? { outcome, penalty } : { outcome }),
      }),
    ),
    fc.oneof(
      fc.tuple(pen, n).map(
        ([penalty, i]): PenaltyCommandInput => ({
          type: "case.decide",
          outcome: "penalty",
          penalty,
          records: doc(i),
        }),
      ),
      fc.constantFrom<PenaltyCommandInput>(
        { type: "case.decide", outcome: "noPenaltyMinor" },
        { type: "case.decide", outcome: "notEstablished" },
        { type: "case.decide", outcome: "transfer" },
        { type: "case.decide", outcome: "penalty" },
      ),
    ),
    fc.tuple(fc.constantFrom(...SERVICE_METHODS), fc.boolean(), n).map(
      ([method, withRecord, i]): PenaltyCommandInput => ({
        type: "decision.serve",
        method,
        records: withRecord ? doc(i) : [],
      }),
    ),
    fen({ max: 2_000_000 }).map((amountFen): PenaltyCommandInput => ({ type: "payment.record", amountFen })),
    fc.constant<PenaltyCommandInput>({ type: "case.close" }),
    fc
      .tuple(fc.boolean(), n)
      .map(([w, i]): PenaltyCommandInput => ({ type: "case.archive", records: w ? doc(i) : [] })),
  );
}

/**
 * 普通程序命令序列 — the script of one ordinary penalty case (行政处罚普通程序). With the
 * default `invalidShare` of 0 it is a happy path that every guard accepts and that ends in
 * 归档: filing with a certified team, one to three investigation actions, the end of
 * investigation (legal review and collective discussion drawn), then a penalty (notice or
 * written waiver, defence, hearing or a wait past the hearing-request window, review of
 * the very draft decided, discussion where Art. 57 requires it, service, payment in full
 * or in two parts), no penalty, or a transfer (the team's report, the approval, the
 * hand-over to the police and its answer), and closing and archiving. With
 * `invalidShare` > 0 random commands ({@link penaltyCommand}, by any actor of the bureau)
 * are mixed in. Deterministic: everything comes from fast-check.
 */
export function ordinaryCaseCommands(options: OrdinaryCaseOptions = {}): fc.Arbitrary<CaseScript> {
  const share = options.invalidShare ?? 0;
  const withBureau = options.bureau === undefined ? bureau() : fc.constant(options.bureau);
  return withBureau.chain((b) => {
    const actors: Actor[] = [...b.officers.map(officerActor), officerActor(b.lapsedOfficer), b.head, b.reviewer];
    const noise =
      share === 0
        ? fc.constant([] as (CaseStep | null)[])
        : fc.array(
            fc
              .tuple(withProbability(share, "invalidShare"), penaltyCommand({ bureau: b }), fc.constantFrom(...actors))
              .map(([on, command, who]) => (on ? { command, actor: who, now: "" } : null)),
            { minLength: 40, maxLength: 40 },
          );
    return fc.tuple(happyChoices(b, options), noise).map(([c, extra]): CaseScript => {
      const caseId = options.caseId ?? `case-${c.caseNo}`;
      const happy = happySteps(b, caseId, c);
      if (extra.length === 0) return { caseId, bureau: b, steps: happy };
      const steps: CaseStep[] = [];
      happy.forEach((step, i) => {
        const x = extra[i];
        // An extra command goes just before the happy step, at the same instant.
        if (x !== null && x !== undefined) steps.push({ ...x, now: step.now });
        steps.push(step);
      });
      const last = extra[happy.length];
      const end = happy[happy.length - 1];
      if (last !== null && last !== undefined && end !== undefined) steps.push({ ...last, now: end.now });
      return { caseId, bureau: b, steps };
    });
  });
}

/** What happened to one step of a script: the events it produced, or the refusal. */
export type StepOutcome = StepAccepted | StepRefused;

/** A step the decider accepted. */
export interface StepAccepted {
  /** Accepted. */
  readonly accepted: true;
  /** The events it appended; for an exact retry of a recorded step (nothing appended), the event recorded the first time, as `execute` returns it. */
  readonly events: readonly CaseEvent[];
}

/** A step the decider refused (nothing changed). */
export interface StepRefused {
  /** Refused. */
  readonly accepted: false;
  /** The coded refusal. */
  readonly error: SanxiangError;
}

/** The result of {@link runCaseScript}. */
export interface ScriptRun {
  /** Every event accepted, in order: a stream `foldEvents` folds (seq 1 … n). */
  readonly events: readonly CaseEvent[];
  /** The case's state after them. */
  readonly state: CaseState;
  /** One outcome per step, in order. */
  readonly outcomes: readonly StepOutcome[];
}

/**
 * 运行脚本 — runs a script through core's pure `decide` and `evolve` (each step with the
 * bureau's context at its `now`): refused steps change nothing, accepted ones append their
 * events. Synchronous and deterministic; `execute` with `inMemoryEventStore` gives the same
 * events.
 */
export function runCaseScript(script: CaseScript): ScriptRun {
  let state = initialCaseState(script.caseId);
  const events: CaseEvent[] = [];
  const outcomes: StepOutcome[] = [];
  for (const step of script.steps) {
    const r = decide(state, step.command, bureauContext(script.bureau, step.now, step.actor));
    if (r.isErr()) {
      outcomes.push({ accepted: false, error: r.error });
      continue;
    }
    if (r.value.length === 0) {
      // An exact retry of a step recorded under the same id: nothing appended.
      const seq = recordedStepOf(state, step.command)?.seq;
      outcomes.push({ accepted: true, events: events.filter((e) => e.seq === seq) });
      continue;
    }
    for (const e of r.value) {
      const next = evolve(state, e);
      // decide only returns events its own state accepts; anything else is a core defect.
      if (next.isErr()) throw next.error;
      state = next.value;
    }
    events.push(...r.value);
    outcomes.push({ accepted: true, events: r.value });
  }
  return { events, state, outcomes };
}

/**
 * The default range of filing dates of the case arbitraries: 2019-01-02 … 2026-09-30, so
 * that most statutory deadlines fall inside the calendar's coverage.
 */
export const DEFAULT_FILING_RANGE: CivilDateBounds = {
  min: "2019-01-02",
  max: "2026-09-30",
};
