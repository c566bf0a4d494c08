import {
  ACTION_CATEGORIES,
  DISCLOSURE_KINDS,
  type DisclosureContent,
  type DisclosureKind,
  orgCodeCheckChar,
  validateUscc,
} from "@sanxiang/core";
import fc from "fast-check";
import { chineseName, creditCode, mobileNumber, residentId } from "./identifiers.js";
import { civilDate } from "./primitives.js";

/** 公示文本 — a text of a disclosure with the personal numbers embedded in it. */
export interface TextWithPersonalData {
  /** The text (trimmed, never empty). */
  readonly text: string;
  /** The valid resident ID numbers and mobile numbers embedded in it, as embedded. */
  readonly secrets: readonly string[];
}

// What may stand right beside an embedded number: nothing, digits (the number then sits in
// a longer run), ASCII and full-width punctuation, full-width letters and digits, labels.
const BESIDE = [
  "",
  " ",
  "，",
  "。",
  "：",
  ":",
  "（",
  "）",
  "(",
  ")",
  "-",
  "/",
  "、",
  "Ｘ",
  "ａ",
  "＃",
  "１２",
  "号",
  "电话",
  "身份证",
  "\u3000",
  "＊",
] as const;
const FILLER_CHARS = [..."经查当事人于年月日在中卫市销售商品违法事实清楚证据确凿依据规定处罚款元abcXx "];

/** Text around an embedded number: Chinese and ASCII filler, or a short digit run. */
function filler(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.constantFrom(...FILLER_CHARS), { maxLength: 8 }).map((cs) => cs.join("")),
    fc.stringMatching(/^\d{0,4}$/),
  );
}

/**
 * A valid resident ID number or an 11-digit mobile number — the two kinds of number the
 * redaction property is about (both pass core's checks: the ID its GB 11643 check
 * character, the mobile a real 号段).
 */
export function personalNumber(): fc.Arbitrary<string> {
  return fc.oneof(residentId({ birthDate: { min: "1940-01-01", max: "2010-12-31" } }), mobileNumber());
}

/**
 * Does `text` hold a public 统一社会信用代码 (valid under GB 32100, its positions 9–17 a
 * well-formed GB 11714 organisation code) that takes in one of `secrets`? Digits around a
 * number can, once in a few thousand texts, make such a code — and a credit code is public.
 */
