import { z } from "zod";
import { type PeriodOverrides, provisionalDeadline, type ResolvedPeriods } from "../calendar/deadline.js";
import { STATUTORY_PERIODS } from "../calendar/periods.js";
import type { WorkCalendar } from "../calendar/types.js";
import type { CaseDeadline } from "../enforcement/deadline.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { addMonths, type CivilDate, compareCivilDates } from "../kernel/time.js";
import { PENALTY_KIND_LABELS, type PenaltyKind } from "../registry/benchmarks/schema.js";
import { DEFAULT_REDACTION_POLICY, type RedactionPolicy, RedactionPolicySchema } from "./redaction.js";
import { crossProvinceOf, type DisclosureRouting, receivedOf } from "./routing.js";
import {
  type DisclosureRule,
  type DisclosureRuleOverride,
  DisclosureRuleOverrideSchema,
  DisclosureRuleSchema,
} from "./rule-schema.js";
import {
  ACTION_CATEGORIES,
  ACTION_CATEGORY_NAMES,
  type ActionCategory,
  DISCLOSURE_KIND_NAMES,
  type DisclosureContent,
  type DisclosureKind,
} from "./schema.js";
import { DISCLOSURE_SECTORS } from "./sectors.js";

// The row schemas live in rule-schema.ts (shared with sectors.ts); this module stays their home.
export * from "./rule-schema.js";

const GUIDANCE_118 = "国办发〔2018〕118号";
const GUIDANCE_118_URL = "https://news.shi-fen.com/china/201901/50-148393.html";
const G118: RuleSource = { law: GUIDANCE_118, confidence: "C", url: GUIDANCE_118_URL };
const CFL = "行政处罚法";
const SAMR = "市场监督管理行政处罚信息公示规定";

/**
 * 默认决定公示期限 — there is no national publicity period for enforcement decisions (118号
 * sets none). The default of 36 months follows 市场监督管理行政处罚信息公示规定 Art. 13 as a
 * model (confidence `M`: a model, not a national rule); bureaus set their own with
 * `publicityMonths`.
 */
export const DEFAULT_DECISION_PUBLICITY_MONTHS = 36;
const MODEL_PUBLICITY: RuleSource = { law: SAMR, article: 13, paragraph: 1, confidence: "M" };

const BEFORE_CHANNELS = ["政府网站", "行政执法信息公示平台"] as const;
const DECISION_CHANNELS = ["政府网站", "行政执法信息公示平台"] as const;

function beforeRule(kind: DisclosureKind, source: RuleSource): DisclosureRule {
  return {
    id: kind,
    kind,
    name: `${DISCLOSURE_KIND_NAMES[kind]}信息`,
    required: true,
    // 政府信息公开条例 Art. 26: proactive information within 20 working days of being made or changed.
    deadlinePeriodId: "disclosure.govInfo",
    withdrawalPeriodId: null,
    publicity: null,
    channels: BEFORE_CHANNELS,
    source,
  };
}

function decisionRule(category: ActionCategory): DisclosureRule {
  const focus = category === "penalty" || category === "licence";
  return {
    id: `decision.${category}`,
    kind: "decision",
    category,
    name: `${ACTION_CATEGORY_NAMES[category]}决定信息`,
    // 118号: every enforcement decision's agency, party, category and conclusion is published
    // within 20 working days of the decision; 许可 and 处罚, the focus, within 7. A bureau that
    // reads 行政处罚法 Art. 48 ("具有一定社会影响") more narrowly switches rows off by
    // configuration, never by editing this table.
    required: true,
    deadlinePeriodId: focus ? "disclosure.licencePenalty" : "disclosure.general",
    // 行政处罚法 Art. 48 para. 2 fixes 3 working days for penalties; 118号 asks the others to
    // be taken down promptly ("及时撤下") without a figure: `disclosure.decisionWithdrawal`
    // measures it by Art. 48's 3 working days as a model (confidence M, configurable; a
    // bureau switches it off with `withdrawalPeriodId: null`).
    withdrawalPeriodId: category === "penalty" ? "penalty.withdrawal" : "disclosure.decisionWithdrawal",
    publicity: { months: DEFAULT_DECISION_PUBLICITY_MONTHS },
    channels: DECISION_CHANNELS,
    source: G118,
    publicitySource: MODEL_PUBLICITY,
  };
}

