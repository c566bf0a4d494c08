import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import {
  collectiveDiscussionRequired,
  confiscationOf,
  DEFAULT_PENALTY_POLICY,
  fineOf,
  hearingRightApplies,
  heavierThan,
  type Penalty,
  PenaltySchema,
  parsePenalty,
} from "./penalty.js";
import { caseDecisionHash } from "./review-gate.js";
import { ctxAt, doc, fileCommand, headActor, noticeCommand, transcript } from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

function run(steps: readonly [PenaltyCommandInput, string][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now] of steps) {
    const events = decide(state, cmd, ctxAt(now))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

const investigated: [PenaltyCommandInput, string][] = [
  [fileCommand, T("03")],
  [{ type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("t1")] }, T("04")],
  [{ type: "investigation.close", facts: "事实清楚" }, T("05")],
];

/** The issue's case: ¥500,000 recorded against the kind 警告 only. */
const warningWithFine = { kinds: ["warning"], fineFen: 50_000_000 };

const messages = (input: unknown): string[] =>
  (PenaltySchema.safeParse(input).error?.issues ?? []).map((i) => i.message);

describe("an amount exists exactly when its kind does (行政处罚法 Art. 9 item 2)", () => {
  it("Art. 9 item 2: refuses a fine without the kind 罚款, citing the article", () => {
    const r = parsePenalty(warningWithFine);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("fineFen");
    expect(messages(warningWithFine).join()).toContain("《行政处罚法》第九条第（二）项");
  });

  it("Art. 9 item 2, Art. 63 para. 1 items 1–2: refuses 罚款 or 没收 without its amount (the amount decides the hearing right)", () => {
    expect(messages({ kinds: ["fine"] }).join()).toMatch(/罚款须载明数额.*第六十三条第一款第（一）项/);
    for (const kind of ["confiscateGains", "confiscateProperty"]) {
      expect(messages({ kinds: [kind] }).join()).toMatch(
        /没收违法所得、没收非法财物须载明数额.*第六十三条第一款第（二）项/,
      );
    }
  });

  it("Art. 9 item 2: refuses a confiscated value without a confiscation", () => {
    expect(messages({ kinds: ["fine"], fineFen: 100, confiscationFen: 100 }).join()).toContain("处罚种类中没有");
  });

  it("Art. 9 item 2: refuses an amount of zero fen", () => {
    expect(messages({ kinds: ["fine"], fineFen: 0 }).join()).toContain("罚款数额须大于零");
    expect(messages({ kinds: ["confiscateGains"], confiscationFen: 0 }).join()).toContain("数额须大于零");
  });

  it("refuses a fine above the largest safe integer at the schema, with a coded error", () => {
    const e = parsePenalty({ kinds: ["fine"], fineFen: Number.MAX_SAFE_INTEGER + 1 })._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(JSON.stringify(e.details)).toContain("金额超出可表示范围");
  });

  it("accepts the lawful shapes", () => {
    for (const p of [
      { kinds: ["warning"] },
      { kinds: ["warning", "fine"], fineFen: 1 },
      { kinds: ["fine", "confiscateGains"], fineFen: Number.MAX_SAFE_INTEGER, confiscationFen: 1 },
      { kinds: ["confiscateProperty"], confiscationFen: 12_345 },
      { kinds: ["revokeLicence"] },
    ]) {
      expect(parsePenalty(p).isOk(), JSON.stringify(p)).toBe(true);
    }
  });
});

