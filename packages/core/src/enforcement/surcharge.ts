import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type Fen, FenSchema, percentOf, RoundingSchema } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import { addDays, type CivilDate, CivilDateSchema, compareCivilDates, daysBetween } from "../kernel/time.js";

/** 加处罚款 — 行政处罚法 Art. 72 para. 1 item 1: 3% of the fine a day, never above the fine. */
export const SURCHARGE_SOURCE: RuleSource = {
  law: "行政处罚法",
  article: 72,
  paragraph: 1,
  item: 1,
  confidence: "C-law",
};
/** 加处罚款数额不得超出金钱给付义务数额 — 行政强制法 Art. 45 para. 2. */
export const SURCHARGE_CAP_SOURCE: RuleSource = { law: "行政强制法", article: 45, paragraph: 2, confidence: "C-law" };
/** 复议、诉讼期间不予计算 — 行政处罚法 Art. 73 para. 3. */
export const SURCHARGE_PAUSE_SOURCE: RuleSource = { law: "行政处罚法", article: 73, paragraph: 3, confidence: "C-law" };
/** 暂缓或者分期缴纳 — 行政处罚法 Art. 66 para. 2. */
export const DEFERRAL_SOURCE: RuleSource = { law: "行政处罚法", article: 66, paragraph: 2, confidence: "C-law" };

/**
 * 加处罚款配置 — the daily rate (basis points of the fine; 300 = 3%), the rounding of the
 * total, and the first accrual day as an offset from the payment due date ([M]: read as
 * "starting the day after the period ends", offset 1, from the rule that the start day is not
 * counted, 民法典 Art. 201 — confirm locally), each with the
 * rule that sets it.
 */
export const SurchargePolicySchema = z
  .object({
    /** 每日加处比例（基点）; default 300 (3%). */
    dailyBasisPoints: z.number().int().positive().default(300),
    /** Rounding of the total to whole fen; default `down` (never charge a fraction). */
    rounding: RoundingSchema.default("down"),
    /** 起算日 — the first accrual day is `due + startOffsetDays`; default 1. */
    startOffsetDays: z.number().int().nonnegative().default(1),
    /** The rule that sets the start day ([M] by default). */
    startSource: RuleSourceSchema.default({ law: "民法典", article: 201, paragraph: 1, confidence: "M" }),
  })
  .readonly();
/** 加处罚款配置 (see {@link SurchargePolicySchema}). */
export type SurchargePolicy = z.infer<typeof SurchargePolicySchema>;
/** {@link SurchargePolicy} as a bureau writes it (every field optional). */
export type SurchargePolicyInput = z.input<typeof SurchargePolicySchema>;

/**
 * 不计加处罚款期间 — a pending reconsideration (行政复议) or litigation (行政诉讼) during which
 * no surcharge accrues (行政处罚法 Art. 73 para. 3): `from` to `to`, both included; without
 * `to`, still pending.
 */
export const SurchargePauseSchema = z
  .object({
    /** 申请复议或者起诉之日. */
    from: CivilDateSchema,
    /** 复议或诉讼终结之日; absent while pending. */
    to: CivilDateSchema.optional(),
    /** 行政复议 or 行政诉讼. */
    reason: z.enum(["reconsideration", "litigation"]),
  })
  .readonly();
/** 不计加处罚款期间 (see {@link SurchargePauseSchema}). */
export type SurchargePause = z.infer<typeof SurchargePauseSchema>;

/** 加处罚款计算结果 — what {@link surchargeOn} returns. */
export interface Surcharge {
  /** Days that accrued (calendar days, pauses excluded). */
  readonly days: number;
  /** Days inside the accrual span that were paused. */
  readonly pausedDays: number;
  /** 加处罚款 in fen. */
  readonly amountFen: Fen;
  /** True when the cap (the fine) was reached. */
  readonly capped: boolean;
  /** The first accrual day. */
  readonly firstDay: CivilDate;
  /** The rule that sets the surcharge. */
  readonly source: RuleSource;
  /** Every rule applied (rate, cap, pauses, start day). */
  readonly sources: readonly RuleSource[];
}

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

