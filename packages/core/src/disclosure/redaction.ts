import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { addMonths, type CivilDate, compareCivilDates, isCivilDate } from "../kernel/time.js";
import { validateResidentId } from "../registry/entities/resident-id.js";
import type { DisclosureContent } from "./schema.js";

const GOV_INFO = "政府信息公开条例";
/**
 * The provincial template DOMAIN.md §1.1 quotes ("行政处罚结果信息网上公开暂行办法"): the list
 * of fields hidden and of cases not published at all. Its issuer is not identified, so the
 * rules cite 政府信息公开条例 and carry the template as their `url`.
 */
const TEMPLATE_URL = "https://m.ruilaw.cn/zhishi/390.html";
const PRIVACY: RuleSource = { law: GOV_INFO, article: 15, confidence: "C-law" };
const PRIVACY_TEMPLATE: RuleSource = { law: GOV_INFO, article: 15, confidence: "C-local", url: TEMPLATE_URL };

/**
 * 脱敏字段 — what redaction hides in published text (DOMAIN.md §1.1 "Redaction rules";
 * 政府信息公开条例 Arts. 15, 37): natural persons' 居民身份证号码 `residentId`, 手机号码
 * `mobile`, 固定电话 `phone`, 家庭住址 `homeAddress`, 银行账号 `bankAccount`, 健康状况
 * `health`; names of natural persons other than the party `otherPersonName`; organisations'
 * 银行账号 `orgBankAccount`; and — only when a bureau enables it — the natural-person
 * party's own name `partyName`.
 */
export const REDACTION_FIELDS = [
  "residentId",
  "mobile",
  "phone",
  "homeAddress",
  "bankAccount",
  "health",
  "otherPersonName",
  "orgBankAccount",
  "partyName",
] as const;
/** zod schema of a {@link RedactionField}. */
export const RedactionFieldSchema = z.enum(REDACTION_FIELDS);
/** 脱敏字段 (see {@link REDACTION_FIELDS}). */
export type RedactionField = z.infer<typeof RedactionFieldSchema>;

/** One row of {@link REDACTION_FIELD_RULES}: the Chinese name of a field and why it is hidden. */
export interface RedactionFieldRule {
  /** Chinese name, e.g. `居民身份证号码`. */
  readonly name: string;
  /** The rule that requires hiding it. */
  readonly source: RuleSource;
}

/** 脱敏规则表 — the Chinese name and source of each {@link RedactionField}. */
export const REDACTION_FIELD_RULES: Readonly<Record<RedactionField, RedactionFieldRule>> = {
  // 居民身份证法 Art. 19: state organs' staff may not leak the personal information on the card.
  residentId: { name: "居民身份证号码", source: { law: "居民身份证法", article: 19, confidence: "C-law" } },
  mobile: { name: "手机号码", source: PRIVACY_TEMPLATE },
  phone: { name: "固定电话", source: PRIVACY_TEMPLATE },
  homeAddress: { name: "家庭住址", source: PRIVACY_TEMPLATE },
  bankAccount: { name: "银行账号（自然人）", source: PRIVACY_TEMPLATE },
  health: { name: "健康状况", source: PRIVACY_TEMPLATE },
  otherPersonName: { name: "当事人以外自然人的姓名", source: PRIVACY_TEMPLATE },
  orgBankAccount: { name: "银行账号（法人或者其他组织）", source: PRIVACY_TEMPLATE },
  partyName: { name: "当事人姓名（自然人）", source: PRIVACY },
};

/**
 * The fields hidden by default: all but `partyName` — 国办发〔2018〕118号 publishes the
 * 执法对象, and 市场监督管理行政处罚信息公示规定 Art. 4 para. 3 the 当事人基本情况, so the
 * party's name stays unless a bureau's own rule hides it.
 */
export const DEFAULT_REDACTION_FIELDS: readonly RedactionField[] = REDACTION_FIELDS.filter((f) => f !== "partyName");

/**
 * 脱敏配置 — which fields a bureau hides (configuration: provinces differ) and how names are
 * masked: `surname` keeps the surname and writes 某 for each other character (张三 → 张某, the
 * usual form in published documents), `full` writes 某某.
 */
