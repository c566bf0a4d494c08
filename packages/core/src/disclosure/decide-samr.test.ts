// The SAMR features of the disclosure workflow (市场监督管理行政处罚信息公示规定, 总局令第45号):
// the cross-province route of Art. 10 (forward, then the registration-place bureau publishes),
// the early end of Art. 14, and the withdrawal of non-penalty decisions (118号 及时撤下).
import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import type { SanxiangError } from "../kernel/errors.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { DisclosureCommandInput, EarlyEndConditions } from "./commands.js";
import { receivedDisclosureDraft } from "./cross-province.js";
import { type DisclosureDecideContext, decideDisclosure } from "./decide.js";
import type { DisclosureDraft } from "./draft.js";
import { type DisclosureState, evolveDisclosure, foldDisclosure, initialDisclosureState } from "./fold.js";
import type { ForwardedInformation } from "./routing.js";
import { type DisclosurePolicyInput, disclosureRuleFor, resolveDisclosurePolicy } from "./rules.js";
import type { DisclosureContent } from "./schema.js";
import {
  calendar,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  officerActor,
  publisherActor,
} from "./workflow-test-fixtures.js";

const SAMR_LAW = "市场监督管理行政处罚信息公示规定";
const SAMR: DisclosurePolicyInput = { sector: "samr" };
const samrRule = disclosureRuleFor(resolveDisclosurePolicy(SAMR)._unsafeUnwrap(), {
  kind: "decision",
  category: "penalty",
});

const T = (date: string, h = "02") => `${date}T${h}:00:00Z`;

/** The test decision under the SAMR rule, decided Monday 2025-03-10. */
const samrDraft: DisclosureDraft = { ...decisionDraft, ruleId: samrRule.id, source: samrRule.source };
/** The same, its party registered in another province. */
const crossDraft: DisclosureDraft = {
  ...samrDraft,
  routing: { crossProvince: { registeredIn: "浙江省", forwardTo: "杭州市市场监督管理局" } },
};

interface Walk {
  state: DisclosureState;
  events: CaseEvent[];
}

const ctxOf = (now: string, actor: Actor, policy: DisclosurePolicyInput | undefined): DisclosureDecideContext => ({
  actor,
  now,
  calendar,
  ...(policy === undefined ? {} : { policy }),
});

function walk(id = disclosureId, policy: DisclosurePolicyInput | undefined = SAMR) {
  const w: Walk = { state: initialDisclosureState(id), events: [] };
  const step = (cmd: DisclosureCommandInput, now: string, actor: Actor): CaseEvent[] => {
    const r = decideDisclosure(w.state, cmd, ctxOf(now, actor, policy));
    if (r.isErr()) throw new Error(`${cmd.type}: ${r.error.code} ${r.error.message}`);
    for (const e of r.value) w.state = evolveDisclosure(w.state, e)._unsafeUnwrap();
    w.events.push(...r.value);
    return r.value;
  };
  const refusal = (cmd: DisclosureCommandInput, now: string, actor: Actor): SanxiangError => {
    const before = w.state;
    const r = decideDisclosure(w.state, cmd, ctxOf(now, actor, policy));
    if (r.isOk()) throw new Error(`${cmd.type} was accepted`);
    expect(w.state).toBe(before);
    return r.error;
  };
  return { w, step, refusal };
}

function signedOff(draft: DisclosureDraft, policy: DisclosurePolicyInput | undefined = SAMR) {
  const run = walk(draft.disclosureId, policy);
  run.step({ type: "disclosure.draft", draft }, T("2025-03-10", "08"), officerActor);
  run.step({ type: "disclosure.approve", contentHash: hashOf(draft.content) }, T("2025-03-11"), headActor);
  return run;
}

const FORWARD: DisclosureCommandInput = { type: "disclosure.forward", via: "宁夏回族自治区市场监督管理厅" };

