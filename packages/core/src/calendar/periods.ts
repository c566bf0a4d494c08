import type { RuleSource } from "../kernel/rule-source.js";
import type { ProvisionalBound } from "./provisional.js";
import type { PeriodUnit } from "./types.js";

/**
 * 期限方向 — `after`: the period runs forward from the start event (the usual case);
 * `before`: the act must come at least that long before the event (听证通知 "举行听证的七日前").
 */
export type PeriodDirection = "after" | "before";

/** 延长 — an extension a period allows, and who must approve it. */
export interface PeriodExtension {
  /** How many units the period may be extended by. */
  readonly amount: number;
  /** Condition of the extension, in Chinese (e.g. `情况复杂，经行政机关负责人批准`). */
  readonly condition: string;
}

/**
 * 暂定口径 — which end of the plausible range a provisional deadline of the row takes when a
 * year it reaches has no holiday notice loaded, and whom that protects. `party`: the period
 * is the party's (申请听证、陈述申辩、缴纳罚款、申请复议…): `latest` for a forward period, so
 * nothing is refused or closed before the latest plausible end. `authority`: the period is
 * the bureau's own duty (决定、送达、公示…): `earliest`, so the bureau is warned in time. For a
 * `before` row (an act due that long before an event) the earliest plausible day protects
 * the party. The row's own `source` is the rule whose beneficiary decides the side.
 */
export interface ProvisionalRule {
  /** The end of the plausible range the provisional due date takes. */
  readonly bound: ProvisionalBound;
  /** Whose period it is. */
  readonly protects: "party" | "authority";
  /** Why, in Chinese. */
  readonly why: string;
}

/**
 * 法定期限 — one row of the statutory periods table: what is counted, from which event,
 * and the law that says so. Day type follows the statute's own counting clause
 * (`dayTypeSource`), e.g. 行政处罚法 Art. 85: its 二日/三日/五日/七日 are working days,
 * every other figure calendar days.
 */
export interface StatutoryPeriod {
  /** Stable identifier, e.g. `penalty.decision`. */
  readonly id: string;
  /** Chinese name, e.g. `行政处罚决定期限`. */
  readonly name: string;
  /** Length in units. */
  readonly amount: number;
  /** What is counted. */
  readonly unit: PeriodUnit;
  /** Forward from the start event, or at least that long before it. */
  readonly direction: PeriodDirection;
  /** The event the period counts from (the start day itself is not counted), in Chinese. */
  readonly startEvent: string;
  /** Whether a last day that is not a working day moves to the next working day. */
  readonly rollOver: boolean;
  /** An extension the law allows. */
  readonly extension?: PeriodExtension;
  /** The article that sets the period. */
  readonly source: RuleSource;
  /** The article that says whether the days are working days. */
  readonly dayTypeSource?: RuleSource;
  /**
   * 可配置 — the reading is unverified (`M`) or varies by province or sector (`VAR`; tags in
   * docs/rules.md), or the statute itself defers to other rules
   * ("另有规定的，从其规定"): a bureau may override it by configuration.
   */
  readonly configurable: boolean;
  /** Caveats, in Chinese. */
  readonly note?: string;
  /** How a provisional due date is bounded (see {@link ProvisionalRule}). */
  readonly provisional: ProvisionalRule;
}

const CFL = "行政处罚法";
const PENALTY_DAYS: RuleSource = { law: CFL, article: 85, confidence: "C-law" };
const LICENCE_DAYS: RuleSource = { law: "行政许可法", article: 82, confidence: "C-law" };
const COERCION_DAYS: RuleSource = { law: "行政强制法", article: 69, confidence: "C-law" };
const RECONSIDERATION_DAYS: RuleSource = { law: "行政复议法", article: 88, confidence: "C-law" };
const GUIDANCE_118 = "国办发〔2018〕118号";
const GUIDANCE_118_URL = "https://news.shi-fen.com/china/201901/50-148393.html";
const SAMR_PROCEDURE = "市场监督管理行政处罚程序规定";
const SAMR_DISCLOSURE = "市场监督管理行政处罚信息公示规定";