export const RedactionPolicySchema = z
  .object({
    /** Fields hidden; default {@link DEFAULT_REDACTION_FIELDS}. */
    fields: z.array(RedactionFieldSchema).readonly().default(DEFAULT_REDACTION_FIELDS),
    /** How a hidden name is written; default `surname`. */
    nameMask: z.enum(["surname", "full"]).default("surname"),
  })
  .readonly();
/** 脱敏配置, resolved (see {@link RedactionPolicySchema}). */
export type RedactionPolicy = z.infer<typeof RedactionPolicySchema>;
/** 脱敏配置 as a bureau writes it: every key optional. */
export type RedactionPolicyInput = z.input<typeof RedactionPolicySchema>;
/** The default redaction policy: every field but `partyName`, surnames kept. */
export const DEFAULT_REDACTION_POLICY: RedactionPolicy = RedactionPolicySchema.parse({});

/**
 * 脱敏上下文 — what redaction knows about a disclosure: the policy, the party (whose name is
 * kept unless `partyName` is enabled; `住所` after an organisation's name is its public
 * registered address, after a person's a home address), the names of other natural persons
 * to hide wherever they occur (witnesses, family members — redaction finds only the names it
 * is given), and public identifiers that look like personal numbers but are published by
 * law (执法证号 of the officers, the party's 统一社会信用代码).
 */
export interface RedactionContext {
  /** The bureau's redaction policy. */
  readonly policy: RedactionPolicy;
  /** The party of the case, when there is one. */
  readonly party?: { readonly kind: "person" | "organisation"; readonly name: string };
  /** Names of natural persons other than the party. */
  readonly otherPersons?: readonly string[];
  /** Exact strings that are public and never hidden (certificate numbers, credit codes). */
  readonly publicIdentifiers?: readonly string[];
}

/** 个人信息发现 — a span `[start, end)` of a text holding a {@link RedactionField}. */
export interface PersonalDataFinding {
  /** What was found. */
  readonly field: RedactionField;
  /** Start offset (UTF-16 code units). */
  readonly start: number;
  /** End offset, exclusive. */
  readonly end: number;
}

/** 脱敏记录 — how many spans of one field were hidden at one path of the content. */
export interface Redaction {
  /** Path in the content, e.g. `facts`, `basis[0]`, `officers[1].name`. */
  readonly path: string;
  /** The field hidden. */
  readonly field: RedactionField;
  /** How many spans. */
  readonly count: number;
}
/** zod schema of a {@link Redaction}. */
export const RedactionSchema = z
  .object({ path: z.string(), field: RedactionFieldSchema, count: z.number().int().positive() })
  .readonly();

/** What replaces a hidden address, health condition or account label value. */
export const REDACTED_LABEL = "［已脱敏］";
/** The character a hidden number is overwritten with, one per character. */
export const REDACTED_CHAR = "＊";

const NUMBER_FIELDS: ReadonlySet<RedactionField> = new Set([
  "residentId",
  "mobile",
  "phone",
  "bankAccount",
  "orgBankAccount",
]);

