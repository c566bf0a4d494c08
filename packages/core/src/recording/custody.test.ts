import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import {
  CUSTODY_STEPS,
  type CustodyChain,
  type CustodyStepKind,
  custodyTransition,
  nextCustodySteps,
  startCustody,
} from "./custody.js";

const H1 = { algorithm: "sha256", hex: "a".repeat(64) } as const;
const H2 = { algorithm: "sha256", hex: "b".repeat(64) } as const;
const officer: Actor = { id: "o1", name: "张三", roles: ["officer"] };
const system: Actor = { id: "sys", name: "系统", roles: ["system"] };
const head: Actor = { id: "h1", name: "李四", roles: ["head"] };

const at = (minute: number): string => `2026-05-01T02:${String(minute).padStart(2, "0")}:00Z`;
const stepOf = (kind: CustodyStepKind, minute: number, extra: Record<string, unknown> = {}) => ({
  kind,
  at: at(minute),
  actor: kind === "verified" ? system : kind === "transferred" ? head : officer,
  ...(kind === "captured" || kind === "verified" ? { hash: H1 } : {}),
  ...(kind === "transferred" ? { to: "市公安局" } : kind === "returned" ? { to: "当事人" } : {}),
  ...(kind === "accessed" ? { purpose: "法制审核" } : {}),
  ...extra,
});

const run = (steps: readonly ReturnType<typeof stepOf>[]): CustodyChain => {
  let chain = startCustody("ev-1");
  for (const s of steps) chain = custodyTransition(chain, s)._unsafeUnwrap();
  return chain;
};

describe("custodyTransition", () => {
  it("accepts captured → uploaded → verified → sealed → transferred → transferred", () => {
    const chain = run(
      ["captured", "uploaded", "verified", "sealed", "transferred", "transferred"].map((k, i) =>
        stepOf(k as CustodyStepKind, i),
      ),
    );
    expect(chain.steps.map((s) => s.kind)).toEqual([
      "captured",
      "uploaded",
      "verified",
      "sealed",
      "transferred",
      "transferred",
    ]);
  });

  it("after verification: sealed, examined, re-sealed, transferred, returned — and only accesses after the return", () => {
    const kinds: CustodyStepKind[] = [
      "captured",
      "uploaded",
      "verified",
      "sealed",
      "examined",
      "sealed",
      "transferred",
      "returned",
    ];
    const chain = run(kinds.map((k, i) => stepOf(k, i)));
    expect(nextCustodySteps(chain)).toEqual(["accessed"]);
    const e = custodyTransition(chain, stepOf("sealed", 30))._unsafeUnwrapErr();
    expect(e.code).toBe("CUSTODY_OUT_OF_ORDER");
    expect(
      custodyTransition(run(kinds.slice(0, 3).map((k, i) => stepOf(k, i))), {
        kind: "returned",
        at: at(31),
        actor: officer,
      }).isErr(),
    ).toBe(true);
  });

  it("refuses a step out of order (CUSTODY_OUT_OF_ORDER)", () => {
    const e = custodyTransition(startCustody("ev-1"), stepOf("uploaded", 0))._unsafeUnwrapErr();
    expect(e.code).toBe("CUSTODY_OUT_OF_ORDER");
    expect(e.message).toContain("当前应进行采集");
  });

  it("refuses a verification whose hash differs from the captured one (行政处罚法第四十六条第二款)", () => {
    const chain = run([stepOf("captured", 0), stepOf("uploaded", 1)]);
    const e = custodyTransition(chain, stepOf("verified", 2, { hash: H2 }))._unsafeUnwrapErr();
    expect(e.code).toBe("EVIDENCE_TAMPERED");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 46, paragraph: 2 });
  });

  it("refuses a step by an actor without the role (PERMISSION_DENIED)", () => {
    const chain = run([stepOf("captured", 0), stepOf("uploaded", 1)]);
    const e = custodyTransition(chain, stepOf("verified", 2, { actor: officer }))._unsafeUnwrapErr();
    expect(e.code).toBe("PERMISSION_DENIED");
  });

  it("refuses a step back in time, and a malformed step", () => {
    const chain = run([stepOf("captured", 5)]);
    expect(custodyTransition(chain, stepOf("uploaded", 4))._unsafeUnwrapErr().details?.reason).toBe("time");
    expect(
      custodyTransition(startCustody("ev-1"), { kind: "captured", at: at(0), actor: officer })._unsafeUnwrapErr().code,
    ).toBe("INVALID_INPUT");
  });
});

