// 文件题名 — what the catalogue of a case file (卷内目录) calls each event: the name of the
// document (文书) or record the event stands for, as an officer or an archivist reads it.
// Keys are the event types the procedures write (penalty ordinary and simplified, 查封扣押,
// 双随机 inspection, legal review, disclosure, and the evidence and custody events every
// procedure shares); casefile-titles.test.ts derives the list of types from the procedures'
// event schemas and fails on any type without a title here.
import type { CaseEvent } from "./case-event.js";
import { type CustodyStepKind, CustodyStepKindSchema } from "./custody.js";
import { EVIDENCE_TYPE_NAMES, EvidenceTypeSchema } from "./evidence.js";
import { STAGE_NAMES } from "./vocabulary.js";

/**
 * 文件题名 — default catalogue titles by event type. A bureau passes its own names through
 * the `titles` option of the case-file assembly; an event whose payload carries a `title`
 * string (a document's own name) uses that.
 */
export const DEFAULT_EVENT_TITLES: Readonly<Record<string, string>> = {
  // 一般程序 — ordinary penalty procedure
  "case.filed": "立案审批表",
  "officers.assigned": "执法人员指派记录",
  "investigation.recorded": "调查取证记录",
  "investigation.closed": "案件调查终结报告",
  "notice.served": "行政处罚事先告知书",
  "defence.received": "陈述申辩笔录",
  "defence.waived": "放弃陈述申辩记录",
  "hearing.requested": "听证申请书",
  "hearing.notified": "听证通知书",
  "hearing.held": "听证笔录",
  "discussion.held": "集体讨论记录",
  "circumstances.recorded": "裁量情节认定记录",
  "review.approved": "法制审核通过记录",
  "case.decided": "行政处罚决定书",
  "decision.served": "送达回证",
  "service.consented": "送达地址确认书",
  "payment.recorded": "罚没款缴纳凭证",
  "payment.deferred": "暂缓（分期）缴纳罚款决定书",
  "payment.instalmentsApproved": "分期缴纳罚款批准书",
  // 行政强制执行 — execution of the decision (行政强制法 Arts. 35–38, 53–55)
  "execution.demanded": "催告书",
  "execution.defenceReceived": "催告后陈述申辩笔录及复核意见",
  "execution.decided": "强制执行决定书",
  "execution.served": "强制执行决定书送达回证",
  "execution.acted": "强制执行记录",
  "execution.applied": "强制执行申请书",
  "execution.courtAccepted": "人民法院受理强制执行申请通知书",
  "execution.courtRuled": "人民法院执行裁定书",
  "execution.courtReconsidered": "执行裁定复议申请书",
  "execution.suspended": "中止执行决定书",
  "execution.resumed": "恢复执行通知书",
  "execution.terminated": "终结执行决定书",
  "execution.ceased": "不再执行决定书",
  "execution.surchargeRelieved": "减免加处罚款决定书",
  "execution.agreementBreached": "不履行执行协议记录及恢复强制执行决定书",
  "execution.courtStatementMade": "向人民法院陈述意见书",
  "preservation.approved": "先行登记保存审批表",
  "preservation.registered": "先行登记保存证据通知书",
  "preservation.handled": "先行登记保存证据处理决定书",
  "coercion.acted": "行政强制措施文书",
  "transfer.reported": "案件移送审批表",
  "transfer.sent": "涉嫌犯罪案件移送书",
  "transfer.answered": "移送案件受理回执",
  "period.excluded": "期限扣除审批表",
  "remedy.recorded": "行政复议、行政诉讼情况记录",
  "case.closed": "结案报告",
  "case.archived": "立卷归档登记表",
  // 简易程序 — simplified (on-the-spot) procedure and the numbered decision forms
  "onSpot.decided": "当场行政处罚决定书",
  "onSpot.collected": "当场收缴罚款收据",
  "cash.handedOver": "当场收缴罚款交回记录",
  "cash.deposited": "罚款缴付银行凭证",
  "decision.filed": "当场处罚决定书备案记录",
  "form.issued": "预定格式决定书领用登记",
  "form.used": "预定格式决定书使用登记",
  "form.voided": "预定格式决定书作废登记",
  // 查封、扣押 — the measure's own events (inside `coercion.acted`)
  "seizure.approved": "查封（扣押）审批表",
  "seizure.reported": "当场查封（扣押）报告",
  "seizure.executed": "查封（扣押）决定书及清单",
  "seizure.extended": "延长查封（扣押）期限决定书",
  "seizure.excluded": "检测、检验、检疫或技术鉴定期间告知书",
  "seizure.handled": "查封（扣押）财物处理决定书",
  "seizure.released": "解除查封（扣押）决定书",
  // 双随机抽查 — random inspection
  "inspection.opened": "随机抽查任务单",
  "inspection.recorded": "现场检查笔录",
  "inspection.concluded": "抽查检查结果",
  "inspection.published": "抽查检查结果公示记录",
  // 法制审核 — legal review of a major decision
  "review.submitted": "法制审核送审材料",
  "review.assigned": "法制审核人员指定记录",
  "review.extended": "延长法制审核期限记录",
  "review.escalated": "提请法律顾问审核记录",
  "review.advised": "法律顾问意见书",
  "review.concluded": "法制审核意见书",
  "review.resubmitted": "修改后重新送审材料",
  "review.disputed": "承办机构异议书",
  "review.discussed": "法制审核分歧集体讨论记录",
  // 行政执法公示 — disclosure
  "disclosure.drafted": "拟公示信息",
  "disclosure.withheld": "不予公开审批记录",
  "disclosure.revised": "公示信息修改记录",
  "disclosure.approved": "公示信息审核记录",
  "disclosure.published": "行政执法信息公示记录",
  "disclosure.corrected": "公示信息更正记录",
  "disclosure.withdrawalRequired": "应当撤回公示记录",
  "disclosure.withdrawn": "撤回公示公告",
  "disclosure.expired": "公示期满记录",
  "disclosure.forwarded": "跨省推送公示信息记录",
  "disclosure.endedEarly": "提前停止公示记录",
  // 证据及保管 — evidence and its chain of custody, in every procedure (recording/evidence-attach.ts)
  "evidence.attached": "证据登记表",
  "custody.recorded": "证据保管记录",
};