/**
 * 默认公示规则表 — one row per before/during kind and one per action category of decisions:
 * before-enforcement items within 20 working days of being made or changed (政府信息公开条例
 * Art. 26), public while in force; 执法行为 shown on the spot (行政处罚法 Art. 55, 118号 事中公示),
 * no deadline; decisions within 7 working days (处罚, 许可) or 20 (others) of the decision
 * (118号), penalties withdrawn within 3 working days (行政处罚法 Art. 48 para. 2) and other
 * decisions within 3 as a model of 118号's 及时撤下 (`disclosure.decisionWithdrawal`, M), public
 * for {@link DEFAULT_DECISION_PUBLICITY_MONTHS} months.
 */
export const DEFAULT_DISCLOSURE_RULES: readonly DisclosureRule[] = [
  beforeRule("body", G118),
  beforeRule("officer", G118),
  // 行政处罚法 Art. 39: 实施机关、立案依据、实施程序和救济渠道 must be published.
  beforeRule("power", { law: CFL, article: 39, confidence: "C-law" }),
  beforeRule("serviceGuide", G118),
  beforeRule("flowchart", G118),
  // 优化营商环境条例 Art. 54: 双随机、一公开 — the random-inspection item list is public.
  beforeRule("inspectionItem", { law: "优化营商环境条例", article: 54, confidence: "C-law" }),
  // 行政处罚法 Art. 34: 行政处罚裁量基准应当向社会公布.
  beforeRule("benchmark", { law: CFL, article: 34, confidence: "C-law" }),
  {
    id: "enforcementAct",
    kind: "enforcementAct",
    name: "执法行为信息",
    required: true,
    deadlinePeriodId: null,
    withdrawalPeriodId: null,
    publicity: null,
    channels: ["执法现场出示"],
    source: { law: CFL, article: 55, paragraph: 1, confidence: "C-law" },
  },
  ...ACTION_CATEGORIES.map(decisionRule),
];

/**
 * 公示配置 — a bureau's disclosure configuration, every key optional: its sector (a key of
 * {@link DISCLOSURE_SECTORS}), the publicity period of decisions in months, changes to single
 * rules by id, and the redaction policy.
 */
export const DisclosurePolicyInputSchema = z.object({
  /** Sector rules to apply, e.g. `samr`. */
  sector: z.string().min(1).optional(),
  /** Changes to rules, by rule id (applied after the sector's). */
  rules: z.record(z.string(), DisclosureRuleOverrideSchema).optional(),
  /** 脱敏配置. */
  redaction: RedactionPolicySchema.optional(),
  /** Publicity period of decisions without a sector figure, in months. */
  publicityMonths: z.number().int().positive().optional(),
});
/** 公示配置 as a bureau writes it (see {@link DisclosurePolicyInputSchema}). */
export type DisclosurePolicyInput = z.input<typeof DisclosurePolicyInputSchema>;

/** 适用公示配置 — the resolved configuration: the sector applied, every rule row, the redaction policy. */
export interface DisclosurePolicy {
  /** The sector applied, or null. */
  readonly sector: string | null;
  /** Every rule, one per before/during kind and one per decision category. */
  readonly rules: readonly DisclosureRule[];
  /** 脱敏配置. */
  readonly redaction: RedactionPolicy;
}

function isResolved(input: DisclosurePolicyInput | DisclosurePolicy): input is DisclosurePolicy {
  return Array.isArray((input as { rules?: unknown }).rules);
}