describe("accessed (调取): every handout of the stored bytes is a step of the chain", () => {
  const verified = () => run(["captured", "uploaded", "verified"].map((k, i) => stepOf(k as CustodyStepKind, i)));

  it("states who, when and for what purpose; only after verification; after a return too", () => {
    expect(custodyTransition(verified(), stepOf("accessed", 5)).isOk()).toBe(true);
    const noPurpose = custodyTransition(verified(), stepOf("accessed", 5, { purpose: undefined }));
    expect(noPurpose._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const early = run([stepOf("captured", 0), stepOf("uploaded", 1)]);
    expect(custodyTransition(early, stepOf("accessed", 2))._unsafeUnwrapErr()).toMatchObject({
      code: "CUSTODY_OUT_OF_ORDER",
      details: { step: "accessed", expected: ["verified"] },
    });
    const returned = custodyTransition(verified(), stepOf("returned", 5))._unsafeUnwrap();
    expect(nextCustodySteps(returned)).toEqual(["accessed"]);
    expect(custodyTransition(returned, stepOf("accessed", 6)).isOk()).toBe(true);
  });

  it("does not open a seal: a sealed item accessed is still not sealed again", () => {
    const sealed = custodyTransition(verified(), stepOf("sealed", 4))._unsafeUnwrap();
    const accessed = custodyTransition(sealed, stepOf("accessed", 5))._unsafeUnwrap();
    expect(nextCustodySteps(accessed)).not.toContain("sealed");
  });

  it("is refused to a role the custody roles do not name (a publisher)", () => {
    const publisher: Actor = { id: "p", name: "公示员", roles: ["publisher"] };
    expect(custodyTransition(verified(), stepOf("accessed", 5, { actor: publisher }))._unsafeUnwrapErr().code).toBe(
      "PERMISSION_DENIED",
    );
  });
});

describe("custody properties", () => {
  const kindArb = fc.constantFrom<CustodyStepKind>(...CUSTODY_STEPS);
  // The model of the order: the three arrival steps in line, then any of the four (no
  // sealing twice in a row), nothing of them after a return; an access (调取) any time after
  // verification, passed over for the rest.
  const modelNext = (kinds: readonly CustodyStepKind[]): readonly CustodyStepKind[] => {
    const last = kinds.filter((k) => k !== "accessed").at(-1);
    if (last === undefined) return ["captured"];
    if (last === "captured") return ["uploaded"];
    if (last === "uploaded") return ["verified"];
    if (last === "returned") return ["accessed"];
    const after: CustodyStepKind[] = ["sealed", "transferred", "examined", "returned"];
    return [...(last === "sealed" ? after.filter((k) => k !== "sealed") : after), "accessed"];
  };
  const stepArb = fc.record({
    kind: kindArb,
    minute: fc.integer({ min: 0, max: 59 }),
    tamper: fc.boolean(),
    wrongActor: fc.boolean(),
  });

  // Scripted walks first: every step kind, and the end of a chain, are reached whatever the seed.
  const walk = (kinds: readonly CustodyStepKind[]) =>
    kinds.map((kind, minute) => ({ kind, minute, tamper: false, wrongActor: false }));
  test.prop([fc.array(stepArb, { maxLength: 12 })], {
    examples: [
      [walk(["captured", "uploaded", "verified", "sealed", "examined", "sealed", "transferred", "returned", "sealed"])],
      [walk(["captured", "uploaded", "verified", "examined", "returned"])],
      [
        walk([
          "captured",
          "uploaded",
          "accessed",
          "verified",
          "accessed",
          "sealed",
          "accessed",
          "sealed",
          "returned",
          "accessed",
        ]),
      ],
    ],
  })(
    "any sequence of steps either follows the allowed order or is refused, and a refused step changes nothing",
    (steps) => {
      let chain = startCustody("ev-1");
      for (const s of steps) {
        const step = stepOf(s.kind, s.minute, {
          ...(s.tamper && s.kind === "verified" ? { hash: H2 } : {}),
          ...(s.wrongActor ? { actor: { id: "p", name: "公示员", roles: ["publisher"] } } : {}),
        });
        const before = JSON.stringify(chain);
        const frozen = chain;
        const r = custodyTransition(chain, step);
        // The model: allowed iff next in order, not earlier than the last step, right role, untampered.
        const last = chain.steps.at(-1);
        const expectedOk =
          modelNext(chain.steps.map((x) => x.kind)).includes(s.kind) &&
          (last === undefined || last.at <= step.at) &&
          !s.wrongActor &&
          !(s.tamper && s.kind === "verified");
        expect(r.isOk()).toBe(expectedOk);
        expect(JSON.stringify(frozen)).toBe(before);
        if (r.isOk()) chain = r.value;
      }
      const kinds = chain.steps.map((s) => s.kind);
      kinds.forEach((k, i) => {
        expect(modelNext(kinds.slice(0, i))).toContain(k);
      });
      expect([...nextCustodySteps(chain)].sort()).toEqual([...modelNext(kinds)].sort());
    },
  );
});
