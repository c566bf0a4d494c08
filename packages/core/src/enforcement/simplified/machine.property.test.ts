// Model-based property test of the simplified procedure: random command sequences (valid and
// invalid, by the right and the wrong roles, in any order) against decideSimplified + the
// machine's fold, with a small model of what the law allows.
import { fc, test } from "@fast-check/vitest";
import { afterAll, expect } from "vitest";
import type { Actor } from "../../kernel/actors.js";
import { addDays, compareCivilDates } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import { bodies, calendar, doc, headActor, officerActor } from "../test-fixtures.js";
import { decideSimplified, type SimplifiedCaseCommandInput } from "./decide.js";
import { EMPTY_FORM_REGISTER, evolveFormRegister, type FormRegister } from "./forms.js";
import { simplifiedMachine } from "./machine.js";
import type { SimplifiedCommandInput } from "./schema.js";
import {
  evolveSimplified,
  foldSimplified,
  initialSimplifiedState,
  SIMPLIFIED_ACCEPTS,
  type SimplifiedCaseState,
  simplifiedEventOf,
} from "./state.js";

interface Model {
  /** 已决定 / 已收缴 / 已交 / 已缴付 — how far the cash has travelled (0 = nothing decided); 5 = 已缴纳 at the bank. */
  step: 0 | 1 | 2 | 3 | 4 | 5;
  filed: boolean;
  fineFen: number;
  /** Paid at the bank (Art. 67 para. 3). */
  paidFen: number;
  /** A demand was made (行政强制法 Art. 35). */
  demanded: boolean;
}
interface Real {
  state: SimplifiedCaseState;
  events: CaseEvent[];
  forms: FormRegister;
  day: string;
}

/** Accepted on-the-spot decisions across the runs: the property is not vacuous. */
const decisions = { accepted: 0, paid: 0 };
afterAll(() => {
  expect(decisions.accepted).toBeGreaterThan(0);
  expect(decisions.paid).toBeGreaterThan(0);
});

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly cmd: SimplifiedCaseCommandInput,
    readonly actor: Actor,
    readonly advance: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.day = addDays(real.day, this.advance);
    const now = `${real.day}T03:00:00Z`;
    const before = JSON.stringify(real.state);
    const r = decideSimplified(real.state, this.cmd, { actor: this.actor, now, calendar, bodies, forms: real.forms });
    if (r.isErr()) {
      expect(JSON.stringify(real.state)).toBe(before);
      expect(r.error.code).toMatch(/^[A-Z_]+$/);
      return;
    }
    const type = this.cmd.type;
    // The model: what may be accepted in which step (行政处罚法 Arts. 51, 52, 68–71).
    if (type === "onSpot.decide") expect(model.step).toBe(0);
    if (type === "onSpot.collect") {
      // Arts. 67–68: collected on the spot only while nothing was paid at the bank or demanded.
      expect(model.step === 1 && model.fineFen > 0 && model.paidFen === 0 && !model.demanded).toBe(true);
    }
    if (type === "payment.record") {
      // Art. 67 para. 3: at the bank, never beyond the fine, not after it was collected on the spot.
      const amount = (this.cmd as { amountFen: number }).amountFen;
      expect(model.step === 1 && model.paidFen + amount <= model.fineFen).toBe(true);
    }
    if (type === "execution.demand") {
      // Art. 72; 行政强制法 Art. 35: only after the payment deadline, with the fine outstanding.
      const due = real.state.context.enforcement?.deadlines.payment?.due;
      expect(model.step === 1 && model.paidFen < model.fineFen && due !== undefined).toBe(true);
      expect(compareCivilDates(real.day, due ?? real.day)).toBeGreaterThan(0);
    }
    if (type === "cash.handOver") expect(model.step).toBe(2);
    if (type === "cash.deposit") expect(model.step).toBe(3);
    if (type === "decision.file") expect(model.step > 0 && !model.filed).toBe(true);
    for (const e of r.value.events) real.state = evolveSimplified(real.state, e)._unsafeUnwrap();
    for (const e of r.value.register) real.forms = evolveFormRegister(real.forms, e);
    real.events.push(...r.value.events);
    if (type === "onSpot.decide") {
      model.step = 1;
      // Arts. 44, 45, 62: the party was told, and heard or waived, in writing.
      const payload = r.value.events[0]?.payload as { notified?: boolean; statement?: { records: { kind: string }[] } };
      expect(payload.notified).toBe(true);
      expect(payload.statement?.records.some((x) => x.kind === "document" || x.kind === "transcript")).toBe(true);
      decisions.accepted += 1;
      const p = real.state.context.penalty;
      model.fineFen = p?.kinds.includes("fine") === true ? (p.fineFen ?? 0) : 0;
      // Art. 51: only a warning and/or a fine within the cap.
      expect(p?.kinds.every((k) => k === "warning" || k === "fine")).toBe(true);
    } else if (type === "onSpot.collect") {
      model.step = 2;
      // Arts. 68-70: the whole fine, never more.
      expect(real.state.context.collectedFen).toBe(model.fineFen);
    } else if (type === "cash.handOver") model.step = 3;
    else if (type === "cash.deposit") model.step = 4;
    else if (type === "payment.record") {
      model.paidFen += (this.cmd as { amountFen: number }).amountFen;
      decisions.paid += 1;
      if (model.paidFen === model.fineFen) model.step = 5;
    } else if (type === "execution.demand") model.demanded = true;
    else model.filed = true;
    // State always equals the fold of the events, and the machine agrees with the table.
    const folded = foldSimplified(real.state.caseId, real.events)._unsafeUnwrap();
    expect(folded).toEqual(real.state);
    expect(real.state.value).toBe(
      (["none", "decided", "collected", "handedOver", "deposited", "paid"] as const)[model.step],
    );
    expect(real.state.context.filed).toBe(model.filed);
  }
  toString(): string {
    return `${this.cmd.type}(${this.actor.roles.join(",")},+${this.advance}d)`;
  }
}