function withOverride(rule: DisclosureRule, o: DisclosureRuleOverride): DisclosureRule {
  const out: Record<string, unknown> = { ...rule };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  // Same keys as a DisclosureRule, values from its own override schema.
  return out as DisclosureRule;
}

const PERIOD_IDS: ReadonlySet<string> = new Set(STATUTORY_PERIODS.map((p) => p.id));

function checkRules(rules: readonly DisclosureRule[]): Result<readonly DisclosureRule[], SanxiangError> {
  for (const rule of rules) {
    const parsed = DisclosureRuleSchema.safeParse(rule);
    if (!parsed.success) return err(invalidInput(`公示规则「${rule.id}」无效`, parsed.error.issues));
    const route = rule.crossProvince;
    const ids = [rule.deadlinePeriodId, rule.withdrawalPeriodId, route?.forwardPeriodId, route?.receivedPeriodId];
    for (const id of ids) {
      if (id === undefined) continue;
      if (id !== null && !PERIOD_IDS.has(id)) {
        return err(
          sanxiangError("PERIOD_RULE_UNKNOWN", `公示规则「${rule.id}」引用了未知的法定期限：${id}`, {
            details: { ruleId: rule.id, periodId: id },
          }),
        );
      }
    }
  }
  return ok(rules);
}

/**
 * 适用公示配置 — resolves a bureau's configuration: the default table, the publicity period of
 * decisions, the sector's rows, then the bureau's own changes. A malformed configuration, an
 * unknown sector or rule id → `INVALID_INPUT`; a rule naming a period id not in the
 * statutory periods table → `PERIOD_RULE_UNKNOWN`. A policy already resolved is checked and
 * returned.
 */
export function resolveDisclosurePolicy(
  input: DisclosurePolicyInput | DisclosurePolicy = {},
): Result<DisclosurePolicy, SanxiangError> {
  if (isResolved(input)) {
    const redaction = RedactionPolicySchema.safeParse(input.redaction);
    if (!redaction.success) return err(invalidInput("脱敏配置无效", redaction.error.issues));
    return checkRules(input.rules).map((rules) => ({ sector: input.sector, rules, redaction: redaction.data }));
  }
  const parsed = DisclosurePolicyInputSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("公示配置无效", parsed.error.issues));
  const cfg = parsed.data;
  const sector = cfg.sector === undefined ? undefined : DISCLOSURE_SECTORS[cfg.sector];
  if (cfg.sector !== undefined && sector === undefined) {
    return err(
      sanxiangError("INVALID_INPUT", `未知的行业公示规定：${cfg.sector}`, {
        details: { sector: cfg.sector, known: Object.keys(DISCLOSURE_SECTORS) },
      }),
    );
  }
  const byId = new Map(DEFAULT_DISCLOSURE_RULES.map((r) => [r.id, r]));
  if (cfg.publicityMonths !== undefined) {
    for (const r of DEFAULT_DISCLOSURE_RULES) {
      if (r.kind === "decision") byId.set(r.id, { ...r, publicity: { months: cfg.publicityMonths } });
    }
  }
  for (const layer of [sector?.rules ?? {}, cfg.rules ?? {}]) {
    for (const [id, o] of Object.entries(layer)) {
      const row = byId.get(id);
      if (row === undefined) {
        return err(
          sanxiangError("INVALID_INPUT", `未知的公示规则：${id}`, { details: { id, known: [...byId.keys()] } }),
        );
      }
      byId.set(id, withOverride(row, o));
    }
  }
  return checkRules([...byId.values()]).map((rules) => ({
    sector: cfg.sector ?? null,
    rules,
    redaction: cfg.redaction ?? DEFAULT_REDACTION_POLICY,
  }));
}

