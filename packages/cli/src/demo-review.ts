import {
  type Actor,
  amountText,
  type CaseState,
  type CaseStepResult,
  createBodiesRegistry,
  createBureau,
  type EventStore,
  err,
  formatSource,
  formatYuan,
  manualClock,
  ok,
  PENALTY_STATE_NAMES,
  type PenaltyCommandInput,
  REVIEW_ITEMS,
  REVIEW_STATE_NAMES,
  type Result,
  type ReviewOpinion,
  type ReviewStepResult,
  type RuleSource,
  reviewOpinion,
  reviewOpinionText,
  type SanxiangError,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { LAW_TITLES } from "./commands/review.js";
import { sampleBureau, signDemoHead } from "./demo-case.js";
import { PENALTY_STATE_EN, REVIEW_OUTCOME_EN, REVIEW_STATE_EN } from "./english.js";
import { type StoreSpec, withStore } from "./event-store.js";
import { t } from "./i18n.js";
import type { CommandContext } from "./main.js";

// A major case of the sample market-regulation bureau, run as an app would — through
// createBureau, each act by `as(actor)` at the bureau's clock: a ¥150,000 fine to an
// organisation is major under the default catalogue (≥ ¥100,000), so the decision is stopped
// at the legal-review gate (行政处罚法 Art. 58); the review finds a problem (the fine outside
// the benchmark), the handling unit re-notifies ¥120,000 and re-submits, the reviewer
// approves, and the decision goes through with the approval recorded in the case (the bureau
// finds the review itself). Sample data: the party, officers and dates are invented.

const officer: Actor = { id: "spt-scj-01", name: "陈海龙", roles: ["officer"] };
const head: Actor = { id: "spt-scj-head", name: "局长（示例）", roles: ["head"] };
const reviewer: Actor = { id: "spt-scj-04", name: "郭婷", roles: ["legalReviewer"] };
const doc = (id: string) => ({ id, kind: "document" as const });
const first = { kinds: ["fine" as const], fineFen: 15_000_000 };
const corrected = { kinds: ["fine" as const], fineFen: 12_000_000 };

/** One line of the demo's story: when, what, and the outcome (a state, or a refusal's code). */
export interface ReviewDemoLine {
  readonly at: string;
  /** What was done, in Chinese. */
  readonly label: string;
  /** The same in English (`--lang en`). */
  readonly labelEn: string;
  /** The state the case or review reached (its id), or the refusal's code. */
  readonly outcome: string;
  /** The same, as an officer reads it: 已告知, 审核中 …, or 被拒绝（CODE）. */
  readonly outcomeZh: string;
  /** The same in English: party notified, under review …, or refused [CODE]. */
  readonly outcomeEn: string;
}

/** What the demo shows of the reviewed case. */
export interface ReviewDemo {
  readonly caseId: string;
  readonly reviewId: string;
  readonly lines: readonly ReviewDemoLine[];
  /** The refusal at the gate. */
  readonly stopped: SanxiangError;
  /** The first opinion (存在问题). */
  readonly problems: ReviewOpinion;
  /** The case once decided. */
  readonly decided: CaseState;
}

async function freeId(store: EventStore): Promise<Result<string, SanxiangError>> {
  for (let n = 1; ; n++) {
    const id = `SPT-SCJ-MAJOR-${String(n).padStart(3, "0")}`;
    const events = await store.load(id);
    if (events.isErr()) return err(events.error);
    if (events.value.length === 0) return ok(id);
  }
}

const materials = [
  { kind: "application" as const, id: "review-application" },
  { kind: "proposalNote" as const, id: "proposal-note" },
  { kind: "draftDecision" as const, id: "draft-decision" },
  { kind: "evidence" as const, id: "evidence-list" },
];

/**
 * Runs the major case and its legal review in `store` through {@link createBureau} (the
 * review in its own stream, `<caseId>.review.1`, in the same event store and Merkle log).
 */
export async function runDemoReview(store: EventStore): Promise<Result<ReviewDemo, SanxiangError>> {
  const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA);
  if (bodies.isErr()) return err(bodies.error);
  const id = await freeId(store);
  if (id.isErr()) return err(id.error);
  const caseId = id.value;
  const clock = manualClock("2026-04-01T02:00:00Z");
  const bureau = sampleBureau(store, clock);
  if (bureau.isErr()) return err(bureau.error);
  const c = bureau.value.case(caseId);
  const lines: ReviewDemoLine[] = [];
  let reviewId = "";
  let review: ReviewStepResult["review"] | undefined;
  let state: CaseState | undefined;
  // Each step at its time; the line shows the new state or the refusal's code.
  const at = (iso: string, label: string, labelEn: string) => {
    clock.set(iso);
    return <T extends CaseStepResult | ReviewStepResult>(r: Result<T, SanxiangError>): Result<T, SanxiangError> => {
      if (r.isOk() && "view" in r.value && r.value.view.procedure === "ordinary") state = r.value.view.state;
      if (r.isOk() && "review" in r.value) {
        review = r.value.review;
        reviewId = r.value.review.reviewId;
      }
      const outcome = r.isErr()
        ? `[${r.error.code}]`
        : "review" in r.value
          ? r.value.review.value
          : r.value.view.procedure === "ordinary"
            ? r.value.view.state.value
            : r.value.view.procedure;
      const outcomeZh = r.isErr()
        ? `被拒绝（${r.error.code}）`
        : "review" in r.value
          ? REVIEW_STATE_NAMES[r.value.review.value]
          : r.value.view.procedure === "ordinary"
            ? PENALTY_STATE_NAMES[r.value.view.state.value]
            : outcome;
      const outcomeEn = r.isErr()
        ? `refused [${r.error.code}]`
        : "review" in r.value
          ? REVIEW_STATE_EN[r.value.review.value]
          : r.value.view.procedure === "ordinary"
            ? PENALTY_STATE_EN[r.value.view.state.value]
            : outcome;
      lines.push({ at: iso, label, labelEn, outcome, outcomeZh, outcomeEn });
      return r;
    };
  };
  const notice = (penalty: typeof first): Omit<Extract<PenaltyCommandInput, { type: "notice.serve" }>, "type"> => ({
    penalty,
    facts: "经营者销售商品未标明价格，情节严重",
    basis: ["价格违法行为行政处罚规定第十三条"],
    records: [doc(`notice-${penalty.fineFen}`)],
  });
  const decision = (penalty: typeof first) => ({ outcome: "penalty" as const, penalty, records: [doc("decision")] });

  const steps: (() => Promise<Result<unknown, SanxiangError>>)[] = [
    async () =>
      at(
        "2026-04-01T02:00:00Z",
        "立案",
        "case filed",
      )(
        await c.as(officer).file({
          party: { kind: "organisation", name: "沙坡头区示例商贸有限公司（示例）" },
          category: "价格监督检查",
          violation: "经营者销售商品未明码标价",
          regionCode: "640502",
          officerIds: ["spt-scj-01", "spt-scj-02"],
          actDate: "2026-03-20",
          records: [doc("filing-approval")],
        }),
      ),
    async () =>
      at(
        "2026-04-02T02:00:00Z",
        "调查终结",
        "investigation closed",
      )(await c.as(officer).closeInvestigation({ facts: "经营者销售商品未标明价格" })),
    async () =>
      at(
        "2026-04-03T02:00:00Z",
        `告知拟罚款${amountText(first.fineFen)}`,
        `party notified of a proposed fine of ¥${formatYuan(first.fineFen)}`,
      )(await c.as(officer).notify(notice(first))),
  ];
  for (const step of steps) {
    const r = await step();
    if (r.isErr()) return err(r.error);
  }
  // After the 5-working-day hearing window (Art. 64): the head tries to decide — stopped.
  const stopped = at(
    "2026-04-14T02:00:00Z",
    "作出处罚决定（未经法制审核）",
    "penalty decision without legal review",
  )(await c.as(head).decide(decision(first)));
  if (stopped.isOk()) throw new Error("the gate let a major decision through without legal review");

  // The review: submitted from the case as it stands (the bureau builds the draft).
  for (const step of [
    async () =>
      at(
        "2026-04-14T03:00:00Z",
        "送审",
        "submitted for legal review",
      )(await c.review.as(officer).submit({ outcome: "penalty", penalty: first, materials })),
    async () =>
      at(
        "2026-04-14T04:00:00Z",
        "指定法制审核人员",
        "legal reviewer assigned",
      )(await c.review.as(head).assign({ reviewerId: "spt-scj-04" })),
    async () =>
      at(
        "2026-04-16T02:00:00Z",
        "审核意见：存在问题",
        "opinion: changes required",
      )(
        await c.review.as(reviewer).conclude({
          outcome: "problems",
          findings: REVIEW_ITEMS.map((item) =>
            item === "lawAndBenchmark"
              ? { item, ok: false, note: "罚款数额超出裁量基准的从重档次，未说明理由" }
              : { item, ok: true },
          ),
          requiredChanges: ["按裁量基准重新确定罚款数额"],
          opinion: "存在问题，请承办机构修改后重新送审",
        }),
      ),
  ]) {
    const r = await step();
    if (r.isErr()) return err(r.error);
  }
  const problems = review === undefined ? undefined : reviewOpinion(review, { bodies: bodies.value });
  if (problems === undefined || problems.isErr()) throw new Error("the demo review has no opinion");

  // Corrected: a new notice of ¥120,000 (lighter, so no defence cap is crossed), re-submitted, approved.
  for (const step of [
    async () =>
      at(
        "2026-04-17T02:00:00Z",
        `重新告知拟罚款${amountText(corrected.fineFen)}`,
        `party notified again, of a proposed fine of ¥${formatYuan(corrected.fineFen)}`,
      )(await c.as(officer).notify(notice(corrected))),
    async () =>
      at(
        "2026-04-17T03:00:00Z",
        "修改后重新送审",
        "corrected and submitted again",
      )(
        await c.review.as(officer).resubmit({
          outcome: "penalty",
          penalty: corrected,
          changes: "罚款调整为 120,000 元，并说明裁量理由",
          materials: [{ kind: "proposalNote", id: "proposal-note-2" }],
        }),
      ),
    async () =>
      at(
        "2026-04-20T02:00:00Z",
        "审核意见：同意",
        "opinion: approved",
      )(
        await c.review.as(reviewer).conclude({
          outcome: "approved",
          findings: REVIEW_ITEMS.map((item) => ({ item, ok: true })),
          opinion: "同意",
        }),
      ),
  ]) {
    const r = await step();
    if (r.isErr()) return err(r.error);
  }
  // The approved draft goes through: the bureau finds the review; review.approved + case.decided.
  const decided = at(
    "2026-04-28T03:00:00Z",
    "按审核通过的草案作出决定",
    "decision made on the approved draft",
  )(await c.as(head).decide(decision(corrected)));
  if (decided.isErr()) return err(decided.error);
  // Sign the log head again, so the review and the decision are covered by a signed head too.
  const signed = await signDemoHead(store, clock, "2026-04-28T08:00:00Z", bureau.value);
  if (signed.isErr()) return err(signed.error);
  if (state === undefined) throw new Error("the demo case was not filed");
  return ok({ caseId, reviewId, lines, stopped: stopped.error, problems: problems.value, decided: state });
}

