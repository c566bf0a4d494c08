// Model-based test of the execution steps of a penalty case (行政强制法 Arts. 35–38, 43, 46,
// 53–54; 行政处罚法 Arts. 66, 72): random walks of commands at random times from a served
// decision; every accepted step must satisfy the law checked by an independent oracle, and the
// state must always be the fold of the events. Scripted walks reach every execution state.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { computeDeadline } from "../calendar/deadline.js";
import { addDays, civilDateOf, compareCivilDates, epochMillis, instantFromEpochMillis } from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommandInput } from "./commands.js";
import { outstandingFen } from "./context.js";
import { decide } from "./decide.js";
import { day, servedCase } from "./execution-fixtures.js";
import { type CaseState, evolve, foldEvents } from "./fold.js";
import { calendar, ctxAt, doc, headActor, officerActor, transcript } from "./test-fixtures.js";

const { state: served, events: events0 } = servedCase("mx");

const KINDS = [
  "defer",
  "demand",
  "defence",
  "decide",
  "immediate",
  "serve",
  "act",
  "emergency",
  "apply",
  "pay",
  "instalments",
  "suspend",
  "resume",
  "terminate",
  "cutoff",
  "agreement",
  "relieve",
  "waive",
  "breach",
  "cease",
] as const;
type Kind = (typeof KINDS)[number];

function commandOf(kind: Kind, established: boolean, s: CaseState, date: string): PenaltyCommandInput {
  switch (kind) {
    case "agreement":
    case "instalments": {
      // Two instalments of what is outstanding, due 10 and 40 days on (行政处罚法 Art. 66 para. 2).
      const owed = Math.max(2, outstandingFen(s.context));
      const first = Math.floor(owed / 2);
      return {
        type: "payment.instalments",
        instalments: [
          { amountFen: first, dueDate: addDays(date, 10) },
          { amountFen: owed - first, dueDate: addDays(date, 40) },
        ],
        ...(kind === "agreement" ? { basis: "agreement" as const } : {}),
        records: [doc("plan")],
      };
    }
    case "relieve":
      return {
        type: "execution.relieveSurcharge",
        remedialMeasures: "已整改",
        relief: { kind: "reduce", amountFen: 1_000 },
        records: [doc("relief")],
      };
    case "waive":
      return {
        type: "execution.relieveSurcharge",
        remedialMeasures: "已整改",
        relief: { kind: "waive" },
        records: [doc("relief")],
      };
    case "breach":
      return { type: "execution.agreementBreach", reason: "逾期未缴第一期", records: [doc("breach")] };
    case "cease":
      return {
        type: "execution.cease",
        noSocialHarm: "无明显社会危害",
        inability: "确无履行能力",
        records: [doc("cease")],
      };
    case "suspend":
      return { type: "execution.suspend", ground: "hardship", reason: "暂无履行能力", records: [doc("s")] };
    case "resume":
      return { type: "execution.resume", reason: "恢复履行能力", records: [doc("r")] };
    case "terminate":
      return { type: "execution.terminate", ground: "dissolved", reason: "已注销", records: [doc("t")] };
    case "cutoff":
      return {
        type: "execution.act",
        description: "停止供水",
        utilityCutoff: { utilities: ["water"], premises: "residence" },
        emergency: { reason: "紧急" },
        records: [],
      };
    case "defer":
      return { type: "payment.defer", until: "2025-06-30", records: [doc("approval")] };
    case "demand":
      return { type: "execution.demand", method: "direct", records: [doc("demand")] };
    case "defence":
      return { type: "execution.defence", statement: "s", established, review: "r", records: [transcript("s")] };
    case "decide":
      return { type: "execution.decide", means: "划拨存款", records: [doc("x")] };
    case "immediate":
      return {
        type: "execution.decide",
        means: "划拨存款",
        immediate: { reason: "转移财产", evidence: [{ id: "v", kind: "video" }] },
        records: [doc("x")],
      };
    case "serve":
      return { type: "execution.serve", method: "direct", records: [doc("r")] };
    case "act":
      return { type: "execution.act", description: "划拨", records: [] };
    case "emergency":
      return { type: "execution.act", description: "划拨", emergency: { reason: "紧急" }, records: [] };
    case "apply":
      return { type: "execution.apply", court: "沙坡头区人民法院", records: [doc("app")] };
    case "pay":
      return { type: "payment.record", amountFen: 100_000 };
  }
}

const stepArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  /** Minutes after the previous act. */
  gap: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  established: fc.boolean(),
});
type Walk = {
  readonly selfEnforcement: boolean;
  readonly steps: readonly { readonly kind: Kind; readonly gap: number; readonly established: boolean }[];
  /** What a scripted walk must reach. */
  readonly script?: "court" | "act" | "immediate" | "renewed" | "halt" | "agreement" | "cease";
};
const walkArb: fc.Arbitrary<Walk> = fc.record({
  selfEnforcement: fc.boolean(),
  steps: fc.array(stepArb, { maxLength: 14 }),
});

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Scripted walks reaching each state: a court application in its window; a decision, its service and an act. */
const scripted: [Walk][] = [
  [
    {
      script: "court",
      selfEnforcement: false,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "defence", gap: DAY / MIN, established: false },
        { kind: "apply", gap: (180 * DAY) / MIN, established: false },
      ],
    },
  ],
  [
    {
      script: "act",
      selfEnforcement: true,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "decide", gap: (40 * DAY) / MIN, established: false },
        { kind: "serve", gap: 60, established: false },
        { kind: "act", gap: DAY / MIN, established: false },
        { kind: "emergency", gap: 14 * 60, established: false },
      ],
    },
  ],
  [
    {
      script: "immediate",
      selfEnforcement: true,
      steps: [
        { kind: "defer", gap: DAY / MIN, established: false },
        { kind: "demand", gap: (112 * DAY) / MIN, established: false },
        { kind: "immediate", gap: DAY / MIN, established: false },
        { kind: "serve", gap: 60, established: false },
      ],
    },
  ],
  [
    {
      script: "renewed",
      selfEnforcement: false,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "defence", gap: DAY / MIN, established: true },
        { kind: "apply", gap: (180 * DAY) / MIN, established: false },
        { kind: "demand", gap: DAY / MIN, established: false },
        // Ten working days from 09-25 skip the National Day break (2025-10-01..08): due 10-15.
        { kind: "apply", gap: (25 * DAY) / MIN, established: false },
      ],
    },
  ],
  [
    {
      script: "halt",
      selfEnforcement: true,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "decide", gap: (40 * DAY) / MIN, established: false },
        { kind: "serve", gap: 60, established: false },
        { kind: "suspend", gap: 60, established: false },
        { kind: "act", gap: DAY / MIN, established: false },
        { kind: "resume", gap: DAY / MIN, established: false },
        { kind: "act", gap: 60, established: false },
        { kind: "terminate", gap: 60, established: false },
        { kind: "emergency", gap: 60, established: false },
      ],
    },
  ],
  [
    {
      // 行政强制法 Art. 42: an agreement reached after the demand, the surcharge reduced and then
      // waived for remedial measures, the first instalment missed, execution resumed.
      script: "agreement",
      selfEnforcement: true,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "agreement", gap: DAY / MIN, established: false },
        { kind: "relieve", gap: 60, established: false },
        { kind: "breach", gap: DAY / MIN, established: false },
        { kind: "waive", gap: 60, established: false },
        { kind: "breach", gap: (12 * DAY) / MIN, established: false },
        { kind: "decide", gap: (40 * DAY) / MIN, established: false },
      ],
    },
  ],
  [
    {
      // 行政强制法 Art. 39 para. 2: suspended, refused before three years, no longer executed after.
      script: "cease",
      selfEnforcement: true,
      steps: [
        { kind: "demand", gap: (16 * DAY) / MIN, established: false },
        { kind: "suspend", gap: DAY / MIN, established: false },
        { kind: "cease", gap: (365 * DAY) / MIN, established: false },
        { kind: "cease", gap: (2 * 366 * DAY) / MIN, established: false },
        { kind: "resume", gap: DAY / MIN, established: false },
        { kind: "apply", gap: DAY / MIN, established: false },
      ],
    },
  ],
];

/**
 * Oracle: the last day to pay on the plan before the next instalment is overdue — the earliest
 * instalment not covered by what was paid toward the plan (cumulative amounts).
 */
function nextInstalmentDue(c: CaseState["context"]): string | undefined {
  const plan = c.execution.instalments;
  if (plan === undefined) return undefined;
  let covered = c.paidFen - plan.paidBeforeFen;
  for (const i of plan.instalments) {
    if (covered < i.amountFen) return i.dueDate;
    covered -= i.amountFen;
  }
  return undefined;
}

/** Oracle: the China-time minute of the day (UTC+8, no daylight saving since 1991). */
const chinaMinute = (at: string) => Math.floor(((epochMillis(at) + 8 * 60 * MIN) % DAY) / MIN);

