import {
  type Actor,
  type Bureau,
  type CaseFile,
  type CaseState,
  type Clock,
  chinaCalendar,
  createBodiesRegistry,
  createBureau,
  type EventStore,
  epochMillis,
  err,
  type Instant,
  manualClock,
  ok,
  type PenaltyCommandInput,
  type Result,
  type SanxiangError,
  type SignedTreeHead,
  testSigner,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";

// A full ordinary penalty case of the sample market-regulation bureau, run through the
// bureau facade (createBureau) exactly as an app would: 不标明价格 (价格违法行为行政处罚规定 Art. 13), a
// warning and a ¥2,000 fine. Sample data: the party, officers and dates are invented.

/**
 * The sample market-regulation bureau (中卫市沙坡头区市场监督管理局, `spt-scjgj`) over `store` at
 * `clock`, with the sample bodies registry and signing with the public test key: the bureau
 * the demo's cases run in.
 */
export function sampleBureau(store: EventStore, clock: Clock): Result<Bureau, SanxiangError> {
  return createBodiesRegistry(SAMPLE_BODIES_DATA).andThen((bodies) =>
    createBureau({
      bodyId: "spt-scjgj",
      logId: "EXAMPLE.spt-scjgj",
      store,
      signer: testSigner(),
      clock,
      registries: { bodies },
      calendar: chinaCalendar(),
    }),
  );
}

/**
 * Signs the demo bureau's log head (签名树头) at `at` on the demo's manual clock — or at the
 * newest kept head's time when that is later (the demo run again on its store): the bureau's
 * heads are dated in the order its log grew, as signing and `verify --log` require. When the
 * newest kept head is another key's (an operator signed the demo's store with their own key,
 * `sanxiang sign`), the demo declares its key change, as an operator would with `--new-key`:
 * the demo's key is the public test key, and both kinds of head stay listed by `verify --log`.
 */
export async function signDemoHead(
  store: EventStore,
  clock: { set(instant: Instant): void },
  at: Instant,
  bureau: Pick<Bureau, "signHead">,
): Promise<Result<SignedTreeHead, SanxiangError>> {
  const latest = await store.latestSignedTreeHead();
  if (latest.isErr()) return err(latest.error);
  const kept = latest.value?.timestamp;
  clock.set(kept !== undefined && epochMillis(kept) > epochMillis(at) ? kept : at);
  const signed = await bureau.signHead();
  if (signed.isErr() && signed.error.code === "TREE_HEAD_CONFLICT" && signed.error.details?.reason === "otherKey") {
    return bureau.signHead({ keyChange: true });
  }
  return signed;
}

/** The demo case's id in a store: the first of SPT-SCJ-DEMO-001, -002, … not yet taken. */
async function freeCaseId(store: EventStore): Promise<Result<string, SanxiangError>> {
  for (let n = 1; ; n++) {
    const id = `SPT-SCJ-DEMO-${String(n).padStart(3, "0")}`;
    const events = await store.load(id);
    if (events.isErr()) return err(events.error);
    if (events.value.length === 0) return ok(id);
  }
}
const officer: Actor = { id: "spt-scj-01", name: "陈海龙", roles: ["officer"] };
const head: Actor = { id: "spt-scj-head", name: "局长（示例）", roles: ["head"] };
const doc = (id: string) => ({ id, kind: "document" as const });
const transcript = (id: string) => ({ id, kind: "transcript" as const });
const photo = (id: string) => ({ id, kind: "photo" as const });
const fine = { kinds: ["warning", "fine"] as ("warning" | "fine")[], fineFen: 200_000 };

/** One step of the demo case: what the officer does, when, and who. */
export interface DemoStep {
  /** What the officer does, in Chinese. */
  readonly label: string;
  /** The same in English (`--lang en`). */
  readonly labelEn: string;
  readonly command: PenaltyCommandInput;
  readonly at: string;
  readonly actor: Actor;
}

/** The steps of the sample case, in order (2026-03-02 is a Monday). */
export const DEMO_STEPS: readonly DemoStep[] = [
  {
    label: "立案",
    labelEn: "case filed",
    at: "2026-03-02T02:00:00Z",
    actor: officer,
    command: {
      type: "case.file",
      party: { kind: "organisation", name: "沙坡头区示例超市（示例）" },
      category: "价格监督检查",
      violation: "经营者销售商品未明码标价",
      regionCode: "640502",
      officerIds: ["spt-scj-01", "spt-scj-02"],
      actDate: "2026-02-26",
      records: [doc("filing-approval")],
    },
  },
  {
    label: "现场检查（笔录、照片）",
    labelEn: "site inspection (transcript, photos)",
    at: "2026-03-03T02:00:00Z",
    actor: officer,
    command: {
      type: "investigation.record",
      actionId: "inspect-1",
      action: "siteInspection",
      records: [transcript("inspection-transcript"), photo("shelf-photo")],
    },
  },
  {
    label: "调查终结",
    labelEn: "investigation closed",
    at: "2026-03-04T02:00:00Z",
    actor: officer,
    command: { type: "investigation.close", facts: "经营者销售商品未标明价格" },
  },
  {
    label: "送达行政处罚告知书",
    labelEn: "prior notice of the penalty served",
    at: "2026-03-05T02:00:00Z",
    actor: officer,
    command: {
      type: "notice.serve",
      penalty: fine,
      facts: "销售商品未标明价格",
      basis: ["价格违法行为行政处罚规定第十三条"],
      records: [doc("prior-notice")],
    },
  },
  {
    label: "听取陈述申辩",
    labelEn: "statement and defence heard",
    at: "2026-03-06T02:00:00Z",
    actor: officer,
    command: { type: "defence.receive", statement: "已改正，请求从轻" },
  },
  {
    label: "作出行政处罚决定",
    labelEn: "penalty decision made",
    at: "2026-03-10T02:00:00Z",
    actor: head,
    command: { type: "case.decide", outcome: "penalty", penalty: fine, records: [doc("decision")] },
  },
  {
    label: "送达决定书",
    labelEn: "decision served",
    at: "2026-03-11T02:00:00Z",
    actor: officer,
    command: { type: "decision.serve", method: "direct", records: [doc("service-receipt")] },
  },
  {
    label: "罚款缴纳",
    labelEn: "fine paid",
    at: "2026-03-16T02:00:00Z",
    actor: officer,
    command: { type: "payment.record", amountFen: 200_000 },
  },
  { label: "结案", labelEn: "case closed", at: "2026-03-17T02:00:00Z", actor: head, command: { type: "case.close" } },
  {
    label: "归档",
    labelEn: "case archived",
    at: "2026-03-18T02:00:00Z",
    actor: officer,
    command: { type: "case.archive", records: [doc("case-file")] },
  },
];

/** What the demo shows of the case. */
export interface DemoCase {
  readonly caseId: string;
  /** The state after each step. */
  readonly states: readonly { readonly step: DemoStep; readonly state: CaseState }[];
  /** A command the procedure refused on the way (deciding before the prior notice). */
  readonly refused: SanxiangError;
  /** The case file, signed with the public test key. */
  readonly caseFile: CaseFile;
}

/**
 * Runs the sample case in `store` through {@link createBureau} — every act by `as(actor)` at
 * the bureau's clock, set to the step's time — shows a refused shortcut, signs the store's log
 * head with the public test key and assembles the case's file from what the store holds
 * (`case(id).caseFile()`).
 */
export async function runDemoCase(store: EventStore): Promise<Result<DemoCase, SanxiangError>> {
  const caseId = await freeCaseId(store);
  if (caseId.isErr()) return err(caseId.error);
  const CASE_ID = caseId.value;
  const first = DEMO_STEPS[0];
  if (first === undefined) throw new Error("the demo case has no steps");
  const clock = manualClock(first.at);
  const bureau = sampleBureau(store, clock);
  if (bureau.isErr()) return err(bureau.error);
  const c = bureau.value.case(CASE_ID);
  const states: { step: DemoStep; state: CaseState }[] = [];
  let refused: SanxiangError | undefined;
  for (const step of DEMO_STEPS) {
    clock.set(step.at);
    if (step.command.type === "notice.serve") {
      // The shortcut the law forbids: deciding before the party was told (Art. 44, 62).
      const early = await c.as(head).decide({ outcome: "penalty", penalty: fine, records: [doc("decision")] });
      if (early.isOk()) throw new Error("the procedure let a decision through without prior notice");
      refused = early.error;
    }
    const r = await c.as(step.actor).execute(step.command);
    if (r.isErr()) return err(r.error);
    const view = r.value.view;
    if (view.procedure !== "ordinary") throw new Error(`the demo case is not an ordinary case: ${view.procedure}`);
    states.push({ step, state: view.state });
  }
  // The head signed at the end of the last day; the case file is proved against it.
  const sth = await signDemoHead(store, clock, "2026-03-18T08:00:00Z", bureau.value);
  if (sth.isErr()) return err(sth.error);
  const file = await c.caseFile();
  if (file.isErr()) return err(file.error);
  if (refused === undefined) throw new Error("the demo case has no prior-notice step");
  return ok({ caseId: CASE_ID, states, refused, caseFile: file.value });
}