/**
 * `sanxiang demo`, section 6: the major case stopped at the legal-review gate, reviewed with
 * a problem, corrected, approved and decided — in the store the demo opened — and the first
 * written opinion (法制审核意见书) as `sanxiang review opinion` prints it. `storeFlag` is the
 * ` --store …` the printed commands need (none for a memory store). Returns false when
 * something the law requires did not happen.
 */
export async function demoReviewSection(
  ctx: CommandContext,
  spec: StoreSpec,
  storeFlag: string | undefined,
): Promise<boolean> {
  const { lang } = ctx;
  const out = ctx.io.out;
  out(
    `\n${t(lang, "六、重大执法决定法制审核（行政处罚法第五十八条，示例数据）", "6. Legal review of a major decision (行政处罚法 Art. 58, sample data)")}\n${"-".repeat(40)}\n`,
  );
  const r = await withStore(ctx, spec, runDemoReview);
  if (typeof r === "number") return false;
  if (r.isErr()) {
    out(`  ${r.error.message}${t(lang, `（${r.error.code}）`, ` [${r.error.code}]`)}\n`);
    return false;
  }
  const d = r.value;
  for (const line of d.lines) {
    out(
      `  ${line.at.slice(0, 10)} ${t(lang, line.label, line.labelEn)} → ${t(lang, line.outcomeZh, line.outcomeEn)}\n`,
    );
  }
  const reasons =
    (d.stopped.details as { reasons?: { text: string; source: RuleSource }[] } | undefined)?.reasons ?? [];
  out(
    t(
      lang,
      `  关口：未经法制审核不得作出决定——${reasons.map((x) => x.text).join("；")}${d.stopped.source === undefined ? "" : `（依据：${formatSource(d.stopped.source)}）`}（${d.stopped.code}）\n`,
      `  Gate: a major decision needs a passed legal review first${d.stopped.source === undefined ? "" : ` (${formatSource(d.stopped.source)})`}; this one is major by ${reasons.length === 1 ? "one rule" : `${reasons.length} rules`} of the catalogue (${reasons.map((x) => formatSource(x.source)).join("; ")}): the fine reaches the amount set for organisations [${d.stopped.code}]\n`,
    ),
  );
  const p = d.problems;
  const failed = p.findings.filter((f) => !f.ok).length;
  out(
    t(
      lang,
      `  第一次出具的法制审核意见书：\n`,
      `  The first review's written opinion (法制审核意见书): ${REVIEW_OUTCOME_EN[p.outcome]}; ${failed} of ${p.findings.length} checklist questions answered no; ${p.requiredChanges.length} required change${p.requiredChanges.length === 1 ? "" : "s"}; the reviewer holds legal professional qualification ${p.reviewer.legalQualification ?? "(none recorded)"}\n`,
    ),
  );
  if (lang === "zh") {
    const text = reviewOpinionText(p, { lawTitles: LAW_TITLES });
    out(text.replace(/^(?=.)/gm, "    "));
  }
  if (storeFlag !== undefined) {
    out(
      t(
        lang,
        `  打印本案最近一次的法制审核意见书：sanxiang review opinion ${d.caseId}${storeFlag} --sample [--format html --out opinion.html]\n`,
        `  Print this case's latest opinion (an official document, in Chinese): sanxiang review opinion ${d.caseId}${storeFlag} --sample [--format html --out opinion.html]\n`,
      ),
    );
  }
  const approval = d.decided.context.approvedDraftHashes.at(-1) ?? "";
  out(
    t(
      lang,
      `  决定 ${d.caseId}：${PENALTY_STATE_NAMES[d.decided.value]}，依据法制审核通过的草案（草案哈希 ${approval.slice(0, 16)}…）\n`,
      `  Decision ${d.caseId}: ${PENALTY_STATE_EN[d.decided.value]}, on the draft the legal review approved (draft hash ${approval.slice(0, 16)}…)\n`,
    ),
  );
  return d.decided.value === "decided" && d.stopped.code === "REVIEW_NOT_APPROVED";
}