/** Calendar days of [from, to] (both included) covered by the merged pauses. */
function pausedWithin(pauses: readonly SurchargePause[], from: CivilDate, to: CivilDate): number {
  const spans = pauses
    .map((p) => ({
      a: compareCivilDates(p.from, from) > 0 ? p.from : from,
      b: p.to === undefined || compareCivilDates(p.to, to) > 0 ? to : p.to,
    }))
    .filter((s) => compareCivilDates(s.a, s.b) <= 0)
    .sort((x, y) => compareCivilDates(x.a, y.a));
  let total = 0;
  let covered: CivilDate | undefined; // last day already counted
  for (const s of spans) {
    const a = covered !== undefined && compareCivilDates(s.a, covered) <= 0 ? addDays(covered, 1) : s.a;
    if (compareCivilDates(a, s.b) <= 0) total += daysBetween(a, s.b) + 1;
    if (covered === undefined || compareCivilDates(s.b, covered) > 0) covered = s.b;
  }
  return total;
}

/**
 * 加处罚款 — the late-payment surcharge on `fineFen` as of `asOf` (included): `dailyBasisPoints`
 * of the fine for each calendar day from `dueDate + startOffsetDays` to `asOf`, less the days
 * in `pauses` (行政处罚法 Art. 73 para. 3), rounded per the policy and never above the fine
 * (行政处罚法 Art. 72; 行政强制法 Art. 45). An approved deferral moves `dueDate` (see
 * {@link dueDateAfterDeferral}); for instalments call it once per instalment.
 *
 * Errors: `INVALID_INPUT` (a malformed date, pause or policy), `MONEY_INVALID`.
 */
export function surchargeOn(
  fineFen: Fen,
  dueDate: CivilDate,
  asOf: CivilDate,
  pauses: readonly SurchargePause[] = [],
  policy: SurchargePolicyInput = {},
): Result<Surcharge, SanxiangError> {
  const fine = FenSchema.safeParse(fineFen);
  if (!fine.success)
    return err(sanxiangError("MONEY_INVALID", `罚款金额无效：${String(fineFen)}`, { details: { fineFen } }));
  const dates = z.tuple([CivilDateSchema, CivilDateSchema]).safeParse([dueDate, asOf]);
  if (!dates.success) return err(invalid("日期无效", { dueDate, asOf }));
  const ps = z.array(SurchargePauseSchema).safeParse(pauses);
  if (!ps.success) return err(invalid(`不计算期间格式错误：${ps.error.issues[0]?.message ?? ""}`, { pauses }));
  const pol = SurchargePolicySchema.safeParse(policy);
  if (!pol.success) return err(invalid(`加处罚款配置错误：${pol.error.issues[0]?.message ?? ""}`, { policy }));
  const { dailyBasisPoints, rounding, startOffsetDays, startSource } = pol.data;

  const firstDay = addDays(dueDate, startOffsetDays);
  const span = Math.max(0, daysBetween(firstDay, asOf) + 1);
  const pausedDays = span === 0 ? 0 : pausedWithin(ps.data, firstDay, asOf);
  const days = span - pausedDays;
  // Past the day the cap is reached more days change nothing: clamp before multiplying.
  const capDays = Math.ceil(10_000 / dailyBasisPoints);
  const raw = percentOf(fine.data, dailyBasisPoints * Math.min(days, capDays), rounding);
  if (raw.isErr()) return err(raw.error);
  const capped = raw.value >= fine.data && days > 0;
  const sources = [
    SURCHARGE_SOURCE,
    SURCHARGE_CAP_SOURCE,
    startSource,
    ...(pausedDays > 0 ? [SURCHARGE_PAUSE_SOURCE] : []),
  ];
  return ok({
    days,
    pausedDays,
    amountFen: Math.min(raw.value, fine.data),
    capped,
    firstDay,
    source: SURCHARGE_SOURCE,
    sources,
  });
}

/**
 * 暂缓缴纳后的缴纳期限 — with an approved deferral (暂缓缴纳, 行政处罚法 Art. 66 para. 2) the
 * surcharge starts after the deferred date instead: the later of the two dates.
 */
