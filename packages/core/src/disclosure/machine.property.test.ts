// Model-based property test of the disclosure workflow: random command sequences (valid and
// invalid, by the right and the wrong people, in any order) against decideDisclosure +
// evolveDisclosure, checked against invariants computed from the events alone. Under the SAMR
// rules, so that the cross-province forward (Art. 10) and the early end (Art. 14) are walked too.
import { fc, test } from "@fast-check/vitest";
import { afterAll, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { addDays } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { DisclosureCommandInput, EarlyEndConditions } from "./commands.js";
import { decideDisclosure } from "./decide.js";
import type { DisclosureDraft } from "./draft.js";
import { type DisclosureState, evolveDisclosure, foldDisclosure, initialDisclosureState } from "./fold.js";
import type { DisclosurePolicyInput } from "./rules.js";
import type { DisclosureContent, PublishedItem } from "./schema.js";
import {
  calendar,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  MOBILE,
  officerActor,
  otherHeadActor,
  publisherActor,
  RESIDENT_ID,
  systemActor,
} from "./workflow-test-fixtures.js";

const CONTENTS: DisclosureContent[] = [
  decisionContent,
  { ...decisionContent, matter: "律师事务所未按规定办理变更登记手续" },
  { ...decisionContent, documentNumber: "沙司罚决字〔2025〕4号" },
  // Leaks personal data: must never be signed off or published.
  { ...decisionContent, facts: `负责人身份证号${RESIDENT_ID}，手机${MOBILE}` },
];
const LEAKY = hashOf(CONTENTS[3] ?? decisionContent);

/** The same decision, its party registered in another province (市场监督管理行政处罚信息公示规定 Art. 10). */
const crossDraft: DisclosureDraft = {
  ...decisionDraft,
  routing: { crossProvince: { registeredIn: "浙江省", forwardTo: "杭州市市场监督管理局" } },
};

/** Art. 14 para. 1: all four conditions attested, or one of them not. */
const MET: EarlyEndConditions = {
  obligationsFulfilled: true,
  harmRemoved: true,
  noRepeatPenalty: true,
  notOnBlacklists: true,
};

/**
 * The SAMR rules (so that cross-province drafts and early ends exist), with a publicity period
 * of one month and an early end after one month, so that random walks reach expiry and early ends.
 */
const POLICY: DisclosurePolicyInput = {
  sector: "samr",
  rules: {
    "decision.penalty": {
      publicity: { months: 1 },
      earlyEnd: {
        minMonths: 1,
        minMonthsSource: { law: "市场监督管理行政处罚信息公示规定", article: 14, paragraph: 2, confidence: "VAR" },
        excludedKinds: ["revokeLicence"],
        excludedSource: { law: "市场监督管理行政处罚信息公示规定", article: 14, paragraph: 3 },
        source: { law: "市场监督管理行政处罚信息公示规定", article: 14, paragraph: 1 },
      },
    },
  },
};

const ACTORS: Actor[] = [headActor, publisherActor, officerActor, systemActor, otherHeadActor];

/** A sensible actor most of the time (so that the walk gets far), any actor sometimes. */
const actorFor = (...ids: string[]): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...ACTORS.filter((a) => ids.includes(a.id))) },
    { weight: 1, arbitrary: fc.constantFrom(...ACTORS) },
  );

/** `current` signs the content being worked on; an index signs one of CONTENTS. */
type Sign = "current" | number;

type Cmd = { readonly cmd: DisclosureCommandInput; readonly sign?: Sign };

