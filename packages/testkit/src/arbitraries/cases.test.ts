// Case scripts and event streams: real, foldable, verifiable, deterministic.
import {
  CaseEventSchema,
  execute,
  foldEvents,
  inMemoryEventStore,
  PenaltyCommandSchema,
  penaltyEventOf,
  verifyLog,
} from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bureau,
  bureauContext,
  caseEventStreams,
  caseEvents,
  ordinaryCaseCommands,
  penaltyCommand,
  runCaseScript,
} from "./index.js";

describe("ordinaryCaseCommands", () => {
  it("happy path: every command passes its schema, every step is accepted, and the case ends archived", () => {
    fc.assert(
      fc.property(ordinaryCaseCommands(), (script) => {
        for (const step of script.steps) expect(PenaltyCommandSchema.safeParse(step.command).success).toBe(true);
        const run = runCaseScript(script);
        const refused = run.outcomes.flatMap((o, i) => (o.accepted ? [] : [`${i}: ${o.error.message}`]));
        expect(refused).toEqual([]);
        expect(run.state.value).toBe("archived");
        expect(run.events.length).toBe(script.steps.length);
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it("happy paths cover every outcome, hearings, waivers, reviews and instalments", () => {
    const seen = new Set<string>();
    for (const script of fc.sample(ordinaryCaseCommands(), { numRuns: 300, seed: 42 })) {
      for (const e of runCaseScript(script).events) {
        seen.add(e.type);
        if (e.type === "case.decided") seen.add(`outcome:${String(e.payload.outcome)}`);
      }
    }
    for (const t of [
      "officers.assigned",
      "defence.received",
      "defence.waived",
      "hearing.requested",
      "hearing.held",
      "review.approved",
      "discussion.held",
      "payment.recorded",
      "transfer.reported",
      "transfer.sent",
      "outcome:penalty",
      "outcome:noPenaltyMinor",
      "outcome:notEstablished",
      "outcome:transfer",
    ]) {
      expect(seen).toContain(t);
    }
  }, 30_000);

  it("the same script through execute and the in-memory store gives the same events", async () => {
    const scripts = fc.sample(ordinaryCaseCommands({ invalidShare: 0.3 }), { numRuns: 20, seed: 7 });
    for (const script of scripts) {
      const store = inMemoryEventStore();
      for (const step of script.steps) {
        await execute(store, script.caseId, step.command, bureauContext(script.bureau, step.now, step.actor));
      }
      const stored = (await store.load(script.caseId))._unsafeUnwrap();
      expect(stored).toEqual(runCaseScript(script).events);
    }
  }, 30_000);

  it("mixed sequences (invalidShare): refusals are coded; the accepted events fold to the state", () => {
    fc.assert(
      fc.property(ordinaryCaseCommands({ invalidShare: 0.5 }), (script) => {
        const run = runCaseScript(script);
        let refusals = 0;
        for (const o of run.outcomes) {
          if (!o.accepted) {
            refusals += 1;
            expect(o.error.code).toMatch(/^[A-Z_]+$/);
          }
        }
        expect(run.events.length + refusals).toBeGreaterThanOrEqual(run.outcomes.length);
        const folded = foldEvents(script.caseId, run.events)._unsafeUnwrap();
        expect(folded.value).toBe(run.state.value);
        expect(folded.context).toEqual(run.state.context);
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it("penaltyCommand: mostly valid payloads, some that the schema refuses", () => {
    const b = fc.sample(bureau(), { numRuns: 1, seed: 3 })[0];
    if (b === undefined) throw new Error("no bureau");
    const commands = fc.sample(penaltyCommand({ bureau: b }), { numRuns: 500, seed: 3 });
    const valid = commands.filter((c) => PenaltyCommandSchema.safeParse(c).success).length;
    expect(valid).toBeGreaterThan(400);
    expect(new Set(commands.map((c) => c.type)).size).toBe(16);
  }, 30_000);
});

describe("caseEvents / caseEventStreams", () => {
  it("caseEvents: a stream with seq 1 … n that passes CaseEventSchema and the procedure's event schema", () => {
    fc.assert(
      fc.property(caseEvents({ maxEvents: 8 }), (events) => {
        expect(events.length).toBeGreaterThan(0);
        expect(events.length).toBeLessThanOrEqual(8);
        events.forEach((e, i) => {
          expect(e.seq).toBe(i + 1);
          expect(CaseEventSchema.safeParse(e).success).toBe(true);
          expect(penaltyEventOf(e).isOk()).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it("caseEventStreams({ cases, maxEventsPerCase }): exactly `cases` streams, distinct cases, each folds; interleaved they verify", () => {
    fc.assert(
      fc.property(
        caseEventStreams({ cases: 4, maxEventsPerCase: 12, partialShare: 0.3 }),
        fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
        (streams, picks) => {
          expect(streams).toHaveLength(4);
          expect(new Set(streams.map((s) => s[0]?.caseId)).size).toBe(4);
          for (const s of streams) {
            expect(s.length).toBeGreaterThan(0);
            expect(s.length).toBeLessThanOrEqual(12);
            const caseId = s[0]?.caseId ?? "";
            expect(s.map((e) => e.seq)).toEqual(s.map((_, i) => i + 1));
            for (const e of s) expect(CaseEventSchema.safeParse(e).success).toBe(true);
            expect(foldEvents(caseId, s).isOk()).toBe(true);
          }
          // Interleave the streams in a random order that keeps each case's own order.
          const cursors = streams.map(() => 0);
          const log = [];
          for (const p of [...picks, ...streams.flatMap((s, i) => s.map(() => i))]) {
            const s = streams[p];
            const c = cursors[p] ?? 0;
            if (s !== undefined && c < s.length) {
              log.push(s[c]);
              cursors[p] = c + 1;
            }
          }
          expect(log).toHaveLength(streams.reduce((n, s) => n + s.length, 0));
          const head = verifyLog(log.filter((e) => e !== undefined));
          expect(head.isOk(), head.isErr() ? head.error.message : "").toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  }, 30_000);

  it("deterministic: the same seed gives the same streams", () => {
    const arb = caseEventStreams({ cases: 3, maxEventsPerCase: 20 });
    expect(fc.sample(arb, { numRuns: 3, seed: 99 })).toEqual(fc.sample(arb, { numRuns: 3, seed: 99 }));
  }, 30_000);

  it("without partialShare, streams run as long as maxEventsPerCase allows (happy paths: archived when uncut)", () => {
    for (const streams of fc.sample(caseEventStreams({ cases: 5 }), { numRuns: 10, seed: 5 })) {
      for (const s of streams) expect(s.at(-1)?.type).toBe("case.archived");
    }
  }, 30_000);
});