describe("the procedure refuses the issue's decision (Art. 9 item 2; else Art. 63 and Art. 57 para. 2 would read another penalty than the one published)", () => {
  it("Art. 9 item 2: notice.serve with a fine but the kind 警告 only is INVALID_INPUT and writes nothing", () => {
    const s = run(investigated);
    const r = decide(s, { ...noticeCommand(), penalty: warningWithFine } as PenaltyCommandInput, ctxAt(T("06")));
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(r._unsafeUnwrapErr().message).toContain("penalty 的 fineFen");
  });

  it("Art. 9 item 2: case.decide with the same penalty is INVALID_INPUT", () => {
    const s = run([...investigated, [noticeCommand({ kinds: ["warning"] } as never), T("06")]]);
    const cmd = {
      type: "case.decide",
      outcome: "penalty",
      penalty: warningWithFine,
      records: [doc("d")],
    } as PenaltyCommandInput;
    const r = decide(s, cmd, ctxAt(T("20"), headActor));
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(r._unsafeUnwrapErr().message).toContain("penalty 的 fineFen");
  });

  it("Art. 9 item 2: a stored notice recording a fine without its kind does not fold", () => {
    const s = run(investigated);
    const good = decide(s, noticeCommand(), ctxAt(T("06")))._unsafeUnwrap()[0];
    if (good === undefined) throw new Error("no event");
    const bad = { ...good, payload: { ...good.payload, penalty: warningWithFine } };
    expect(evolve(s, bad)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

// --- Properties ---------------------------------------------------------------------------

/** Hostile amounts: any integer or double, numbers near and past 2^53, bigints, strings, -0. */
const hostileAmount: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 100_000_000 }),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => Number(b)),
  fc.bigInt(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 64, Number.NaN),
  fc.string(),
);

const kindsArb = fc.uniqueArray(fc.constantFrom(...PenaltyKindSchema.options), { minLength: 0, maxLength: 4 });

const hostilePenalty = fc
  .record({ kinds: kindsArb, fineFen: hostileAmount, confiscationFen: hostileAmount })
  .map(({ kinds, fineFen, confiscationFen }) => ({
    kinds,
    ...(fineFen === undefined ? {} : { fineFen }),
    ...(confiscationFen === undefined ? {} : { confiscationFen }),
  }));

const isPositiveFen = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/** The rule, written independently of the schema: one kind at least, each amount exactly with its kind and positive fen. */
function lawful(p: { kinds: readonly string[]; fineFen?: unknown; confiscationFen?: unknown }): boolean {
  const fine = p.kinds.includes("fine");
  const confiscates = p.kinds.includes("confiscateGains") || p.kinds.includes("confiscateProperty");
  const amountOk = (has: boolean, v: unknown) => (has ? isPositiveFen(v) : v === undefined);
  return p.kinds.length > 0 && amountOk(fine, p.fineFen) && amountOk(confiscates, p.confiscationFen);
}

const filed = run([[fileCommand, T("03")]]);

describe("properties", () => {
  test.prop([hostilePenalty], { numRuns: 500 })(
    "Art. 9 item 2: parsing never throws; Ok exactly for lawful shapes, else a coded INVALID_INPUT; caseDecisionHash never throws on what parses",
    (input) => {
      const r = parsePenalty(input);
      expect(r.isOk()).toBe(lawful(input));
      if (r.isErr()) {
        expect(r.error.code).toBe("INVALID_INPUT");
        return;
      }
      expect(caseDecisionHash(filed.context, "penalty", r.value, {})).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  const validPenalty: fc.Arbitrary<Penalty> = hostilePenalty.filter(lawful).map((p) => parsePenalty(p)._unsafeUnwrap());
  const safePenalty: fc.Arbitrary<Penalty> = fc
    .record({
      kinds: fc.uniqueArray(fc.constantFrom(...PenaltyKindSchema.options), { minLength: 1, maxLength: 4 }),
      fine: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      confiscation: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    })
    .map(({ kinds, fine, confiscation }) => ({
      kinds,
      ...(kinds.includes("fine") ? { fineFen: fine } : {}),
      ...(kinds.includes("confiscateGains") || kinds.includes("confiscateProperty")
        ? { confiscationFen: confiscation }
        : {}),
    }));
  const anyValid = fc.oneof(validPenalty, safePenalty);

  test.prop([anyValid])("caseDecisionHash never throws for any schema-valid penalty", (p) => {
    expect(PenaltySchema.safeParse(p).success).toBe(true);
    expect(caseDecisionHash(filed.context, "penalty", p, {})).toMatch(/^[0-9a-f]{64}$/);
  });

  test.prop([anyValid, anyValid, fc.constantFrom("person" as const, "organisation" as const)])(
    "Arts. 45, 57 para. 2, 63: every reader sees the same amounts — the raw field equals the amount of its kind",
    (p, q, party) => {
      expect(fineOf(p)).toBe(p.fineFen ?? 0);
      expect(confiscationOf(p)).toBe(p.confiscationFen ?? 0);
      expect(fineOf(p) > 0).toBe(p.kinds.includes("fine"));
      // A fine at or above the organisation threshold carries the hearing right (Art. 63 para. 1 item 1).
      const t = party === "person" ? 200_000 : 1_000_000;
      if (fineOf(p) >= t) expect(hearingRightApplies(p, party, DEFAULT_PENALTY_POLICY)).toBe(true);
      // Collective discussion from an amount needs a fine (Art. 57 para. 2).
      const rule = { ...DEFAULT_PENALTY_POLICY, collectiveDiscussion: { fineFromFen: 0, kinds: [] } };
      expect(collectiveDiscussionRequired(p, false, rule)).toBe(p.kinds.includes("fine"));
      // Heavier than notified (Art. 45 para. 2): nothing is heavier than itself; a larger fine is.
      expect(heavierThan(p, p)).toEqual([]);
      if (fineOf(q) > fineOf(p) && q.kinds.includes("fine") && p.kinds.includes("fine")) {
        expect(heavierThan(q, p)).toContain("罚款数额高于告知数额");
      }
    },
  );
});