/** 默认公示配置 — the national defaults, no sector, the default redaction policy. */
export const DEFAULT_DISCLOSURE_POLICY: DisclosurePolicy = {
  sector: null,
  rules: DEFAULT_DISCLOSURE_RULES,
  redaction: DEFAULT_REDACTION_POLICY,
};

/**
 * The rule of an item: by kind, and for decisions by category (`other` when none is given).
 * A hand-built policy missing the row falls back to the default row.
 */
export function disclosureRuleFor(
  policy: DisclosurePolicy,
  item: { readonly kind: DisclosureKind; readonly category?: ActionCategory },
): DisclosureRule {
  const id = item.kind === "decision" ? `decision.${item.category ?? "other"}` : item.kind;
  const found = policy.rules.find((r) => r.id === id) ?? DEFAULT_DISCLOSURE_RULES.find((r) => r.id === id);
  // Every kind and category has a default row (tested): this cannot be undefined.
  return found as DisclosureRule;
}

/** Options of {@link disclosureDue} and {@link withdrawalDue}. */
export interface DisclosureDueOptions {
  /** The bureau's statutory-period overrides (e.g. a province's own 公示 figure). */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
}

/**
 * A period counted as a {@link CaseDeadline}. When the period reaches a year whose holiday
 * notice is not loaded, the due day is bounded by the row's provisional rule (the earliest
 * plausible end for the bureau's publication duties, the latest for a period of the party)
 * and marked provisional with its start, as the enforcement deadlines are, instead of refusing.
 */
function periodDeadline(
  periodId: string,
  start: CivilDate,
  calendar: WorkCalendar,
  options: DisclosureDueOptions,
): Result<CaseDeadline, SanxiangError> {
  const opts = options.periods === undefined ? {} : { periods: options.periods };
  return provisionalDeadline(periodId, start, calendar, opts).map(
    (d): CaseDeadline => ({
      ruleId: periodId,
      due: d.due,
      source: d.source,
      provisional: d.provisional,
      ...(d.provisional ? { start } : {}),
      ...(d.bound === undefined ? {} : { bound: d.bound }),
    }),
  );
}

/**
 * 应公示截止日 — the last day to publish an item under `rule`, counted from `startOn` (the
 * decision day, or the day a before-item was made or changed) on `calendar`; `null` when the
 * rule has no deadline (shown on the spot).
 */
export function disclosureDue(
  rule: DisclosureRule,
  startOn: CivilDate,
  calendar: WorkCalendar,
  options: DisclosureDueOptions = {},
): Result<CaseDeadline | null, SanxiangError> {
  if (rule.deadlinePeriodId === null) return ok(null);
  return periodDeadline(rule.deadlinePeriodId, startOn, calendar, options);
}

/**
 * 应公示截止日（按公示路径） — the deadline of a draft with its routing
 * (市场监督管理行政处罚信息公示规定 Art. 10): without routing, {@link disclosureDue}; a
 * cross-province draft's is the forward deadline (the rule's `crossProvince.forwardPeriodId`,
 * from `startOn`, the decision day); a received draft's counts from `receivedOn`
 * (`crossProvince.receivedPeriodId`). Routing under a rule without `crossProvince` →
 * `COMMAND_NOT_ALLOWED` citing the rule; a receipt before the decision → `INVALID_INPUT`.
 */
export function routedDisclosureDue(
  rule: DisclosureRule,
  startOn: CivilDate,
  routing: DisclosureRouting | undefined,
  calendar: WorkCalendar,
  options: DisclosureDueOptions = {},
): Result<CaseDeadline | null, SanxiangError> {
  if (routing === undefined) return disclosureDue(rule, startOn, calendar, options);
  const route = rule.crossProvince;
  if (route === undefined) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `「${rule.name}」的公示规则没有跨省推送，由作出决定的机关自行公示（依据：${formatSource(rule.source)}）`,
        { source: rule.source, details: { ruleId: rule.id } },
      ),
    );
  }
  if (crossProvinceOf(routing) !== undefined) return periodDeadline(route.forwardPeriodId, startOn, calendar, options);
  const received = receivedOf(routing);
  const receivedOn = received?.receivedOn ?? startOn;
  if (compareCivilDates(receivedOn, startOn) < 0) {
    return err(
      sanxiangError("INVALID_INPUT", `收到推送之日 ${receivedOn} 不能早于决定之日 ${startOn}`, {
        source: route.source,
        details: { receivedOn, startOn },
      }),
    );
  }
  return periodDeadline(route.receivedPeriodId, receivedOn, calendar, options);
}