/**
 * 保管环节题名 — titles of a `custody.recorded` by its `payload.step.kind`: each step of the
 * chain of custody (采集、上传、校验、封存、移交、查验、退还、调取) is its own record; an
 * `accessed` step is the 证据调取记录 (who took the bytes out, when, for what).
 */
export const CUSTODY_STEP_TITLES: Readonly<Record<CustodyStepKind, string>> = {
  captured: "证据采集记录",
  uploaded: "证据上传记录",
  verified: "证据校验记录",
  sealed: "证据封存记录",
  transferred: "证据移交记录",
  examined: "证据查验（检验、鉴定）记录",
  returned: "证据退还记录",
  accessed: "证据调取记录",
};

/**
 * 包装事件 — event types whose payload carries another event (the measure's own event of a
 * 查封、扣押 inside the case's `coercion.acted`), by the payload field that holds it: the
 * catalogue names the inner document (查封（扣押）决定书及清单, not a generic 强制措施文书).
 */
export const WRAPPED_EVENT_FIELDS: Readonly<Record<string, string>> = {
  "coercion.acted": "seizure",
};

/**
 * 决定类型题名 — titles of a decision by its `payload.outcome` (行政处罚法 Art. 57 para. 1:
 * 给予行政处罚 / 不予行政处罚 / 移送司法机关): the document written is a 行政处罚决定书 (Art. 59)
 * only when a penalty is given.
 */