function secretInsideCreditCode(text: string, secrets: readonly string[]): boolean {
  const t = text.normalize("NFKC").toUpperCase();
  for (const m of t.matchAll(/(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/g)) {
    const code = m[0];
    if (validateUscc(code).isErr() || orgCodeCheckChar(code.slice(8, 16)) !== code[16]) continue;
    if (secrets.some((s) => code.includes(s))) return true;
  }
  return false;
}

/**
 * 含个人信息的文本 — a text with one to three personal numbers embedded at odd places:
 * digits, punctuation, full-width characters or nothing at all right beside them. Never
 * one whose neighbours make it part of a valid credit code (that one is public, and kept).
 */
export function textWithPersonalData(): fc.Arbitrary<TextWithPersonalData> {
  const part = fc
    .tuple(filler(), fc.constantFrom(...BESIDE), personalNumber(), fc.constantFrom(...BESIDE))
    .map(([f, l, n, r]) => ({ text: `${f}${l}${n}${r}`, secret: n }));
  return fc
    .tuple(fc.array(part, { minLength: 1, maxLength: 3 }), filler())
    .map(([parts, tail]) => ({
      text: `${parts.map((p) => p.text).join("")}${tail}`.trim(),
      secrets: parts.map((p) => p.secret),
    }))
    .filter((t) => !secretInsideCreditCode(t.text, t.secrets));
}

/** 含个人信息的公示内容 — a disclosure content and the personal numbers embedded in it. */
export interface ContentWithPersonalData {
  /** The content: every text field holds at least one personal number. */
  readonly content: DisclosureContent;
  /** Every number embedded, in any field. */
  readonly secrets: readonly string[];
}

/** Options of {@link disclosureContents}. */
export interface DisclosureContentOptions {
  /** Kinds to draw from (default all). */
  readonly kinds?: readonly DisclosureKind[];
}

/** Builds the content of a kind from a source of texts (one call per text field). */
function contentOf(
  kind: DisclosureKind,
  next: () => string,
  date: string,
  n: number,
  category: (typeof ACTION_CATEGORIES)[number],
): DisclosureContent {
  const list = () => Array.from({ length: n }, next);
  switch (kind) {
    case "body":
      return {
        kind,
        name: next(),
        nature: next(),
        authority: list(),
        categories: list(),
        address: next(),
        phone: next(),
      };
    case "officer":
      return {
        kind,
        name: next(),
        bodyName: next(),
        certificateNumber: next(),
        categories: list(),
        post: next(),
        validUntil: date,
      };
    case "power":
      return {
        kind,
        code: next(),
        name: next(),
        powerKind: next(),
        basis: list(),
        bodyName: next(),
        unit: next(),
        supervision: next(),
        supervisionPhone: next(),
        accountability: list(),
      };
    case "serviceGuide":
      return {
        kind,
        itemCode: next(),
        name: next(),
        basis: list(),
        acceptingBody: next(),
        approvingBody: next(),
        conditions: list(),
        materials: list(),
        process: list(),
        timeLimit: next(),
        supervision: next(),
        officeHours: next(),
        address: next(),
        phone: next(),
      };
    case "flowchart":
      return {
        kind,
        name: next(),
        chart: {
          procedure: next(),
          steps: Array.from({ length: n }, () => ({ id: next(), name: next() })),
          transitions: Array.from({ length: n }, () => ({ from: next(), to: next(), label: next() })),
        },
      };
    case "inspectionItem":
      return {
        kind,
        code: next(),
        name: next(),
        subItem: next(),
        bodyName: next(),
        targets: next(),
        basis: list(),
        methods: list(),
        ratio: next(),
        timesPerYear: n,
      };
    case "benchmark":
      return {
        kind,
        name: next(),
        basis: list(),
        tiers: Array.from({ length: n }, () => ({ circumstance: next(), penalty: next() })),
      };
    case "enforcementAct":
      return {
        kind,
        act: next(),
        actOn: date,
        officers: Array.from({ length: n }, () => ({ name: next(), certificateNumber: next() })),
        documents: list(),
        party: { kind: "organisation", name: next(), creditCode: next() },
      };
    case "decision":
      return {
        kind,
        category,
        documentNumber: next(),
        agencyName: next(),
        party: { kind: "person", name: next() },
        matter: next(),
        facts: next(),
        basis: list(),
        conclusion: next(),
        fineFen: 500_000,
        decidedOn: date,
      };
  }
}

/**
 * 公示内容 — any {@link DisclosureContent} (every kind, dates in the calendar's range), its
 * texts short Chinese filler without personal data.
 */
export function disclosureContents(options: DisclosureContentOptions = {}): fc.Arbitrary<DisclosureContent> {
  const plain = fc.array(fc.constantFrom(...FILLER_CHARS), { minLength: 1, maxLength: 10 }).map((cs) => {
    const s = cs.join("").trim();
    return s.length === 0 ? "文" : s;
  });
  return fc
    .record({
      kind: fc.constantFrom(...(options.kinds ?? DISCLOSURE_KINDS)),
      texts: fc.array(plain, { minLength: 1, maxLength: 8 }),
      date: civilDate(),
      n: fc.integer({ min: 1, max: 3 }),
      category: fc.constantFrom(...ACTION_CATEGORIES),
    })
    .map(({ kind, texts, date, n, category }) => {
      let i = 0;
      return contentOf(kind, () => texts[i++ % texts.length] ?? "文", date, n, category);
    });
}

/**
 * 含个人信息的公示内容 — a {@link DisclosureContent} of any kind whose every text field holds
 * valid resident ID or mobile numbers ({@link textWithPersonalData}), with the list of them:
 * the input of the redaction property ("no published output contains a valid resident ID or
 * mobile number present in the input").
 */
export function disclosureContentsWithPersonalData(
  options: DisclosureContentOptions = {},
): fc.Arbitrary<ContentWithPersonalData> {
  return fc
    .record({
      kind: fc.constantFrom(...(options.kinds ?? DISCLOSURE_KINDS)),
      texts: fc.array(textWithPersonalData(), { minLength: 1, maxLength: 6 }),
      date: civilDate(),
      n: fc.integer({ min: 1, max: 3 }),
      category: fc.constantFrom(...ACTION_CATEGORIES),
    })
    .map(({ kind, texts, date, n, category }) => {
      let i = 0;
      const used = new Set<string>();
      const next = () => {
        const t = texts[i++ % texts.length];
        for (const s of t?.secrets ?? []) used.add(s);
        return t?.text ?? "文";
      };
      return { content: contentOf(kind, next, date, n, category), secrets: [...used] };
    });
}

/** 当事人以外的自然人 — names of witnesses and the like, for the redaction context. */
export function otherPersonNames(): fc.Arbitrary<string[]> {
  return fc.uniqueArray(chineseName(), { maxLength: 3 });
}

/**
 * 数字分隔符 — what people put between the groups of a number they write: spaces of every
 * kind (ASCII, U+3000 ideographic, NBSP, thin and narrow no-break spaces), hyphens and dashes
 * of every width (ASCII, full-width, U+2010/2011 hyphens, en and em dashes, minus sign), dots
 * (ASCII, full-width, middle dot, katakana middle dot, one-dot leader) and a spaced hyphen.
 */
export const NUMBER_SEPARATORS = [
  " ",
  "\u3000",
  "\u00A0",
  "\u2009",
  "\u202F",
  "-",
  "－",
  "\u2010",
  "\u2011",
  "–",
  "—",
  "−",
  ".",
  "．",
  "·",
  "・",
  "\u2024",
  " - ",
] as const;

/**
 * 格式字符 — invisible characters (Unicode Cf) that can sit inside a number without showing:
 * zero-width space, non-joiner and joiner, soft hyphen, BOM, word joiner, left-to-right mark.
 */
export const FORMAT_CHARACTERS = ["\u200B", "\u200C", "\u200D", "\u00AD", "\uFEFF", "\u2060", "\u200E"] as const;

/**
 * 分组方式 — how the digits of each kind of number are grouped when written: an 18-character
 * resident ID 6-8-4, 4-4-4-4-2, 3-3-4-4-4, 6-4-4-4; a 15-digit old one 6-6-3, 3-3-3-3-3; a
 * mobile 3-4-4, 4-3-4, 3-3-5, 3-8; a 16–19-digit card or account 4-4-4-4(-n).
 */
export const NUMBER_GROUPINGS: Readonly<
  Record<"id18" | "id15" | "mobile" | "account", readonly (readonly number[])[]>
> = {
  id18: [
    [6, 8, 4],
    [4, 4, 4, 4, 2],
    [3, 3, 4, 4, 4],
    [6, 4, 4, 4],
    [2, 4, 4, 4, 4],
  ],
  id15: [
    [6, 6, 3],
    [3, 3, 3, 3, 3],
    [6, 9],
  ],
  mobile: [
    [3, 4, 4],
    [4, 3, 4],
    [3, 3, 5],
    [3, 8],
  ],
  account: [
    [4, 4, 4, 4],
    [4, 4, 4, 4, 3],
    [4, 4, 4, 4, 2],
    [6, 6, 6],
  ],
};

/** 书写变体 — a personal number as someone wrote it, and the number itself. */
export interface WrittenPersonalNumber {
  /** The number as written (grouped, separated, full-width, with invisible characters…). */
  readonly written: string;
  /** The plain number (ASCII digits, check character `X` upper-case). */
  readonly digits: string;
  /** What it is. */
  readonly kind: "id18" | "id15" | "mobile" | "account";
}

function fullWidth(s: string): string {
  return s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A 15-digit resident ID number of GB 11643-1989: region, birth date YYMMDD in the 1900s, sequence. */
function legacyResidentId(): fc.Arbitrary<string> {
  return residentId({ birthDate: { min: "1940-01-01", max: "1999-12-31" } }).map(
    (id) => `${id.slice(0, 6)}${id.slice(8, 17)}`,
  );
}

/**
 * A 16–19-digit account number (not necessarily Luhn-valid: a corporate account often is
 * not). Never a valid 统一社会信用代码 written in digits: that one is public, and kept.
 */
function accountNumber(): fc.Arbitrary<string> {
  return fc.stringMatching(/^6[0-9]{15,18}$/).filter((d) => d.length !== 18 || validateUscc(d).isErr());
}

function grouped(digits: string, groups: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const g of groups) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + g));
    at += g;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