/** Full-width digits to ASCII and x/ｘ/Ｘ to X, one UTF-16 unit for one, so offsets stay valid. */
function normalise(text: string): string {
  return text.replace(/[０-９ｘＸx]/g, (c) => {
    if (c === "ｘ" || c === "Ｘ" || c === "x") return "X";
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

function isResidentId(s: string): boolean {
  return /^\d{17}[\dXx]$/.test(s) && validateResidentId(s, { asOf: null }).isOk();
}

/** A 15-digit number of GB 11643-1989 (no check character): a plausible birth date 19YYMMDD. */
function isLegacyResidentId(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  return isCivilDate(`19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`);
}

const MOBILE = /^1[3-9]\d{9}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Does a run of digits contain, anywhere, an 18-character resident ID or an 11-digit mobile number? */
function embedded(run: string): RedactionField | undefined {
  for (let i = 0; i + 18 <= run.length; i++) if (isResidentId(run.slice(i, i + 18))) return "residentId";
  for (let i = 0; i + 11 <= run.length; i++) if (MOBILE.test(run.slice(i, i + 11))) return "mobile";
  return undefined;
}

/** Classifies a whole run of digits (with an optional check character X). */
function classifyRun(run: string): RedactionField | undefined {
  if (run.length === 18 && isResidentId(run)) return "residentId";
  if (MOBILE.test(run)) return "mobile";
  if (/^\d{16,19}$/.test(run) && luhn(run)) return "bankAccount";
  if (isLegacyResidentId(run)) return "residentId";
  if (/^0\d{9,11}$/.test(run)) return "phone";
  // Conservative: a longer run hiding an ID- or mobile-shaped number is hidden whole
  // (one number too many rather than one leaked, and never half a number).
  return embedded(run);
}

const GROUPED: readonly {
  readonly re: RegExp;
  readonly field: RedactionField;
  readonly check: (d: string) => boolean;
}[] = [
  // 110105 19491231 002X
  {
    re: /(?<![\dX])\d{6}[ -]\d{8}[ -]\d{3}[\dX](?![\dX])/g,
    field: "residentId",
    check: (d) => isResidentId(d),
  },
  // +86 138-1234-5678, 138 1234 5678, (+86)13812345678
  {
    re: /(?:[+＋]?\(?86\)?[ -]?)?(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?![\dX])/g,
    field: "mobile",
    check: (d) => MOBILE.test(d.replace(/^86(?=1[3-9]\d{9}$)/, "")),
  },
  // 0951-1234567, (010) 12345678-123
  {
    re: /(?<![\dX])(?:\(0\d{2,3}\)|0\d{2,3})[ -]?\d{7,8}(?:-\d{1,6})?(?![\dX])/g,
    field: "phone",
    check: () => true,
  },
  // 6222 0212 3456 7890 123 — grouped bank cards
  {
    re: /(?<![\dX])\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?![\dX])/g,
    field: "bankAccount",
    check: (d) => d.length >= 16 && d.length <= 19 && luhn(d),
  },
];

const STOP = "，。；;,、\n）)】]";
const ADDRESS_LABEL = /(?:家庭住址|家庭地址|现住址|户籍地址|居住地址|居住地|住址|现住|户籍地)[：:\s]*/g;
const PERSON_ADDRESS_LABEL = /(?:住所地|住所)[：:\s]*/g;
const HEALTH_LABEL = /(?:健康状况|身体状况|既往病史|病史|诊断结果|诊断|病情)[：:为是\s]*/g;
const ACCOUNT_LABEL = /(?:银行账号|银行帐号|银行账户|银行卡号|开户账号|账号|帐号|卡号|账户)[：:\s]*/g;

function labelled(text: string, label: RegExp, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(label)) {
    const start = (m.index ?? 0) + m[0].length;
    let end = start;
    while (end < text.length && !STOP.includes(text[end] as string)) end++;
    const value = text.slice(start, end).trimEnd();
    // Already redacted (a second pass) or nothing there.
    if (value.length === 0 || value === REDACTED_LABEL) continue;
    out.push({ field, start, end: start + value.length });
  }
}

function accounts(text: string, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(ACCOUNT_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = /^\d(?:[\d -]*\d)?/.exec(text.slice(start));
    if (num === null) continue;
    if (num[0].replace(/\D/g, "").length < 8) continue;
    out.push({ field, start, end: start + num[0].length });
  }
}

function nameMask(name: string, policy: RedactionPolicy): string {
  return policy.nameMask === "full" ? "某某" : `${name.slice(0, 1)}${"某".repeat(name.length - 1)}`;
}

/** Names to hide, longest first, with the field each is hidden as. */
function namesToHide(ctx: RedactionContext): readonly { readonly name: string; readonly field: RedactionField }[] {
  const fields = new Set(ctx.policy.fields);
  const out: { name: string; field: RedactionField }[] = [];
  if (fields.has("otherPersonName")) {
    for (const n of ctx.otherPersons ?? []) out.push({ name: n.trim(), field: "otherPersonName" });
  }
  if (fields.has("partyName") && ctx.party?.kind === "person") {
    out.push({ name: ctx.party.name.trim(), field: "partyName" });
  }
  return out
    .filter((n) => n.name.length >= 2 && nameMask(n.name, ctx.policy) !== n.name)
    .sort((a, b) => b.name.length - a.name.length);
}

/** Overlapping spans become one, as the union, with the field of the longest part. */
function merge(found: readonly PersonalDataFinding[]): PersonalDataFinding[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PersonalDataFinding[] = [];
  let longest = 0;
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      const len = f.end - f.start;
      const field = len > longest ? f.field : last.field;
      if (len > longest) longest = len;
      out[out.length - 1] = { field, start: last.start, end: Math.max(last.end, f.end) };
    } else {
      out.push(f);
      longest = f.end - f.start;
    }
  }
  return out;
}

