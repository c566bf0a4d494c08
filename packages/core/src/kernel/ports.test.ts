import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { SanxiangError } from "./errors.js";
import {
  type Clock,
  cryptoRandom,
  fixedClock,
  GeneratedIdSchema,
  IdSchema,
  manualClock,
  parseId,
  type RandomSource,
  randomIds,
  seededRandom,
  sequentialIds,
} from "./ports.js";
import { epochMillis, instantFromEpochMillis, isCivilDate, isInstant } from "./time.js";

const T0 = "2026-05-01T02:30:00Z";

describe("epoch conversions", () => {
  it("agree with Date for known instants", () => {
    for (const s of [
      T0,
      "1970-01-01T00:00:00Z",
      "2024-02-29T23:59:59.999Z",
      "1969-12-31T23:59:59.5Z",
      "9999-12-31T23:59:59Z",
    ]) {
      expect(epochMillis(s), s).toBe(Date.parse(s));
    }
  });

  test.prop([fc.integer({ min: -30_000_000_000_000, max: 253_402_300_799_999 })])(
    "round-trip and match Date.toISOString",
    (ms) => {
      const s = instantFromEpochMillis(ms);
      expect(isInstant(s)).toBe(true);
      expect(epochMillis(s)).toBe(ms);
      expect(s).toBe(new Date(ms).toISOString().replace(".000Z", "Z"));
    },
  );

  // isInstant and epochMillis read instants by character code: held to the regular expression
  // they replaced (and Date) on strings near an instant — any character changed, removed or
  // added, fractions of one to three digits, out-of-range fields.
  const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;
  const byRegex = (value: unknown): boolean => {
    if (typeof value !== "string") return false;
    const m = INSTANT_RE.exec(value);
    if (m === null || !isCivilDate(m[1])) return false;
    return Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
  };
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  // Fields a little beyond their ranges (month 13, hour 24, second 60 …), fractions of 0–4
  // digits (a dot alone too), other separators and endings, then up to two characters
  // changed, removed or added anywhere.
  const nearInstant = fc
    .tuple(
      fc.record({
        year: fc.integer({ min: 990, max: 10_000 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.oneof(fc.constant(""), fc.stringMatching(/^\.\d{0,4}$/)),
        t: fc.constantFrom("T", "T", "T", "t", " "),
        z: fc.constantFrom("Z", "Z", "Z", "z", "a", "", "ZZ", "+08:00"),
      }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom("", "0", "9", "a", "-", ":", ".", "Z", "T", " ", "٣")), {
        maxLength: 2,
      }),
    )
    .map(([f, edits]) => {
      let s = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}${f.t}${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${f.fraction}${f.z}`;
      for (const [at, text] of edits) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + text + s.slice(i + (text.length === 0 || at % 2 === 0 ? 1 : 0));
      }
      return s;
    });
  test.prop([fc.oneof(nearInstant, fc.string({ maxLength: 26 }), fc.anything())], { numRuns: 2_000 })(
    "isInstant accepts exactly what the regular expression with a real date and time does; epochMillis agrees with Date",
    (value) => {
      expect(isInstant(value)).toBe(byRegex(value));
      if (isInstant(value)) expect(epochMillis(value)).toBe(Date.parse(value));
    },
  );

  it("refuses non-integers", () => {
    expect(() => instantFromEpochMillis(1.5)).toThrow(RangeError);
  });
});

describe("Clock fakes", () => {
  it("fixedClock always says the same instant", () => {
    const clock: Clock = fixedClock(T0);
    expect(clock.specificationVersion).toBe(1);
    expect(clock.now()).toBe(T0);
    expect(clock.now()).toBe(T0);
  });

  it("refuses an invalid instant with INSTANT_INVALID", () => {
    const thrown = (() => {
      try {
        fixedClock("2026-05-01 02:30");
      } catch (e) {
        return e;
      }
    })();
    expect(SanxiangError.isInstance(thrown) && thrown.code).toBe("INSTANT_INVALID");
    expect(() => manualClock("yesterday")).toThrow();
  });

  it("manualClock stands still until advanced or set", () => {
    const clock = manualClock(T0);
    expect(clock.now()).toBe(T0);
    expect(clock.advance(1_500)).toBe("2026-05-01T02:30:01.500Z");
    expect(clock.now()).toBe("2026-05-01T02:30:01.500Z");
    expect(clock.advance(86_400_000 - 1_500)).toBe("2026-05-02T02:30:00Z");
    clock.set("2020-01-01T00:00:00Z");
    expect(clock.now()).toBe("2020-01-01T00:00:00Z");
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(0.5)).toThrow(RangeError);
  });

  test.prop([fc.array(fc.nat({ max: 10 ** 10 }), { maxLength: 20 })])(
    "manualClock: the clock moves by exactly the sum of its steps",
    (steps) => {
      const clock = manualClock(T0);
      for (const s of steps) clock.advance(s);
      expect(epochMillis(clock.now()) - epochMillis(T0)).toBe(steps.reduce((a, b) => a + b, 0));
    },
  );
});

describe("RandomSource", () => {
  it("cryptoRandom fills every byte, also beyond 65,536 bytes", () => {
    const r = cryptoRandom();
    const big = new Uint8Array(200_000);
    r.fill(big);
    // 200,000 random bytes all zero in the last chunk is essentially impossible.
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true);
  });

  it("seededRandom repeats for a seed and differs between seeds", () => {
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    const c = new Uint8Array(32);
    seededRandom(42).fill(a);
    seededRandom(42).fill(b);
    seededRandom(43).fill(c);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe("ids", () => {
  it("IdSchema / parseId accept identifiers and refuse others with ID_INVALID", () => {
    for (const ok of ["case_01JTF4W3S5Q4ZQ3M8N2B6K7D9X", "officer-0042", "91110000MA01ABCD1X", "a", "x.y:z"]) {
      expect(parseId(ok)._unsafeUnwrap()).toBe(ok);
    }
    for (const bad of ["", " a", "a b", "-a", "案件1", "a".repeat(129), 42, null]) {
      expect(parseId(bad)._unsafeUnwrapErr().code).toBe("ID_INVALID");
    }
  });

  it("sequentialIds counts up in the generated-id form", () => {
    const ids = sequentialIds();
    expect(ids.specificationVersion).toBe(1);
    expect(ids.next("case")).toBe("case_00000000000000000000000001");
    expect(ids.next()).toBe("00000000000000000000000002");
    expect(ids.next("evt")).toBe("evt_00000000000000000000000003");
    expect(sequentialIds(32).next()).toBe("00000000000000000000000010");
    expect(() => ids.next("Case")).toThrow(RangeError);
    expect(() => ids.next("")).toThrow(RangeError);
  });

  it("randomIds puts the clock's time first (ULID) and the random source after", () => {
    const ids = randomIds({ clock: fixedClock("2016-07-30T22:36:16.385Z"), random: seededRandom(1) });
    const id = ids.next("case");
    expect(GeneratedIdSchema.safeParse(id).success).toBe(true);
    expect(IdSchema.safeParse(id).success).toBe(true);
    // 1469918176385 ms is 01ARYZ6S41 in the ULID spec's example.
    expect(id.slice(5, 15)).toBe("01ARYZ6S41");
    const again = randomIds({ clock: fixedClock("2016-07-30T22:36:16.385Z"), random: seededRandom(1) });
    expect(again.next("case")).toBe(id);
  });

  it("randomIds uses the platform's crypto by default", () => {
    const a = randomIds({ clock: fixedClock(T0) }).next();
    const b = randomIds({ clock: fixedClock(T0) }).next();
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a).not.toBe(b);
  });

  it("increments within one millisecond, even past a carry", () => {
    const maxed: RandomSource = { specificationVersion: 1, fill: (bytes) => bytes.fill(0xff) };
    const ids = randomIds({ clock: fixedClock(T0), random: maxed });
    const first = ids.next();
    const second = ids.next(); // random part overflows: borrows the next millisecond
    expect(first.endsWith("ZZZZZZZZZZZZZZZZ")).toBe(true);
    expect(second > first).toBe(true);
    expect(second.endsWith("0000000000000000")).toBe(true);
  });

  test.prop([fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 200 }), fc.integer()])(
    "ids of one generator strictly increase, whatever the clock does",
    (moves, seed) => {
      const clock = manualClock(T0);
      const ids = randomIds({ clock, random: seededRandom(seed) });
      let previous = "";
      for (const move of moves) {
        clock.set(instantFromEpochMillis(epochMillis(clock.now()) + move));
        const id = ids.next("evt");
        expect(GeneratedIdSchema.safeParse(id).success).toBe(true);
        expect(id > previous).toBe(true);
        previous = id;
      }
    },
  );
});