/**
 * 个人号码的书写变体 — a valid resident ID (18 or 15 characters), a mobile number or a long
 * account number, written the ways the hostile run found: grouped by one of
 * {@link NUMBER_GROUPINGS}, the groups joined by one separator of {@link NUMBER_SEPARATORS}
 * (the same throughout, or one per gap), sometimes in full-width digits, with zero to three
 * {@link FORMAT_CHARACTERS} slipped in anywhere, a lower-case `x` check character.
 */
export function writtenPersonalNumber(): fc.Arbitrary<WrittenPersonalNumber> {
  const number = fc.oneof(
    residentId({ birthDate: { min: "1940-01-01", max: "2006-12-31" } }).map((d) => ({ d, kind: "id18" as const })),
    legacyResidentId().map((d) => ({ d, kind: "id15" as const })),
    mobileNumber().map((d) => ({ d, kind: "mobile" as const })),
    accountNumber().map((d) => ({ d, kind: "account" as const })),
  );
  return number.chain(({ d, kind }) =>
    fc
      .record({
        grouping: fc.constantFrom(...NUMBER_GROUPINGS[kind]),
        separator: fc.constantFrom(...NUMBER_SEPARATORS),
        mixed: fc.boolean(),
        seps: fc.array(fc.constantFrom(...NUMBER_SEPARATORS), { minLength: 8, maxLength: 8 }),
        grouped: fc.boolean(),
        wide: fc.boolean(),
        lowerX: fc.boolean(),
        invisible: fc.array(fc.tuple(fc.nat({ max: 40 }), fc.constantFrom(...FORMAT_CHARACTERS)), { maxLength: 3 }),
      })
      .map((o) => {
        const parts = o.grouped ? grouped(d, o.grouping) : [d];
        let written = parts
          .map((p, i) => (i === 0 ? p : `${o.mixed ? (o.seps[i % o.seps.length] ?? " ") : o.separator}${p}`))
          .join("");
        if (o.wide) written = fullWidth(written);
        if (o.lowerX) written = written.replace(/X/g, "x").replace(/Ｘ/g, "ｘ");
        for (const [at, ch] of o.invisible) {
          const i = at % (written.length + 1);
          written = `${written.slice(0, i)}${ch}${written.slice(i)}`;
        }
        return { written, digits: d, kind };
      }),
  );
}

