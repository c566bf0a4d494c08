// How a third party property-tests its own rule with the arbitraries: a bureau's fines
// ledger (罚没款台账), written against the event stream, checked against core's fold over
// many generated cases, and run model-based against random command sequences.
import {
  type Actor,
  type CaseEvent,
  type CaseState,
  COMMAND_PERMISSIONS,
  DEFAULT_PERMISSIONS,
  decide,
  evolve,
  initialCaseState,
  outstandingFen,
  type PenaltyCommandType,
} from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Bureau,
  bureau,
  bureauContext,
  caseEventStreams,
  officerActor,
  ordinaryCaseCommands,
  penaltyCommand,
} from "./index.js";

/** The bureau's own rule: what a case still owes, read from its events alone. */
function ledger(events: readonly CaseEvent[]): { decidedFen: number; paidFen: number; closed: boolean } {
  let decidedFen = 0;
  let paidFen = 0;
  let closed = false;
  for (const e of events) {
    if (e.type === "case.decided" && e.payload.outcome === "penalty") {
      const p = e.payload.penalty as { fineFen?: number } | undefined;
      decidedFen = p?.fineFen ?? 0;
    }
    if (e.type === "payment.recorded") paidFen += e.payload.amountFen as number;
    if (e.type === "case.closed") closed = true;
  }
  return { decidedFen, paidFen, closed };
}

describe("a bureau's fines ledger, property-tested with @sanxiang/testkit/arbitraries", () => {
  it("never shows more paid than decided; a closed case owes nothing (over generated streams)", () => {
    fc.assert(
      fc.property(caseEventStreams({ cases: 5, partialShare: 0.5 }), (streams) => {
        for (const events of streams) {
          const l = ledger(events);
          expect(l.paidFen).toBeLessThanOrEqual(l.decidedFen);
          if (l.closed) expect(l.paidFen).toBe(l.decidedFen);
        }
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  // Model-based: random commands by random actors of one bureau, on top of a filed case.
  interface Model {
    accepted: number;
  }
  interface Real {
    state: CaseState;
    events: CaseEvent[];
    day: number;
  }
  let acceptedTotal = 0;
  const rightActor = (b: Bureau, type: PenaltyCommandType): Actor => {
    const role = DEFAULT_PERMISSIONS[COMMAND_PERMISSIONS[type]].roles[0];
    const lead = b.officers[0];
    if (role === "head") return b.head;
    if (role === "legalReviewer" || lead === undefined) return b.reviewer;
    return officerActor(lead);
  };
  const at = (day: number) => `2025-06-${String(day).padStart(2, "0")}T02:00:00Z`;

  class Send implements fc.Command<Model, Real> {
    constructor(
      readonly b: Bureau,
      readonly cmd: Parameters<typeof decide>[1],
      readonly who: Parameters<typeof decide>[2]["actor"],
      readonly advance: boolean,
    ) {}
    check(): boolean {
      return true;
    }
    run(model: Model, real: Real): void {
      if (this.advance && real.day < 30) real.day += 1;
      const r = decide(real.state, this.cmd, bureauContext(this.b, at(real.day), this.who));
      // Refused, or an exact retry of a step already recorded (decides nothing: not a new step).
      if (r.isErr() || r.value.length === 0) return;
      for (const e of r.value) real.state = evolve(real.state, e)._unsafeUnwrap();
      real.events.push(...r.value);
      model.accepted += 1;
      acceptedTotal += 1;
      // The rule agrees with core's own view of the case, after every accepted command.
      const l = ledger(real.events);
      expect(l.decidedFen - l.paidFen).toBe(outstandingFen(real.state.context));
      expect(real.events).toHaveLength(model.accepted + 1);
    }
    toString(): string {
      return `${this.cmd.type} by ${this.who.id}`;
    }
  }

  it("agrees with core's outstanding amount after every accepted command (fc.commands + fc.modelRun)", () => {
    const setup = bureau().chain((b) =>
      fc.tuple(
        fc.constant(b),
        ordinaryCaseCommands({ bureau: b, caseId: "m-1", filedOn: { min: "2025-06-01", max: "2025-06-01" } }),
        fc.commands(
          [
            fc
              .tuple(
                penaltyCommand({ bureau: b }),
                fc.option(fc.constantFrom(...b.officers.map(officerActor), b.head, b.reviewer), { freq: 6 }),
                fc.boolean(),
              )
              // Mostly the actor whose role the command needs; now and then anyone.
              .map(([cmd, anyone, advance]) => new Send(b, cmd, anyone ?? rightActor(b, cmd.type), advance)),
          ],
          { maxCommands: 60, size: "max" },
        ),
      ),
    );
    fc.assert(
      fc.property(setup, ([b, script, cmds]) => {
        const file = script.steps[0];
        if (file === undefined) throw new Error("no filing step");
        const filed = decide(
          initialCaseState("m-1"),
          file.command,
          bureauContext(b, at(1), file.actor),
        )._unsafeUnwrap();
        const real: Real = { state: initialCaseState("m-1"), events: [...filed], day: 1 };
        for (const e of filed) real.state = evolve(real.state, e)._unsafeUnwrap();
        fc.modelRun(() => ({ model: { accepted: 0 }, real }), cmds);
      }),
      { numRuns: 100 },
    );
    // Not vacuous: random commands do move the cases on (100 runs accept 210–280 commands since
    // the statement window and the registry checks refuse more; 50 runs came to about 100).
    expect(acceptedTotal).toBeGreaterThan(100);
  }, 30_000);
});