const commandArb: fc.Arbitrary<[Cmd, Actor]> = fc.oneof(
  fc.tuple(
    fc.record({
      cmd: fc.constantFrom<DisclosureCommandInput>(
        { type: "disclosure.draft", draft: decisionDraft },
        { type: "disclosure.draft", draft: { ...decisionDraft, content: CONTENTS[3] ?? decisionContent } },
        { type: "disclosure.draft", draft: crossDraft },
      ),
    }),
    actorFor("a", "p"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.integer({ min: 0, max: CONTENTS.length - 1 }).map(
        (i): DisclosureCommandInput => ({
          type: "disclosure.revise",
          content: CONTENTS[i] ?? decisionContent,
          reason: "修改",
        }),
      ),
    }),
    actorFor("a"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.constant<DisclosureCommandInput>({ type: "disclosure.approve", contentHash: "0".repeat(64) }),
      sign: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Sign>("current") },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: CONTENTS.length - 1 }) },
      ),
    }),
    actorFor("h"),
  ),
  fc.tuple(
    fc.record({ cmd: fc.constant<DisclosureCommandInput>({ type: "disclosure.publish", channel: "政府网站" }) }),
    actorFor("p"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.integer({ min: 0, max: CONTENTS.length - 1 }).map(
        (i): DisclosureCommandInput => ({
          type: "disclosure.correct",
          content: CONTENTS[i] ?? decisionContent,
          reason: "更正",
        }),
      ),
    }),
    actorFor("p"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.constantFrom<DisclosureCommandInput>({
        type: "disclosure.withhold",
        reason: "涉及未成年人",
        source: { law: "政府信息公开条例", article: 15 },
      }),
    }),
    actorFor("h"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.constantFrom<DisclosureCommandInput>({
        type: "disclosure.requireWithdrawal",
        cause: "revoked",
        changedOn: "2024-01-02",
      }),
    }),
    actorFor("p", "job"),
  ),
  fc.tuple(
    fc.record({ cmd: fc.constant<DisclosureCommandInput>({ type: "disclosure.withdraw", reason: "决定已撤销" }) }),
    actorFor("p"),
  ),
  fc.tuple(fc.record({ cmd: fc.constant<DisclosureCommandInput>({ type: "disclosure.expire" }) }), actorFor("job")),
  fc.tuple(
    fc.record({
      cmd: fc.constant<DisclosureCommandInput>({ type: "disclosure.forward", via: "宁夏回族自治区市场监督管理厅" }),
    }),
    actorFor("p"),
  ),
  fc.tuple(
    fc.record({
      cmd: fc.constantFrom<DisclosureCommandInput>(
        { type: "disclosure.endEarly", conditions: MET },
        { type: "disclosure.endEarly", conditions: { ...MET, notOnBlacklists: false } },
      ),
    }),
    actorFor("h"),
  ),
);

interface Model {
  accepted: number;
}
interface Real {
  state: DisclosureState;
  events: CaseEvent[];
  day: string;
}

const reached = new Set<string>();

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly c: Cmd,
    readonly actor: Actor,
    readonly advance: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.day = addDays(real.day, this.advance);
    const now = `${real.day}T03:00:00Z`;
    let cmd = this.c.cmd;
    if (cmd.type === "disclosure.approve") {
      const sign = this.c.sign ?? "current";
      const h = sign === "current" ? real.state.context.contentHash : hashOf(CONTENTS[sign] ?? decisionContent);
      cmd = { ...cmd, contentHash: h ?? "0".repeat(64) };
    }
    const before = JSON.stringify([real.state.value, real.state.context, real.state.version]);
    const r = decideDisclosure(real.state, { ...cmd, at: now }, { actor: this.actor, now, calendar, policy: POLICY });
    if (r.isErr()) {
      // A refusal changes nothing and is always a coded error.
      expect(JSON.stringify([real.state.value, real.state.context, real.state.version])).toBe(before);
      expect(r.error.code).toMatch(/^[A-Z_]+$/);
      return;
    }
    for (const e of r.value) real.state = evolveDisclosure(real.state, e)._unsafeUnwrap();
    real.events.push(...r.value);
    model.accepted += 1;
    reached.add(real.state.value);
    for (const e of r.value) reached.add(e.type);
    if ((real.state.context.published?.version ?? 0) >= 2) reached.add("version 2");
    const folded = foldDisclosure(disclosureId, real.events)._unsafeUnwrap();
    expect(folded.value).toBe(real.state.value);
    expect(folded.context).toEqual(real.state.context);
    checkInvariants(real.events);
  }
  toString(): string {
    return `${this.c.cmd.type}(${this.actor.id},+${this.advance}d)`;
  }
}

