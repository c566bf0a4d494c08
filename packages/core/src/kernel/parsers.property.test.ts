// Every public parser of @sanxiang/core returns a Result for any input — never throws
// (issue 13, §1.11: parseInstant, parseId and parseSignatureAlgorithm threw a TypeError on
// `Object.create(null)`, whose missing toString broke the template literal of their error
// message).
//
// Naming convention (the parsers are found by name, so a new one is covered without
// touching this test): an exported function of @sanxiang/core named `parse*`, `validate*`
// or `*FromJson` takes untrusted input and returns a `Result` for ANY argument values —
// objects without a prototype, BigInt, Map, Set, typed arrays, boxed values, symbols,
// functions, getters that throw, Proxies whose every trap throws, revoked Proxies. A parser
// that by design returns something else is listed in NOT_RESULT with the shape it returns;
// it must not throw either.
import { fc, test } from "@fast-check/vitest";
import { Err, Ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import * as core from "../index.js";

const PARSER_NAME = /^(?:parse|validate)[A-Z]|FromJson$/;

/** Parsers whose result is not a Result by design, and the check of what they return instead. */
const NOT_RESULT: Readonly<Record<string, (value: unknown) => boolean>> = {
  /** `number | undefined`: 1..9999, or undefined for anything else. */
  parseChineseNumeral: (v) => v === undefined || (typeof v === "number" && Number.isInteger(v) && v >= 1),
};

const parsers = Object.entries(core)
  .filter(([name, value]) => PARSER_NAME.test(name) && typeof value === "function")
  .map(([name, value]) => [name, value as (...args: unknown[]) => unknown] as const)
  .sort(([a], [b]) => a.localeCompare(b));

const boom = () => {
  throw new Error("hostile value: reading it throws");
};

/** A Proxy whose every trap throws. */
const hostileProxy = () =>
  new Proxy(
    {},
    {
      get: boom,
      has: boom,
      ownKeys: boom,
      getPrototypeOf: boom,
      getOwnPropertyDescriptor: boom,
      defineProperty: boom,
      set: boom,
      deleteProperty: boom,
      isExtensible: boom,
      preventExtensions: boom,
      setPrototypeOf: boom,
    },
  );

const revokedProxy = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/**
 * Values built to break a careless parser, on top of fast-check's `anything`. They are
 * made inside the property from their name: fast-check itself reads the values it is given
 * (to clone or print them), which a Proxy that throws would not survive.
 */
const HOSTILE: Readonly<Record<string, () => unknown>> = {
  "Object.create(null)": () => Object.create(null),
  "a hash-shaped object without prototype": () =>
    Object.assign(Object.create(null), { algorithm: "sha256", hex: "0".repeat(64) }),
  "a Proxy whose every trap throws": hostileProxy,
  "a revoked Proxy": revokedProxy,
  "an array Proxy whose reads throw": () => new Proxy(["x"], { get: boom }),
  "a symbol": () => Symbol("symbol"),
  "a boxed symbol": () => Object(Symbol("boxed")),
  "a boxed BigInt": () => Object(10n),
  "a function": () => () => "a function",
  "a class": () => class Parsed {},
  "a getter that throws": () => Object.defineProperty({}, "value", { get: boom, enumerable: true }),
  "toString, valueOf and toPrimitive that throw": () => ({ toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom }),
  "a fake Uint8Array tag": () => ({ [Symbol.toStringTag]: "Uint8Array" }),
  "an invalid Date": () => new Date(Number.NaN),
  bytes: () => new Uint8Array([1, 2, 3]),
};

type Recipe = { readonly hostile: string } | { readonly plain: unknown };

const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.keys(HOSTILE)).map((hostile) => ({ hostile })) },
  {
    weight: 4,
    arbitrary: fc
      .anything({
        withNullPrototype: true,
        withBigInt: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withBoxedValues: true,
        withSparseArray: true,
        withObjectString: true,
        withDate: true,
      })
      .map((plain) => ({ plain })),
  },
  // Strings that come close to what the parsers accept.
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map((plain) => ({ plain })) },
);

const make = (r: Recipe): unknown => ("hostile" in r ? (HOSTILE[r.hostile] ?? boom)() : r.plain);

/** What calling the parser did: `"Result"`, `"other"` with the value, or `"threw"` with the error. */
function call(name: string, parse: (...args: unknown[]) => unknown, args: unknown[]): string {
  let out: unknown;
  try {
    out = parse(...args);
  } catch (e) {
    return `${name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : "a non-Error"}`;
  }
  const check = NOT_RESULT[name];
  if (check !== undefined) return check(out) ? `${name}: ok` : `${name}: returned an unexpected value`;
  if (out instanceof Ok) return `${name}: ok`;
  if (out instanceof Err) {
    const error = out.error as { code?: unknown; message?: unknown };
    return typeof error.code === "string" && typeof error.message === "string"
      ? `${name}: ok`
      : `${name}: Err without a coded error`;
  }
  return `${name}: returned something other than a Result`;
}

describe("public parsers", () => {
  it("are found by the naming convention (parse*, validate*, *FromJson)", () => {
    const names = parsers.map(([n]) => n);
    // The three that threw in issue 13, and at least as many as when this test was written.
    for (const n of ["parseInstant", "parseId", "parseSignatureAlgorithm"]) expect(names).toContain(n);
    expect(names.length).toBeGreaterThanOrEqual(18);
    for (const n of Object.keys(NOT_RESULT)) expect(names).toContain(n);
  });

  test.prop([fc.array(recipe, { minLength: 1, maxLength: 3 })], { numRuns: 300 })(
    "return a Result for any input, whatever its prototype, getters or Proxy traps (never throw)",
    (recipes) => {
      for (const [name, parse] of parsers) {
        // Fresh values for each parser: one may have been consumed by the previous parser.
        expect(call(name, parse, recipes.map(make))).toBe(`${name}: ok`);
      }
    },
  );

  it("every hostile value, in every argument position", () => {
    for (const [what, value] of Object.entries(HOSTILE)) {
      for (const [name, parse] of parsers) {
        for (const at of [0, 1, 2]) {
          const args: unknown[] = ["x", "x", "x"].slice(0, at + 1);
          args[at] = value();
          expect(`${what} at ${at}: ${call(name, parse, args)}`).toBe(`${what} at ${at}: ${name}: ok`);
        }
      }
    }
  });
});