describe("cross-province route (市场监督管理行政处罚信息公示规定 Art. 10) — the deciding bureau", () => {
  it("总局令第45号 Art. 10: a cross-province draft is due 10 working days after the decision (disclosure.samrForward)", () => {
    const { w, step } = walk();
    const [e] = step({ type: "disclosure.draft", draft: crossDraft }, T("2025-03-10", "08"), officerActor);
    // Mon 2025-03-10 + 10 working days = Mon 2025-03-24.
    expect(e?.payload.due).toMatchObject({ ruleId: "disclosure.samrForward", due: "2025-03-24", provisional: false });
    expect(e?.payload.due).toMatchObject({ source: { law: SAMR_LAW, article: 10 } });
    expect(calendar.workingDaysBetween("2025-03-10", "2025-03-24")._unsafeUnwrap()).toBe(10);
    expect(w.state.value).toBe("drafted");
  });

  it("总局令第45号 Art. 10: the signed-off content is forwarded (to whom, via whom, when) and the stream ends in `forwarded`", () => {
    const { w, step } = signedOff(crossDraft);
    const [e] = step(FORWARD, T("2025-03-12"), publisherActor);
    expect(e?.type).toBe("disclosure.forwarded");
    expect(e?.payload).toMatchObject({
      at: T("2025-03-12"),
      to: "杭州市市场监督管理局",
      via: "宁夏回族自治区市场监督管理厅",
      registeredIn: "浙江省",
      kind: "decision",
      caseId: "case-1",
    });
    const info = e?.payload.information as ForwardedInformation;
    expect(info).toMatchObject({ disclosureId, contentHash: hashOf(decisionContent), startOn: "2025-03-10" });
    expect(info.content).toEqual(decisionContent);
    expect(w.state.value).toBe("forwarded");
    expect(w.state.context.forwarded).toEqual({
      at: T("2025-03-12"),
      to: "杭州市市场监督管理局",
      via: "宁夏回族自治区市场监督管理厅",
    });
    expect(foldDisclosure(disclosureId, w.events)._unsafeUnwrap().value).toBe("forwarded");
  });

  it("总局令第45号 Art. 10: the deciding bureau does not publish a cross-province item (COMMAND_NOT_ALLOWED, Art. 10)", () => {
    const { refusal } = signedOff(crossDraft);
    const e = refusal(
      { type: "disclosure.publish", channel: "国家企业信用信息公示系统" },
      T("2025-03-12"),
      publisherActor,
    );
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: SAMR_LAW, article: 10 });
  });

  it("the head signs off what leaves the bureau: forwarding before the sign-off is DISCLOSURE_NOT_APPROVED", () => {
    const { step, refusal } = walk();
    step({ type: "disclosure.draft", draft: crossDraft }, T("2025-03-10", "08"), officerActor);
    const e = refusal(FORWARD, T("2025-03-11"), publisherActor);
    expect(e.code).toBe("DISCLOSURE_NOT_APPROVED");
    expect(e.source?.confidence).toBe("C-local");
    // Only the publisher forwards (disclosure.publish).
    step({ type: "disclosure.approve", contentHash: hashOf(decisionContent) }, T("2025-03-11"), headActor);
    expect(refusal(FORWARD, T("2025-03-12"), officerActor).code).toBe("PERMISSION_DENIED");
  });

  it("forwarding once: a second forward is COMMAND_NOT_ALLOWED and appends nothing", () => {
    const { step, refusal } = signedOff(crossDraft);
    step(FORWARD, T("2025-03-12"), publisherActor);
    expect(refusal(FORWARD, T("2025-03-13"), publisherActor).code).toBe("COMMAND_NOT_ALLOWED");
  });

  it("总局令第45号 Art. 10: a draft of the same province is published, not forwarded (COMMAND_NOT_ALLOWED with the source)", () => {
    const { refusal } = signedOff(samrDraft);
    const e = refusal(FORWARD, T("2025-03-12"), publisherActor);
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: SAMR_LAW, article: 10 });
  });

  it("routing under a rule without a cross-province route (national default, 118号) is refused with the rule's source", () => {
    const { refusal } = walk(disclosureId, {});
    const e = refusal({ type: "disclosure.draft", draft: crossDraft }, T("2025-03-10", "08"), officerActor);
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: "国办发〔2018〕118号" });
  });
});

