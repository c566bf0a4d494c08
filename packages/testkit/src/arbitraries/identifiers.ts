import { orgCodeCheckChar, residentIdCheckChar, USCC_CHARSET, USCC_ENTITY_TYPES, usccCheckChar } from "@sanxiang/core";
import fc from "fast-check";
import { type CivilDateRange, civilDate, type DivisionCodeOptions, divisionCode } from "./primitives.js";

/** Options of {@link residentId}. */
export interface ResidentIdOptions {
  /**
   * Range of the birth date (positions 7–14). Default 1940-01-01 … 2000-12-31: adults on
   * every day of the calendar's coverage, so `validateResidentId(id, { asOf })` accepts the
   * number for any `asOf` in it.
   */
  readonly birthDate?: CivilDateRange;
  /** 性别 — the holder's sex (the parity of the 17th digit); default either. */
  readonly sex?: "male" | "female";
  /** Options of the 地址码 (positions 1–6); default county-level codes. */
  readonly region?: DivisionCodeOptions;
}

/**
 * 公民身份号码 — a valid 18-character resident ID number (GB 11643-1999): a division code, a
 * real birth date, a three-digit sequence whose last digit gives the sex (odd: male), and
 * the ISO 7064 MOD 11-2 check character (`0`–`9` or `X`). Every value passes core's
 * `validateResidentId` for an `asOf` not before the birth date.
 */
export function residentId(options: ResidentIdOptions = {}): fc.Arbitrary<string> {
  const birth = civilDate({ min: options.birthDate?.min ?? "1940-01-01", max: options.birthDate?.max ?? "2000-12-31" });
  const parity =
    options.sex === undefined ? fc.integer({ min: 0, max: 1 }) : fc.constant(options.sex === "male" ? 1 : 0);
  return fc
    .record({
      region: divisionCode({ levels: ["county"], ...options.region }),
      birth,
      seq: fc.integer({ min: 0, max: 99 }),
      half: fc.integer({ min: 0, max: 4 }),
      parity,
    })
    .map(({ region, birth, seq, half, parity }) => {
      const body = `${region}${birth.replaceAll("-", "")}${String(seq).padStart(2, "0")}${2 * half + parity}`;
      return `${body}${residentIdCheckChar(body) ?? ""}`;
    });
}

/** Options of {@link creditCode}. */
export interface CreditCodeOptions {
  /**
   * Positions 1–2 to draw from (登记管理部门代码 + 机构类别代码, e.g. `"91"` 工商·企业, `"31"`
   * 司法行政·律师执业机构); default every pair of GB 32100-2015 Table 1.
   */
  readonly types?: readonly string[];
  /** Options of the 登记管理机关行政区划码 (positions 3–8). */
  readonly region?: DivisionCodeOptions;
}

const USCC_TYPES: readonly string[] = Object.entries(USCC_ENTITY_TYPES).flatMap(([a, types]) =>
  Object.keys(types).map((t) => `${a}${t}`),
);

/**
 * 统一社会信用代码 — a valid 18-character unified social credit code (GB 32100-2015): a known
 * registration authority and entity type, a division code, a nine-character 主体标识码 — an
 * organisation code (GB 11714: eight characters of the code's 31-character set and its MOD 11
 * check character, as every real code carries) — and the MOD 31 check character. Every value
 * passes core's `validateUscc` with its default (strict) options, and `orgCodeCheckChar`.
 */
export function creditCode(options: CreditCodeOptions = {}): fc.Arbitrary<string> {
  const types = options.types ?? USCC_TYPES;
  for (const t of types) {
    if (!USCC_TYPES.includes(t)) throw new RangeError(`creditCode: unknown authority/type pair ${t}`);
  }
  return fc
    .record({
      type: fc.constantFrom(...types),
      region: divisionCode(options.region),
      org: fc.array(fc.integer({ min: 0, max: USCC_CHARSET.length - 1 }), { minLength: 8, maxLength: 8 }),
    })
    .map(({ type, region, org }) => {
      const orgBody = org.map((i) => USCC_CHARSET[i]).join("");
      const body = `${type}${region}${orgBody}${orgCodeCheckChar(orgBody) ?? ""}`;
      return `${body}${usccCheckChar(body) ?? ""}`;
    });
}

