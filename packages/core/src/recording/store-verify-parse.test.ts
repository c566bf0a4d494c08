// acceptCaseEvent — the verifier's shortcut past CaseEventSchema.safeParse — agrees with the
// schema: on events generated valid and on every kind of near miss (a field replaced by an
// edge value or any JSON, removed, extra keys, `__proto__` keys), whatever it accepts the
// schema accepts too, with the same data (same keys in the same order); and it accepts every
// valid event, so the replay does take it.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { RoleSchema } from "../kernel/actors.js";
import { CaseEventSchema } from "./case-event.js";
import type { StoredLeaf } from "./event-store.js";
import { acceptCaseEvent, parseLeaf } from "./store-verify-parse.js";
import { STAGES } from "./vocabulary.js";

const ID_CHARS = "ABCXYZabcxyz0189_.:-";
const idArb = fc
  .tuple(fc.constantFrom(..."AZaz09"), fc.string({ unit: fc.constantFrom(...ID_CHARS), maxLength: 127 }))
  .map(([h, t]) => h + t);
const typeArb = fc
  .array(fc.stringMatching(/^[a-z][a-zA-Z]{0,6}$/), { minLength: 2, maxLength: 4 })
  .map((parts) => parts.join("."));
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const instantArb = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  })
  .map(
    ({ y, mo, d, h, mi, s, ms }) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === undefined ? "" : `.${ms}`}Z`,
  );
const payloadArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });

const validArb = fc.record({
  caseId: idArb,
  seq: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1, Number.MAX_SAFE_INTEGER)),
  type: typeArb,
  at: instantArb,
  actor: fc.record({
    id: idArb,
    roles: fc.array(fc.constantFrom(...RoleSchema.options), { minLength: 1, maxLength: 3 }),
  }),
  stage: fc.constantFrom(...STAGES),
  payload: payloadArb,
});

/** Values at or just past the edge of some field's check, and JSON of every kind. */
const edgeArb = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 1,
    2 ** 53,
    1e308,
    "",
    "_a",
    "-a",
    "a b",
    "案件",
    "a".repeat(128),
    "a".repeat(129),
    "case",
    "Case.filed",
    "case.",
    "case.filed.",
    "case.fi1ed",
    "case..filed",
    "2026-02-29T00:00:00Z",
    "2024-02-29T00:00:00Z",
    "0999-12-31T00:00:00Z",
    "2026-03-01T24:00:00Z",
    "2026-03-01T08:60:00Z",
    "2026-03-01T08:00:60Z",
    "2026-03-01T08:00:00.1234Z",
    "2026-03-01T08:00:00+08:00",
    "2026-03-01 08:00:00Z",
    "officer",
    "Officer",
    "filing",
    "Filing",
    "constructor",
    "__proto__",
    null,
    true,
    [],
    {},
    ["officer"],
    [""],
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

type Json = Record<string, unknown>;
/** A near miss: one field (of the envelope, the actor, or a role) replaced, removed, or keys added. */
const nearMissArb = fc
  .tuple(
    validArb,
    fc.constantFrom("caseId", "seq", "type", "at", "actor", "stage", "payload", "actor.id", "actor.roles", "role"),
    fc.constantFrom("replace", "remove", "extra"),
    edgeArb,
  )
  .map(([event, field, how, edge]) => {
    const e: Json = { ...event, actor: { ...event.actor, roles: [...event.actor.roles] } };
    const actor = e.actor as Json;
    if (field === "role") {
      (actor.roles as unknown[])[0] = edge;
      return e;
    }
    const [target, key] = field.startsWith("actor.") ? [actor, field.slice(6)] : [e, field];
    if (how === "replace") target[key] = edge;
    else if (how === "remove") delete target[key];
    else target[`x${key}`] = edge;
    return e;
  });

/** As the verifier gets it: through JSON text (optionally with a `__proto__` key spliced into an object). */
const viaJson = (value: unknown, protoAt: "none" | "envelope" | "actor" | "payload"): unknown => {
  let text = JSON.stringify(value);
  if (protoAt !== "none") {
    const marker = protoAt === "envelope" ? "{" : `"${protoAt}":{`;
    const i = text.indexOf(marker);
    if (i >= 0) {
      const at = i + marker.length;
      const rest = text.slice(at);
      text = `${text.slice(0, at)}"__proto__":{"x":1}${rest.startsWith("}") ? "" : ","}${rest}`;
    }
  }
  return JSON.parse(text);
};

const agrees = (value: unknown): void => {
  const accepted = acceptCaseEvent(value);
  const parsed = CaseEventSchema.safeParse(value);
  if (accepted === undefined) return;
  expect(parsed.success).toBe(true);
  expect(accepted).toStrictEqual(parsed.data);
  expect(JSON.stringify(accepted)).toBe(JSON.stringify(parsed.data));
};

const protoArb = fc.constantFrom("none", "none", "envelope", "actor", "payload") as fc.Arbitrary<
  "none" | "envelope" | "actor" | "payload"
>;

describe("acceptCaseEvent", () => {
  test.prop([validArb], { numRuns: 500 })("accepts every valid event, as the schema parses it", (event) => {
    const value = viaJson(event, "none");
    expect(CaseEventSchema.safeParse(value).success).toBe(true);
    expect(acceptCaseEvent(value)).toBeDefined();
    agrees(value);
  });

  test.prop([nearMissArb, protoArb], { numRuns: 3000 })(
    "accepts nothing the schema refuses, and hands back the schema's data",
    (value, protoAt) => {
      agrees(viaJson(value, protoAt));
    },
  );

  test.prop([fc.jsonValue({ maxDepth: 3 })])("agrees on any JSON value", (value) => {
    agrees(value);
  });

  it("leaves a payload with its own __proto__ key to the schema (which drops the key)", () => {
    const value = JSON.parse(
      '{"caseId":"C1","seq":1,"type":"case.filed","at":"2026-03-01T08:00:00Z","actor":{"id":"u1","roles":["officer"]},"stage":"filing","payload":{"__proto__":{"a":1},"b":2}}',
    );
    expect(acceptCaseEvent(value)).toBeUndefined();
    const parsed = CaseEventSchema.safeParse(value);
    expect(parsed.success && Object.keys(parsed.data.payload)).toEqual(["b"]);
  });
});

describe("parseLeaf", () => {
  const leaf = (text: string): StoredLeaf => ({
    position: 7,
    caseId: "C1",
    seq: 1,
    type: "case.filed",
    bytes: new TextEncoder().encode(text),
    leafHash: new Uint8Array(32),
  });
  const decoder = new TextDecoder("utf-8", { fatal: true });

  test.prop([fc.oneof(validArb, nearMissArb), protoArb], { numRuns: 1000 })(
    "is the schema's verdict on the leaf's JSON",
    (value, protoAt) => {
      const text = JSON.stringify(viaJson(value, protoAt));
      const r = parseLeaf(leaf(text), decoder);
      const parsed = CaseEventSchema.safeParse(JSON.parse(text));
      if (parsed.success) expect(r._unsafeUnwrap()).toStrictEqual(parsed.data);
      else {
        expect(r._unsafeUnwrapErr().code).toBe("STORE_CORRUPT");
        expect(r._unsafeUnwrapErr().details?.issues).toEqual(
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        );
      }
    },
  );
});