/** The provisional rule of the authority's own duties: warned by the earliest plausible end. */
const AUTHORITY: ProvisionalRule = {
  bound: "earliest",
  protects: "authority",
  why: "行政机关自身的办理期限：暂定取最早可能届满日，以免逾期",
};

// biome-ignore format: one row per line reads as the table it is
/**
 * 法定期限表 — the statutory periods of 行政处罚法 and the neighbouring statutes and rules (行政强制法,
 * 行政许可法, 行政复议法, 国办发〔2018〕118号, the SAMR rules …), each with its source. Article numbers
 * were checked against the statute texts the laws registry ships. Bureaus change
 * `configurable` rows through {@link resolvePeriods}, never by editing this table.
 */
export const STATUTORY_PERIODS = [
  // 行政处罚法 (2021)
  { id: "penalty.decision", name: "行政处罚决定期限", amount: 90, unit: "day", direction: "after", startEvent: "立案之日", rollOver: true, source: { law: CFL, article: 60, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: true, note: "法律、法规、规章另有规定的，从其规定", provisional: AUTHORITY },
  { id: "penalty.hearingRequest", name: "听证申请期限", amount: 5, unit: "workday", direction: "after", startEvent: "行政机关告知（处罚告知书送达）之日", rollOver: true, source: { law: CFL, article: 64, item: 1, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: { bound: "latest", protects: "party", why: "当事人申请听证的期间：期满前不得拒绝听证申请、不得作出决定，暂定取最晚可能届满日" } },
  { id: "penalty.hearingNotice", name: "听证通知期限", amount: 7, unit: "workday", direction: "before", startEvent: "举行听证之日", rollOver: true, source: { law: CFL, article: 64, item: 2, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, note: "应在举行听证的七日前通知当事人及有关人员", provisional: { bound: "earliest", protects: "party", why: "听证通知须在听证七日前送达当事人：暂定取最早可能日期（通知宁早勿晚）" } },
  { id: "penalty.statement", name: "陈述申辩期限", amount: 5, unit: "workday", direction: "after", startEvent: "行政处罚告知书送达之日", rollOver: true, source: { law: SAMR_PROCEDURE, article: 57, paragraph: 2, confidence: "VAR" }, configurable: true, note: "行政处罚法第四十四条、第四十五条、第六十二条规定告知和听取陈述申辩，未规定期间；默认采用市场监督管理行政处罚程序规定的五个工作日，其他行业按本行业规定配置（须载明依据）。当事人陈述申辩或者书面放弃后即可决定", provisional: { bound: "latest", protects: "party", why: "当事人陈述申辩的期间：期满前（当事人已陈述申辩或者书面放弃的除外）不得作出处罚决定，暂定取最晚可能届满日" } },
  { id: "penalty.service", name: "行政处罚决定书送达期限", amount: 7, unit: "workday", direction: "after", startEvent: "宣告之日（当事人不在场）", rollOver: true, source: { law: CFL, article: 61, paragraph: 1, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "penalty.payment", name: "罚款缴纳期限", amount: 15, unit: "day", direction: "after", startEvent: "收到行政处罚决定书之日", rollOver: true, source: { law: CFL, article: 67, paragraph: 3, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: { bound: "latest", protects: "party", why: "当事人缴纳罚款的期间：加处罚款自期满次日起算，暂定取最晚可能届满日" } },
  { id: "penalty.withdrawal", name: "处罚决定信息撤回期限", amount: 3, unit: "workday", direction: "after", startEvent: "公开的处罚决定被变更、撤销、确认违法或者确认无效之日", rollOver: true, source: { law: CFL, article: 48, paragraph: 2, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "penalty.evidencePreservation", name: "先行登记保存处理决定期限", amount: 7, unit: "workday", direction: "after", startEvent: "先行登记保存之日", rollOver: true, source: { law: CFL, article: 56, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "penalty.cashHandover", name: "当场收缴罚款交至行政机关期限", amount: 2, unit: "workday", direction: "after", startEvent: "当场收缴罚款之日（水上为抵岸之日）", rollOver: true, source: { law: CFL, article: 71, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "penalty.cashDeposit", name: "罚款缴付银行期限", amount: 2, unit: "workday", direction: "after", startEvent: "执法人员交至行政机关之日", rollOver: true, source: { law: CFL, article: 71, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "penalty.limitation", name: "行政处罚追责时效", amount: 2, unit: "year", direction: "after", startEvent: "违法行为发生之日（连续或者继续状态的，行为终了之日）", rollOver: true, source: { law: CFL, article: 36, paragraph: 1, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: true, note: "法律另有规定的除外（故本行可依法律配置）；届满日遇节假日是否顺延，法律未明言：默认按期间计算一般规则顺延，可配置为不顺延", provisional: AUTHORITY },
  { id: "penalty.limitationSevere", name: "行政处罚追责时效（涉及生命健康安全、金融安全且有危害后果）", amount: 5, unit: "year", direction: "after", startEvent: "违法行为发生之日（连续或者继续状态的，行为终了之日）", rollOver: true, source: { law: CFL, article: 36, paragraph: 1, confidence: "C-law" }, dayTypeSource: PENALTY_DAYS, configurable: true, note: "法律另有规定的除外（故本行可依法律配置）；届满日遇节假日是否顺延可配置，默认顺延", provisional: AUTHORITY },
  // 公示 (disclosure)
  { id: "disclosure.licencePenalty", name: "行政许可、行政处罚决定信息公示期限", amount: 7, unit: "workday", direction: "after", startEvent: "执法决定作出之日", rollOver: true, source: { law: GUIDANCE_118, confidence: "C", url: GUIDANCE_118_URL }, configurable: true, note: "法律、行政法规另有规定的除外；行业规定可能不同（如市场监管20个工作日）", provisional: AUTHORITY },
  { id: "disclosure.general", name: "其他执法决定信息公示期限", amount: 20, unit: "workday", direction: "after", startEvent: "执法决定作出之日", rollOver: true, source: { law: GUIDANCE_118, confidence: "C", url: GUIDANCE_118_URL }, configurable: true, provisional: AUTHORITY },
  { id: "disclosure.govInfo", name: "主动公开政府信息期限", amount: 20, unit: "workday", direction: "after", startEvent: "政府信息形成或者变更之日", rollOver: true, source: { law: "政府信息公开条例", article: 26, confidence: "C-law" }, configurable: true, note: "法律、法规另有规定的，从其规定", provisional: AUTHORITY },
  { id: "disclosure.samrPenalty", name: "市场监管行政处罚信息公示期限（同省）", amount: 20, unit: "workday", direction: "after", startEvent: "作出行政处罚决定之日", rollOver: true, source: { law: SAMR_DISCLOSURE, article: 9, confidence: "C-law" }, configurable: false, note: "部门规章不能替代国办发〔2018〕118号的7个工作日（118号只让位于法律、行政法规）：市场监管行业的公示期限取较严的7个工作日（disclosure.licencePenalty），本行仅作对照", provisional: AUTHORITY },
  { id: "disclosure.samrWithdrawal", name: "市场监管行政处罚公示信息撤回期限", amount: 3, unit: "workday", direction: "after", startEvent: "处罚决定被变更、撤销、确认违法或者确认无效之日", rollOver: true, source: { law: SAMR_DISCLOSURE, article: 11, confidence: "C-law" }, configurable: false, provisional: AUTHORITY },
  { id: "disclosure.samrForward", name: "市场监管行政处罚信息跨省推送期限", amount: 10, unit: "workday", direction: "after", startEvent: "作出行政处罚决定之日（当事人登记地在外省）", rollOver: true, source: { law: SAMR_DISCLOSURE, article: 10, confidence: "C-law" }, configurable: false, note: "通过本省市场监督管理部门推送至当事人登记地（住所地）市场监督管理部门", provisional: AUTHORITY },
  { id: "disclosure.samrReceived", name: "市场监管行政处罚信息协助公示期限（跨省）", amount: 10, unit: "workday", direction: "after", startEvent: "收到推送的行政处罚信息之日", rollOver: true, source: { law: SAMR_DISCLOSURE, article: 10, confidence: "C-law" }, configurable: false, note: "由当事人登记地（住所地）市场监督管理部门协助公示", provisional: AUTHORITY },
  { id: "disclosure.decisionWithdrawal", name: "其他执法决定公示信息撤回期限", amount: 3, unit: "workday", direction: "after", startEvent: "公开的执法决定被变更、撤销、确认违法或者确认无效之日", rollOver: true, source: { law: GUIDANCE_118, confidence: "M", url: GUIDANCE_118_URL }, configurable: true, note: "118号只要求及时撤下，未规定天数；默认参照行政处罚法第四十八条第二款的三个工作日（模型值），可按本地规定修改或在公示规则中关闭", provisional: AUTHORITY },
  // 行政强制法
  { id: "coercion.seizure", name: "查封、扣押期限", amount: 30, unit: "day", direction: "after", startEvent: "实施查封、扣押之日", rollOver: false, extension: { amount: 30, condition: "情况复杂，经行政机关负责人批准，并书面告知当事人" }, source: { law: "行政强制法", article: 25, paragraph: 1, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: true, note: "“不得超过三十日”：届满日遇节假日默认不顺延（顺延即延长查封、扣押，issue 14 §7），可配置；“法律、行政法规另有规定的除外”，故本行可依法律、行政法规配置。检测、检验、检疫或者技术鉴定期间不计入（第二十五条第三款），须另行扣除", provisional: AUTHORITY },
  { id: "enforcement.demand", name: "催告后申请法院强制执行等待期", amount: 10, unit: "workday", direction: "after", startEvent: "催告书送达之日", rollOver: true, source: { law: "行政强制法", article: 54, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "期满后当事人仍未履行的，方可申请人民法院强制执行", provisional: { bound: "latest", protects: "party", why: "催告后给当事人履行的期间：期满前不得申请法院强制执行，暂定取最晚可能届满日" } },
  { id: "enforcement.courtApplication", name: "申请人民法院强制执行期限", amount: 3, unit: "month", direction: "after", startEvent: "复议、诉讼期限届满之日", rollOver: true, source: { law: "行政强制法", article: 53, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "enforcement.courtAcceptance", name: "人民法院受理强制执行申请期限", amount: 5, unit: "workday", direction: "after", startEvent: "人民法院接到行政机关强制执行申请之日", rollOver: true, source: { law: "行政强制法", article: 56, paragraph: 1, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "人民法院的期限：行政机关据此跟进受理情况", provisional: AUTHORITY },
  { id: "enforcement.courtRuling", name: "人民法院作出执行裁定期限", amount: 7, unit: "workday", direction: "after", startEvent: "人民法院受理之日", rollOver: true, source: { law: "行政强制法", article: 57, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "有第五十八条第一款情形的，为三十日（enforcement.courtRulingReview）", provisional: AUTHORITY },
  { id: "enforcement.courtRulingReview", name: "人民法院作出是否执行裁定期限（第五十八条情形）", amount: 30, unit: "day", direction: "after", startEvent: "人民法院受理之日", rollOver: true, source: { law: "行政强制法", article: 58, paragraph: 2, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "enforcement.courtRulingDelivery", name: "人民法院送达不予执行裁定期限", amount: 5, unit: "workday", direction: "after", startEvent: "人民法院裁定不予执行之日", rollOver: true, source: { law: "行政强制法", article: 58, paragraph: 2, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "人民法院的期限：行政机关记录收到裁定之日，逾期送达的在期限索引中标明（不影响行政机关的记录）；申请复议的十五日自收到裁定之日起算（第五十八条第三款）", provisional: AUTHORITY },
  { id: "enforcement.courtReconsideration", name: "行政机关对不予执行、不予受理裁定申请复议期限", amount: 15, unit: "day", direction: "after", startEvent: "行政机关收到裁定之日", rollOver: true, source: { law: "行政强制法", article: 58, paragraph: 3, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "不予受理的裁定同为十五日（第五十六条第二款）", provisional: AUTHORITY },
  { id: "enforcement.courtReconsiderationRuling", name: "上一级人民法院对复议作出是否执行裁定期限", amount: 30, unit: "day", direction: "after", startEvent: "上一级人民法院收到复议申请之日", rollOver: true, source: { law: "行政强制法", article: 58, paragraph: 3, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "enforcement.acceptanceReconsiderationRuling", name: "上一级人民法院对复议作出是否受理裁定期限", amount: 15, unit: "day", direction: "after", startEvent: "上一级人民法院收到复议申请之日", rollOver: true, source: { law: "行政强制法", article: 56, paragraph: 2, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "enforcement.suspensionLapse", name: "中止执行满三年", amount: 3, unit: "year", direction: "after", startEvent: "中止执行之日", rollOver: false, source: { law: "行政强制法", article: 39, paragraph: 2, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "没有明显社会危害，当事人确无能力履行，中止执行满三年未恢复执行的，行政机关不再执行（execution.cease）；“满三年”为期间届满，不因节假日顺延", provisional: AUTHORITY },
  { id: "enforcement.courtImmediateExecution", name: "人民法院立即执行期限", amount: 5, unit: "workday", direction: "after", startEvent: "人民法院作出执行裁定之日", rollOver: true, source: { law: "行政强制法", article: 59, confidence: "C-law" }, dayTypeSource: COERCION_DAYS, configurable: false, note: "因情况紧急，为保障公共安全，行政机关申请立即执行，经人民法院院长批准的；人民法院的期限：行政机关据此跟进执行情况", provisional: AUTHORITY },
  // 行政许可法
  { id: "licence.correctionNotice", name: "一次告知补正期限", amount: 5, unit: "workday", direction: "after", startEvent: "收到申请材料之日", rollOver: true, source: { law: "行政许可法", article: 32, paragraph: 1, item: 4, confidence: "C-law" }, dayTypeSource: LICENCE_DAYS, configurable: false, note: "逾期不告知的，自收到申请材料之日起即为受理", provisional: AUTHORITY },
  { id: "licence.decision", name: "行政许可决定期限", amount: 20, unit: "workday", direction: "after", startEvent: "受理行政许可申请之日", rollOver: true, extension: { amount: 10, condition: "经本行政机关负责人批准，并告知申请人延长理由" }, source: { law: "行政许可法", article: 42, paragraph: 1, confidence: "C-law" }, dayTypeSource: LICENCE_DAYS, configurable: true, note: "法律、法规另有规定的，依照其规定；听证、检验、鉴定等时间不计入（第四十五条）", provisional: AUTHORITY },
  { id: "licence.issue", name: "行政许可证件颁发期限", amount: 10, unit: "workday", direction: "after", startEvent: "作出准予行政许可决定之日", rollOver: true, source: { law: "行政许可法", article: 44, confidence: "C-law" }, dayTypeSource: LICENCE_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "licence.hearingHold", name: "行政许可听证组织期限", amount: 20, unit: "workday", direction: "after", startEvent: "收到听证申请之日", rollOver: true, source: { law: "行政许可法", article: 47, paragraph: 1, confidence: "C-law" }, dayTypeSource: LICENCE_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "licence.hearingNotice", name: "行政许可听证通知期限", amount: 7, unit: "workday", direction: "before", startEvent: "举行听证之日", rollOver: true, source: { law: "行政许可法", article: 48, paragraph: 1, item: 1, confidence: "C-law" }, dayTypeSource: LICENCE_DAYS, configurable: false, provisional: { bound: "earliest", protects: "party", why: "听证通知须在听证七日前送达申请人、利害关系人：暂定取最早可能日期" } },
  // 移送涉嫌犯罪案件
  { id: "transfer.headDecision", name: "移送涉嫌犯罪案件审批期限", amount: 3, unit: "day", direction: "after", startEvent: "正职负责人接到移送书面报告之日", rollOver: true, source: { law: "行政执法机关移送涉嫌犯罪案件的规定", article: 5, paragraph: 2, confidence: "C-law" }, configurable: false, note: "该规定无工作日条款，按自然日计算；批准后24小时内移送（小时期限不在本表）", provisional: AUTHORITY },
  // 救济期限 (printed on every decision)
  { id: "remedy.reconsideration", name: "行政复议申请期限", amount: 60, unit: "day", direction: "after", startEvent: "知道或者应当知道该行政行为之日", rollOver: true, source: { law: "行政复议法", article: 20, paragraph: 1, confidence: "C-law" }, dayTypeSource: RECONSIDERATION_DAYS, configurable: false, note: "法律规定的申请期限超过六十日的除外；未告知复议权利的，最长一年（第二十条第三款）", provisional: { bound: "latest", protects: "party", why: "当事人申请复议的期间，暂定取最晚可能届满日" } },
  { id: "remedy.reconsiderationDecision", name: "行政复议决定期限（普通程序）", amount: 60, unit: "day", direction: "after", startEvent: "受理行政复议申请之日", rollOver: true, extension: { amount: 30, condition: "情况复杂，经行政复议机构负责人批准，并书面告知当事人" }, source: { law: "行政复议法", article: 62, paragraph: 1, confidence: "C-law" }, dayTypeSource: RECONSIDERATION_DAYS, configurable: false, provisional: AUTHORITY },
  { id: "remedy.litigation", name: "行政诉讼起诉期限", amount: 6, unit: "month", direction: "after", startEvent: "知道或者应当知道作出行政行为之日", rollOver: true, source: { law: "行政诉讼法", article: 46, paragraph: 1, confidence: "C-law" }, configurable: false, note: "法律另有规定的除外", provisional: { bound: "latest", protects: "party", why: "当事人起诉的期间，暂定取最晚可能届满日" } },
  // 送达
  { id: "service.publicNotice", name: "公告送达期限", amount: 30, unit: "day", direction: "after", startEvent: "发出公告之日", rollOver: true, source: { law: "民事诉讼法", article: 95, paragraph: 1, confidence: "C-law" }, configurable: true, note: "期满即视为送达；公安机关程序规定为不少于60日，行业规定可能不同", provisional: { bound: "latest", protects: "party", why: "公告期满视为送达，其后期间才起算：暂定取最晚可能届满日" } },
  // 市场监管 (sector rules)
  { id: "samr.filing", name: "市场监管立案决定期限", amount: 15, unit: "workday", direction: "after", startEvent: "发现线索或者收到材料之日", rollOver: true, extension: { amount: 15, condition: "特殊情况，经市场监督管理部门负责人批准" }, source: { law: SAMR_PROCEDURE, article: 18, paragraph: 1, confidence: "C-law" }, configurable: true, note: "检测、检验、检疫、鉴定等时间不计入", provisional: AUTHORITY },
  { id: "samr.defence", name: "市场监管陈述申辩期限", amount: 5, unit: "workday", direction: "after", startEvent: "行政处罚告知书送达之日", rollOver: true, source: { law: SAMR_PROCEDURE, article: 57, paragraph: 2, confidence: "C-law" }, configurable: true, note: "行政处罚法未规定陈述申辩期限，各行业、地方规定不同", provisional: { bound: "latest", protects: "party", why: "当事人陈述申辩的期间：期满前不得作出决定，暂定取最晚可能届满日" } },
] as const satisfies readonly StatutoryPeriod[];

/** Identifier of a built-in statutory period (a row of {@link STATUTORY_PERIODS}). */
export type StatutoryPeriodId = (typeof STATUTORY_PERIODS)[number]["id"];