/** The invariants, from the events alone (independently of the machine and its context). */
function checkInvariants(events: readonly CaseEvent[]): void {
  let working: string | undefined;
  let signed: string | undefined;
  let version = 0;
  let ended: string | undefined;
  let crossProvince = false;
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    // Nothing follows a withdrawal, an expiry or a withholding.
    expect(ended, `${e.type} after ${ended}`).toBeUndefined();
    switch (e.type) {
      case "disclosure.drafted":
        crossProvince = (p.draft as DisclosureDraft).routing !== undefined;
        working = p.contentHash as string;
        signed = undefined;
        break;
      case "disclosure.revised":
      case "disclosure.corrected":
        working = p.contentHash as string;
        signed = undefined;
        break;
      case "disclosure.approved":
        // 负责人审定: a head of the disclosing body, of exactly the content worked on, never of leaked data.
        expect(e.actor.id).toBe("h");
        expect(p.contentHash).toBe(working);
        expect(p.contentHash).not.toBe(LEAKY);
        signed = p.contentHash as string;
        break;
      case "disclosure.published": {
        const item = p.item as PublishedItem;
        // A cross-province item is never published by the deciding bureau (Art. 10) ...
        expect(crossProvince).toBe(false);
        // Nothing is published without an approval of the same hash ...
        expect(signed).toBeDefined();
        expect(item.contentHash).toBe(signed);
        expect(hashOf(item.content)).toBe(item.contentHash);
        // ... and versions increase by exactly one per publication.
        expect(item.version).toBe(version + 1);
        expect(item.corrections).toHaveLength(item.version - 1);
        expect(e.actor.roles).toContain("publisher");
        version = item.version;
        signed = undefined;
        break;
      }
      case "disclosure.withdrawn":
      case "disclosure.expired":
        expect(version).toBeGreaterThan(0);
        ended = e.type;
        break;
      case "disclosure.withheld":
        expect(version).toBe(0);
        ended = e.type;
        break;
      case "disclosure.forwarded":
        // 跨省推送 (Art. 10): only a cross-province draft, never published here, exactly the signed-off content.
        expect(crossProvince).toBe(true);
        expect(version).toBe(0);
        expect(signed).toBeDefined();
        expect((p.information as { contentHash: string }).contentHash).toBe(signed);
        expect(e.actor.roles).toContain("publisher");
        ended = e.type;
        break;
      case "disclosure.endedEarly":
        // 提前停止公示 (Art. 14): the head's act, on a published item, all four conditions attested.
        expect(version).toBeGreaterThan(0);
        expect(e.actor.roles).toContain("head");
        expect(Object.values(p.conditions as EarlyEndConditions).every(Boolean)).toBe(true);
        ended = e.type;
        break;
      default:
        break;
    }
  }
}

const stepArb = fc
  .tuple(commandArb, fc.integer({ min: 0, max: 12 }))
  .map(([[c, actor], advance]) => new Step(c, actor, advance));

test.prop([fc.commands([stepArb], { maxCommands: 40, size: "max" })], { numRuns: 150 })(
  "random command sequences: state = fold of events; nothing published unsigned, nothing after withdrawal or expiry, versions +1",
  (cmds) => {
    const real: Real = { state: initialDisclosureState(disclosureId), events: [], day: "2024-01-02" };
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), cmds);
  },
  60_000,
);

