import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { addMonths, type CivilDate, compareCivilDates } from "../kernel/time.js";
import { validateResidentId } from "../registry/entities/resident-id.js";
import { findPersonalData, nameMask, REDACTED_CHAR, REDACTED_LABEL } from "./personal-data.js";
import type { DisclosureContent } from "./schema.js";

export { findPersonalData, LONG_DIGIT_RUN, REDACTED_CHAR, REDACTED_LABEL } from "./personal-data.js";

const GOV_INFO = "政府信息公开条例";
/**
 * A provincial template, "行政处罚结果信息网上公开暂行办法" (quoted at `TEMPLATE_URL`): the list
 * of fields hidden and of cases not published at all. Its issuer is not identified, so the
 * rules cite 政府信息公开条例 and carry the template as their `url`.
 */
const TEMPLATE_URL = "https://m.ruilaw.cn/zhishi/390.html";
const PRIVACY: RuleSource = { law: GOV_INFO, article: 15, confidence: "C-law" };
/** 政府信息公开条例 Art. 6: government information is published accurately. */
const ACCURATE: RuleSource = { law: GOV_INFO, article: 6, confidence: "C-law" };

/**
 * Characters a public text may not hold: C0 controls other than tab, line feed and carriage
 * return, DEL and the C1 controls, the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) and the invisible direction marks (U+200E, U+200F, U+061C) —
 * with which a published text reads otherwise than it is
 * recorded (a reversed number, a hidden clause), or garbles the page and the feeds.
 */
function unsafePublicCharacter(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    // The invisible direction marks (LRM, RLM, ALM): an RLM before `123 456` can show it as `456 123`.
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c
  );
}

/**
 * The first public text holding a character no public text may hold (see
 * `unsafePublicCharacter`): `INVALID_INPUT` naming the path, the character (U+XXXX) and
 * where it is, citing 政府信息公开条例 Art. 6 (published accurately); else `undefined`.
 */
function unsafeCharacter(texts: readonly PublicText[]): SanxiangError | undefined {
  for (const { path, text } of texts) {
    for (let at = 0; at < text.length; at++) {
      const c = text.charCodeAt(at); // every such character is in the BMP: one code unit
      if (!unsafePublicCharacter(c)) continue;
      const codePoint = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
      return sanxiangError(
        "INVALID_INPUT",
        `公示内容「${path}」含有控制字符或双向文本控制符 ${codePoint}（第 ${at + 1} 个字符）：公众看到的文字会与记录的不同，请删除后再提交`,
        { source: ACCURATE, details: { path, codePoint, at } },
      );
    }
  }
  return undefined;
}
const PRIVACY_TEMPLATE: RuleSource = { law: GOV_INFO, article: 15, confidence: "C-local", url: TEMPLATE_URL };

/**
 * 脱敏字段 — what redaction hides in published text (the provincial template
 * 行政处罚结果信息网上公开暂行办法; 政府信息公开条例 Arts. 15, 37): natural persons' 居民身份证号码
 * `residentId`, 手机号码 `mobile`, 固定电话 `phone`, 家庭住址 `homeAddress`, 银行账号 `bankAccount`, 健康状况
 * `health`; names of natural persons other than the party `otherPersonName`; organisations'
 * 银行账号 `orgBankAccount`; — only when a bureau enables it — the natural-person party's own
 * name `partyName`; and the other personal information 民法典 Art. 1034 names: the numbers of
 * other identity documents (护照, 港澳通行证, 台胞证 …) `idDocument` and 电子邮箱 `email`
 * (a government body's `….gov.cn` address is public); and what 个人信息保护法 Art. 4 makes
 * personal information because it identifies a person (cited as 政府信息公开条例 Art. 15): 机动车号牌号码 `licencePlate` (any
 * plate — an organisation's vehicle too, see `findPersonalData`), 微信号 `wechatId` and QQ号码
 * `qqNumber` after their labels.
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
  "idDocument",
  "email",
  "licencePlate",
  "wechatId",
  "qqNumber",
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
  // 民法典 Art. 1034 names 身份证件号码 and 电子邮箱 as personal information beside the ID
  // card's number (the shipped laws database holds only its Arts. 200–204, so the rule cites
  // the disclosure regulation's privacy exception).
  idDocument: { name: "其他身份证件号码（护照、通行证等）", source: PRIVACY },
  email: { name: "电子邮箱", source: PRIVACY },
  // 个人信息保护法 Art. 4 para. 1 (read on public pages): personal information is information
  // relating to an identified or identifiable natural person — a person's plate, WeChat id or
  // QQ number identifies them. That law is not in the shipped laws database, so the rules cite
  // the disclosure regulation's privacy exception, as idDocument and email do.
  licencePlate: { name: "机动车号牌号码", source: PRIVACY },
  wechatId: { name: "微信号", source: PRIVACY },
  qqNumber: { name: "QQ号码", source: PRIVACY },
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

const NUMBER_FIELDS: ReadonlySet<RedactionField> = new Set([
  "residentId",
  "mobile",
  "phone",
  "bankAccount",
  "orgBankAccount",
  "idDocument",
  "licencePlate",
  "wechatId",
  "qqNumber",
]);

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
 * 公开文本 — one string the public reads (on the item page, the lists, the feeds, the search
 * index), with where it sits: `title`, `content.facts`, `corrections[0].reason`, `reason` of a
 * withdrawal notice… Everything a publication shows passes through a list of these, so every
 * text is checked by the same detector whatever field it came from.
 */
