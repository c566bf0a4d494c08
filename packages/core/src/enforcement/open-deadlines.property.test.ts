// 期限清单 over generated histories (issue 14): a deadline whose obligation is fulfilled is never
// listed. A fine paid in full (行政处罚法 Art. 67; on the spot and paid at the bank, Arts. 53, 67
// para. 3; collected on the spot, Arts. 68–70) leaves no payment deadline and no execution
// period (行政强制法 Arts. 35–58) on `bureau.deadlines()`, in the ordinary and the simplified
// procedure alike, while a fine still owed keeps its payment deadline listed; and no listed
// deadline has been met by an act recorded after it was set (DEADLINE_DISCHARGES).
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { createBureau } from "../bureau/index.js";
import { bureauProjections } from "../bureau/projection.js";
import type { Actor } from "../kernel/actors.js";
import { manualClock } from "../kernel/ports.js";
import type { EventStore } from "../recording/event-store.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import type { PenaltyCommandInput } from "./commands.js";
import { DEADLINE_DISCHARGES, PAID_OFF_DISCHARGES } from "./projections.js";
import {
  bodies,
  calendar,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  onSpotDecide,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const ok = <T>(v: T): T => v;
const fail = (e: { code: string; message: string }): never => {
  throw new Error(`${e.code}: ${e.message}`);
};
const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
const { type: _file, ...fileFields } = fileCommand;

/** What a generated history does after the decision: pay a share of what is owed, file, or close. */
type Step =
  | { readonly kind: "pay"; readonly share: number }
  | { readonly kind: "payAll" }
  | { readonly kind: "file" }
  | { readonly kind: "close" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("pay" as const), share: fc.double({ min: 0.05, max: 0.9, noNaN: true }) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "payAll" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "file" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "close" as const }) },
);

const stats = { paidOffChecked: 0, owedChecked: 0 };

type Bureau = ReturnType<typeof createBureau> extends { _unsafeUnwrap(): infer B } ? B : never;
/** A bureau on a memory store, and the store (to read a case's events). */
interface World {
  readonly bureau: Bureau;
  readonly store: EventStore;
  readonly clock: ReturnType<typeof manualClock>;
}

/** Every listed deadline of `caseId` holds: none met after it was set; none of a fine paid off; the payment's while owed. */
async function check(w: World, caseId: string, owedFen: number, fined: boolean): Promise<void> {
  const open = (await w.bureau.deadlines()).match(ok, fail).filter((d) => d.streamId === caseId);
  const events = (await w.store.load(caseId)).match(ok, fail);
  for (const d of open) {
    const lastSet = events.map((e) => e.type).lastIndexOf(d.setBy);
    const met = events.slice(lastSet + 1).filter((e) => (DEADLINE_DISCHARGES[d.ruleId] ?? []).includes(e.type));
    expect(
      met.map((e) => e.type),
      `${d.ruleId} listed after it was met`,
    ).toEqual([]);
  }
  const ids = open.map((d) => d.ruleId);
  if (fined && owedFen === 0) {
    expect(ids.filter((id) => PAID_OFF_DISCHARGES.includes(id))).toEqual([]);
    stats.paidOffChecked += 1;
  } else if (fined && !events.some((e) => e.type === "case.closed")) {
    expect(ids).toContain("penalty.payment");
    stats.owedChecked += 1;
  }
}

function setup(): World {
  const clock = manualClock(T("03"));
  const store = memoryEventStore({ projections: bureauProjections() });
  const bureau = createBureau({ bodyId: "spt", store, clock, registries: { bodies }, calendar }).match(ok, fail);
  return { clock, bureau, store };
}