/**
 * 标注的个人信息 — a labelled personal value as the hostile run wrote it: a bank account after
 * 银行账号为 / 银行卡号是 / 账号：, an address after 家住 / 地址： / 住在 / 居住于 / 户籍所在地：,
 * a health condition after 患有 / 病史：, a WeChat id after 微信号： / 加微信 / WeChat ID: …, a QQ
 * number after QQ： / QQ号码为 / 扣扣 …. `value` is what must not survive.
 */
export interface LabelledPersonalValue {
  /** Label and value, e.g. `家住中卫市沙坡头区文昌镇某路1号`. */
  readonly text: string;
  /** The value, e.g. `中卫市沙坡头区文昌镇某路1号`. */
  readonly value: string;
  /** What it is. */
  readonly kind: "account" | "address" | "health" | "wechat" | "qq";
}

const ADDRESS_VALUES = [
  "中卫市沙坡头区文昌镇某路1号",
  "宁夏银川市兴庆区某小区3栋2单元",
  "海原县某乡某村",
  "某街道某巷17号院",
];
const HEALTH_VALUES = ["高血压", "精神分裂症", "乙型肝炎", "糖尿病并发症"];

const WECHAT_LABELS = [
  "微信号：",
  "微信:",
  "微信号为",
  "微信号是",
  "加微信",
  "微信",
  "微信账号：",
  "（微信：",
  "WeChat ID: ",
  "wechat：",
  "Wechat ",
  "V信",
  "vx:",
  "微信ID：",
] as const;
const QQ_LABELS = ["QQ：", "QQ号", "QQ号码为", "qq:", "QQ ", "ＱＱ：", "扣扣号：", "QQ号是"] as const;

