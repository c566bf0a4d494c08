import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SanxiangError } from "../kernel/errors.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { foldEvents } from "./fold.js";
import { execute, inMemoryEventStore } from "./store.js";
import { ctxAt, doc, fileCommand, headActor, transcript } from "./test-fixtures.js";

const CASE = "SPT-2025-R";
const T = (minutes: number) =>
  new Date(Date.UTC(2025, 2, 4, 1, 0) + minutes * 60_000).toISOString().replace(".000", "");

type Inquiry = Extract<PenaltyCommandInput, { type: "investigation.record" }>;
const inquiry = (actionId: string, recordId = `t-${actionId}`, extra: Partial<Inquiry> = {}): Inquiry => ({
  type: "investigation.record",
  actionId,
  action: "inquiry",
  records: [transcript(recordId)],
  ...extra,
});

async function filedStore(): Promise<EventStore> {
  const store = inMemoryEventStore();
  (await execute(store, CASE, fileCommand, ctxAt("2025-03-03T02:00:00Z")))._unsafeUnwrap();
  return store;
}

async function log(store: EventStore): Promise<readonly CaseEvent[]> {
  return (await store.load(CASE))._unsafeUnwrap();
}

describe("重复提交 — a retried step is recorded once (执法全过程记录, 行政处罚法第四十七条)", () => {
  it("an exact retry of investigation.record appends nothing and returns the recorded event", async () => {
    const store = await filedStore();
    const first = (await execute(store, CASE, inquiry("i1"), ctxAt(T(0))))._unsafeUnwrap();
    expect(first.replayed).toBe(false);
    const before = await log(store);
    const again = (await execute(store, CASE, inquiry("i1"), ctxAt(T(5))))._unsafeUnwrap();
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(again.state.version).toBe(first.state.version);
    expect(await log(store)).toEqual(before);
    // The same retry giving the recorded time explicitly is the same step too.
    const explicit = (await execute(store, CASE, inquiry("i1", "t-i1", { at: T(0) }), ctxAt(T(6))))._unsafeUnwrap();
    expect(explicit.replayed).toBe(true);
    expect(foldEvents(CASE, await log(store))._unsafeUnwrap().context.recording.actions).toHaveLength(2);
  });

  it("the same actionId with other content is RECORD_CONFLICT citing Art. 47, and changes nothing", async () => {
    const store = await filedStore();
    (await execute(store, CASE, inquiry("i1"), ctxAt(T(0))))._unsafeUnwrap();
    const before = await log(store);
    const changes: Inquiry[] = [
      inquiry("i1", "t-other"),
      inquiry("i1", "t-i1", { action: "siteInspection" }),
      inquiry("i1", "t-i1", { endedAt: T(1) }),
      inquiry("i1", "t-i1", { at: T(1) }),
      { ...inquiry("i1"), records: [transcript("t-i1"), doc("d")] },
    ];
    for (const cmd of changes) {
      const e = (await execute(store, CASE, cmd, ctxAt(T(10))))._unsafeUnwrapErr();
      expect(e.code).toBe("RECORD_CONFLICT");
      expect(e.source).toMatchObject({ law: "行政处罚法", article: 47 });
      expect(e.message).toContain("i1");
      expect(e.details).toMatchObject({ actionId: "i1", seq: 2 });
    }
    expect(await log(store)).toEqual(before);
  });

  it("a retry is recognised whatever the case's state now; a new actionId there is still refused by the state", async () => {
    const store = await filedStore();
    const first = (await execute(store, CASE, inquiry("i1"), ctxAt(T(0))))._unsafeUnwrap();
    (await execute(store, CASE, { type: "investigation.close", facts: "未按规定执业" }, ctxAt(T(1))))._unsafeUnwrap();
    const again = (await execute(store, CASE, inquiry("i1"), ctxAt(T(2))))._unsafeUnwrap();
    expect(again).toMatchObject({ replayed: true, events: first.events });
    expect((await execute(store, CASE, inquiry("i2"), ctxAt(T(2))))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });

  it("schema and permission come first: a retry by an actor without the permission is refused", async () => {
    const store = await filedStore();
    (await execute(store, CASE, inquiry("i1"), ctxAt(T(0))))._unsafeUnwrap();
    const state = foldEvents(CASE, await log(store))._unsafeUnwrap();
    const visitor = { id: "v", name: "访客", roles: ["publisher" as const] };
    expect(decide(state, inquiry("i1"), ctxAt(T(1), visitor))._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
    expect(decide(state, inquiry("i1"), ctxAt(T(1)))._unsafeUnwrap()).toEqual([]);
  });

  it("preservation steps are recorded once per preservationId (行政处罚法第五十六条)", async () => {
    const store = await filedStore();
    const approve = { type: "preservation.approve" as const, preservationId: "p1", reason: "证据可能灭失" };
    const register = {
      type: "preservation.register" as const,
      preservationId: "p1",
      items: ["账册"],
      records: [doc("n")],
    };
    (await execute(store, CASE, approve, ctxAt(T(0), headActor)))._unsafeUnwrap();
    (await execute(store, CASE, register, ctxAt(T(1))))._unsafeUnwrap();
    const before = await log(store);
    expect((await execute(store, CASE, approve, ctxAt(T(2), headActor)))._unsafeUnwrap().replayed).toBe(true);
    expect((await execute(store, CASE, register, ctxAt(T(2))))._unsafeUnwrap().replayed).toBe(true);
    const other = (
      await execute(store, CASE, { ...approve, reason: "另一理由" }, ctxAt(T(2), headActor))
    )._unsafeUnwrapErr();
    expect(other.code).toBe("RECORD_CONFLICT");
    expect(
      (await execute(store, CASE, { ...register, items: ["账册", "凭证"] }, ctxAt(T(2))))._unsafeUnwrapErr().code,
    ).toBe("RECORD_CONFLICT");
    // A second preservation under a new id is a new step.
    expect(
      (await execute(store, CASE, { ...approve, preservationId: "p2" }, ctxAt(T(3), headActor)))._unsafeUnwrap()
        .replayed,
    ).toBe(false);
    expect((await log(store)).length).toBe(before.length + 1);
  });

  it("property: any sequence with exact retries leaves the log of the same sequence without them; altered retries are refused", async () => {
    // Each step i (actionId i<i>) runs once, then retries of earlier steps: exact (with or
    // without the recorded `at`) or altered (another record: refused). Optionally the
    // investigation is closed and every step retried once more.
    const retry = fc.record({ of: fc.nat(), explicitAt: fc.boolean(), altered: fc.boolean() });
    const plan = fc.record({
      steps: fc.array(
        fc.record({ record: fc.constantFrom("x", "y", "z"), retries: fc.array(retry, { maxLength: 3 }) }),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      close: fc.boolean(),
    });
    let retried = 0;
    await fc.assert(
      fc.asyncProperty(plan, async ({ steps, close }) => {
        const full = await filedStore();
        const plain = await filedStore();
        const originals: { cmd: Inquiry; now: string; events: readonly CaseEvent[] }[] = [];
        let minute = 0;
        const exactRetry = async (k: number, explicitAt: boolean): Promise<void> => {
          const o = originals[k];
          if (o === undefined) throw new Error("no such step");
          const cmd = explicitAt ? { ...o.cmd, at: o.now } : o.cmd;
          const r = (await execute(full, CASE, cmd, ctxAt(T(minute++))))._unsafeUnwrap();
          expect(r.replayed).toBe(true);
          expect(r.events).toEqual(o.events);
          retried++;
        };
        for (const [i, step] of steps.entries()) {
          const cmd = inquiry(`i${i}`, `t-${step.record}`);
          const now = T(minute++);
          const r = (await execute(full, CASE, cmd, ctxAt(now)))._unsafeUnwrap();
          expect(r.replayed).toBe(false);
          originals.push({ cmd, now, events: r.events });
          (await execute(plain, CASE, cmd, ctxAt(now)))._unsafeUnwrap();
          for (const x of step.retries) {
            const k = x.of % (i + 1);
            if (x.altered) {
              const o = originals[k];
              if (o === undefined) throw new Error("no such step");
              const e: SanxiangError = (
                await execute(full, CASE, { ...o.cmd, records: [transcript("altered")] }, ctxAt(T(minute++)))
              )._unsafeUnwrapErr();
              expect(e.code).toBe("RECORD_CONFLICT");
            } else await exactRetry(k, x.explicitAt);
          }
        }
        if (close) {
          const now = T(minute++);
          const closeCmd: PenaltyCommandInput = { type: "investigation.close", facts: "未按规定执业" };
          (await execute(full, CASE, closeCmd, ctxAt(now)))._unsafeUnwrap();
          (await execute(plain, CASE, closeCmd, ctxAt(now)))._unsafeUnwrap();
          for (const k of originals.keys()) await exactRetry(k, k % 2 === 0);
        }
        expect(await log(full)).toEqual(await log(plain));
      }),
      { numRuns: 40 },
    );
    // Not vacuous: retries happened.
    expect(retried).toBeGreaterThan(0);
  });
});