// Mobile number segments (号段) assigned by MIIT to the three operators and the virtual operators.
const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "145",
  "147",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "170",
  "171",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "184",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "193",
  "195",
  "196",
  "197",
  "198",
  "199",
] as const;

/** 手机号码 — an 11-digit mainland mobile number on a real 号段 (`1[3-9]x…`). */
export function mobileNumber(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.integer({ min: 0, max: 99_999_999 }))
    .map(([p, n]) => `${p}${String(n).padStart(8, "0")}`);
}

// Common surnames (百家姓, by frequency) and a few compound ones; given-name characters.
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容"];
const GIVEN = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇浩然欣怡婷雪梅海波志国庆新春晓东林峰琳晨阳佳颖嘉诚",
];

/** Options of {@link chineseName}. */
export interface ChineseNameOptions {
  /** Share of compound surnames (复姓, e.g. 欧阳), 0 … 1; default 0.05. */
  readonly compoundShare?: number;
}

/** 姓名 — a plausible Chinese personal name: a common surname and one or two given-name characters. */
export function chineseName(options: ChineseNameOptions = {}): fc.Arbitrary<string> {
  const share = options.compoundShare ?? 0.05;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`chineseName: compoundShare ${share} not in 0 … 1`);
  const compound = Math.round(share * 100);
  const surname = fc.oneof(
    ...(compound < 100 ? [{ weight: 100 - compound, arbitrary: fc.constantFrom(...SURNAMES) }] : []),
    ...(compound > 0 ? [{ weight: compound, arbitrary: fc.constantFrom(...COMPOUND_SURNAMES) }] : []),
  );
  return fc
    .tuple(surname, fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
    .map(([s, g]) => `${s}${g.join("")}`);
}

const PLACES = ["中卫市", "银川市", "吴忠市", "石嘴山市", "固原市", "沙坡头区", "中宁县", "海原县"];
const BRANDS = [..."华鑫恒泰宏远金源瑞丰永盛嘉禾天成润达博隆"];
const INDUSTRIES: Readonly<Record<"company" | "lawFirm" | "individual" | "association", readonly string[]>> = {
  company: ["商贸", "餐饮管理", "建筑工程", "信息技术", "物业服务", "旅游服务", "枸杞销售", "医药"],
  lawFirm: ["律师事务所"],
  individual: ["百货店", "小吃店", "五金店", "水果店", "理发店"],
  association: ["行业协会", "商会", "志愿者协会"],
};
const COMPANY_SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司"];

/** Options of {@link organisationName}. */
export interface OrganisationNameOptions {
  /** The kind of organisation the name reads as; default any. */
  readonly kind?: "company" | "lawFirm" | "individual" | "association";
}

/** 名称 — a plausible organisation name: place, two brand characters, trade and legal form (e.g. `中卫市华鑫商贸有限公司`). */
export function organisationName(options: OrganisationNameOptions = {}): fc.Arbitrary<string> {
  const kinds =
    options.kind === undefined ? (["company", "lawFirm", "individual", "association"] as const) : [options.kind];
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      place: fc.constantFrom(...PLACES),
      brand: fc.array(fc.constantFrom(...BRANDS), { minLength: 2, maxLength: 2 }),
      trade: fc.nat(),
      suffix: fc.constantFrom(...COMPANY_SUFFIXES),
    })
    .map(({ kind, place, brand, trade, suffix }) => {
      const list = INDUSTRIES[kind];
      const t = list[trade % list.length] ?? "";
      return `${place}${brand.join("")}${t}${kind === "company" ? suffix : ""}`;
    });
}