/**
 * How the party was heard before the decision (行政处罚法 Arts. 44, 45, 62): told and heard
 * (`stated`), told and waived in writing (`waived`) — or not told, not heard, or heard without
 * a written record, each of which the decision step refuses.
 */
type Heard = "stated" | "waived" | "unnotified" | "unheard" | "unrecorded";
const hearing = (heard: Heard) =>
  heard === "unnotified"
    ? { statement: { kind: "waived" as const, records: [doc("f")] } }
    : heard === "unheard"
      ? { notified: true }
      : heard === "unrecorded"
        ? { notified: true, statement: { kind: "made" as const, text: "申辩", records: [] } }
        : heard === "stated"
          ? { notified: true, statement: { kind: "made" as const, text: "申辩", records: [doc("f")] } }
          : { notified: true, statement: { kind: "waived" as const, records: [doc("f")] } };

const decideCmd = (
  formNumber: string,
  fineFen: number,
  kinds: ("fine" | "warning" | "revokeLicence")[],
  heard: Heard = "waived",
) =>
  ({
    ...hearing(heard),
    type: "onSpot.decide",
    party: { kind: "person", name: "张三" },
    category: "律师管理",
    regionCode: "640502",
    officerIds: ["a", "b"],
    certificateShown: true,
    formNumber,
    facts: "事实",
    basis: ["依据"],
    place: "地点",
    penalty: kinds.includes("fine") ? { kinds, fineFen } : { kinds },
    records: [doc("f")],
  }) satisfies SimplifiedCommandInput;

const actorFor = (right: Actor): fc.Arbitrary<Actor> =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: fc.constant(headActor) });
const step = (cmd: fc.Arbitrary<SimplifiedCaseCommandInput>) =>
  fc.tuple(cmd, actorFor(officerActor), fc.integer({ min: 0, max: 3 })).map(([c, a, d]) => new Step(c, a, d));

