// Open disclosure duties of the cross-province route (市场监督管理行政处罚信息公示规定 Art. 10)
// over the in-memory store's default projections: forward, then nothing; received, publish.
import { describe, expect, it } from "vitest";
import { inMemoryEventStore } from "../enforcement/store.js";
import type { Actor } from "../kernel/actors.js";
import type { EventStore } from "../recording/event-store.js";
import type { DisclosureCommandInput } from "./commands.js";
import { receivedDisclosureDraft } from "./cross-province.js";
import type { DisclosureDraft } from "./draft.js";
import { disclosureObligations } from "./obligations.js";
import type { ForwardedInformation } from "./routing.js";
import { type DisclosurePolicyInput, resolveDisclosurePolicy } from "./rules.js";
import { executeDisclosure } from "./service.js";
import {
  appendCaseDecided,
  calendar,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  officerActor,
  publisherActor,
} from "./workflow-test-fixtures.js";

const SAMR: DisclosurePolicyInput = { sector: "samr" };
const T = (date: string, h = "02") => `${date}T${h}:00:00Z`;
const crossDraft: DisclosureDraft = {
  ...decisionDraft,
  routing: { crossProvince: { registeredIn: "浙江省", forwardTo: "杭州市市场监督管理局" } },
};

async function run(store: EventStore, id: string, cmd: DisclosureCommandInput, now: string, actor: Actor) {
  return (await executeDisclosure(store, id, cmd, { actor, now, calendar, policy: SAMR }))._unsafeUnwrap();
}

describe("disclosureObligations — the cross-province route (市场监督管理行政处罚信息公示规定 Art. 10)", () => {
  it("总局令第45号 Art. 10: a cross-province draft is a `forward` duty due 10 working days after the decision; once forwarded, none", async () => {
    const store = inMemoryEventStore();
    await appendCaseDecided(store);
    const at = async (today: string) =>
      (await disclosureObligations({ store, calendar, today, policy: SAMR }))._unsafeUnwrap();
    await run(
      store,
      disclosureId,
      { type: "disclosure.draft", draft: crossDraft },
      T("2025-03-10", "08"),
      officerActor,
    );
    const open = await at("2025-03-25");
    expect(open).toEqual([
      expect.objectContaining({
        duty: "forward",
        disclosureId,
        ruleId: "disclosure.samrForward",
        due: "2025-03-24",
        overdue: true,
        daysOverdue: 1,
      }),
    ]);
    expect(open[0]?.source).toMatchObject({ law: "市场监督管理行政处罚信息公示规定", article: 10 });
    await run(
      store,
      disclosureId,
      { type: "disclosure.approve", contentHash: hashOf(decisionContent) },
      T("2025-03-11"),
      headActor,
    );
    await run(
      store,
      disclosureId,
      { type: "disclosure.forward", via: "宁夏回族自治区市场监督管理厅" },
      T("2025-03-12"),
      publisherActor,
    );
    // Neither the forward deadline nor the case's row in the disclosure queue remains.
    expect(await at("2025-03-25")).toEqual([]);
  });

  it("总局令第45号 Art. 10: a received draft is a `publish` duty due 10 working days after receipt", async () => {
    const sender = inMemoryEventStore();
    await run(
      sender,
      disclosureId,
      { type: "disclosure.draft", draft: crossDraft },
      T("2025-03-10", "08"),
      officerActor,
    );
    await run(
      sender,
      disclosureId,
      { type: "disclosure.approve", contentHash: hashOf(decisionContent) },
      T("2025-03-11"),
      headActor,
    );
    const done = await run(
      sender,
      disclosureId,
      { type: "disclosure.forward", via: "宁夏回族自治区市场监督管理厅" },
      T("2025-03-12"),
      publisherActor,
    );
    const forwarded = done.events[0];
    const info = forwarded?.payload.information as ForwardedInformation;
    const policy = resolveDisclosurePolicy(SAMR)._unsafeUnwrap();
    const draft = receivedDisclosureDraft(
      info,
      { bodyId: "hz", bodyName: "杭州市市场监督管理局", from: "中卫市沙坡头区司法局", receivedOn: "2025-03-20" },
      policy,
    )._unsafeUnwrap();
    const receiver = inMemoryEventStore();
    const hzPublisher: Actor = { id: "hp", name: "杭州公示员", roles: ["publisher"], bodyId: "hz" };
    await run(receiver, draft.disclosureId, { type: "disclosure.draft", draft }, T("2025-03-20", "08"), hzPublisher);
    const open = (
      await disclosureObligations({ store: receiver, calendar, today: "2025-03-21", policy: SAMR })
    )._unsafeUnwrap();
    expect(open).toEqual([
      expect.objectContaining({
        duty: "publish",
        disclosureId: draft.disclosureId,
        ruleId: "disclosure.samrReceived",
        due: "2025-04-03",
        overdue: false,
      }),
    ]);
  });
});
