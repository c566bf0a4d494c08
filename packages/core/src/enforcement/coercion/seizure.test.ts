import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { RecordRef } from "../commands.js";
import { bodies, calendar, headActor, officerActor } from "../test-fixtures.js";
import { decideSeizure, type SeizureContext } from "./decide.js";
import type { SeizureCommandInput, SeizureEvent } from "./events.js";
import { EMPTY_SEIZURE, foldSeizure, type SeizureState, seizureFlags } from "./state.js";

const T0 = "2025-03-03T02:00:00Z"; // 10:00 in China, Monday
const T1 = "2025-03-03T03:00:00Z";
const rec = (id: string, kind: RecordRef["kind"], extra: Partial<RecordRef> = {}): RecordRef => ({
  id,
  kind,
  evidenceIds: [],
  ...extra,
});
const RECORDS = [
  rec("r1", "transcript"),
  rec("r2", "document"),
  rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: T1 }),
];
/** The measure the head approves (not major under the national catalogue: under ¥100,000, business goes on). */
export const MEASURE = { facts: "涉嫌无照经营", basis: ["无证无照经营查处办法第十一条"], valueFen: 5_000_000 };
const review = { caseId: "case-1", party: { kind: "organisation" as const, name: "某商贸有限公司" } };
const ctx = (now: string, actor = officerActor): SeizureContext => ({ actor, now, calendar, review });
const execute = (extra: Partial<SeizureCommandInput & { type: "seizure.execute" }> = {}): SeizureCommandInput => ({
  type: "seizure.execute",
  at: T0,
  endedAt: T1,
  officerIds: ["a", "b"],
  items: ["涉案车辆一辆"],
  records: RECORDS,
  ...extra,
});

function run(cmds: readonly [SeizureCommandInput, SeizureContext][]): { state: SeizureState; events: SeizureEvent[] } {
  const events: SeizureEvent[] = [];
  let state = EMPTY_SEIZURE;
  for (const [c, x] of cmds) {
    const r = decideSeizure(state, c, x);
    if (r.isErr()) throw new Error(`${r.error.code}: ${r.error.message}`);
    events.push(...r.value);
    state = foldSeizure(events);
  }
  return { state, events };
}

const approve = (at = "2025-03-03T01:00:00Z"): [SeizureCommandInput, SeizureContext] => [
  { type: "seizure.approve", at, approverId: "h", measure: MEASURE },
  ctx(at, headActor),
];