/** A full-width copy of the ASCII letters and digits of `s`. */
function wideAlnum(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * 微信号 — a WeChat id as WeChat allows it: 6–20 characters, a letter first, then letters,
 * digits, `_` or `-`; or a `wxid_` id as WeChat assigns them.
 */
export function wechatId(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/), weight: 4 },
    { arbitrary: fc.stringMatching(/^wxid_[a-z0-9]{14}$/), weight: 1 },
  );
}

/** QQ号码 — 5 to 11 digits, never a leading zero (numbers start at 10000). */
export function qqNumber(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[1-9][0-9]{4,10}$/);
}

/** A labelled account, address, health condition, WeChat id or QQ number (see {@link LabelledPersonalValue}). */
export function labelledPersonalValue(): fc.Arbitrary<LabelledPersonalValue> {
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom("银行账号为", "银行卡号是", "账号：", "银行账户：", "收款账号为"),
        fc.stringMatching(/^[1-9][0-9]{9,18}$/),
      )
      .map(([label, value]) => ({ text: `${label}${value}`, value, kind: "account" as const })),
    fc
      .tuple(
        fc.constantFrom("家住", "地址：", "住在", "居住于", "户籍所在地：", "住址：", "现住"),
        fc.constantFrom(...ADDRESS_VALUES),
      )
      .map(([label, value]) => ({ text: `${label}${value}`, value, kind: "address" as const })),
    fc
      .tuple(fc.constantFrom("患有", "病史：", "诊断为", "健康状况："), fc.constantFrom(...HEALTH_VALUES))
      .map(([label, value]) => ({ text: `${label}${value}`, value, kind: "health" as const })),
    fc.tuple(fc.constantFrom(...WECHAT_LABELS), wechatId(), fc.boolean()).map(([label, id, wide]) => {
      const value = wide ? wideAlnum(id) : id;
      return { text: `${label}${value}`, value, kind: "wechat" as const };
    }),
    fc.tuple(fc.constantFrom(...QQ_LABELS), qqNumber(), fc.boolean()).map(([label, qq, wide]) => {
      const value = wide ? wideAlnum(qq) : qq;
      return { text: `${label}${value}`, value, kind: "qq" as const };
    }),
  );
}

/**
 * 省级简称 — the province abbreviations a vehicle plate starts with (GA 36-2018), and
 * traditional forms a writer may use for some.
 */
export const PLATE_PROVINCES = [..."京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼寧粵滬"] as const;
/** Letters of a plate (GA 36-2018 leaves out I and O). */
const PLATE_LETTERS = [..."ABCDEFGHJKLMNPQRSTUVWXYZ"];
/**
 * What people put between the characters of a plate: nothing, a middle dot (U+00B7, the
 * plate's own), a bullet, a katakana middle dot (full and half width), a space, a full-width
 * space, a hyphen (ASCII and full-width), a full-width dot.
 */
export const PLATE_GAPS = ["", "·", "•", "・", "･", " ", "\u3000", "-", "－", "．"] as const;

/** 机动车号牌 — a plate as written, and the plate itself (ASCII, no gap). */
export interface WrittenPlate {
  /** As written (gaps, full-width, lower case…). */
  readonly written: string;
  /** The plate, e.g. `宁A12345`. */
  readonly plate: string;
}

