import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import type { SanxiangError } from "../kernel/errors.js";
import { sm3 } from "../kernel/sm3.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { DisclosureCommandInput } from "./commands.js";
import { decideDisclosure, nextPublishedItem } from "./decide.js";
import { type DisclosureState, evolveDisclosure, foldDisclosure, initialDisclosureState } from "./fold.js";
import { DEFAULT_DISCLOSURE_POLICY, disclosureRuleFor } from "./rules.js";
import { type DisclosureContent, disclosureContentHash, type PublishedItem } from "./schema.js";
import {
  dctx,
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

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

interface Walk {
  state: DisclosureState;
  events: CaseEvent[];
}

function step(w: Walk, cmd: DisclosureCommandInput, now: string, actor: Actor): CaseEvent[] {
  const r = decideDisclosure(w.state, cmd, dctx(now, actor));
  if (r.isErr()) throw new Error(`${cmd.type}: ${r.error.code} ${r.error.message}`);
  for (const e of r.value) w.state = evolveDisclosure(w.state, e)._unsafeUnwrap();
  w.events.push(...r.value);
  return r.value;
}

function refusal(w: Walk, cmd: DisclosureCommandInput, now: string, actor: Actor): SanxiangError {
  const r = decideDisclosure(w.state, cmd, dctx(now, actor));
  if (r.isOk()) throw new Error(`${cmd.type} was accepted`);
  return r.error;
}

const hash = hashOf;
const fresh = (): Walk => ({ state: initialDisclosureState(disclosureId), events: [] });

function drafted(): Walk {
  const w = fresh();
  step(w, { type: "disclosure.draft", draft: decisionDraft }, T("10", "08"), officerActor);
  return w;
}

function published(): Walk {
  const w = drafted();
  step(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("11"), headActor);
  step(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor);
  return w;
}

describe("decideDisclosure — draft, sign-off, publication", () => {
  it("7 working days (国办发〔2018〕118号) for a penalty decision: the deadline travels in disclosure.drafted as `due`", () => {
    const w = fresh();
    const [e] = step(w, { type: "disclosure.draft", draft: decisionDraft }, T("10", "08"), officerActor);
    expect(e?.stage).toBe("decision");
    expect(e?.caseId).toBe(disclosureId);
    // 2025-03-10 is a Monday: 7 working days end on Wednesday 2025-03-19.
    expect(e?.payload.due).toMatchObject({
      ruleId: "disclosure.licencePenalty",
      due: "2025-03-19",
      provisional: false,
    });
    expect(e?.payload.due).toMatchObject({ source: { law: "国办发〔2018〕118号" } });
    expect(e?.payload.contentHash).toBe(hash(decisionContent));
    expect(w.state.value).toBe("drafted");
  });

  it("负责人审定 then 发布: the item is version 1 of exactly the signed-off content, public for 36 months", () => {
    const w = published();
    expect(w.state.value).toBe("published");
    const item = w.events.at(-1)?.payload.item as PublishedItem;
    expect(item).toMatchObject({
      id: disclosureId,
      version: 1,
      contentHash: hash(decisionContent),
      publishedAt: T("12"),
      updatedAt: T("12"),
      corrections: [],
      publicUntil: "2028-03-12",
      bodyId: "spt",
    });
    expect(item.content).toEqual(decisionContent);
    const approved = w.events[1];
    expect(approved?.payload).toMatchObject({ approverId: "h", contentHash: hash(decisionContent) });
    // disclosure.published carries the case id, so the disclosure queue can clear the case's row.
    expect(w.events.at(-1)?.payload.caseId).toBe("case-1");
  });

  it("a bureau on SM3 (国密): the item names the algorithm; a hash port changed after the sign-off is refused", () => {
    const w = fresh();
    const run = (cmd: DisclosureCommandInput, now: string, actor: Actor) => {
      const r = decideDisclosure(w.state, cmd, { ...dctx(now, actor), hash: sm3 });
      for (const e of r._unsafeUnwrap()) w.state = evolveDisclosure(w.state, e)._unsafeUnwrap();
      w.events.push(...r._unsafeUnwrap());
    };
    const sm3Hash = disclosureContentHash(decisionContent, sm3);
    run({ type: "disclosure.draft", draft: decisionDraft }, T("10", "08"), officerActor);
    run({ type: "disclosure.approve", contentHash: sm3Hash }, T("11"), headActor);
    // The same stream published by a process whose port is SHA-256: refused, nothing appended.
    const switched = refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor);
    expect(switched.code).toBe("INVALID_INPUT");
    run({ type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor);
    const item = w.events.at(-1)?.payload.item as PublishedItem;
    expect(item).toMatchObject({ contentHash: sm3Hash, contentHashAlgorithm: "sm3" });
    // A SHA-256 bureau's items do not carry the field (their bytes are unchanged).
    const plain = published().events.at(-1)?.payload.item as PublishedItem;
    expect("contentHashAlgorithm" in plain).toBe(false);
  });

  it("谁履职、谁公示: a head of another body cannot sign off (DISCLOSURE_SIGNOFF_INVALID, with the source)", () => {
    const w = drafted();
    const e = refusal(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("11"), otherHeadActor);
    expect(e.code).toBe("DISCLOSURE_SIGNOFF_INVALID");
    expect(e.source?.section).toBe("二（一）（2）");
    const noBody: Actor = { id: "h3", name: "无主体负责人", roles: ["head"] };
    expect(refusal(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("11"), noBody).code).toBe(
      "DISCLOSURE_SIGNOFF_INVALID",
    );
  });

  it("only a head signs off, only a publisher publishes (PERMISSION_DENIED)", () => {
    const w = drafted();
    const approve = { type: "disclosure.approve" as const, contentHash: hash(decisionContent) };
    expect(refusal(w, approve, T("11"), officerActor).code).toBe("PERMISSION_DENIED");
    expect(refusal(w, approve, T("11"), publisherActor).code).toBe("PERMISSION_DENIED");
    step(w, approve, T("11"), headActor);
    expect(refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), headActor).code).toBe(
      "PERMISSION_DENIED",
    );
  });

  it("the sign-off binds to the hash of the current content (DISCLOSURE_NOT_APPROVED otherwise)", () => {
    const w = drafted();
    const other = { ...decisionContent, conclusion: "罚款人民币6,000.00元", fineFen: 600_000 };
    const e = refusal(w, { type: "disclosure.approve", contentHash: hash(other) }, T("11"), headActor);
    expect(e.code).toBe("DISCLOSURE_NOT_APPROVED");
  });

  it("nothing is published without a sign-off; a revision after the sign-off voids it", () => {
    const w = drafted();
    expect(refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("11"), publisherActor).code).toBe(
      "DISCLOSURE_NOT_APPROVED",
    );
    step(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("11"), headActor);
    const revised = { ...decisionContent, matter: "律师事务所未按规定办理变更登记手续" };
    step(w, { type: "disclosure.revise", content: revised, reason: "文字修改" }, T("11", "03"), officerActor);
    expect(w.state.value).toBe("drafted");
    expect(w.state.context.approval).toBeUndefined();
    expect(refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor).code).toBe(
      "DISCLOSURE_NOT_APPROVED",
    );
    // The old hash no longer signs anything off.
    expect(
      refusal(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("12"), headActor).code,
    ).toBe("DISCLOSURE_NOT_APPROVED");
    step(w, { type: "disclosure.approve", contentHash: hash(revised) }, T("12"), headActor);
    step(w, { type: "disclosure.publish", channel: "政府网站" }, T("12", "03"), publisherActor);
    expect(w.state.context.published?.content).toEqual(revised);
  });

  it("政府信息公开条例第十五条: a revision or correction with a resident ID or mobile number is REDACTION_INCOMPLETE; so is the sign-off of such a draft", () => {
    const w = drafted();
    const leaky = { ...decisionContent, facts: `当事人负责人身份证号${RESIDENT_ID}，电话${MOBILE}` };
    const e = refusal(w, { type: "disclosure.revise", content: leaky, reason: "补充事实" }, T("11"), officerActor);
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    const bad = fresh();
    step(bad, { type: "disclosure.draft", draft: { ...decisionDraft, content: leaky } }, T("10", "08"), officerActor);
    const a = refusal(bad, { type: "disclosure.approve", contentHash: hash(leaky) }, T("11"), headActor);
    expect(a.code).toBe("REDACTION_INCOMPLETE");
    const p = published();
    expect(
      refusal(p, { type: "disclosure.correct", content: leaky, reason: "更正" }, T("13"), publisherActor).code,
    ).toBe("REDACTION_INCOMPLETE");
  });

  it("names of other natural persons given in the context are checked at the sign-off", () => {
    const withWitness = { ...decisionContent, facts: "证人王小明证实了上述事实" };
    const w = fresh();
    step(
      w,
      { type: "disclosure.draft", draft: { ...decisionDraft, content: withWitness } },
      T("10", "08"),
      officerActor,
    );
    const r = decideDisclosure(
      w.state,
      { type: "disclosure.approve", contentHash: hash(withWitness) },
      { ...dctx(T("11"), headActor), otherPersons: ["王小明"] },
    );
    expect(r._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
    // Without the name, the checker cannot know it (documented limit of redaction).
    expect(
      decideDisclosure(
        w.state,
        { type: "disclosure.approve", contentHash: hash(withWitness) },
        dctx(T("11"), headActor),
      ).isOk(),
    ).toBe(true);
  });

  it("a draft of another stream, a content of another kind, an act in the future or before the last act are INVALID_INPUT", () => {
    const w = fresh();
    const other = { ...decisionDraft, disclosureId: "gs-decision-case-2" };
    expect(refusal(w, { type: "disclosure.draft", draft: other }, T("10"), officerActor).code).toBe("INVALID_INPUT");
    step(w, { type: "disclosure.draft", draft: decisionDraft }, T("10", "08"), officerActor);
    const officerContent: DisclosureContent = {
      kind: "officer",
      name: "甲",
      bodyName: "中卫市沙坡头区司法局",
      certificateNumber: "640502190001",
      categories: ["律师管理"],
    };
    expect(
      refusal(w, { type: "disclosure.revise", content: officerContent, reason: "x" }, T("11"), officerActor).code,
    ).toBe("INVALID_INPUT");
    const future = { type: "disclosure.approve" as const, contentHash: hash(decisionContent), at: T("12") };
    expect(refusal(w, future, T("11"), headActor).code).toBe("INVALID_INPUT");
    const past = { type: "disclosure.approve" as const, contentHash: hash(decisionContent), at: T("09") };
    expect(refusal(w, past, T("11"), headActor).code).toBe("INVALID_INPUT");
    expect(refusal(w, { type: "disclosure.approve", contentHash: "xyz" }, T("11"), headActor).code).toBe(
      "INVALID_INPUT",
    );
  });
});