describe("decideSeizure", () => {
  it("refuses execution without the head's prior approval (行政强制法第十八条第一项)", () => {
    const r = decideSeizure(EMPTY_SEIZURE, execute(), ctx(T1));
    expect(r._unsafeUnwrapErr().code).toBe("COERCION_NOT_APPROVED");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政强制法", article: 18, item: 1 });
  });

  it("refuses one officer (行政强制法第十八条第二项)", () => {
    const { state } = run([approve()]);
    const r = decideSeizure(state, execute({ officerIds: ["a"] }), ctx(T1));
    expect(r._unsafeUnwrapErr().code).toBe("OFFICERS_INSUFFICIENT");
  });

  it("checks certificates through the bodies registry (行政强制法第十七条)", () => {
    const { state } = run([approve()]);
    const x: SeizureContext = { ...ctx(T1), bodies, team: { category: "律师管理", regionCode: "640502" } };
    expect(decideSeizure(state, execute({ officerIds: ["a", "c"] }), x).isErr()).toBe(true);
  });

  it("requires 现场笔录 and whole-process audio-video (行政强制法第十八条第七项)", () => {
    const { state } = run([approve()]);
    const r = decideSeizure(state, execute({ records: [rec("r1", "transcript")] }), ctx(T1));
    expect(r._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
  });

  it("sets a 30-day deadline, extended once by 30 days (行政强制法第二十五条第一款)", () => {
    const { state } = run([approve(), [execute(), ctx(T1)]]);
    expect(state.status).toBe("inForce");
    expect(state.deadline?.due).toBe("2025-04-02");
    const ext: SeizureCommandInput = {
      type: "seizure.extend",
      at: "2025-03-20T02:00:00Z",
      approverId: "h",
      reason: "案情复杂",
      records: [rec("n1", "document")],
    };
    const after = run([approve(), [execute(), ctx(T1)], [ext, ctx("2025-03-20T02:00:00Z", headActor)]]).state;
    // 05-02 falls in the Labour Day break: not rolled over by default (Art. 25 "不得超过三十日").
    expect(after.deadline?.due).toBe("2025-05-02");
    const again = decideSeizure(after, { ...ext, at: "2025-03-21T02:00:00Z" }, ctx("2025-03-21T02:00:00Z", headActor));
    expect(again._unsafeUnwrapErr().code).toBe("COERCION_PERIOD_EXPIRED");
  });

  it("excludes appraisal time (行政强制法第二十五条第三款)", () => {
    const exclude: SeizureCommandInput = {
      type: "seizure.exclude",
      at: "2025-03-05T02:00:00Z",
      kind: "技术鉴定",
      period: {
        from: "2025-03-10",
        to: "2025-03-19",
        reason: "技术鉴定",
        source: { law: "行政强制法", article: 25, paragraph: 3, confidence: "C-law" },
      },
      records: [rec("n2", "document")],
    };
    const { state } = run([approve(), [execute(), ctx(T1)], [exclude, ctx("2025-03-05T02:00:00Z")]]);
    // 30 + 10 days → 2025-04-12 (a Saturday): not rolled over by default.
    expect(state.deadline?.due).toBe("2025-04-12");
  });

  it("roll-over past a holiday is a setting, off by default (行政强制法第二十五条第一款; issue 14 §7)", () => {
    // The bureau's override must cite the law or administrative regulation it rests on
    // (Art. 25 "法律、行政法规另有规定的除外"); with it, the end moves to the next working day.
    const rollOver = {
      "coercion.seizure": {
        rollOver: true,
        source: { law: "行政强制法", article: 25, paragraph: 1, confidence: "VAR" as const },
        note: "测试：届满日遇节假日顺延",
      },
    };
    const executed = (x: SeizureContext) => run([approve(), [execute(), x]]).state.deadline;
    expect(executed(ctx(T1))?.due).toBe("2025-04-02");
    const ext: SeizureCommandInput = {
      type: "seizure.extend",
      at: "2025-03-20T02:00:00Z",
      approverId: "h",
      reason: "案情复杂",
      records: [rec("n1", "document")],
    };
    const withSetting = (now: string, actor = officerActor): SeizureContext => ({
      ...ctx(now, actor),
      periods: rollOver,
    });
    const after = run([approve(), [execute(), withSetting(T1)], [ext, withSetting("2025-03-20T02:00:00Z", headActor)]]);
    expect(after.state.deadline?.due).toBe("2025-05-06");
    const off = run([approve(), [execute(), ctx(T1)], [ext, ctx("2025-03-20T02:00:00Z", headActor)]]);
    expect(off.state.deadline?.due).toBe("2025-05-02");
  });

  it("refuses a handling decision after the period, but allows release (行政强制法第二十七条、第二十八条)", () => {
    const { state } = run([approve(), [execute(), ctx(T1)]]);
    const late = "2025-04-10T02:00:00Z";
    const r = decideSeizure(state, { type: "seizure.handle", at: late, outcome: "confiscate" }, ctx(late));
    expect(r._unsafeUnwrapErr().code).toBe("COERCION_PERIOD_EXPIRED");
    expect(seizureFlags(state, late).map((f) => f.code)).toContain("COERCION_PERIOD_EXPIRED");
    const rel = decideSeizure(state, { type: "seizure.release", at: late, ground: "expired" }, ctx(late));
    expect(rel._unsafeUnwrap()[0]?.type).toBe("seizure.released");
  });

  it("handles within the period (行政强制法第二十七条)", () => {
    const at = "2025-03-25T02:00:00Z";
    const { state } = run([
      approve(),
      [execute(), ctx(T1)],
      [{ type: "seizure.handle", at, outcome: "confiscate" }, ctx(at)],
    ]);
    expect(state.status).toBe("handled");
  });

  it("allows an emergency act, flags it after 24 hours without a report (行政强制法第十九条)", () => {
    const { state } = run([[execute({ emergency: true }), ctx(T1)]]);
    expect(state.emergency).toBe(true);
    const later = "2025-03-04T04:00:00Z";
    expect(seizureFlags(state, later).map((f) => f.code)).toEqual(["COERCION_NOT_APPROVED"]);
    const r = decideSeizure(state, { type: "seizure.handle", at: later, outcome: "confiscate" }, ctx(later));
    expect(r._unsafeUnwrapErr().code).toBe("COERCION_NOT_APPROVED");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ article: 19 });
    const report = decideSeizure(state, { type: "seizure.report", at: later }, ctx(later))._unsafeUnwrap();
    expect(report[0]).toMatchObject({ type: "seizure.reported", late: true });
  });

  it("after an emergency act, approval afterwards lets the measure continue; a refusal forces release (行政强制法第十九条)", () => {
    const report: [SeizureCommandInput, SeizureContext] = [
      { type: "seizure.report", at: "2025-03-03T06:00:00Z" },
      ctx("2025-03-03T06:00:00Z"),
    ];
    const ok = run([[execute({ emergency: true }), ctx(T1)], report, approve("2025-03-03T08:00:00Z")]).state;
    expect(ok.approval?.afterwards).toBe(true);
    expect(seizureFlags(ok, "2025-03-05T00:00:00Z")).toEqual([]);
    const no: [SeizureCommandInput, SeizureContext] = [
      { type: "seizure.approve", at: "2025-03-03T08:00:00Z", approverId: "h", approved: false },
      ctx("2025-03-03T08:00:00Z", headActor),
    ];
    const refused = run([[execute({ emergency: true }), ctx(T1)], report, no]).state;
    expect(refused.refused).toBe(true);
    const at = "2025-03-04T00:00:00Z";
    expect(decideSeizure(refused, { type: "seizure.handle", at, outcome: "confiscate" }, ctx(at)).isErr()).toBe(true);
    expect(decideSeizure(refused, { type: "seizure.release", at, ground: "noLongerNeeded" }, ctx(at)).isOk()).toBe(
      true,
    );
  });

  it("only the head approves (行政强制法第十八条第一项)", () => {
    const r = decideSeizure(EMPTY_SEIZURE, { type: "seizure.approve", at: T0, approverId: "h" }, ctx(T0));
    expect(r._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
  });

  const anyCommand = fc.constantFrom<[SeizureCommandInput, boolean]>(
    [{ type: "seizure.approve", at: T0, approverId: "h", measure: MEASURE }, true],
    [execute(), false],
    [execute({ emergency: true }), false],
    [{ type: "seizure.report", at: T1 }, false],
    [{ type: "seizure.handle", at: T1, outcome: "confiscate" }, false],
    [{ type: "seizure.release", at: T1, ground: "noViolation" }, false],
  );
  test.prop([fc.array(anyCommand, { maxLength: 8 })])(
    "no order of commands executes without approval or emergency, and state = fold of events (行政强制法第十八条、第十九条)",
    (cmds) => {
      const events: SeizureEvent[] = [];
      let state = EMPTY_SEIZURE;
      for (const [c, head] of cmds) {
        const r = decideSeizure(state, c, ctx(T1, head ? headActor : officerActor));
        if (r.isErr()) continue;
        events.push(...r.value);
        state = foldSeizure(events);
      }
      if (state.executedAt !== undefined) expect(state.approval !== undefined || state.emergency).toBe(true);
      if (state.status === "handled") expect(state.approval).toBeDefined();
    },
  );
});

