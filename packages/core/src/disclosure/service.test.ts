// The disclosure service over the in-memory event store (default projections) and the
// memory publisher: the port is called first, the event appended after; crashes in between
// and concurrent runs converge without losing or doubling anything.
import { describe, expect, it } from "vitest";
import { PROJECTIONS } from "../enforcement/projections.js";
import { inMemoryEventStore } from "../enforcement/store.js";
import type { Actor } from "../kernel/actors.js";
import { sanxiangError } from "../kernel/errors.js";
import { err } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import type { DisclosureDecideContext } from "./decide.js";
import { memoryPublisher } from "./memory-publisher.js";
import { disclosureObligations } from "./obligations.js";
import {
  endDisclosureEarly,
  executeDisclosure,
  expireDisclosures,
  loadDisclosure,
  publishDisclosure,
  withdrawDisclosure,
} from "./service.js";
import {
  appendCaseDecided,
  calendar,
  caseId,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  officerActor,
  publisherActor,
  systemActor,
} from "./workflow-test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
const ctx = (now: string, actor: Actor, extra: Partial<DisclosureDecideContext> = {}): DisclosureDecideContext => ({
  actor,
  now,
  calendar,
  ...extra,
});

/** A store whose next `n` appends fail as if the process crashed before the commit. */
function crashing(store: EventStore): { store: EventStore; crashNextAppends(n: number): void } {
  let crashes = 0;
  const wrapped = new Proxy(store, {
    get(target, key) {
      if (key === "append" && crashes > 0) {
        return async () => {
          crashes -= 1;
          return err(sanxiangError("STORE_UNAVAILABLE", "进程在提交前崩溃（测试）"));
        };
      }
      const v: unknown = Reflect.get(target, key);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { store: wrapped, crashNextAppends: (n) => (crashes += n) };
}

async function approved(store: EventStore): Promise<void> {
  (
    await executeDisclosure(
      store,
      disclosureId,
      { type: "disclosure.draft", draft: decisionDraft },
      ctx(T("10", "08"), officerActor),
    )
  )._unsafeUnwrap();
  (
    await executeDisclosure(
      store,
      disclosureId,
      { type: "disclosure.approve", contentHash: hashOf(decisionContent) },
      ctx(T("11"), headActor),
    )
  )._unsafeUnwrap();
}

const publishedEvents = async (store: EventStore) =>
  (await store.load(disclosureId))._unsafeUnwrap().filter((e) => e.type === "disclosure.published");

describe("publishDisclosure — the port first, then the event", () => {
  it("publishes the signed-off item, records the receipt, and the projections follow (queue cleared, deadline discharged, public row)", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher({ channel: "政府网站", locationOf: (id) => `/gs/${id}.html` });
    await appendCaseDecided(store);
    expect((await store.getProjectionRow(PROJECTIONS.disclosureQueue, caseId))._unsafeUnwrap()).not.toBeNull();
    await approved(store);
    const deadlineKey = `${disclosureId}/disclosure.licencePenalty`;
    expect((await store.getProjectionRow(PROJECTIONS.deadlines, deadlineKey))._unsafeUnwrap()?.sortKey).toBe(
      "2025-03-19",
    );

    const r = (await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor)))._unsafeUnwrap();
    expect(r.receipt.changed).toBe(true);
    expect(r.state.value).toBe("published");
    expect(r.events[0]?.payload).toMatchObject({ channel: "政府网站", location: `/gs/${disclosureId}.html`, caseId });
    // The log says exactly what the public sees.
    expect(publisher.item(disclosureId)).toEqual(r.events[0]?.payload.item);

    expect((await store.getProjectionRow(PROJECTIONS.disclosureQueue, caseId))._unsafeUnwrap()).toBeNull();
    expect((await store.getProjectionRow(PROJECTIONS.deadlines, deadlineKey))._unsafeUnwrap()).toBeNull();
    const row = (await store.getProjectionRow(PROJECTIONS.disclosures, disclosureId))._unsafeUnwrap();
    expect(row?.value).toMatchObject({ status: "published", item: { version: 1 }, channel: "政府网站" });
    expect(row?.sortKey).toBe(T("12"));
  });

  it("a port failure is PUBLISHER_FAILED and appends nothing; the retry publishes", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    await approved(store);
    publisher.failNext("publish");
    const r = await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor));
    expect(r._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("approved");
    expect(await publishedEvents(store)).toHaveLength(0);
    expect((await publishDisclosure(store, publisher, disclosureId, ctx(T("12", "03"), publisherActor))).isOk()).toBe(
      true,
    );
    expect(await publishedEvents(store)).toHaveLength(1);
  });

  it("a crash between the port and the append: the retry converges — published once, recorded once", async () => {
    const base = inMemoryEventStore();
    const { store, crashNextAppends } = crashing(base);
    const publisher = memoryPublisher();
    await approved(store);
    crashNextAppends(1);
    const crashed = await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor));
    expect(crashed._unsafeUnwrapErr().code).toBe("STORE_UNAVAILABLE");
    // The public already sees it; the log does not yet say so.
    expect(publisher.item(disclosureId)?.version).toBe(1);
    expect(await publishedEvents(store)).toHaveLength(0);

    const retried = (
      await publishDisclosure(store, publisher, disclosureId, ctx(T("12", "05"), publisherActor))
    )._unsafeUnwrap();
    expect(retried.receipt.changed).toBe(false);
    expect(retried.state.value).toBe("published");
    const recorded = await publishedEvents(store);
    expect(recorded).toHaveLength(1);
    expect(publisher.changes().filter((c) => c.op === "publish")).toHaveLength(1);
    // Same version and content as the public copy.
    expect(recorded[0]?.payload.item).toMatchObject({
      version: 1,
      contentHash: publisher.item(disclosureId)?.contentHash,
    });
    // Running it once more is refused (already published), changing nothing.
    const again = await publishDisclosure(store, publisher, disclosureId, ctx(T("12", "06"), publisherActor));
    expect(again._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(await publishedEvents(store)).toHaveLength(1);
  });

  it("two concurrent runs: both ok, one publication, one event", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    await approved(store);
    const [a, b] = await Promise.all([
      publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor)),
      publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor)),
    ]);
    expect(a?.isOk() && b?.isOk()).toBe(true);
    expect([a?._unsafeUnwrap().events.length, b?._unsafeUnwrap().events.length].sort()).toEqual([0, 1]);
    expect(await publishedEvents(store)).toHaveLength(1);
    expect(publisher.changes()).toHaveLength(1);
  });

  it("a draft not signed off is never handed to the port (DISCLOSURE_NOT_APPROVED)", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    (
      await executeDisclosure(
        store,
        disclosureId,
        { type: "disclosure.draft", draft: decisionDraft },
        ctx(T("10"), officerActor),
      )
    )._unsafeUnwrap();
    const r = await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor));
    expect(r._unsafeUnwrapErr().code).toBe("DISCLOSURE_NOT_APPROVED");
    expect(publisher.changes()).toEqual([]);
  });
});