/**
 * 撤回期限届满日 — the last day to withdraw a published item after the decision was changed,
 * revoked, or confirmed unlawful or void on `changedOn` (行政处罚法 Art. 48 para. 2: 3 working
 * days); `null` when the rule sets no withdrawal period.
 */
export function withdrawalDue(
  rule: DisclosureRule,
  changedOn: CivilDate,
  calendar: WorkCalendar,
  options: DisclosureDueOptions = {},
): Result<CaseDeadline | null, SanxiangError> {
  if (rule.withdrawalPeriodId === null) return ok(null);
  return periodDeadline(rule.withdrawalPeriodId, changedOn, calendar, options);
}

const LIGHT_KINDS: ReadonlySet<PenaltyKind> = new Set(["warning", "criticism", "fine"]);

/** 结论所列处罚种类 — the penalty kinds a decision's conclusion names (by their Chinese labels, e.g. `罚款`). */
export function penaltyKindsNamed(conclusion: string): PenaltyKind[] {
  return (Object.entries(PENALTY_KIND_LABELS) as [PenaltyKind, string][])
    .filter(([, label]) => conclusion.includes(label))
    .map(([k]) => k);
}

/** Options of {@link publicUntil}. */
export interface PublicUntilOptions {
  /** The penalty kinds imposed, when known (otherwise read from the conclusion's labels). */
  readonly penaltyKinds?: readonly PenaltyKind[];
  /** 限制期限（月） — the length of a restriction of business activities or practice, when the penalty imposes one. */
  readonly restrictionMonths?: number;
}

/**
 * 公示截止日 — the last day an item published on `publishedOn` stays public, or `undefined`
 * when it stays while in force. A decision under a rule with `lowPublicity` whose penalty is
 * only 警告 / 通报批评 / a fine of at most `maxFineFen` gets the shorter period (SAMR Art. 13;
 * the kinds are read from `options.penaltyKinds` or from the conclusion's labels, and any
 * confiscation counts as heavier). Under a rule with `longRestriction`, a restriction of
 * `options.restrictionMonths` beyond its three years stays public that long (Art. 13 para. 3).
 */
export function publicUntil(
  rule: DisclosureRule,
  publishedOn: CivilDate,
  content?: DisclosureContent,
  options: PublicUntilOptions = {},
): CivilDate | undefined {
  if (rule.publicity === null) return undefined;
  let months = rule.publicity.months;
  const low = rule.lowPublicity;
  if (low !== undefined && content?.kind === "decision" && content.confiscationFen === undefined) {
    const kinds = options.penaltyKinds ?? penaltyKindsNamed(content.conclusion);
    const light = kinds.length > 0 && kinds.every((k) => LIGHT_KINDS.has(k));
    if (light && (content.fineFen ?? 0) <= low.maxFineFen) months = low.months;
  }
  const long = rule.longRestriction;
  if (long !== undefined && content?.kind === "decision" && options.restrictionMonths !== undefined) {
    const kinds = options.penaltyKinds ?? penaltyKindsNamed(content.conclusion);
    const restricted = kinds.some((k) => long.kinds.includes(k));
    if (restricted && options.restrictionMonths > long.beyondMonths)
      months = Math.max(months, options.restrictionMonths);
  }
  return addMonths(publishedOn, months);
}