describe("a seizure period reaching a year without its holiday notice (issue 14 §1, §8)", () => {
  const rollOver = {
    "coercion.seizure": {
      rollOver: true,
      source: { law: "行政强制法", article: 25, paragraph: 1, confidence: "VAR" as const },
    },
  };
  const at = "2026-12-10T02:00:00Z";
  const seized = (x: SeizureContext) =>
    run([
      [
        { type: "seizure.approve", at: "2026-12-10T01:00:00Z", approverId: "h", measure: MEASURE },
        { ...x, actor: headActor },
      ],
      [
        execute({
          at,
          endedAt: "2026-12-10T03:00:00Z",
          records: [
            rec("r1", "transcript"),
            rec("r2", "document"),
            rec("r3", "video", { wholeProcess: true, startedAt: at, endedAt: "2026-12-10T03:00:00Z" }),
          ],
        }),
        x,
      ],
    ]).state.deadline;

  it("without roll-over (default) the 30 calendar days are exact: 2027-01-09 (行政强制法第二十五条第一款)", () => {
    expect(seized(ctx("2026-12-10T04:00:00Z"))).toMatchObject({ due: "2027-01-09", provisional: false });
  });

  it("with roll-over configured it is provisional, keeping its start and bound for recomputation", () => {
    const d = seized({ ...ctx("2026-12-10T04:00:00Z"), periods: rollOver });
    expect(d).toMatchObject({ provisional: true, start: "2026-12-10", bound: "earliest" });
  });
});