/** Pays, files or closes as `steps` say, a day apart from `firstDay`, checking the list after each act. */
async function run(
  w: World,
  caseId: string,
  fineFen: number,
  firstDay: number,
  steps: readonly Step[],
  accepts: (s: Step) => boolean,
): Promise<void> {
  const { bureau, clock } = w;
  let owed = fineFen;
  let day = firstDay;
  for (const s of steps) {
    if (!accepts(s)) continue;
    day += 1;
    clock.set(T(String(day).padStart(2, "0")));
    const actor: Actor = s.kind === "close" ? headActor : officerActor;
    const cmd: PenaltyCommandInput | { type: "decision.file" } =
      s.kind === "pay"
        ? { type: "payment.record", amountFen: Math.max(1, Math.min(owed, Math.floor(owed * s.share))) }
        : s.kind === "payAll"
          ? { type: "payment.record", amountFen: owed }
          : s.kind === "file"
            ? { type: "decision.file" }
            : { type: "case.close" };
    const r = await bureau
      .case(caseId)
      .as(actor)
      .execute(cmd as PenaltyCommandInput);
    if (r.isOk() && cmd.type === "payment.record") owed -= cmd.amountFen;
    await check(w, caseId, owed, fineFen > 0);
    if (owed === 0 && cmd.type === "payment.record") {
      // Nothing is owed any more: a further payment is refused and changes nothing.
      const again = await bureau.case(caseId).as(officerActor).execute({ type: "payment.record", amountFen: 1 });
      expect(again.isErr()).toBe(true);
    }
  }
}

test.prop([fc.array(stepArb, { maxLength: 6 })], { numRuns: 25 })(
  "ordinary procedure: served, then paid in parts, in full, closed — no fulfilled deadline stays listed (行政处罚法第六十七条)",
  async (steps) => {
    const w = setup();
    const { clock, bureau } = w;
    const c = bureau.case("C-1");
    (await c.as(officerActor).file(fileFields)).match(ok, fail);
    const acts: [PenaltyCommandInput, string, Actor][] = [
      [
        { type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("t1")] },
        T("04"),
        officerActor,
      ],
      [{ type: "investigation.close", facts: "事实清楚" }, T("05"), officerActor],
      [noticeCommand(), T("06"), officerActor],
      [{ type: "defence.receive", statement: "请求从轻" }, T("07"), officerActor],
      [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("decision")] }, T("10"), headActor],
      [{ type: "decision.serve", method: "direct", records: [doc("receipt")] }, T("11"), officerActor],
    ];
    for (const [cmd, now, actor] of acts) {
      clock.set(now);
      (await c.as(actor).execute(cmd)).match(ok, fail);
      // The payment deadline runs from service (行政处罚法第六十七条第三款).
      await check(w, "C-1", smallFine.fineFen, cmd.type === "decision.serve");
    }
    await run(w, "C-1", smallFine.fineFen, 11, steps, (s) => s.kind !== "file");
  },
);

test.prop([fc.array(stepArb, { maxLength: 6 }), fc.boolean()], { numRuns: 25 })(
  "simplified procedure: decided on the spot, paid at the bank in parts or in full, or collected on the spot, filed — no fulfilled deadline stays listed (行政处罚法第五十二、五十三、六十七、六十八条)",
  async (steps, collect) => {
    const w = setup();
    const { bureau } = w;
    (await bureau.forms.as(headActor).issue({ officerId: "a", numbers: ["No.0001"] })).match(ok, fail);
    const c = bureau.case("SP-1");
    const fineFen = 5_000;
    const benchmark = { kind: "none" as const, reason: "本机关裁量基准未列该违法行为" };
    (await c.as(officerActor).execute(onSpotDecide({ benchmark }))).match(ok, fail);
    await check(w, "SP-1", fineFen, true);
    if (collect) {
      const collected = {
        type: "onSpot.collect" as const,
        amountFen: fineFen,
        ground: "smallFine" as const,
        receiptNumber: "NX-1",
      };
      (await c.as(officerActor).execute(collected)).match(ok, fail);
      await check(w, "SP-1", 0, true);
      return;
    }
    await run(w, "SP-1", fineFen, 3, steps, (s) => s.kind !== "close");
  },
);

test("the property is not vacuous: fines both owed and paid off were checked", () => {
  expect(stats.owedChecked).toBeGreaterThan(0);
  expect(stats.paidOffChecked).toBeGreaterThan(0);
});