describe("cross-province route (市场监督管理行政处罚信息公示规定 Art. 10) — the registration-place bureau", () => {
  const forwarded = (): ForwardedInformation => {
    const { step } = signedOff(crossDraft);
    const [e] = step(FORWARD, T("2025-03-12"), publisherActor);
    return e?.payload.information as ForwardedInformation;
  };
  const hz = { bodyId: "hz", bodyName: "杭州市市场监督管理局", from: "中卫市沙坡头区司法局" };
  const hzHead: Actor = { id: "hh", name: "杭州局长", roles: ["head"], bodyId: "hz" };
  const hzPublisher: Actor = { id: "hp", name: "杭州公示员", roles: ["publisher"], bodyId: "hz" };
  const samrPolicy = resolveDisclosurePolicy(SAMR)._unsafeUnwrap();

  it("总局令第45号 Art. 10: drafts from the forwarded information, due 10 working days after receipt, then publishes as usual", () => {
    const draft = receivedDisclosureDraft(forwarded(), { ...hz, receivedOn: "2025-03-20" }, samrPolicy)._unsafeUnwrap();
    expect(draft).toMatchObject({
      bodyId: "hz",
      startOn: "2025-03-10",
      routing: { received: { receivedOn: "2025-03-20" } },
    });
    expect(draft.caseId).toBeUndefined();
    const { w, step } = walk(draft.disclosureId);
    const [e] = step({ type: "disclosure.draft", draft }, T("2025-03-20", "08"), {
      ...hzPublisher,
      roles: ["publisher"],
    });
    // Thu 2025-03-20 + 10 working days: Apr 4 (清明) is off, so Thu 2025-04-03.
    expect(e?.payload.due).toMatchObject({ ruleId: "disclosure.samrReceived", due: "2025-04-03" });
    expect(calendar.workingDaysBetween("2025-03-20", "2025-04-03")._unsafeUnwrap()).toBe(10);
    step({ type: "disclosure.approve", contentHash: hashOf(decisionContent) }, T("2025-03-21"), hzHead);
    step({ type: "disclosure.publish", channel: "国家企业信用信息公示系统" }, T("2025-03-24"), hzPublisher);
    expect(w.state.value).toBe("published");
    expect(w.state.context.published).toMatchObject({ bodyId: "hz", contentHash: hashOf(decisionContent) });
  });

  it("a receipt before the decision, or after the drafting, is INVALID_INPUT", () => {
    const info = forwarded();
    const early = receivedDisclosureDraft(info, { ...hz, receivedOn: "2025-03-07" }, samrPolicy)._unsafeUnwrap();
    const run = walk(early.disclosureId);
    expect(run.refusal({ type: "disclosure.draft", draft: early }, T("2025-03-20"), hzPublisher).code).toBe(
      "INVALID_INPUT",
    );
    const late = receivedDisclosureDraft(info, { ...hz, receivedOn: "2025-03-25" }, samrPolicy)._unsafeUnwrap();
    expect(run.refusal({ type: "disclosure.draft", draft: late }, T("2025-03-20"), hzPublisher).code).toBe(
      "INVALID_INPUT",
    );
  });
});

const ALL_MET: EarlyEndConditions = {
  obligationsFulfilled: true,
  harmRemoved: true,
  noRepeatPenalty: true,
  notOnBlacklists: true,
};
const END_EARLY: DisclosureCommandInput = { type: "disclosure.endEarly", conditions: ALL_MET, appliedOn: "2025-09-01" };

function publishedSamr(draft: DisclosureDraft = samrDraft, policy: DisclosurePolicyInput = SAMR) {
  const run = signedOff(draft, policy);
  run.step({ type: "disclosure.publish", channel: "国家企业信用信息公示系统" }, T("2025-03-12"), publisherActor);
  return run;
}