export const DECISION_OUTCOME_TITLES: Readonly<Record<string, string>> = {
  penalty: "行政处罚决定书",
  noPenaltyMinor: "不予行政处罚决定书",
  notEstablished: "不予行政处罚决定书",
  transfer: "案件移送决定记录",
};

/**
 * 调查取证笔录题名 — titles of an `investigation.recorded` by its `payload.action` (the
 * enforcement action, `KNOWN_ACTIONS`): the transcript a 现场检查 or an 询问 produces is named
 * as such (行政处罚法 Art. 55 para. 2: 询问或者检查应当制作笔录).
 */
export const RECORDED_ACTION_TITLES: Readonly<Record<string, string>> = {
  siteInspection: "现场检查笔录",
  randomInspection: "现场检查笔录",
  inquiry: "询问笔录",
  inquiryInCaseRoom: "询问笔录",
  sampling: "抽样取证记录",
  electronicMonitoring: "电子技术监控取证记录",
  advanceRegistration: "先行登记保存证据清单",
  sealOrSeize: "查封（扣押）现场笔录",
};

/** The title by a field of the payload, for the types titled by one (see {@link eventTitle}). */
function titleByPayload(event: CaseEvent): string | undefined {
  const { payload } = event;
  if (event.type === "case.decided" && typeof payload.outcome === "string") {
    return DECISION_OUTCOME_TITLES[payload.outcome];
  }
  if (event.type === "investigation.recorded" && typeof payload.action === "string") {
    return RECORDED_ACTION_TITLES[payload.action];
  }
  if (event.type === "evidence.attached" && typeof payload.item === "object" && payload.item !== null) {
    const kind = EvidenceTypeSchema.safeParse((payload.item as { readonly evidenceType?: unknown }).evidenceType);
    return kind.success ? `证据登记表（${EVIDENCE_TYPE_NAMES[kind.data]}）` : undefined;
  }
  if (event.type === "custody.recorded" && typeof payload.step === "object" && payload.step !== null) {
    const kind = CustodyStepKindSchema.safeParse((payload.step as { readonly kind?: unknown }).kind);
    return kind.success ? CUSTODY_STEP_TITLES[kind.data] : undefined;
  }
  return undefined;
}

function innerType(event: CaseEvent): string | undefined {
  const field = WRAPPED_EVENT_FIELDS[event.type];
  if (field === undefined) return undefined;
  const inner = event.payload[field];
  if (typeof inner !== "object" || inner === null) return undefined;
  const type = (inner as { readonly type?: unknown }).type;
  return typeof type === "string" ? type : undefined;
}

/**
 * The title of an event in the catalogue: its payload's `title`; else, by the bureau's
 * `titles` then {@link DEFAULT_EVENT_TITLES}, the inner event's title for a wrapper
 * ({@link WRAPPED_EVENT_FIELDS}), the outcome's for a `case.decided`
 * ({@link DECISION_OUTCOME_TITLES}), the action's for an `investigation.recorded`
 * ({@link RECORDED_ACTION_TITLES}), the evidence kind's for an `evidence.attached`
 * (证据登记表（视听资料）, 行政处罚法 Art. 46), the step's for a `custody.recorded`
 * ({@link CUSTODY_STEP_TITLES}), the type's; else the stage and the raw type.
 */
export function eventTitle(event: CaseEvent, titles: Readonly<Record<string, string>> = {}): string {
  const own = event.payload.title;
  if (typeof own === "string" && own.trim() !== "") return own;
  const byType = (type: string): string | undefined => titles[type] ?? DEFAULT_EVENT_TITLES[type];
  const inner = innerType(event);
  const innerTitle = inner === undefined ? undefined : byType(inner);
  if (innerTitle !== undefined && titles[event.type] === undefined) return innerTitle;
  if (titles[event.type] === undefined) {
    const t = titleByPayload(event);
    if (t !== undefined) return t;
  }
  return byType(event.type) ?? `${STAGE_NAMES[event.stage]}记录（${event.type}）`;
}