const commands = [
  step(
    fc
      .tuple(
        fc.constantFrom("N1", "N2", "X9"),
        fc.constantFrom(5_000, 20_000, 20_001),
        fc.constantFrom<("fine" | "warning" | "revokeLicence")[]>(
          ["fine"],
          ["warning"],
          ["warning", "fine"],
          ["revokeLicence"],
        ),
        fc.constantFrom<Heard>("stated", "waived", "waived", "unnotified", "unheard", "unrecorded"),
      )
      .map(([n, f, k, h]) => decideCmd(n, f, k, h)),
  ),
  step(
    fc.constantFrom<SimplifiedCommandInput>(
      { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine", receiptNumber: "R1" },
      { type: "onSpot.collect", amountFen: 20_000, ground: "hardToExecute", reason: "外地车辆", receiptNumber: "R2" },
      { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine" },
      { type: "onSpot.collect", amountFen: 4_000, ground: "smallFine", receiptNumber: "R3" },
    ),
  ),
  step(fc.constant<SimplifiedCommandInput>({ type: "cash.handOver" })),
  step(fc.constant<SimplifiedCommandInput>({ type: "cash.deposit", bankReceipt: "B1" })),
  step(fc.constant<SimplifiedCommandInput>({ type: "decision.file" })),
  // Not collected on the spot: paid at the bank, or demanded once overdue (行政处罚法 Arts. 53, 67, 72).
  step(
    fc.constantFrom<SimplifiedCaseCommandInput>(
      { type: "payment.record", amountFen: 2_000 },
      { type: "payment.record", amountFen: 3_000 },
      { type: "payment.record", amountFen: 20_000 },
    ),
  ),
  step(fc.constant<SimplifiedCaseCommandInput>({ type: "execution.demand", method: "direct", records: [doc("d")] })),
];

const issued = evolveFormRegister(EMPTY_FORM_REGISTER, {
  type: "form.issued",
  at: "2025-03-01T00:00:00Z",
  officerId: "a",
  numbers: ["N1", "N2"],
});

// Scripted walks first (within numRuns): refused without the notice or the statement, decided with them.
const scripted = (heard: Heard) => [
  new Step(decideCmd("N1", 5_000, ["fine"], "unnotified"), officerActor, 0),
  new Step(decideCmd("N1", 5_000, ["fine"], "unheard"), officerActor, 0),
  new Step(decideCmd("N1", 5_000, ["fine"], heard), officerActor, 0),
];

test.prop([fc.commands(commands, { maxCommands: 30 })], {
  numRuns: 200,
  // The scripted walks, and one that pays part of the fine at the bank (Art. 67 para. 3): the
  // random runs reach a bank payment only now and then, and the check below needs one.
  examples: [
    [scripted("stated")],
    [scripted("waived")],
    [[...scripted("waived"), new Step({ type: "payment.record", amountFen: 2_000 }, officerActor, 1)]],
  ],
})(
  "any command order: state = fold of events; no guard of 行政处罚法第四十四、四十五、五十一、五十二、六十二、六十八至七十一条 is bypassed",
  (cmds) => {
    fc.modelRun(
      (): { model: Model; real: Real } => ({
        model: { step: 0, filed: false, fineFen: 0, paidFen: 0, demanded: false },
        real: { state: initialSimplifiedState("sp"), events: [], forms: issued, day: "2025-03-03" },
      }),
      cmds,
    );
  },
);

const AT = "2025-03-03T03:00:00Z";
const envelope = (seq: number, type: string, payload: Record<string, unknown>): CaseEvent => ({
  caseId: "sp",
  seq,
  type,
  at: AT,
  actor: { id: "a", roles: ["officer"] },
  stage: "decision",
  payload,
});

test("SIMPLIFIED_ACCEPTS is read from the machine (行政处罚法第五十二条第三款: filing only after the decision)", () => {
  expect(SIMPLIFIED_ACCEPTS["onSpot.decided"]).toEqual(["none"]);
  expect(SIMPLIFIED_ACCEPTS["decision.filed"]).toEqual(["decided", "collected", "handedOver", "deposited", "paid"]);
  expect(Object.keys(simplifiedMachine.states)).toEqual([
    "none",
    "decided",
    "collected",
    "handedOver",
    "deposited",
    "paid",
  ]);
});

test("a written stream the machine refuses does not fold: a penalty beyond a warning or fine (第五十一条), a second filing (第五十二条)", () => {
  const decided = {
    at: AT,
    party: { kind: "person", name: "张三" },
    category: "律师管理",
    regionCode: "640502",
    officerIds: ["a", "b"],
    decidedBy: "a",
    formNumber: "N1",
    facts: "事实",
    basis: ["依据"],
    place: "地点",
    refusedToSign: false,
    records: [],
  };
  const revoke = envelope(1, "onSpot.decided", { ...decided, penalty: { kinds: ["revokeLicence"] } });
  expect(simplifiedEventOf(revoke).isOk()).toBe(true);
  expect(foldSimplified("sp", [revoke])._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  const ok1 = envelope(1, "onSpot.decided", { ...decided, penalty: { kinds: ["warning"] } });
  const filed = (seq: number) => envelope(seq, "decision.filed", { at: AT });
  expect(foldSimplified("sp", [ok1, filed(2)])._unsafeUnwrap().context.filed).toBe(true);
  expect(foldSimplified("sp", [ok1, filed(2), filed(3)])._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  // Collecting what was not decided (a warning has nothing to collect, Art. 68).
  const collect = envelope(2, "onSpot.collected", {
    at: AT,
    amountFen: 5_000,
    ground: "smallFine",
    partyRequested: false,
    receiptNumber: "R",
    onWater: false,
    handOverDue: {
      ruleId: "penalty.cashHandover",
      due: "2025-03-05",
      source: { law: "行政处罚法", article: 71 },
      provisional: false,
    },
  });
  expect(foldSimplified("sp", [ok1, collect])._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
});
