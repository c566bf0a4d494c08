// Control characters at the door (checkInputTexts): every command of the bureau — the ordinary
// and simplified procedures' case commands, evidence and its custody, legal reviews,
// disclosures, the form register — is refused `INVALID_INPUT` when any of its strings holds a
// C0 control other than tab and line breaks, DEL, a C1 control, a bidirectional embedding,
// override or isolate (U+202A–U+202E, U+2066–U+2069) or U+FEFF, naming the field, the
// character and its place, with nothing appended; the same command without it is accepted.
// Tabs and line breaks stay allowed. Events already recorded with such characters load and
// verify: the check is on commands, never on history.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decideDisclosure } from "../disclosure/decide.js";
import { initialDisclosureState } from "../disclosure/fold.js";
import { memoryPublisher } from "../disclosure/memory-publisher.js";
import { decide } from "../enforcement/decide.js";
import { initialCaseState } from "../enforcement/fold.js";
import { initialInspectionState } from "../enforcement/inspection/case.js";
import { decideInspection } from "../enforcement/inspection/decide.js";
import { decideSimplified } from "../enforcement/simplified/decide.js";
import { decideFormEvent, EMPTY_FORM_REGISTER } from "../enforcement/simplified/forms.js";
import { initialSimplifiedState } from "../enforcement/simplified/state.js";
import {
  bodies,
  calendar,
  ctxAt,
  doc,
  headActor,
  officerActor,
  onSpotDecide,
  reviewerActor,
} from "../enforcement/test-fixtures.js";
import type { Actor } from "../kernel/actors.js";
import type { SanxiangError } from "../kernel/errors.js";
import { isUnsafeTextCharacter } from "../kernel/input-text.js";
import { manualClock } from "../kernel/ports.js";
import type { Result } from "../kernel/result.js";
import { testSigner } from "../kernel/signer-verify.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import { attachEvidence } from "../recording/evidence-attach.js";
import { openEvidence, recordCustody } from "../recording/evidence-custody.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { decideReview } from "../review/decide.js";
import { initialReviewState } from "../review/fold.js";
import { REVIEW_ITEMS } from "../review/schema.js";
import { type Bureau, createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const okv = <T>(v: T): T => v;
const fail = (e: { code: string; message: string }): never => {
  throw new Error(`${e.code}: ${e.message}`);
};

const publisherActor: Actor = { id: "p", name: "公示专员", roles: ["publisher"] };
const major = { kinds: ["fine" as const], fineFen: 15_000_000 };
const CASE = "SPT-2025-001";
const SPOT = "SP-1";

interface World {
  readonly bureau: Bureau;
  readonly store: EventStore;
  readonly clock: ReturnType<typeof manualClock>;
}

function world(): World {
  const clock = manualClock("2025-03-03T02:00:00Z");
  const store = memoryEventStore({ projections: bureauProjections() });
  const bureau = createBureau({
    bodyId: "spt",
    store,
    evidence: memoryEvidenceStore(),
    publisher: memoryPublisher(),
    signer: testSigner(),
    clock,
    registries: { bodies },
    calendar,
  }).match(okv, fail);
  return { bureau, store, clock };
}

/**
 * One act of the walk: the bureau's clock, the command's data (`input`, plain JSON) and how
 * it is handed to the bureau. `pathIn`: where a field of `input` sits in the command the
 * bureau builds from it (as is for most; 送审 puts outcome and penalty in its draft);
 * `null` when the bureau composes the command's texts itself (a drafted disclosure):
 * there only the character is checked.
 */
interface Act {
  readonly name: string;
  readonly at: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly run: (w: World, input: never) => Promise<Result<unknown, SanxiangError>>;
  readonly pathIn: ((path: string) => string) | null;
}

const act = <I extends Record<string, unknown>>(
  name: string,
  at: string,
  input: I,
  run: (w: World, input: I) => Promise<Result<unknown, SanxiangError>>,
  pathIn: ((path: string) => string) | null = (path) => path,
): Act => ({ name, at, input, run: run as Act["run"], pathIn });

const onCase = (w: World, a: Actor) => w.bureau.case(CASE).as(a);

/** A major ordinary case end to end, an on-the-spot case, their evidence, review, disclosure and forms. */
const WALK: readonly Act[] = [
  act(
    "case.file",
    "2025-03-03T02:00:00Z",
    {
      type: "case.file",
      party: { kind: "organisation", name: "某律师事务所", partyId: "ORG-1" },
      category: "律师管理",
      regionCode: "640502",
      officerIds: ["a", "b"],
      actDate: "2025-01-10",
      records: [doc("filing-form")],
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act(
    "attachEvidence",
    "2025-03-03T02:00:00Z",
    {
      mediaType: "video/mp4",
      evidenceType: "audioVisual",
      capturedAt: "2025-03-03T01:00:00Z",
      deviceId: "cam-01",
      stage: "filing",
      custody: [{ kind: "sealed", at: "2025-03-03T02:00:00Z", note: "封存袋 0001\n第二行" }],
    },
    (w, i) => onCase(w, officerActor).attachEvidence(new TextEncoder().encode("video"), i as never),
  ),
  act("evidence.open", "2025-03-03T02:30:00Z", { purpose: "复核\n法制审核" }, (w, i) =>
    w.bureau
      .case(CASE)
      .evidence(`${CASE}-ev-1`)
      .as(officerActor)
      .open(i as never),
  ),
  act(
    "investigation.record",
    "2025-03-03T03:00:00Z",
    {
      type: "investigation.record",
      actionId: "inq-1",
      action: "inquiry",
      records: [{ id: "t-1", kind: "transcript" }],
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act(
    "investigation.close",
    "2025-03-04T02:00:00Z",
    {
      type: "investigation.close",
      facts: "未按规定执业：\n\t一、未签订委托合同；\r\n\t二、未统一收费。",
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act(
    "notice.serve",
    "2025-03-05T02:00:00Z",
    {
      type: "notice.serve",
      penalty: major,
      facts: "未按规定执业",
      basis: ["律师法第五十条"],
      records: [doc("notice")],
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act(
    "defence.receive",
    "2025-03-06T02:00:00Z",
    {
      type: "defence.receive",
      statement: "当事人陈述：已整改。\n请求从轻。",
      records: [doc("statement")],
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act(
    "review.submit",
    "2025-03-14T03:00:00Z",
    {
      outcome: "penalty",
      penalty: major,
      materials: [
        { kind: "application", id: "review-application" },
        { kind: "proposalNote", id: "proposal-note" },
        { kind: "draftDecision", id: "draft-decision" },
        { kind: "evidence", id: "evidence-list" },
      ],
    },
    (w, i) =>
      w.bureau
        .case(CASE)
        .review.as(officerActor)
        .submit(i as never),
    (path) => (path.startsWith("materials") ? path : `draft.${path}`),
  ),
  act("review.assign", "2025-03-14T04:00:00Z", { reviewerId: "r" }, (w, i) =>
    w.bureau
      .case(CASE)
      .review.as(headActor)
      .assign(i as never),
  ),
  act(
    "review.conclude",
    "2025-03-17T02:00:00Z",
    {
      outcome: "approved",
      findings: REVIEW_ITEMS.map((item) => ({ item, ok: true })),
      opinion: "同意。\n建议按拟定意见作出决定。",
    },
    (w, i) =>
      w.bureau
        .case(CASE)
        .review.as(reviewerActor)
        .conclude(i as never),
  ),
  act(
    "case.decide",
    "2025-03-18T02:00:00Z",
    {
      type: "case.decide",
      outcome: "penalty",
      penalty: major,
      records: [doc("decision")],
    },
    (w, i) => onCase(w, headActor).execute(i as never),
  ),
  act(
    "disclosure.draft",
    "2025-03-19T02:00:00Z",
    { documentNumber: "沙司罚决〔2025〕1号" },
    (w, i) =>
      w.bureau
        .case(CASE)
        .disclosure.as(officerActor)
        .draft(i as never),
    null,
  ),
  act("disclosure.approve", "2025-03-19T02:10:00Z", {}, (w) =>
    w.bureau.disclosure(`gs-decision-${CASE}`).as(headActor).signOff(),
  ),
  act("disclosure.publish", "2025-03-19T02:20:00Z", {}, (w) =>
    w.bureau.disclosure(`gs-decision-${CASE}`).as(publisherActor).publish(),
  ),
  act("disclosure.withdraw", "2025-03-19T02:30:00Z", { reason: "决定被撤销，依法撤回公示" }, (w, i) =>
    w.bureau.disclosure(`gs-decision-${CASE}`).as(publisherActor).withdraw(i.reason),
  ),
  act(
    "decision.serve",
    "2025-03-19T03:00:00Z",
    {
      type: "decision.serve",
      method: "direct",
      records: [doc("served")],
    },
    (w, i) => onCase(w, officerActor).execute(i as never),
  ),
  act("payment.record", "2025-03-20T02:00:00Z", { type: "payment.record", amountFen: 15_000_000 }, (w, i) =>
    onCase(w, officerActor).execute(i as never),
  ),
  act("case.close", "2025-03-21T02:00:00Z", { type: "case.close" }, (w, i) => onCase(w, headActor).execute(i as never)),
  act("case.archive", "2025-03-21T03:00:00Z", { type: "case.archive", records: [doc("archive")] }, (w, i) =>
    onCase(w, officerActor).execute(i as never),
  ),
  act("forms.issue", "2025-03-22T02:00:00Z", { officerId: "a", numbers: ["No.0001", "No.0002"] }, (w, i) =>
    w.bureau.forms.as(headActor).issue(i as never),
  ),
  act(
    "onSpot.decide",
    "2025-03-22T03:00:00Z",
    onSpotDecide({ party: { kind: "person", name: "张三" }, place: "中卫市沙坡头区\t示例街" }) as Record<
      string,
      unknown
    >,
    (w, i) =>
      w.bureau
        .case(SPOT)
        .as(officerActor)
        .execute(i as never),
  ),
  act("forms.void", "2025-03-22T04:00:00Z", { officerId: "a", number: "No.0002", reason: "填写错误，作废" }, (w, i) =>
    w.bureau.forms.as(headActor).void(i as never),
  ),
];

/** A store counting its appends: a refused command appends nothing. */
function counting(w: World): { readonly world: World; readonly appends: () => number } {
  let n = 0;
  const store = new Proxy(w.store, {
    get(target, prop) {
      if (prop === "append") {
        return (...args: Parameters<EventStore["append"]>) => {
          n += 1;
          return target.append(...args);
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { world: { ...w, store }, appends: () => n };
}

/** Every string of `value` with its path (keys and indexes). */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  }
  return [];
}

/** `value` with `text` put into the string at `path`, at code point `place` (clamped). */
function withInserted(value: unknown, path: readonly (string | number)[], place: number, text: string): unknown {
  if (path.length === 0) {
    const chars = [...(value as string)];
    const at = Math.min(place, chars.length);
    return [...chars.slice(0, at), text, ...chars.slice(at)].join("");
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withInserted(v, rest, place, text) : v));
  const o = value as Record<string, unknown>;
  return { ...o, [head as string]: withInserted(o[head as string], rest, place, text) };
}

const BAD: readonly number[] = [
  0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x202a, 0x202b, 0x202c, 0x202d,
  0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
];
const name = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

async function runUpTo(w: World, k: number): Promise<void> {
  for (const a of WALK.slice(0, k)) {
    w.clock.set(a.at);
    (await a.run(w, a.input as never)).match(okv, (e) => fail({ code: e.code, message: `${a.name}: ${e.message}` }));
  }
  const target = WALK[k];
  if (target !== undefined) w.clock.set(target.at);
}

/** The acts with at least one string in their data. */
const WITH_TEXT = WALK.flatMap((a, k) => (stringLeaves(a.input).length > 0 ? [k] : []));

const targetArb = fc.constantFrom(...WITH_TEXT).chain((k) => {
  const leaves = stringLeaves(WALK[k]?.input);
  return fc.record({
    k: fc.constant(k),
    path: fc.constantFrom(...leaves),
    place: fc.nat({ max: 40 }),
    bad: fc.constantFrom(...BAD),
  });
});

describe("commands: control characters refused at the door", () => {
  it("the walk itself is accepted whole (tabs and line breaks included) and verifies", async () => {
    const w = world();
    await runUpTo(w, WALK.length);
    expect((await w.bureau.verify()).isOk()).toBe(true);
  });

  test.prop([targetArb], { numRuns: 80 })(
    "a bad character in any string field of any command: INVALID_INPUT naming path, character and place; nothing appended; the clean command then accepted",
    async ({ k, path, place, bad }) => {
      const a = WALK[k];
      if (a === undefined) throw new Error("no act");
      const base = world();
      await runUpTo(base, k);
      const { world: w, appends } = counting(base);
      const head = (await base.store.head()).match(okv, fail).position;
      const original = path.reduce<unknown>(
        (v, seg) => (v as Record<string | number, unknown>)[seg],
        a.input,
      ) as string;
      const expectedAt = Math.min(place, [...original].length);
      const corrupted = withInserted(a.input, path, place, String.fromCodePoint(bad));
      const r = await a.run(w, corrupted as never);
      const e = r._unsafeUnwrapErr();
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.details?.codePoint).toBe(name(bad));
      expect(e.message).toContain(name(bad));
      if (a.pathIn !== null) {
        expect(e.details?.path).toBe(a.pathIn(path.join(".")));
        expect(e.details?.at).toBe(expectedAt);
        expect(e.message).toContain(`第 ${expectedAt + 1} 个字符`);
      }
      expect(appends()).toBe(0);
      expect((await base.store.head()).match(okv, fail).position).toBe(head);
      (await a.run(w, a.input as never)).match(okv, (x) => fail({ code: x.code, message: `${a.name}: ${x.message}` }));
    },
    120_000,
  );
});

/** Every decider of a command, with a fresh state and a context at `now` (enough to reach its door). */
const DOORS: readonly [string, (input: unknown) => Result<unknown, SanxiangError>][] = [
  ["decide", (i) => decide(initialCaseState("c"), i as never, ctxAt(NOW))],
  ["decideSimplified", (i) => decideSimplified(initialSimplifiedState("s"), i as never, { ...ctxAt(NOW) } as never)],
  ["decideInspection", (i) => decideInspection(initialInspectionState("i"), i as never, { ...ctxAt(NOW) } as never)],
  ["decideReview", (i) => decideReview(initialReviewState("r"), i as never, { ...ctxAt(NOW) } as never)],
  ["decideDisclosure", (i) => decideDisclosure(initialDisclosureState("d"), i as never, { ...ctxAt(NOW) } as never)],
  ["decideFormEvent", (i) => decideFormEvent(EMPTY_FORM_REGISTER, i as never)],
];
const NOW = "2025-03-03T02:00:00Z";

/** A JSON value whose strings hold no refused character. */
const cleanJson = fc
  .jsonValue({ maxDepth: 4 })
  .map(
    (v) =>
      JSON.parse(
        JSON.stringify(v, (_k, x: unknown) =>
          typeof x === "string" ? [...x].filter((ch) => !isUnsafeTextCharacter(ch.codePointAt(0) ?? 0)).join("") : x,
        ),
      ) as unknown,
  );

describe("every decider: the check is at its door, whatever the command", () => {
  test.prop([
    fc.constantFrom(...DOORS),
    fc.dictionary(fc.string({ maxLength: 6 }), cleanJson, { maxKeys: 5 }),
    fc.string({ maxLength: 6 }).filter((k) => !k.includes(".")),
    fc.constantFrom(...BAD),
  ])(
    "one bad character anywhere in the data: INVALID_INPUT naming it, before the schema and the state",
    ([, door], data, key, bad) => {
      const input = { ...data, type: "case.file", [key]: { note: `甲${String.fromCodePoint(bad)}` } };
      const e = door(input)._unsafeUnwrapErr();
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.details).toMatchObject({ path: `${key}.note`, codePoint: name(bad), at: 1 });
    },
  );
});

describe("evidence: attach, custody and access check their data at the door too", () => {
  it("refuses before touching the ports", async () => {
    const ports = {} as never;
    const input = { caseId: "c", note: "甲\u202e乙" };
    for (const r of [
      await attachEvidence(ports, new Uint8Array(), input as never),
      await recordCustody(ports, input as never),
      await openEvidence(ports, input as never),
    ]) {
      expect(r._unsafeUnwrapErr().details).toMatchObject({ path: "note", codePoint: "U+202E", at: 1 });
    }
  });
});

describe("history: events recorded with such characters still load and verify", () => {
  it("a case whose party name and facts hold U+202E and U+0007 (written before the check) folds, lists and verifies", async () => {
    const w = world();
    const env = (
      seq: number,
      type: string,
      stage: CaseEvent["stage"],
      payload: Record<string, unknown>,
    ): CaseEvent => ({
      caseId: "OLD-1",
      seq,
      type,
      at: "2025-03-03T02:00:00Z",
      actor: { id: "a", roles: ["officer"] },
      stage,
      payload,
    });
    // The decider now refuses such a filing …
    const refused = await w.bureau
      .case("OLD-1")
      .as(officerActor)
      .file({
        party: { kind: "organisation", name: "某所\u202e0005" },
        category: "律师管理",
        regionCode: "640502",
        officerIds: ["a", "b"],
        actDate: "2025-01-10",
        records: [doc("filing-form")],
      });
    expect(refused._unsafeUnwrapErr().details?.path).toBe("party.name");
    // … but the events of one recorded earlier are history: appended as they were, read back as they are.
    const filed = (
      await w.bureau
        .case("TMPL")
        .as(officerActor)
        .file({
          party: { kind: "organisation", name: "某所" },
          category: "律师管理",
          regionCode: "640502",
          officerIds: ["a", "b"],
          actDate: "2025-01-10",
          records: [doc("filing-form")],
        })
    ).match(okv, fail).events[0] as CaseEvent;
    const payload = { ...filed.payload, party: { kind: "organisation", name: "某所\u202e0005" } };
    const old = [
      env(1, "case.filed", filed.stage, payload),
      env(2, "investigation.closed", "investigation", {
        at: "2025-03-03T02:00:00Z",
        facts: "事实\u0007",
        reviewRequired: false,
        complexOrMajor: false,
      }),
    ];
    (await w.store.append("OLD-1", 0, old)).match(okv, fail);
    const view = (await w.bureau.case("OLD-1").view()).match(okv, fail);
    expect(view.procedure).toBe("ordinary");
    if (view.procedure !== "ordinary") return;
    expect(view.state.context.party?.name).toBe("某所\u202e0005");
    expect(view.state.value).toBe("investigated");
    expect((await w.bureau.verify()).isOk()).toBe(true);
    const list = (await w.bureau.cases.list()).match(okv, fail);
    expect(list.map((c) => c.caseId)).toContain("OLD-1");
  });
});