/**
 * 机动车号牌号码 — a plate of GA 36-2018: an ordinary 5-character serial with at most two
 * letters (`宁A12345`, `宁AB123C`), a 4-digit serial and a suffix 学/警/挂/港/澳/领
 * (`京A1234学`), a new-energy small (`宁AD12345`, `宁AFA1234`) or large one (`宁A12345D`).
 */
export function licencePlate(): fc.Arbitrary<string> {
  const letter = fc.constantFrom(...PLATE_LETTERS);
  const digit = fc.constantFrom(..."0123456789");
  const ordinary = fc
    .tuple(fc.array(digit, { minLength: 5, maxLength: 5 }), fc.uniqueArray(fc.nat(4), { maxLength: 2 }), letter, letter)
    .map(([ds, at, a, b]) => {
      const cs = [...ds];
      at.forEach((i, k) => {
        cs[i] = k === 0 ? a : b;
      });
      return cs.join("");
    });
  const suffixed = fc
    .tuple(fc.stringMatching(/^[0-9]{4}$/), fc.constantFrom(..."学警挂港澳领"))
    .map(([d, s]) => `${d}${s}`);
  const small = fc
    .tuple(fc.constantFrom(..."DABCEFGHJK"), fc.oneof(letter, digit), fc.stringMatching(/^[0-9]{4}$/))
    .map(([a, b, d]) => `${a}${b}${d}`);
  const large = fc.tuple(fc.stringMatching(/^[0-9]{5}$/), fc.constantFrom("D", "F")).map(([d, e]) => `${d}${e}`);
  return fc
    .tuple(fc.constantFrom(...PLATE_PROVINCES), letter, fc.oneof(ordinary, suffixed, small, large))
    .map(([p, l, serial]) => `${p}${l}${serial}`);
}

/**
 * 车牌号的书写变体 — a {@link licencePlate} as someone wrote it: one of {@link PLATE_GAPS}
 * after the letter, sometimes between every character, letters and digits full-width or
 * lower case, sometimes a zero-width space slipped in.
 */
export function writtenPlate(): fc.Arbitrary<WrittenPlate> {
  return fc
    .record({
      plate: licencePlate(),
      gap: fc.constantFrom(...PLATE_GAPS),
      everywhere: fc.boolean(),
      wide: fc.boolean(),
      lower: fc.boolean(),
      invisible: fc.option(fc.nat(8), { nil: undefined }),
    })
    .map(({ plate, gap, everywhere, wide, lower, invisible }) => {
      const cs = [...plate];
      let written = everywhere ? cs.join(gap) : `${cs.slice(0, 2).join("")}${gap}${cs.slice(2).join("")}`;
      if (lower) written = written.toLowerCase();
      if (wide) written = wideAlnum(written);
      if (invisible !== undefined) {
        const i = 1 + (invisible % (written.length - 1));
        written = `${written.slice(0, i)}\u200B${written.slice(i)}`;
      }
      return { written, plate };
    });
}

/**
 * 形似号牌或联系方式的公开编号 — what public texts legitimately hold that starts with a province
 * character and runs on in letters and digits, or names WeChat and QQ without a person's id:
 * ICP and 公安 filing numbers of a website (`宁ICP备12345678号-1`, `京公网安备11010502030143号`),
 * telecom licences (`沪B2-20050112`), 药品经营许可证 numbers (`宁AA9510001`), 文号 of every
 * province's bureaus (`京市监罚〔2024〕12号`), case ids (`SPT-SCJ-2024-001`), `新A股`, a province
 * before an English word (`新Android`), a bare 4-character code (`宁A1234`), a WeChat official
 * account, a QQ group, WeChat payment of an amount, an unlabelled 5–11-digit quantity.
 */