describe("execution steps (model-based)", () => {
  test.prop([walkArb], { numRuns: 120, examples: scripted })(
    "every accepted step meets its article; the state is always the fold of its events",
    (walk) => {
      let s: CaseState = served;
      const events = [...events0];
      let t = epochMillis(day("2025-03-11"));
      const reached = new Set<string>();
      for (const st of walk.steps) {
        t += st.gap * MIN;
        const at = instantFromEpochMillis(t);
        const date = civilDateOf(at);
        const actor = [
          "decide",
          "immediate",
          "apply",
          "defer",
          "instalments",
          "suspend",
          "resume",
          "terminate",
          "agreement",
          "relieve",
          "waive",
          "breach",
          "cease",
        ].includes(st.kind)
          ? headActor
          : officerActor;
        const ctx = { ...ctxAt(at, actor), execution: { selfEnforcement: walk.selfEnforcement } };
        const before = s;
        const r = decide(s, commandOf(st.kind, st.established, s, date), ctx);
        if (r.isErr()) {
          const halted =
            s.context.execution.suspended !== undefined ||
            s.context.execution.terminated !== undefined ||
            s.context.execution.ceased !== undefined;
          if (st.kind === "cutoff" && s.value === "served" && !halted) {
            expect(r.error).toMatchObject({ code: "EXECUTION_MEANS_FORBIDDEN", source: { article: 43, paragraph: 2 } });
          }
          continue;
        }
        // 行政强制法 Art. 43 para. 2: never a cutoff to a residence, emergency or not.
        expect(st.kind).not.toBe("cutoff");
        for (const e of r.value) {
          s = evolve(s, e)._unsafeUnwrap();
          events.push(e);
          reached.add(e.type);
        }
        const x = s.context.execution;
        const type = r.value.at(-1)?.type;
        const b = before.context.execution;
        if (
          type === "execution.demanded" ||
          type === "execution.decided" ||
          type === "execution.served" ||
          type === "execution.acted" ||
          type === "execution.applied"
        ) {
          // 行政强制法 Arts. 39–40: nothing is executed while suspended, after termination or
          // once no longer executed (Art. 39 para. 2).
          expect(b.suspended).toBeUndefined();
          expect(b.terminated).toBeUndefined();
          expect(b.ceased).toBeUndefined();
        }
        // 行政强制法 Art. 45 para. 2, Art. 42 para. 1: after any relief the surcharge owed is
        // between zero and the fine.
        const owed = caseSurcharge(s.context, date)._unsafeUnwrap();
        expect(owed.amountFen).toBeGreaterThanOrEqual(0);
        expect(owed.amountFen).toBeLessThanOrEqual(500_000);
        expect(owed.unpaidFen).toBeGreaterThanOrEqual(0);
        if (type === "execution.surchargeRelieved") {
          // Art. 42 para. 1: only under an agreement in force, never more than is unpaid, and
          // the unpaid surcharge falls by exactly the relief.
          const reliefFen = Number(r.value.at(-1)?.payload.reliefFen);
          const unpaidBefore = caseSurcharge(before.context, date)._unsafeUnwrap().unpaidFen;
          expect(b.instalments?.basis).toBe("agreement");
          expect(b.instalments?.breachedAt).toBeUndefined();
          expect(reliefFen).toBeLessThanOrEqual(unpaidBefore);
          expect(owed.unpaidFen).toBe(unpaidBefore - reliefFen);
        }
        if (type === "execution.agreementBreached") {
          // Art. 42 para. 2: only once an instalment of the agreement is overdue.
          const next = nextInstalmentDue(before.context);
          expect(next).toBeDefined();
          expect(compareCivilDates(date, next ?? "")).toBeGreaterThan(0);
        }
        if (type === "execution.ceased") {
          // Art. 39 para. 2: only after three years of suspension.
          expect(b.suspended).toBeDefined();
          const from = civilDateOf(b.suspended?.at ?? at);
          const threeYears = `${Number(from.slice(0, 4)) + 3}${from.slice(4)}`;
          expect(compareCivilDates(date, threeYears)).toBeGreaterThan(0);
        }
        if (type === "payment.instalmentsApproved") {
          // 行政处罚法 Art. 66 para. 2: the instalments sum to what was outstanding.
          const plan = x.instalments?.instalments ?? [];
          expect(plan.reduce((sum, i) => sum + i.amountFen, 0)).toBe(outstandingFen(before.context));
          expect(b.terminated).toBeUndefined();
        }
        if (type === "execution.acted" || type === "execution.decided") {
          // Art. 42: not while an agreed or approved plan is being kept.
          const next = nextInstalmentDue(before.context);
          if (next !== undefined) expect(compareCivilDates(date, next)).toBeGreaterThan(0);
        }
        if (type === "execution.demanded") {
          // 行政处罚法 Art. 72: only after the payment deadline (or the instalment due), with a fine outstanding.
          const due = nextInstalmentDue(before.context) ?? before.context.deadlines.payment?.due ?? "";
          expect(compareCivilDates(date, due)).toBeGreaterThan(0);
          expect(x.demand?.due.due).toBe(computeDeadline("enforcement.demand", date, calendar)._unsafeUnwrap().due);
        }
        if (type === "execution.applied") {
          const demand = before.context.execution.demand;
          expect(demand).toBeDefined();
          // Art. 54: ten working days after the demand; Art. 53: after six months to sue, within three more.
          expect(compareCivilDates(date, demand?.due.due ?? "")).toBeGreaterThan(0);
          const opens = [
            computeDeadline("remedy.litigation", "2025-03-11", calendar)._unsafeUnwrap().due,
            x.deferredUntil,
            x.instalments?.instalments.at(-1)?.dueDate,
          ]
            .filter((d): d is string => d !== undefined)
            .sort()
            .at(-1) as string;
          expect(compareCivilDates(date, opens)).toBeGreaterThan(0);
          expect(
            compareCivilDates(
              date,
              computeDeadline("enforcement.courtApplication", opens, calendar)._unsafeUnwrap().due,
            ),
          ).toBeLessThanOrEqual(0);
          expect(before.context.execution.decision).toBeUndefined();
        }
        if (type === "execution.decided") {
          // Arts. 13, 37, 46.
          expect(walk.selfEnforcement).toBe(true);
          if (st.kind === "decide") {
            expect(compareCivilDates(date, before.context.execution.demand?.due.due ?? "9999-12-31")).toBeGreaterThan(
              0,
            );
            expect(caseSurcharge(before.context, date)._unsafeUnwrap().days).toBeGreaterThan(30);
          }
          expect(x.application).toBeUndefined();
        }
        if (type === "execution.acted") {
          // Art. 43: outside 22:00–06:00 China time and on a working day, unless an emergency.
          const m = chinaMinute(at);
          const daytime = m >= 6 * 60 && m < 22 * 60;
          const working = calendar.isWorkingDay(date)._unsafeUnwrap();
          if (st.kind === "act") expect(daytime && working).toBe(true);
          expect(x.decisionServed).toBeDefined();
        }
        expect(x.decision !== undefined && x.application !== undefined).toBe(false);
      }
      // The state is the fold of its events, whatever was accepted.
      const folded = foldEvents("mx", events)._unsafeUnwrap();
      expect(folded.value).toBe(s.value);
      expect(folded.context).toEqual(s.context);
      // The scripted walks reach what they were written for.
      if (walk.script === "court") expect(reached.has("execution.applied")).toBe(true);
      if (walk.script === "act") {
        expect(reached.has("execution.acted")).toBe(true);
        expect(s.context.execution.acts.map((a) => a.emergency)).toEqual([false, true]);
      }
      if (walk.script === "immediate") expect(s.context.execution.decision?.immediate).toBe(true);
      if (walk.script === "immediate") expect(reached.has("execution.served")).toBe(true);
      if (walk.script === "halt") {
        // One act before the suspension is refused, one after the resumption accepted; none after termination.
        expect(s.context.execution.acts).toHaveLength(1);
        expect(s.context.execution.terminated).toMatchObject({ ground: "dissolved" });
        expect(reached.has("execution.resumed")).toBe(true);
      }
      if (walk.script === "agreement") {
        expect(s.context.execution.instalments?.breachedAt).toBeDefined();
        expect(s.context.execution.instalments?.surchargeReliefFen).toBeGreaterThan(1_000);
        expect(s.context.execution.decision).toBeDefined();
      }
      if (walk.script === "cease") {
        expect(reached.has("execution.ceased")).toBe(true);
        // Neither resumed nor applied once no longer executed.
        expect(reached.has("execution.resumed")).toBe(false);
        expect(s.context.execution.application).toBeUndefined();
      }
      if (walk.script === "renewed") {
        expect(s.context.execution.defences.map((d) => d.established)).toEqual([true]);
        expect(s.context.execution.application).toBeDefined();
      }
    },
  );
});