describe("withdrawDisclosure and expireDisclosures", () => {
  it("行政处罚法第四十八条第二款: the withdrawal goes to the port first; a crash in between converges; the notice replaces the item", async () => {
    const { store, crashNextAppends } = crashing(inMemoryEventStore());
    const publisher = memoryPublisher();
    await approved(store);
    (await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor)))._unsafeUnwrap();
    (
      await executeDisclosure(
        store,
        disclosureId,
        { type: "disclosure.requireWithdrawal", cause: "revoked", changedOn: "2025-03-14" },
        ctx(T("14"), systemActor),
      )
    )._unsafeUnwrap();
    const dueKey = `${disclosureId}/penalty.withdrawal`;
    expect((await store.getProjectionRow(PROJECTIONS.deadlines, dueKey))._unsafeUnwrap()?.sortKey).toBe("2025-03-19");

    crashNextAppends(1);
    const crashed = await withdrawDisclosure(
      store,
      publisher,
      disclosureId,
      "处罚决定已被撤销",
      ctx(T("17"), publisherActor),
    );
    expect(crashed.isErr()).toBe(true);
    expect(publisher.items()).toEqual([]);
    const r = (
      await withdrawDisclosure(store, publisher, disclosureId, "处罚决定已被撤销", ctx(T("17", "03"), publisherActor))
    )._unsafeUnwrap();
    expect(r.receipt.changed).toBe(false);
    expect(r.state.value).toBe("withdrawn");
    expect(r.events[0]?.payload.late).toBe(false);
    expect(publisher.notices()).toHaveLength(1);
    expect(publisher.changes().filter((c) => c.op === "withdraw")).toHaveLength(1);
    expect((await store.getProjectionRow(PROJECTIONS.deadlines, dueKey))._unsafeUnwrap()).toBeNull();
    const row = (await store.getProjectionRow(PROJECTIONS.disclosures, disclosureId))._unsafeUnwrap();
    expect(row?.value).toMatchObject({ status: "withdrawn", notice: { reason: "处罚决定已被撤销（原决定被撤销）" } });
  });

  it("公示期满: the job expires what is past its period (port first), skips the rest, and reports failures for the next run", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    const policy = { publicityMonths: 1 };
    await approved(store);
    (await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor, { policy })))._unsafeUnwrap();
    expect(publisher.item(disclosureId)?.publicUntil).toBe("2025-04-12");

    const early = (
      await expireDisclosures(store, publisher, ctx("2025-04-12T10:00:00Z", systemActor, { policy }))
    )._unsafeUnwrap();
    expect(early).toEqual({ asOf: "2025-04-12", expired: [], failed: [] });

    publisher.failNext("expire");
    const failed = (
      await expireDisclosures(store, publisher, ctx("2025-04-14T01:00:00Z", systemActor, { policy }))
    )._unsafeUnwrap();
    expect(failed.expired).toEqual([]);
    expect(failed.failed.map((f) => [f.id, f.error.code])).toEqual([[disclosureId, "PUBLISHER_FAILED"]]);
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("published");

    const done = (
      await expireDisclosures(store, publisher, ctx("2025-04-14T02:00:00Z", systemActor, { policy }))
    )._unsafeUnwrap();
    expect(done.expired).toEqual([disclosureId]);
    expect(publisher.items()).toEqual([]);
    expect((await store.getProjectionRow(PROJECTIONS.disclosures, disclosureId))._unsafeUnwrap()).toBeNull();
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("expired");
    // A day in the future is refused.
    const future = await expireDisclosures(store, publisher, ctx("2025-04-14T02:00:00Z", systemActor), {
      asOf: "2025-05-01",
    });
    expect(future._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

describe("disclosureObligations — missed deadlines are visible", () => {
  it("a decided case not drafted, then drafted, then published; a withdrawal due and overdue", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    await appendCaseDecided(store);
    const at = async (today: string) => (await disclosureObligations({ store, calendar, today }))._unsafeUnwrap();

    // Not yet drafted: the deadline is computed from the decision day (7 working days, 118号).
    const undrafted = await at("2025-03-20");
    expect(undrafted).toEqual([
      expect.objectContaining({ duty: "publish", caseId, due: "2025-03-19", overdue: true, daysOverdue: 1 }),
    ]);
    expect(undrafted[0]?.source.law).toBe("国办发〔2018〕118号");

    await approved(store);
    // Drafted: the recorded deadline, under the disclosure's id, not twice.
    const draftedView = await at("2025-03-12");
    expect(draftedView).toEqual([
      expect.objectContaining({ duty: "publish", disclosureId, due: "2025-03-19", overdue: false, daysOverdue: 0 }),
    ]);

    (await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor)))._unsafeUnwrap();
    expect(await at("2025-03-20")).toEqual([]);

    (
      await executeDisclosure(
        store,
        disclosureId,
        { type: "disclosure.requireWithdrawal", cause: "confirmedIllegal", changedOn: "2025-03-14" },
        ctx(T("14"), publisherActor),
      )
    )._unsafeUnwrap();
    const withdrawal = await at("2025-03-24");
    expect(withdrawal).toEqual([
      expect.objectContaining({
        duty: "withdraw",
        disclosureId,
        ruleId: "penalty.withdrawal",
        due: "2025-03-19",
        overdue: true,
      }),
    ]);
    expect(withdrawal[0]?.source).toMatchObject({ law: "行政处罚法", article: 48, paragraph: 2 });
  });

  it("SAMR (市场监督管理行政处罚信息公示规定第二条第二款): a warning-only penalty is no obligation", async () => {
    const store = inMemoryEventStore();
    const event: CaseEvent = {
      caseId: "case-w",
      seq: 1,
      type: "case.decided",
      at: T("10"),
      actor: { id: "h", roles: ["head"] },
      stage: "decision",
      payload: { at: T("10"), outcome: "penalty", penalty: { kinds: ["warning"] } },
    };
    (await store.append("case-w", 0, [event]))._unsafeUnwrap();
    expect((await disclosureObligations({ store, calendar, today: "2025-03-20" }))._unsafeUnwrap()).toHaveLength(1);
    const samr = (
      await disclosureObligations({ store, calendar, today: "2025-03-20", policy: { sector: "samr" } })
    )._unsafeUnwrap();
    expect(samr).toEqual([]);
  });
});