export function publicLookAlike(): fc.Arbitrary<string> {
  const province = fc.constantFrom(...PLATE_PROVINCES);
  const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
  const letter = fc.constantFrom(...PLATE_LETTERS);
  return fc.oneof(
    fc
      .tuple(province, digits(8), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }))
      .map(([p, d, k]) => `${p}ICP备${d}号${k === undefined ? "" : `-${k}`}`),
    fc.tuple(province, digits(6)).map(([p, d]) => `${p}ICP证${d}号`),
    fc.tuple(province, digits(14)).map(([p, d]) => `${p}公网安备${d}号`),
    // A telecom licence's number starts with its year (沪B2-20050112).
    fc
      .tuple(province, letter, fc.integer({ min: 2000, max: 2040 }), digits(4))
      .map(([p, l, y, d]) => `${p}${l}2-${y}${d}`),
    fc.tuple(province, letter, letter, digits(7)).map(([p, a, b, d]) => `${p}${a}${b}${d}`),
    fc
      .tuple(
        province,
        fc.constantFrom("市监罚", "市监处罚", "环罚", "交罚"),
        fc.integer({ min: 2000, max: 2040 }),
        fc.nat(9999),
      )
      .map(([p, k, y, n]) => `${p}${k}〔${y}〕${n}号`),
    fc
      .tuple(fc.constantFrom("SPT-SCJ", "NX-SCJ", "ZW-ZF"), fc.integer({ min: 2000, max: 2040 }), digits(3))
      .map(([p, y, n]) => `${p}-${y}-${n}`),
    fc.tuple(province, letter, digits(4)).map(([p, l, d]) => `${p}${l}${d}`),
    fc.tuple(province, letter, digits(7)).map(([p, l, d]) => `${p}${l}${d}`),
    fc.tuple(province, fc.constantFrom("Android", "SDK", "APP", "App", "iPhone")).map(([p, w]) => `${p}${w}`),
    fc.constantFrom("新A股", "沪深A股", "京津冀", "宁夏回族自治区", "致使损失扩大"),
    fc.stringMatching(/^[a-z]{6,12}$/).map((a) => `关注微信公众号：${a}`),
    digits(9).map((d) => `QQ群：${d}`),
    fc.integer({ min: 10_000, max: 99_999_999 }).map((n) => `通过微信支付${n}元`),
    fc.stringMatching(/^[2-9][0-9]{4,10}$/).map((n) => `共计${n}件`),
  );
}

/**
 * 不含个人信息的公开文本 — a text made only of what the public may read and redaction must
 * leave as it is: 文号 (`中沙市监罚〔2025〕12号`), valid 统一社会信用代码, dates in several
 * writings, amounts (`2,000.00元`, `罚款人民币5000元`), statute citations, percentages, times,
 * short numbers, Chinese filler, and the codes that look like a plate or a contact id
 * ({@link publicLookAlike}). `keep` lists the pieces, each of which must survive verbatim.
 */
export function textWithoutPersonalData(): fc.Arbitrary<{ readonly text: string; readonly keep: readonly string[] }> {
  const piece = fc.oneof(
    fc
      .tuple(
        fc.constantFrom("中沙市监罚", "沙司检", "宁市监罚决", "中卫综执罚"),
        fc.integer({ min: 2000, max: 2040 }),
        fc.nat(9999),
      )
      .map(([p, y, n]) => `${p}〔${y}〕${n}号`),
    creditCode(),
    fc.integer({ min: 2000, max: 2040 }).chain((y) =>
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).chain(([m, d]) => {
        const mm = String(m).padStart(2, "0");
        const dd = String(d).padStart(2, "0");
        return fc.constantFrom(`${y}-${mm}-${dd}`, `${y}年${m}月${d}日`, `${y}.${mm}.${dd}`, `${y}/${mm}/${dd}`);
      }),
    ),
    fc
      .integer({ min: 1, max: 99_999_999 })
      .map((fen) => `${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}元`),
    fc.integer({ min: 1, max: 9_999_999 }).map((n) => `罚款人民币${n}元`),
    fc.constantFrom(
      "《产品质量法》第四十九条",
      "《行政处罚法》第四十八条",
      "第3条第2款",
      "5%",
      "10:30",
      "共12件",
      "第1项",
    ),
    fc.constantFrom(...["经查", "当事人", "销售不合格商品", "责令改正", "违法所得", "没收"]),
    publicLookAlike(),
  );
  return fc.array(piece, { minLength: 1, maxLength: 6 }).map((keep) => ({ text: keep.join("，"), keep }));
}