export interface PublicText {
  /** Where the text sits, e.g. `content.basis[0]`. */
  readonly path: string;
  /** The text. */
  readonly text: string;
}

/**
 * The free texts of a content, with their paths (`facts`, `basis[0]`, `officers[1].name`;
 * `prefix.` before each when given): every string but the enum and date keys (`kind`,
 * `category`, `actOn`, `decidedOn`, `validUntil`). A new string field of the content is a
 * text here without any change: the list is what it leaves out, not what it takes.
 */
export function contentTexts(content: DisclosureContent, prefix = ""): PublicText[] {
  const out: PublicText[] = [];
  walk(
    content,
    prefix,
    (text, path) => {
      out.push({ path, text });
      return text;
    },
    undefined,
  );
  return out;
}

/**
 * 跨字段的个人信息 — a resident ID or mobile number split across two neighbouring texts, which
 * a page shows side by side (a party's name and its credit code, two items of a list: `…138`
 * and `1234 5678`): the texts read in order as one, a line break between each two, and every
 * such finding that starts in one text and ends in another, at path `a+b`. Only those two
 * kinds, checked by their structure: a label at the end of one text (电话) does not reach into
 * the next.
 */
const ACROSS_FIELDS: ReadonlySet<RedactionField> = new Set(["residentId", "mobile"]);

function acrossTexts(texts: readonly PublicText[], ctx: RedactionContext): Redaction[] {
  if (texts.length < 2) return [];
  const starts: number[] = [];
  let joined = "";
  for (const [i, { text }] of texts.entries()) {
    if (i > 0) joined += "\n";
    starts.push(joined.length);
    joined += text;
  }
  const at = (offset: number): number => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] as number) > offset) i--;
    return i;
  };
  const out: Redaction[] = [];
  for (const f of findPersonalData(joined, ctx)) {
    const a = at(f.start);
    const b = at(f.end - 1);
    if (a === b || !ACROSS_FIELDS.has(f.field)) continue;
    out.push({ path: `${texts[a]?.path}+${texts[b]?.path}`, field: f.field, count: 1 });
  }
  return out;
}

/**
 * 公开文本检查 — `REDACTION_INCOMPLETE` (citing 政府信息公开条例 Art. 15) when any of `texts`
 * still holds data the policy hides — with `acrossTexts`, also a resident ID or mobile split
 * across two neighbouring texts (path `a+b`, the texts of a whole published item as a page
 * shows them); `details.findings` lists path, field and count. First, `INVALID_INPUT` (citing
 * 政府信息公开条例 Art. 6) when a text holds a control character other than tab and line
 * breaks, or a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069):
 * the public would read something other than what was recorded.
 */
export function checkPublicTexts(
  texts: readonly PublicText[],
  ctx: RedactionContext,
  options: { readonly acrossTexts?: boolean } = {},
): Result<void, SanxiangError> {
  const unsafe = unsafeCharacter(texts);
  if (unsafe !== undefined) return err(unsafe);
  const left: Redaction[] = [];
  for (const { path, text } of texts) left.push(...countByField(path, findPersonalData(text, ctx)));
  if (options.acrossTexts === true) left.push(...acrossTexts(texts, ctx));
  if (left.length === 0) return ok(undefined);
  return err(
    sanxiangError(
      "REDACTION_INCOMPLETE",
      `公示内容仍含应当脱敏的个人信息：${left.map((r) => `${r.path}（${REDACTION_FIELD_RULES[r.field].name}）`).join("、")}`,
      { source: PRIVACY, details: { findings: left } },
    ),
  );
}

/**
 * 脱敏检查 — `REDACTION_INCOMPLETE` (citing 政府信息公开条例 Art. 15) when a text field of the
 * content still holds data the policy hides; `details.findings` lists path and field. The
 * content alone: a whole published item (title, body name, correction notes…) is checked with
 * `checkPublishedItem`.
 */
export function checkRedacted(content: DisclosureContent, ctx: RedactionContext): Result<void, SanxiangError> {
  return checkPublicTexts(contentTexts(content), ctx);
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
 * (given, or derived from a resident-ID `partyId` at the act date — the provincial template
 * 行政处罚结果信息网上公开暂行办法, under 政府信息公开条例 Art. 15), the main facts involve a
 * state secret (Art. 14) or a trade secret or privacy (Art. 15).
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