describe("endDisclosureEarly — 市场监督管理行政处罚信息公示规定 Art. 14, the port first", () => {
  const samr = { policy: { sector: "samr" } };
  const conditions = { obligationsFulfilled: true, harmRemoved: true, noRepeatPenalty: true, notOnBlacklists: true };

  it("removes the item through publisher.expire, then records disclosure.endedEarly; a port failure appends nothing; a refusal never reaches the port", async () => {
    const store = inMemoryEventStore();
    const publisher = memoryPublisher();
    const run = async (cmd: Parameters<typeof executeDisclosure>[2], now: string, actor: Actor) =>
      (await executeDisclosure(store, disclosureId, cmd, ctx(now, actor, samr)))._unsafeUnwrap();
    await run({ type: "disclosure.draft", draft: decisionDraft }, T("10", "08"), officerActor);
    await run({ type: "disclosure.approve", contentHash: hashOf(decisionContent) }, T("11"), headActor);
    (await publishDisclosure(store, publisher, disclosureId, ctx(T("12"), publisherActor, samr)))._unsafeUnwrap();
    expect(publisher.item(disclosureId)).toBeDefined();

    // Too soon (the default minimum is 12 months [VAR]): refused before the port is called.
    const soon = await endDisclosureEarly(
      store,
      publisher,
      disclosureId,
      { conditions },
      ctx("2025-09-12T02:00:00Z", headActor, samr),
    );
    expect(soon._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(publisher.item(disclosureId)).toBeDefined();

    const later = ctx("2026-03-13T02:00:00Z", headActor, samr);
    publisher.failNext("expire");
    const down = await endDisclosureEarly(
      store,
      publisher,
      disclosureId,
      { conditions, appliedOn: "2026-03-01" },
      later,
    );
    expect(down._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("published");
    expect(publisher.item(disclosureId)).toBeDefined();

    const done = (
      await endDisclosureEarly(store, publisher, disclosureId, { conditions, appliedOn: "2026-03-01" }, later)
    )._unsafeUnwrap();
    expect(done.state.value).toBe("endedEarly");
    expect(done.events[0]?.payload).toMatchObject({ appliedOn: "2026-03-01", source: { article: 14, paragraph: 1 } });
    expect(publisher.item(disclosureId)).toBeUndefined();
    expect((await store.getProjectionRow(PROJECTIONS.disclosures, disclosureId))._unsafeUnwrap()).toBeNull();
  });
});