test.prop([fc.commands([stepArb], { maxCommands: 30, size: "max" })], { numRuns: 60 })(
  "after a scripted publication and correction, random steps keep the invariants",
  (cmds) => {
    const real: Real = { state: initialDisclosureState(disclosureId), events: [], day: "2024-01-02" };
    const corrected = CONTENTS[2] ?? decisionContent;
    const scripted: Step[] = [
      new Step({ cmd: { type: "disclosure.draft", draft: decisionDraft } }, officerActor, 0),
      new Step({ cmd: { type: "disclosure.approve", contentHash: "" }, sign: "current" }, headActor, 1),
      new Step({ cmd: { type: "disclosure.publish", channel: "政府网站" } }, publisherActor, 0),
      new Step({ cmd: { type: "disclosure.correct", content: corrected, reason: "更正文号" } }, publisherActor, 1),
      new Step({ cmd: { type: "disclosure.approve", contentHash: "" }, sign: "current" }, headActor, 0),
      new Step({ cmd: { type: "disclosure.publish", channel: "政府网站" } }, publisherActor, 0),
    ];
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), [...scripted, ...cmds]);
    expect(real.events.filter((e) => e.type === "disclosure.published").length).toBeGreaterThanOrEqual(2);
  },
  60_000,
);

// Each end state once by a scripted walk, so the coverage below never depends on the random
// walks' luck (they explore around these; a walk that reaches nothing new is no failure).
it("scripted walks reach every end state: forwarded (Art. 10), endedEarly (Art. 14), withdrawn, expired, withheld", () => {
  const approve = (): Step =>
    new Step({ cmd: { type: "disclosure.approve", contentHash: "" }, sign: "current" }, headActor, 1);
  const publish = (): Step => new Step({ cmd: { type: "disclosure.publish", channel: "政府网站" } }, publisherActor, 0);
  const walks: Step[][] = [
    [
      new Step({ cmd: { type: "disclosure.draft", draft: crossDraft } }, officerActor, 0),
      approve(),
      new Step({ cmd: { type: "disclosure.forward", via: "宁夏回族自治区市场监督管理厅" } }, publisherActor, 0),
    ],
    [
      new Step({ cmd: { type: "disclosure.draft", draft: decisionDraft } }, officerActor, 0),
      approve(),
      publish(),
      new Step({ cmd: { type: "disclosure.endEarly", conditions: MET } }, headActor, 32),
    ],
    [
      new Step({ cmd: { type: "disclosure.draft", draft: decisionDraft } }, officerActor, 0),
      approve(),
      publish(),
      new Step(
        { cmd: { type: "disclosure.requireWithdrawal", cause: "revoked", changedOn: "2024-01-02" } },
        publisherActor,
        0,
      ),
      new Step({ cmd: { type: "disclosure.withdraw", reason: "决定已撤销" } }, publisherActor, 1),
    ],
    [
      new Step({ cmd: { type: "disclosure.draft", draft: decisionDraft } }, officerActor, 0),
      approve(),
      publish(),
      new Step({ cmd: { type: "disclosure.expire" } }, systemActor, 40),
    ],
    [
      new Step({ cmd: { type: "disclosure.draft", draft: decisionDraft } }, officerActor, 0),
      new Step(
        {
          cmd: {
            type: "disclosure.withhold",
            reason: "涉及未成年人",
            source: { law: "政府信息公开条例", article: 15 },
          },
        },
        headActor,
        0,
      ),
    ],
  ];
  const ends = ["forwarded", "endedEarly", "withdrawn", "expired", "withheld"];
  walks.forEach((walk, i) => {
    const real: Real = { state: initialDisclosureState(disclosureId), events: [], day: "2024-01-02" };
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), walk);
    expect(real.state.value).toBe(ends[i]);
  });
});

afterAll(() => {
  for (const s of [
    "published",
    "correcting",
    "correctionApproved",
    "withdrawalDue",
    "withdrawn",
    "expired",
    "withheld",
    "forwarded",
    "endedEarly",
    "version 2",
  ]) {
    expect(reached.has(s), `the random walk never reached ${s}`).toBe(true);
  }
});