export function dueDateAfterDeferral(dueDate: CivilDate, deferredUntil?: CivilDate): CivilDate {
  return deferredUntil !== undefined && compareCivilDates(deferredUntil, dueDate) > 0 ? deferredUntil : dueDate;
}

/** 分期缴纳的一期 — an approved instalment (行政处罚法 Art. 66 para. 2): its amount and due date. */
export interface Instalment {
  /** Amount of this instalment (fen). */
  readonly amountFen: Fen;
  /** Its last day of payment. */
  readonly dueDate: CivilDate;
}

/**
 * 分期计划的加处罚款 — the surcharge of an approved instalment plan on `asOf`: each instalment
 * accrues on its own amount from the day after its due date (行政处罚法 Art. 72; none before
 * it falls due) until the day it was paid in full (`settledOn`, included) or `asOf`, capped at
 * its amount; pauses as for the whole fine (Art. 73 para. 3). The combined result has the
 * sum as `amountFen`, the longest accrual as `days` (行政强制法 Art. 46's thirty days run on
 * the longest-missed instalment), and the earliest first accrual day.
 */
export function surchargeOnPlan(
  plan: readonly (Instalment & { readonly settledOn?: CivilDate | undefined })[],
  asOf: CivilDate,
  pauses: readonly SurchargePause[] = [],
  policy: SurchargePolicyInput = {},
): Result<Surcharge, SanxiangError> {
  if (plan.length === 0) return err(invalid("分期计划为空", {}));
  const parts = surchargeOnInstalments(
    plan.map((i) => ({ amountFen: i.amountFen, dueDate: i.dueDate })),
    asOf,
    pauses,
    policy,
  );
  if (parts.isErr()) return err(parts.error);
  const ended: Surcharge[] = [];
  for (const [k, i] of plan.entries()) {
    const end = i.settledOn !== undefined && compareCivilDates(i.settledOn, asOf) < 0 ? i.settledOn : asOf;
    const part = end === asOf ? parts.value.parts[k] : undefined;
    const r = part === undefined ? surchargeOn(i.amountFen, i.dueDate, end, pauses, policy) : ok(part);
    if (r.isErr()) return err(r.error);
    ended.push(r.value);
  }
  let total = 0n;
  for (const p of ended) total += BigInt(p.amountFen);
  const amount = FenSchema.safeParse(Number(total));
  if (!amount.success) return err(sanxiangError("MONEY_OUT_OF_RANGE", "加处罚款合计超出范围", { details: {} }));
  const first = ended[0] as Surcharge;
  return ok({
    days: Math.max(...ended.map((p) => p.days)),
    pausedDays: Math.max(...ended.map((p) => p.pausedDays)),
    amountFen: amount.data,
    capped: ended.every((p) => p.capped),
    firstDay: first.firstDay,
    source: SURCHARGE_SOURCE,
    sources: [...first.sources, DEFERRAL_SOURCE],
  });
}

/**
 * 分期缴纳的加处罚款 — with approved instalments each instalment accrues from its own due
 * date and is capped at its own amount; the total is their sum (so never above the fine).
 * Unpaid instalments only: leave out those paid on time.
 */
export function surchargeOnInstalments(
  instalments: readonly Instalment[],
  asOf: CivilDate,
  pauses: readonly SurchargePause[] = [],
  policy: SurchargePolicyInput = {},
): Result<{ readonly amountFen: Fen; readonly parts: readonly Surcharge[] }, SanxiangError> {
  const parts: Surcharge[] = [];
  let total = 0n;
  for (const i of instalments) {
    const r = surchargeOn(i.amountFen, i.dueDate, asOf, pauses, policy);
    if (r.isErr()) return err(r.error);
    parts.push(r.value);
    total += BigInt(r.value.amountFen);
  }
  const amount = FenSchema.safeParse(Number(total));
  if (!amount.success) return err(sanxiangError("MONEY_OUT_OF_RANGE", "加处罚款合计超出范围", { details: {} }));
  return ok({ amountFen: amount.data, parts });
}