/**
 * 查找个人信息 — the spans of `text` holding a field the policy hides. Heuristics, honestly:
 *
 * - Numbers (full-width digits too): resident IDs by their GB 11643 check character (and
 *   15-digit old numbers by a plausible birth date), mobile numbers `1[3-9]` + 9 digits (with
 *   `+86`, spaces or dashes), landlines `0xx(x)-xxxxxxx(x)`, bank cards by the Luhn check (16–19
 *   digits, also grouped by four), any run of 8+ digits after an account label (账号, 银行卡号
 *   …). A number is always taken whole: a digit run is never half-matched, and a longer run
 *   that contains an ID- or mobile-shaped number is hidden whole.
 * - Home addresses and health conditions only after a label (住址, 家庭住址, 现住, 住所 of a
 *   person; 健康状况, 病史, 诊断 …) up to the next punctuation — an address written without
 *   a label is not found.
 * - Names only as given in `ctx` (`otherPersons`, and the party when `partyName` is on):
 *   no list of Chinese names can tell a witness from a street.
 *
 * Strings in `ctx.publicIdentifiers` are never reported.
 */
export function findPersonalData(text: string, ctx: RedactionContext): readonly PersonalDataFinding[] {
  const t = normalise(text);
  const found: PersonalDataFinding[] = [];
  for (const g of GROUPED) {
    for (const m of t.matchAll(g.re)) {
      const digits = m[0].replace(/[^\dX]/g, "");
      if (g.check(digits)) found.push({ field: g.field, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    }
  }
  for (const m of t.matchAll(/\d[\dX]*/g)) {
    const field = classifyRun(m[0]);
    if (field !== undefined) found.push({ field, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  labelled(t, ADDRESS_LABEL, "homeAddress", found);
  if (ctx.party?.kind !== "organisation") labelled(t, PERSON_ADDRESS_LABEL, "homeAddress", found);
  labelled(t, HEALTH_LABEL, "health", found);
  accounts(t, ctx.party?.kind === "organisation" ? "orgBankAccount" : "bankAccount", found);
  for (const { name, field } of namesToHide(ctx)) {
    for (let i = t.indexOf(name); i >= 0; i = t.indexOf(name, i + name.length)) {
      found.push({ field, start: i, end: i + name.length });
    }
  }
  // Public identifiers are spans nobody hides: drop findings inside them.
  const publicSpans: { start: number; end: number }[] = [];
  for (const id of ctx.publicIdentifiers ?? []) {
    if (id.length === 0) continue;
    for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + id.length)) {
      publicSpans.push({ start: i, end: i + id.length });
    }
  }
  const enabled = new Set(ctx.policy.fields);
  const kept = found.filter(
    (f) => enabled.has(f.field) && !publicSpans.some((p) => p.start <= f.start && f.end <= p.end),
  );
  return merge(kept);
}

function replacement(text: string, f: PersonalDataFinding, ctx: RedactionContext): string {
  const original = text.slice(f.start, f.end);
  if (NUMBER_FIELDS.has(f.field)) return REDACTED_CHAR.repeat(original.length);
  if (f.field === "otherPersonName" || f.field === "partyName") return nameMask(original, ctx.policy);
  return REDACTED_LABEL;
}

/** Redacts one string: the text with every finding replaced, and the findings. */
export function redactText(
  text: string,
  ctx: RedactionContext,
): { readonly text: string; readonly findings: readonly PersonalDataFinding[] } {
  const findings = findPersonalData(text, ctx);
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + replacement(text, f, ctx);
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

/** Keys whose values are not free text: discriminators, enums and dates. */
const NOT_TEXT: ReadonlySet<string> = new Set(["kind", "category", "actOn", "decidedOn", "validUntil"]);

function walk(
  value: unknown,
  path: string,
  visit: (s: string, path: string) => string,
  key: string | undefined,
): unknown {
  if (typeof value === "string") return key !== undefined && NOT_TEXT.has(key) ? value : visit(value, path);
  if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`, visit, undefined));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, path === "" ? k : `${path}.${k}`, visit, k);
    return out;
  }
  return value;
}

function countByField(path: string, findings: readonly PersonalDataFinding[]): Redaction[] {
  const counts = new Map<RedactionField, number>();
  for (const f of findings) counts.set(f.field, (counts.get(f.field) ?? 0) + 1);
  return [...counts].map(([field, count]) => ({ path, field, count }));
}

/**
 * 脱敏 — the content with every finding of {@link findPersonalData} hidden in every text
 * field (numbers overwritten with `＊`, one per character; addresses and health conditions
 * replaced by `［已脱敏］` after their label; names masked as 张某 or 某某), and where and what
 * was hidden. Enum and date fields are left alone. Redacting twice gives the same content.
 * The output keeps the shape of the input (every text stays non-empty).
 */
export function redactContent(
  content: DisclosureContent,
  ctx: RedactionContext,
): { readonly content: DisclosureContent; readonly redactions: readonly Redaction[] } {
  const redactions: Redaction[] = [];
  const out = walk(
    content,
    "",
    (s, path) => {
      const r = redactText(s, ctx);
      redactions.push(...countByField(path, r.findings));
      return r.text;
    },
    undefined,
  );
  // walk keeps the structure and only replaces strings by non-empty strings: same type.
  return { content: out as DisclosureContent, redactions };
}

/**
 * 脱敏检查 — `REDACTION_INCOMPLETE` (citing 政府信息公开条例 Art. 15) when a text field of the
 * content still holds data the policy hides; `details.findings` lists path and field.
 */
export function checkRedacted(content: DisclosureContent, ctx: RedactionContext): Result<void, SanxiangError> {
  const left: Redaction[] = [];
  walk(
    content,
    "",
    (s, path) => {
      left.push(...countByField(path, findPersonalData(s, ctx)));
      return s;
    },
    undefined,
  );
  if (left.length === 0) return ok(undefined);
  return err(
    sanxiangError(
      "REDACTION_INCOMPLETE",
      `公示内容仍含应当脱敏的个人信息：${left.map((r) => `${r.path}（${REDACTION_FIELD_RULES[r.field].name}）`).join("、")}`,
      { source: PRIVACY, details: { findings: left } },
    ),
  );
}

/** 不予公开的理由 — why a decision is not published at all, with its rule. */
export interface WithholdingReason {
  /** The reason, in Chinese. */
  readonly reason: string;
  /** The rule. */
  readonly source: RuleSource;
}

/** What {@link withholdingReason} looks at. */
export interface WithholdingSubject {
  /** The party: kind, its key (a resident ID for a person), and whether it is a minor when known. */
  readonly party: { readonly kind: "person" | "organisation"; readonly partyId?: string; readonly minor?: boolean };
  /** 违法行为发生之日 — the day minority is judged at. */
  readonly actDate?: CivilDate;
  /** The main facts involve a secret: `true` or `"state"` a state secret, `"trade"` a trade secret or privacy. */
  readonly secret?: boolean | "state" | "trade";
}

/** Whether the holder of a resident ID number was under 18 on `on`; undefined when the number is not valid. */
export function isMinorOn(residentId: string, on: CivilDate): boolean | undefined {
  const info = validateResidentId(residentId, { asOf: null });
  if (info.isErr()) return undefined;
  return compareCivilDates(addMonths(info.value.birthDate, 18 * 12), on) > 0;
}

/**
 * 不予公开 — the reason a decision is not published at all, or `null`: the party is a minor
 * (given, or derived from a resident-ID `partyId` at the act date — the provincial template of
 * DOMAIN.md §1.1, under 政府信息公开条例 Art. 15), the main facts involve a state secret
 * (Art. 14) or a trade secret or privacy (Art. 15).
 */
export function withholdingReason(subject: WithholdingSubject): WithholdingReason | null {
  const { party } = subject;
  const minor =
    party.kind === "person" &&
    (party.minor ??
      (party.partyId !== undefined && subject.actDate !== undefined
        ? isMinorOn(party.partyId, subject.actDate) === true
        : false));
  if (minor) return { reason: "当事人为未成年人，不予公开", source: PRIVACY_TEMPLATE };
  if (subject.secret === true || subject.secret === "state") {
    return { reason: "涉及国家秘密，不予公开", source: { law: GOV_INFO, article: 14, confidence: "C-law" } };
  }
  if (subject.secret === "trade") {
    return { reason: "涉及商业秘密或者个人隐私，不予公开", source: PRIVACY };
  }
  return null;
}
