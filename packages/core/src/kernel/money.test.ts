import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  addFen,
  type Fen,
  FenSchema,
  formatYuan,
  multiplyFen,
  parseYuan,
  percentOf,
  type Rounding,
  subtractFen,
  sumFen,
  toChineseUppercase,
  yuanToFen,
} from "./money.js";

const fen = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
/** Mostly realistic amounts (up to 10 million yuan), sometimes anything. */
const amount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000_000 }), fen);

describe("FenSchema", () => {
  it("accepts non-negative safe integers only", () => {
    expect(FenSchema.safeParse(0).success).toBe(true);
    expect(FenSchema.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true);
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, "100"]) {
      expect(FenSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it("refuses an amount above the largest safe integer with a Chinese message, not zod's default", () => {
    for (const big of [Number.MAX_SAFE_INTEGER + 1, 2 ** 60, 1e300]) {
      const issues = FenSchema.safeParse(big).error?.issues ?? [];
      expect(issues.length, String(big)).toBeGreaterThan(0);
      for (const i of issues) expect(i.message).toContain("金额超出可表示范围");
    }
    expect(FenSchema.safeParse(-1).error?.issues[0]?.message).toBe("金额不能为负数");
    expect(FenSchema.safeParse(0.5).error?.issues[0]?.message).toContain("整数分");
  });

  // Hostile numbers (beyond 2^53, fractions, NaN, ±Infinity, -0) and other types: parsing
  // never throws, and what it accepts is exactly what `isFen` accepts — so every accepted
  // amount has an exact JSON form (canonicalJson refuses unsafe integers).
  test.prop([
    fc.oneof(
      fc.integer(),
      fc.double(),
      fc.bigInt().map((b) => Number(b)),
      fc.bigInt(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -0, 2 ** 53, 2 ** 64),
      fc.string(),
      fc.constant(null),
    ),
  ])("parse never throws and accepts exactly the non-negative safe integers", (value) => {
    const r = FenSchema.safeParse(value);
    expect(r.success).toBe(typeof value === "number" && Number.isSafeInteger(value) && value >= 0);
    if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
  });
});

describe("yuanToFen", () => {
  it.each([
    ["0", 0],
    ["0.01", 1],
    ["12000.5", 1_200_050],
    ["12000.50", 1_200_050],
    ["200", 20_000],
    ["90071992547409.91", Number.MAX_SAFE_INTEGER],
  ])("%s → %i fen", (s, expected) => {
    expect(yuanToFen(s)._unsafeUnwrap()).toBe(expected);
  });

  it.each([["12.345"], ["-1"], ["1e3"], ["NaN"], [""], ["12,000"], [".5"], ["12."], ["¥1"], [" 1"], ["１"]])(
    "refuses %j as MONEY_INVALID",
    (s) => {
      expect(yuanToFen(s)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
    },
  );

  it("refuses a JS number, even an exact one", () => {
    expect(yuanToFen(12.5 as unknown as string)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
  });

  it("refuses amounts beyond the safe range as MONEY_OUT_OF_RANGE", () => {
    expect(yuanToFen("90071992547409.92")._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(yuanToFen("1000000000000000000")._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
  });
});

describe("parseYuan", () => {
  it.each([
    ["12000.5", 1_200_050],
    ["12,000.50", 1_200_050],
    ["1,234,567.89", 123_456_789],
    ["¥1,680.32", 168_032],
    ["￥107,000.53", 10_700_053],
    ["１２０００元", 1_200_000],
    ["１２，０００．５", 1_200_050],
    ["1.2万", 1_200_000],
    ["1.2万元", 1_200_000],
    ["1.234567万", 1_234_567],
    ["3亿", 30_000_000_000],
    ["  12  ", 1_200],
    ["007", 700],
  ])("%s → %i fen", (s, expected) => {
    expect(parseYuan(s)._unsafeUnwrap()).toBe(expected);
  });

  it.each([
    ["12.345"],
    ["-1"],
    ["-0"],
    ["+1"],
    ["1e3"],
    ["1E3"],
    ["NaN"],
    ["Infinity"],
    [""],
    ["   "],
    ["1,2345"],
    ["12,34.5"],
    [",123"],
    [".5"],
    ["12."],
    ["0x10"],
    ["1 000"],
    ["1.2345678万"],
    ["万"],
    ["元"],
    ["12元5角"],
  ])("refuses %j as MONEY_INVALID", (s) => {
    expect(parseYuan(s)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
  });

  it.each([[12.5], [null], [undefined], [1200n]])("refuses the non-string %s", (v) => {
    expect(parseYuan(v)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
  });

  it("refuses amounts beyond the safe range as MONEY_OUT_OF_RANGE", () => {
    expect(parseYuan("90,071,992,547,409.92")._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(parseYuan("1000000亿")._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
  });

  test.prop([fen])("parseYuan(formatYuan(x)) = x, grouped or plain", (x) => {
    expect(parseYuan(formatYuan(x))._unsafeUnwrap()).toBe(x);
    expect(parseYuan(formatYuan(x, { grouping: false }))._unsafeUnwrap()).toBe(x);
    expect(yuanToFen(formatYuan(x, { grouping: false }))._unsafeUnwrap()).toBe(x);
  });

  test.prop([fc.integer({ min: 0, max: 90_071_992 }), fc.integer({ min: 0, max: 999_999 })])(
    "x万 with up to six decimals is x × 1,000,000 fen plus the decimals",
    (whole, frac) => {
      const s = `${whole}.${String(frac).padStart(6, "0")}万`;
      expect(parseYuan(s)._unsafeUnwrap()).toBe(whole * 1_000_000 + frac);
    },
  );
});

describe("formatYuan", () => {
  it.each([
    [0, "0.00", "0.00"],
    [1, "0.01", "0.01"],
    [50, "0.50", "0.50"],
    [100, "1.00", "1.00"],
    [1_200_050, "12,000.50", "12000.50"],
    [100_000_000, "1,000,000.00", "1000000.00"],
    [Number.MAX_SAFE_INTEGER, "90,071,992,547,409.91", "90071992547409.91"],
  ])("%i fen → %s / %s", (x, grouped, plain) => {
    expect(formatYuan(x)).toBe(grouped);
    expect(formatYuan(x, { grouping: false })).toBe(plain);
  });

  it("throws on a value that is not fen (a bug, not input)", () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(-1)).toThrow(RangeError);
  });
});

describe("toChineseUppercase — 《正确填写票据和结算凭证的基本规定》", () => {
  it.each([
    // The standard's own examples (rule 4), in the form this SDK writes.
    ["1409.50", "人民币壹仟肆佰零玖元伍角"],
    ["6007.14", "人民币陆仟零柒元壹角肆分"],
    ["1680.32", "人民币壹仟陆佰捌拾元叁角贰分"],
    ["107000.53", "人民币壹拾万柒仟元伍角叁分"],
    ["16409.02", "人民币壹万陆仟肆佰零玖元零贰分"],
    ["325.04", "人民币叁佰贰拾伍元零肆分"],
    // 整 after 元 only; none after 角 or 分.
    ["12000", "人民币壹万贰仟元整"],
    ["10.50", "人民币壹拾元伍角"],
    ["101.05", "人民币壹佰零壹元零伍分"],
    ["0", "人民币零元整"],
    ["0.50", "人民币伍角"],
    ["0.05", "人民币伍分"],
    ["0.55", "人民币伍角伍分"],
    ["1", "人民币壹元整"],
    ["1.01", "人民币壹元零壹分"],
    // 壹拾 at the start; 零 inside; sections.
    ["10", "人民币壹拾元整"],
    ["15", "人民币壹拾伍元整"],
    ["20", "人民币贰拾元整"],
    ["110", "人民币壹佰壹拾元整"],
    ["1010", "人民币壹仟零壹拾元整"],
    ["10005", "人民币壹万零伍元整"],
    ["100000", "人民币壹拾万元整"],
    ["100500", "人民币壹拾万零伍佰元整"],
    ["1000500", "人民币壹佰万零伍佰元整"],
    ["1680000", "人民币壹佰陆拾捌万元整"],
    ["100000000", "人民币壹亿元整"],
    ["100001000", "人民币壹亿零壹仟元整"],
    ["100010000", "人民币壹亿零壹万元整"],
    ["110000000", "人民币壹亿壹仟万元整"],
    ["1000000000", "人民币壹拾亿元整"],
    ["123456789.12", "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"],
    ["1000000000000", "人民币壹万亿元整"],
    ["1000000010000", "人民币壹万亿零壹万元整"],
    ["90071992547409.91", "人民币玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分"],
  ])("¥%s → %s", (yuan, expected) => {
    expect(toChineseUppercase(yuanToFen(yuan)._unsafeUnwrap())).toBe(expected);
  });

  it("can leave out 人民币 where the form prints it", () => {
    expect(toChineseUppercase(1_200_000, { prefix: false })).toBe("壹万贰仟元整");
  });

  it("throws on a value that is not fen", () => {
    expect(() => toChineseUppercase(-100)).toThrow(RangeError);
  });

  test.prop([amount])("starts 人民币, has no Arabic digits, ends 整 / 角 / 分", (x) => {
    const s = toChineseUppercase(x);
    expect(s.startsWith("人民币")).toBe(true);
    expect(s).not.toMatch(/[0-9０-９]/);
    expect(s).toMatch(/(?:元整|角|分)$/);
    expect(s).toMatch(/^人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
  });

  test.prop([amount])("零 is never doubled, never before a unit, never first (except zero)", (x) => {
    const body = toChineseUppercase(x).slice(3);
    if (x === 0) {
      expect(body).toBe("零元整");
      return;
    }
    expect(body).not.toContain("零零");
    expect(body).not.toMatch(/零[拾佰仟万亿元角分整]/);
    expect(body.startsWith("零")).toBe(false);
  });

  test.prop([amount])("reads back to the same amount (an independent decoder)", (x) => {
    expect(decodeUppercase(toChineseUppercase(x))).toBe(x);
  });
});

/** Reads capital numerals back to fen, independently of the encoder. */
function decodeUppercase(s: string): number {
  const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
  const UNIT: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  const small = (t: string): number => {
    let total = 0;
    let digit = 0;
    for (const ch of t) {
      if (ch in DIGIT) digit = DIGIT[ch] as number;
      else if (ch in UNIT) {
        total += digit * (UNIT[ch] as number);
        digit = 0;
      } else throw new Error(`unexpected ${ch} in ${s}`);
    }
    return total + digit;
  };
  const withWan = (t: string): number => {
    const i = t.lastIndexOf("万");
    return i < 0 ? small(t) : withWan(t.slice(0, i)) * 10_000 + small(t.slice(i + 1));
  };
  const integer = (t: string): number => {
    const i = t.lastIndexOf("亿");
    return i < 0 ? withWan(t) : integer(t.slice(0, i)) * 100_000_000 + withWan(t.slice(i + 1));
  };
  const body = s.replace(/^人民币/, "").replace(/整$/, "");
  const [yuanPart, rest] = body.includes("元") ? (body.split("元") as [string, string]) : ["", body];
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(rest);
  const fenM = /([壹贰叁肆伍陆柒捌玖])分/.exec(rest);
  return (
    integer(yuanPart) * 100 +
    (jiao ? (DIGIT[jiao[1] as string] as number) * 10 : 0) +
    (fenM ? (DIGIT[fenM[1] as string] as number) : 0)
  );
}

describe("arithmetic", () => {
  it("adds, sums, subtracts and multiplies exactly", () => {
    expect(addFen(1, 2)._unsafeUnwrap()).toBe(3);
    expect(sumFen([100, 250, 1])._unsafeUnwrap()).toBe(351);
    expect(sumFen([])._unsafeUnwrap()).toBe(0);
    expect(subtractFen(500, 200)._unsafeUnwrap()).toBe(300);
    expect(multiplyFen(300, 7)._unsafeUnwrap()).toBe(2100);
  });

  it("refuses overflow, negatives and non-fen with coded errors", () => {
    expect(addFen(Number.MAX_SAFE_INTEGER, 1)._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(sumFen([Number.MAX_SAFE_INTEGER, 1])._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(subtractFen(1, 2)._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(multiplyFen(Number.MAX_SAFE_INTEGER, 2)._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
    expect(addFen(0.5, 1)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
    expect(sumFen([1, -1])._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
    expect(multiplyFen(1, 1.5)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it.each<[number, number, Rounding, number]>([
    [100_000, 300, "down", 3_000], // 3% of 1,000 yuan = 30 yuan
    [333, 300, "down", 9], // 9.99 fen
    [333, 300, "up", 10],
    [333, 300, "halfUp", 10],
    [150, 100, "halfUp", 2], // 1.5 fen
    [150, 100, "halfEven", 2],
    [250, 100, "halfEven", 2], // 2.5 fen → 2
    [250, 100, "halfUp", 3],
    [249, 100, "halfUp", 2],
    [1, 0, "up", 0],
    [100, 10_000, "down", 100],
    [100, 25_000, "down", 250],
  ])("percentOf(%i, %i bp, %s) = %i", (x, bp, rounding, expected) => {
    expect(percentOf(x, bp, rounding)._unsafeUnwrap()).toBe(expected);
  });

  it("computes the Art. 72 late-payment surcharge without floats, capped at the fine", () => {
    // 行政处罚法 Art. 72 para. 1 (1): 3% of the fine a day, never more than the fine.
    const fine = yuanToFen("1234.56")._unsafeUnwrap();
    const surcharge = (days: number): Fen => Math.min(percentOf(fine, 300 * days, "down")._unsafeUnwrap(), fine);
    expect(surcharge(1)).toBe(3_703); // 37.0368 yuan → 37.03
    expect(surcharge(10)).toBe(37_036);
    expect(surcharge(34)).toBe(fine); // 102% → capped
  });

  it("refuses bad rates and roundings", () => {
    expect(percentOf(100, -1, "down")._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(percentOf(100, 0.5, "down")._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(percentOf(100, 1, "nearest" as Rounding)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(percentOf(-100, 1, "down")._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
    expect(percentOf(Number.MAX_SAFE_INTEGER, 20_000, "down")._unsafeUnwrapErr().code).toBe("MONEY_OUT_OF_RANGE");
  });

  test.prop([amount, fc.integer({ min: 0, max: 100_000 })])(
    "down ≤ halfEven, halfUp ≤ up, all within one fen of the exact share",
    (x, bp) => {
      const exact = BigInt(x) * BigInt(bp);
      const get = (r: Rounding): number => percentOf(x, bp, r).unwrapOr(-1);
      const down = get("down");
      if (down < 0) return; // out of range for this pair
      expect(BigInt(down) * 10_000n <= exact && exact < (BigInt(down) + 1n) * 10_000n).toBe(true);
      const up = get("up");
      expect(up - down).toBe(exact % 10_000n === 0n ? 0 : 1);
      for (const r of ["halfUp", "halfEven"] as const) {
        expect(get(r) >= down && get(r) <= up).toBe(true);
      }
    },
  );

  test.prop([fc.integer({ min: 0, max: 1_000_000_000 }), fc.nat({ max: 20_000 }), fc.nat({ max: 20_000 })])(
    "monotone in the rate",
    (x, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(percentOf(x, lo, "down")._unsafeUnwrap()).toBeLessThanOrEqual(percentOf(x, hi, "down")._unsafeUnwrap());
    },
  );

  test.prop([fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 2 ** 50 })])(
    "subtractFen undoes addFen",
    (a, b) => {
      expect(subtractFen(addFen(a, b)._unsafeUnwrap(), b)._unsafeUnwrap()).toBe(a);
    },
  );
});