describe("decideDisclosure — withholding, correction, withdrawal, expiry", () => {
  it("不予公开: the head withholds with a reason and source; the event carries kind and case id; nothing can follow", () => {
    const w = drafted();
    const source = { law: "政府信息公开条例", article: 15, confidence: "C-law" as const };
    expect(
      refusal(w, { type: "disclosure.withhold", reason: "涉及个人隐私", source }, T("11"), officerActor).code,
    ).toBe("PERMISSION_DENIED");
    const [e] = step(w, { type: "disclosure.withhold", reason: "涉及个人隐私", source }, T("11"), headActor);
    expect(e?.payload).toMatchObject({ kind: "decision", caseId: "case-1", source });
    expect(w.state.value).toBe("withheld");
    expect(
      refusal(w, { type: "disclosure.approve", contentHash: hash(decisionContent) }, T("12"), headActor).code,
    ).toBe("COMMAND_NOT_ALLOWED");
  });

  it("纠错: the correction is a new version that must be signed off; the old version stays public meanwhile", () => {
    const w = published();
    const corrected = { ...decisionContent, documentNumber: "沙司罚决字〔2025〕4号" };
    step(w, { type: "disclosure.correct", content: corrected, reason: "文号有误，予以更正" }, T("13"), publisherActor);
    expect(w.state.value).toBe("correcting");
    expect(w.state.context.published?.version).toBe(1);
    expect(w.state.context.published?.content).toEqual(decisionContent);
    expect(refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("13"), publisherActor).code).toBe(
      "DISCLOSURE_NOT_APPROVED",
    );
    step(w, { type: "disclosure.approve", contentHash: hash(corrected) }, T("14"), headActor);
    expect(w.state.value).toBe("correctionApproved");
    step(w, { type: "disclosure.publish", channel: "政府网站" }, T("14", "03"), publisherActor);
    const item = w.state.context.published;
    expect(item).toMatchObject({
      version: 2,
      publishedAt: T("12"),
      updatedAt: T("14", "03"),
      corrections: [{ at: T("14", "03"), reason: "文号有误，予以更正" }],
      // The publicity period counts from the first publication.
      publicUntil: "2028-03-12",
    });
    // A correction to the same content as shown is refused.
    expect(
      refusal(w, { type: "disclosure.correct", content: corrected, reason: "再次更正" }, T("15"), publisherActor).code,
    ).toBe("COMMAND_NOT_ALLOWED");
  });

  it("行政处罚法第四十八条第二款: withdrawal within 3 working days of the change, with a public reason; late is recorded", () => {
    const w = published();
    // Recorded by the platform's job or the publisher; not by an officer.
    const req = { type: "disclosure.requireWithdrawal" as const, cause: "revoked" as const, changedOn: "2025-03-14" };
    expect(refusal(w, req, T("14"), officerActor).code).toBe("PERMISSION_DENIED");
    const [e] = step(w, req, T("14"), systemActor);
    // Friday 2025-03-14 + 3 working days = Wednesday 2025-03-19.
    expect(e?.payload.due).toMatchObject({ ruleId: "penalty.withdrawal", due: "2025-03-19" });
    expect(e?.payload.due).toMatchObject({ source: { law: "行政处罚法", article: 48, paragraph: 2 } });
    expect(w.state.value).toBe("withdrawalDue");
    // No correction, no new version while the withdrawal is due.
    expect(
      refusal(
        w,
        { type: "disclosure.correct", content: { ...decisionContent, matter: "x" }, reason: "x" },
        T("15"),
        publisherActor,
      ).code,
    ).toBe("COMMAND_NOT_ALLOWED");
    const [wd] = step(
      w,
      { type: "disclosure.withdraw", reason: "该处罚决定已被行政复议机关撤销" },
      T("20"),
      publisherActor,
    );
    expect(wd?.payload.late).toBe(true);
    expect(wd?.payload.notice).toMatchObject({
      id: disclosureId,
      withdrawnAt: T("20"),
      reason: "该处罚决定已被行政复议机关撤销（原决定被撤销）",
      source: { law: "行政处罚法", article: 48, paragraph: 2 },
    });
    expect(w.state.value).toBe("withdrawn");
    expect(refusal(w, { type: "disclosure.publish", channel: "政府网站" }, T("21"), publisherActor).code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });

  it("a withdrawal on time is not late; a change dated after today is refused", () => {
    const w = published();
    expect(
      refusal(
        w,
        { type: "disclosure.requireWithdrawal", cause: "changed", changedOn: "2025-03-20" },
        T("14"),
        publisherActor,
      ).code,
    ).toBe("INVALID_INPUT");
    step(
      w,
      { type: "disclosure.requireWithdrawal", cause: "changed", changedOn: "2025-03-14" },
      T("14"),
      publisherActor,
    );
    const [wd] = step(w, { type: "disclosure.withdraw", reason: "处罚决定已变更" }, T("19", "09"), publisherActor);
    expect(wd?.payload.late).toBe(false);
  });

  it("公示期满: expiry only after publicUntil, by the system job; an expired item is never published again", () => {
    const w = published();
    expect(refusal(w, { type: "disclosure.expire" }, T("13"), systemActor).code).toBe("COMMAND_NOT_ALLOWED");
    expect(refusal(w, { type: "disclosure.expire" }, T("13"), publisherActor).code).toBe("PERMISSION_DENIED");
    const r = decideDisclosure(w.state, { type: "disclosure.expire" }, dctx("2028-03-12T10:00:00Z", systemActor));
    expect(r._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    step(w, { type: "disclosure.expire" }, "2028-03-13T01:00:00Z", systemActor);
    expect(w.state.value).toBe("expired");
    expect(
      refusal(
        w,
        { type: "disclosure.correct", content: { ...decisionContent, matter: "x" }, reason: "x" },
        "2028-03-14T01:00:00Z",
        publisherActor,
      ).code,
    ).toBe("COMMAND_NOT_ALLOWED");
  });

  it("before-enforcement items have no withdrawal period: requireWithdrawal is refused, a direct withdrawal is allowed", () => {
    const officerContent: DisclosureContent = {
      kind: "officer",
      name: "甲",
      bodyName: "中卫市沙坡头区司法局",
      certificateNumber: "640502190001",
      categories: ["律师管理"],
    };
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "officer" });
    const w: Walk = { state: initialDisclosureState("gs-officer-a"), events: [] };
    const draft = {
      disclosureId: "gs-officer-a",
      kind: "officer" as const,
      phase: "before" as const,
      title: "执法人员 甲",
      bodyId: "spt",
      bodyName: "中卫市沙坡头区司法局",
      content: officerContent,
      redactions: [],
      ruleId: rule.id,
      startOn: "2025-03-10",
      source: rule.source,
    };
    const [d] = step(w, { type: "disclosure.draft", draft }, T("10"), officerActor);
    expect(d?.payload.due).toMatchObject({ ruleId: "disclosure.govInfo" });
    // The certificate number is public by law: not taken for personal data at the sign-off.
    step(w, { type: "disclosure.approve", contentHash: hash(officerContent) }, T("11"), headActor);
    step(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor);
    expect(w.state.context.published?.publicUntil).toBeUndefined();
    expect(
      refusal(
        w,
        { type: "disclosure.requireWithdrawal", cause: "changed", changedOn: "2025-03-12" },
        T("12"),
        publisherActor,
      ).code,
    ).toBe("COMMAND_NOT_ALLOWED");
    expect(refusal(w, { type: "disclosure.expire" }, "2026-03-12T01:00:00Z", systemActor).code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
    const [wd] = step(w, { type: "disclosure.withdraw", reason: "该执法人员已调离" }, T("20"), publisherActor);
    expect(wd?.payload).toMatchObject({ late: false, notice: { source: rule.source } });
  });

  it("the state is the fold of the events; a stream whose publication does not match the sign-off does not fold", () => {
    const w = published();
    const folded = foldDisclosure(disclosureId, w.events)._unsafeUnwrap();
    expect(folded.value).toBe("published");
    expect(folded.context).toEqual(w.state.context);
    // Tamper: a published event with another content hash than the one signed off.
    const forged = w.events.map((e) =>
      e.type === "disclosure.published"
        ? {
            ...e,
            payload: { ...e.payload, item: { ...(e.payload.item as PublishedItem), contentHash: "0".repeat(64) } },
          }
        : e,
    );
    expect(foldDisclosure(disclosureId, forged)._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  });

  it("nextPublishedItem needs a draft", () => {
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "penalty" });
    expect(nextPublishedItem(initialDisclosureState("x").context, T("10"), rule)._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});