describe("early end of publicity (市场监督管理行政处罚信息公示规定 Art. 14)", () => {
  it("总局令第45号 Art. 14: the head ends publicity early once the minimum time has passed and all four conditions hold", () => {
    const { w, step, refusal } = publishedSamr();
    // Published 2025-03-12; the default minimum is 12 months [VAR]: not before 2026-03-12.
    const tooEarly = refusal(END_EARLY, T("2026-03-11"), headActor);
    expect(tooEarly.code).toBe("COMMAND_NOT_ALLOWED");
    expect(tooEarly.source).toMatchObject({ law: SAMR_LAW, article: 14, paragraph: 2, confidence: "VAR" });
    const [e] = step(END_EARLY, T("2026-03-12"), headActor);
    expect(e?.type).toBe("disclosure.endedEarly");
    expect(e?.payload).toMatchObject({
      conditions: ALL_MET,
      appliedOn: "2025-09-01",
      source: { law: SAMR_LAW, article: 14, paragraph: 1 },
      caseId: "case-1",
    });
    expect(w.state.value).toBe("endedEarly");
    // Once: a second early end is refused.
    expect(refusal(END_EARLY, T("2026-03-15"), headActor).code).toBe("COMMAND_NOT_ALLOWED");
  });

  it("总局令第45号 Art. 14 para. 1: each condition not attested is a refusal naming it", () => {
    const { refusal } = publishedSamr();
    for (const k of Object.keys(ALL_MET) as (keyof EarlyEndConditions)[]) {
      const e = refusal({ ...END_EARLY, conditions: { ...ALL_MET, [k]: false } }, T("2025-10-08"), headActor);
      expect(e.code).toBe("COMMAND_NOT_ALLOWED");
      expect(e.source).toMatchObject({ law: SAMR_LAW, article: 14, paragraph: 1 });
      expect(e.details).toMatchObject({ missing: [k] });
    }
  });

  it("总局令第45号 Art. 14 para. 3: never for 吊销许可证件 and the other severe kinds (from the draft or the conclusion)", () => {
    const severe = publishedSamr({ ...samrDraft, penaltyKinds: ["fine", "revokeLicence"] });
    const e = severe.refusal(END_EARLY, T("2025-10-08"), headActor);
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: SAMR_LAW, article: 14, paragraph: 3 });
    expect(e.details).toMatchObject({ severe: ["revokeLicence"] });
    const content: DisclosureContent = { ...decisionContent, conclusion: "责令停产停业，罚款人民币5,000.00元" };
    const { penaltyKinds: _omit, ...noKinds } = samrDraft;
    const named = publishedSamr({ ...noKinds, content });
    expect(named.refusal(END_EARLY, T("2025-10-08"), headActor).details).toMatchObject({ severe: ["suspendBusiness"] });
  });

  it("only where the rule provides it (no earlyEnd in the national table), only by the head, not after a later application day", () => {
    const national = publishedSamr(decisionDraft, {});
    const e = national.refusal(END_EARLY, T("2025-10-08"), headActor);
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toBeDefined();
    const { refusal } = publishedSamr();
    expect(refusal(END_EARLY, T("2025-10-08"), publisherActor).code).toBe("PERMISSION_DENIED");
    expect(refusal({ ...END_EARLY, appliedOn: "2025-10-09" }, T("2025-10-08"), headActor).code).toBe("INVALID_INPUT");
  });

  it("the minimum time is configuration: a bureau sets SAMR's figure on the rule", () => {
    if (samrRule.earlyEnd === undefined) throw new Error("the SAMR row provides an early end");
    const earlyEnd = { ...samrRule.earlyEnd, minMonths: 6 };
    const policy: DisclosurePolicyInput = { sector: "samr", rules: { "decision.penalty": { earlyEnd } } };
    const run = publishedSamr(samrDraft, policy);
    expect(run.refusal(END_EARLY, T("2025-09-11"), headActor).details).toMatchObject({ earliest: "2025-09-12" });
    expect(run.step(END_EARLY, T("2025-09-12"), headActor)[0]?.type).toBe("disclosure.endedEarly");
  });
});

describe("withdrawal of non-penalty decisions (国办发〔2018〕118号 及时撤下, modelled as 3 working days)", () => {
  const licenceContent: DisclosureContent = { ...decisionContent, category: "licence", conclusion: "准予行政许可" };
  const licenceDraft: DisclosureDraft = { ...decisionDraft, content: licenceContent, ruleId: "decision.licence" };

  it("118号: a revoked licence decision must be withdrawn within 3 working days (disclosure.decisionWithdrawal, M)", () => {
    const run = signedOff(licenceDraft, {});
    run.step({ type: "disclosure.publish", channel: "政府网站" }, T("2025-03-12"), publisherActor);
    const [e] = run.step(
      { type: "disclosure.requireWithdrawal", cause: "revoked", changedOn: "2025-03-14" },
      T("2025-03-14"),
      publisherActor,
    );
    expect(e?.payload.due).toMatchObject({ ruleId: "disclosure.decisionWithdrawal", due: "2025-03-19" });
    expect(e?.payload.due).toMatchObject({ source: { law: "国办发〔2018〕118号", confidence: "M" } });
    expect(run.w.state.value).toBe("withdrawalDue");
  });

  it("a bureau that switches it off (withdrawalPeriodId: null) withdraws directly: requireWithdrawal is refused", () => {
    const off: DisclosurePolicyInput = { rules: { "decision.licence": { withdrawalPeriodId: null } } };
    const run = signedOff(licenceDraft, off);
    run.step({ type: "disclosure.publish", channel: "政府网站" }, T("2025-03-12"), publisherActor);
    const e = run.refusal(
      { type: "disclosure.requireWithdrawal", cause: "revoked", changedOn: "2025-03-14" },
      T("2025-03-14"),
      publisherActor,
    );
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: "国办发〔2018〕118号" });
  });
});
