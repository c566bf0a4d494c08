// 公示条目 — what a publication makes of the signed-off content, and the redaction context the
// checks use (the numbers public by law are never personal data).
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { validateUscc } from "../registry/entities/uscc.js";
import type { DisclosureContext } from "./context.js";
import { findPersonalData } from "./personal-data.js";
import {
  checkPublicTexts,
  contentTexts,
  DEFAULT_REDACTION_POLICY,
  type PublicText,
  type RedactionContext,
  type RedactionPolicy,
} from "./redaction.js";
import type { DisclosureRule } from "./rule-schema.js";
import { type DisclosurePolicy, publicUntil } from "./rules.js";
import type { CorrectionNote, DisclosureContent, PublicParty, PublishedItem, WithdrawalNotice } from "./schema.js";

/**
 * 可公开的统一社会信用代码 — whether an organisation party's key may be published as its
 * 统一社会信用代码: only a valid USCC (GB 32100-2015, checked with `validateUscc`). Anything
 * else — a 个体工商户 keyed by the operator's 居民身份证号码, an internal number, a typo — is
 * not a public identifier: it is not published as `creditCode`, and a personal number in it
 * is hidden wherever it occurs, like any other.
 */
export function isPublicCreditCode(code: string): boolean {
  return validateUscc(code).isOk();
}

/** What a 文号 never is, whole or in part: a person's mobile, e-mail, document, plate or chat id. */
const NEVER_IN_A_DOCUMENT_NUMBER: ReadonlySet<string> = new Set([
  "residentId",
  "mobile",
  "email",
  "idDocument",
  "licencePlate",
  "wechatId",
  "qqNumber",
]);
const CJK = /\p{Script=Han}/u;

/**
 * 可公开的文号 — whether a decision's `documentNumber` may be taken as its 文号, public by law
 * (a number in it is then not personal data anywhere in the item): only one that names its
 * issuer (机关代字〔年份〕序号号: it holds a Chinese character) and in which the detector finds no
 * mobile, e-mail, identity document, plate or chat id. Anything else — a mobile or a card
 * number typed into the 文号 field — exempts nothing, and is itself checked like any text.
 */
export function isPublicDocumentNumber(documentNumber: string): boolean {
  const found = findPersonalData(documentNumber, { policy: DEFAULT_REDACTION_POLICY });
  if (!CJK.test(documentNumber)) return found.length === 0;
  return !found.some((f) => NEVER_IN_A_DOCUMENT_NUMBER.has(f.field));
}

/**
 * 法定公开的号码 — the numbers in a content that are public by law and must not be taken for
 * personal data: officers' 执法证号 (shown during enforcement, published beforehand), the
 * party's 统一社会信用代码 (only a valid one, see {@link isPublicCreditCode}), a decision's
 * 文号 (only one that reads as a 文号, see {@link isPublicDocumentNumber}), the 事项编码 of a
 * power, service guide or inspection item, and the body's own 监督电话 / 办公电话 — none of
 * them when an e-mail, a plate or a chat id is found in it.
 */
export function publicIdentifiersOf(content: DisclosureContent): string[] {
  return identifiersOf(content).filter(mayBePublicIdentifier);
}

/** What no number public by law is: a person's e-mail, a plate, a WeChat id or a QQ number. */
const NEVER_AN_IDENTIFIER: ReadonlySet<string> = new Set(["email", "licencePlate", "wechatId", "qqNumber"]);

/**
 * Whether a 执法证号, 事项编码 or phone may be public: not when the detector finds an e-mail,
 * a plate or a chat id in it — typed into the field, it would otherwise be exempt wherever the
 * item writes it.
 */
function mayBePublicIdentifier(identifier: string): boolean {
  return !findPersonalData(identifier, { policy: DEFAULT_REDACTION_POLICY }).some((f) =>
    NEVER_AN_IDENTIFIER.has(f.field),
  );
}

function identifiersOf(content: DisclosureContent): string[] {
  const creditCode = (party: PublicParty | undefined): string[] =>
    party?.creditCode !== undefined && isPublicCreditCode(party.creditCode) ? [party.creditCode] : [];
  switch (content.kind) {
    case "officer":
      return [content.certificateNumber];
    case "enforcementAct":
      return [...content.officers.map((o) => o.certificateNumber), ...creditCode(content.party)];
    case "decision":
      return [
        ...(isPublicDocumentNumber(content.documentNumber) ? [content.documentNumber] : []),
        ...creditCode(content.party),
      ];
    case "body":
      return content.phone === undefined ? [] : [content.phone];
    case "power":
      return [content.code, ...(content.supervisionPhone === undefined ? [] : [content.supervisionPhone])];
    case "serviceGuide":
      return [content.itemCode, content.phone];
    case "inspectionItem":
      return [content.code];
    case "flowchart":
    case "benchmark":
      return [];
  }
}

/**
 * The redaction context of a content under a redaction policy: its party, the other persons
 * named, and the numbers public by law ({@link publicIdentifiersOf}). What the public site
 * uses, which knows the redaction policy but not the disclosure rules.
 */
export function contentRedactionContext(
  content: DisclosureContent,
  policy: RedactionPolicy,
  otherPersons?: readonly string[],
): RedactionContext {
  const party = content.kind === "decision" || content.kind === "enforcementAct" ? content.party : undefined;
  return {
    policy,
    ...(party === undefined ? {} : { party: { kind: party.kind, name: party.name } }),
    ...(otherPersons === undefined ? {} : { otherPersons }),
    publicIdentifiers: publicIdentifiersOf(content),
  };
}

/**
 * The redaction context of a content: the policy's fields, its party, the other persons named
 * in `ctx`, and the numbers public by law ({@link publicIdentifiersOf}).
 */
export function redactionContextOf(
  content: DisclosureContent,
  policy: DisclosurePolicy,
  ctx: { readonly otherPersons?: readonly string[] | undefined },
): RedactionContext {
  return contentRedactionContext(content, policy.redaction, ctx.otherPersons);
}

/**
 * How a field of a published record reaches the public: `text` (shown as written: checked),
 * `content` (the content's texts: checked), `notes` (更正说明: each checked), `source` (the
 * rule cited: its strings checked), or `value` — a hash, enum, instant, date or number, which
 * cannot hold personal data (its schema admits no free text).
 */
export type PublicFieldRole = "text" | "content" | "notes" | "source" | "value";

/**
 * 公示条目的字段 — every field of a {@link PublishedItem} and how it reaches the public. The
 * ONE place the item's texts are enumerated ({@link publicTextsOfItem}); typed so that a new
 * field of the item does not compile until it is listed here.
 */
export const PUBLISHED_ITEM_FIELD_ROLES = {
  // The id and the body's id are in every URL, feed entry and search record.
  id: "text",
  kind: "value",
  phase: "value",
  title: "text",
  bodyId: "text",
  bodyName: "text",
  content: "content",
  contentHash: "value",
  contentHashAlgorithm: "value",
  version: "value",
  publishedAt: "value",
  updatedAt: "value",
  corrections: "notes",
  publicUntil: "value",
  source: "source",
} as const satisfies Record<keyof PublishedItem, PublicFieldRole>;

/** 撤回公告的字段 — every field of a {@link WithdrawalNotice} and how it reaches the public (see {@link PUBLISHED_ITEM_FIELD_ROLES}). */
export const WITHDRAWAL_NOTICE_FIELD_ROLES = {
  id: "text",
  kind: "value",
  title: "text",
  bodyName: "text",
  withdrawnAt: "value",
  reason: "text",
  source: "source",
} as const satisfies Record<keyof WithdrawalNotice, PublicFieldRole>;

/** The fields of a 更正说明: when (a value) and why (a text the public reads). */
const CORRECTION_NOTE_FIELD_ROLES = { at: "value", reason: "text" } as const satisfies Record<
  keyof CorrectionNote,
  "text" | "value"
>;

/** The fields of a cited rule: the confidence tag and numbers are values, the rest is shown. */
const RULE_SOURCE_FIELD_ROLES = {
  law: "text",
  article: "value",
  paragraph: "value",
  item: "value",
  section: "text",
  confidence: "value",
  url: "text",
} as const satisfies Record<keyof RuleSource, "text" | "value">;

function textsOf<T extends object>(
  record: T,
  roles: Readonly<Record<keyof T, string>>,
  prefix: string,
  out: PublicText[],
): void {
  for (const key of Object.keys(roles) as (keyof T & string)[]) {
    const value = record[key];
    if (roles[key] === "text" && typeof value === "string") out.push({ path: `${prefix}${key}`, text: value });
  }
}

function sourceTexts(source: RuleSource, prefix: string, out: PublicText[]): void {
  textsOf(source, RULE_SOURCE_FIELD_ROLES, prefix, out);
}

/**
 * 公示条目的公开文本 — every string of a published item that reaches the public (the item
 * page, the home page and lists, the feeds, the search shards), with its path: `id`, `title`,
 * `bodyId`, `bodyName`, every text of the content ({@link contentTexts}), every 更正说明, and the
 * cited rule. Driven by {@link PUBLISHED_ITEM_FIELD_ROLES}.
 */
export function publicTextsOfItem(item: PublishedItem): PublicText[] {
  const out: PublicText[] = [];
  for (const key of Object.keys(PUBLISHED_ITEM_FIELD_ROLES) as (keyof PublishedItem)[]) {
    const role: PublicFieldRole = PUBLISHED_ITEM_FIELD_ROLES[key];
    switch (role) {
      case "text": {
        const value = item[key];
        if (typeof value === "string") out.push({ path: key, text: value });
        break;
      }
      case "content":
        out.push(...contentTexts(item.content, "content"));
        break;
      case "notes":
        item.corrections.forEach((note, i) => {
          textsOf(note, CORRECTION_NOTE_FIELD_ROLES, `corrections[${i}].`, out);
        });
        break;
      case "source":
        sourceTexts(item.source, "source.", out);
        break;
      case "value":
        break;
    }
  }
  return out;
}

/** 撤回公告的公开文本 — every string of a withdrawal notice the public reads (see {@link publicTextsOfItem}). */
export function publicTextsOfNotice(notice: WithdrawalNotice): PublicText[] {
  const out: PublicText[] = [];
  textsOf(notice, { ...WITHDRAWAL_NOTICE_FIELD_ROLES, source: "value" }, "", out);
  sourceTexts(notice.source, "source.", out);
  return out;
}

/** What {@link checkPublishedItem} and {@link checkWithdrawalNotice} know besides the record. */
export interface PublicTextCheckOptions {
  /** The bureau's redaction policy (default: every field but the party's own name). */
  readonly policy?: RedactionPolicy;
  /** Names of natural persons other than the party, hidden wherever they occur. */
  readonly otherPersons?: readonly string[];
}

/**
 * 公示条目个人信息检查 — `REDACTION_INCOMPLETE` (政府信息公开条例 Art. 15) when any public text
 * of the item ({@link publicTextsOfItem}) holds data the policy hides, or a resident ID or
 * mobile is split across two neighbouring texts (path `a+b`), with the item's id and the
 * paths in `details`. The numbers public by law in its content are not personal data
 * ({@link publicIdentifiersOf}). The workflow runs it at sign-off and publication; the public
 * site again before it writes anything.
 */
export function checkPublishedItem(
  item: PublishedItem,
  options: PublicTextCheckOptions = {},
): Result<void, SanxiangError> {
  const ctx = contentRedactionContext(item.content, options.policy ?? DEFAULT_REDACTION_POLICY, options.otherPersons);
  const r = checkPublicTexts(publicTextsOfItem(item), ctx, { acrossTexts: true });
  return r.isErr() ? err(withId(r.error, item.id)) : ok(undefined);
}

/**
 * 撤回公告个人信息检查 — `REDACTION_INCOMPLETE` when the notice's title, body name or reason
 * (撤回理由) holds data the policy hides. `content`, when known, is the withdrawn item's
 * content: its party and the numbers public by law in it.
 */
export function checkWithdrawalNotice(
  notice: WithdrawalNotice,
  options: PublicTextCheckOptions & { readonly content?: DisclosureContent } = {},
): Result<void, SanxiangError> {
  const policy = options.policy ?? DEFAULT_REDACTION_POLICY;
  const ctx: RedactionContext =
    options.content === undefined
      ? { policy, ...(options.otherPersons === undefined ? {} : { otherPersons: options.otherPersons }) }
      : contentRedactionContext(options.content, policy, options.otherPersons);
  const r = checkPublicTexts(publicTextsOfNotice(notice), ctx, { acrossTexts: true });
  return r.isErr() ? err(withId(r.error, notice.id)) : ok(undefined);
}

function withId(e: SanxiangError, id: string): SanxiangError {
  return sanxiangError(e.code, `公示信息 ${id}：${e.message}`, {
    ...(e.source === undefined ? {} : { source: e.source }),
    details: { ...e.details, id },
  });
}

/**
 * 拟公示条目 — the public item a publication of the signed-off content at `at` makes: the
 * next version (1, then one more per correction, with the correction's public note), first
 * published at the first publication, public until the rule's publicity period ends
 * (counted from the first publication). `hashAlgorithm` names the hash port `contentHash` was
 * made with (recorded on the item unless SHA-256, so the site can check it).
 */
export function nextPublishedItem(
  c: DisclosureContext,
  at: Instant,
  rule: DisclosureRule,
  hashAlgorithm: HashAlgorithmName = "sha256",
): Result<PublishedItem, SanxiangError> {
  const draft = c.draft;
  const content = c.content;
  const hash = c.contentHash;
  if (draft === undefined || content === undefined || hash === undefined) {
    return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚无拟公示信息"));
  }
  const previous = c.published;
  const publishedAt = previous?.publishedAt ?? at;
  const until = publicUntil(
    rule,
    civilDateOf(publishedAt),
    content,
    draft.penaltyKinds === undefined ? {} : { penaltyKinds: draft.penaltyKinds },
  );
  const corrections = previous === undefined ? [] : [...previous.corrections];
  if (previous !== undefined) corrections.push({ at, reason: c.correctionReason ?? "更正" });
  return ok({
    id: c.disclosureId,
    kind: draft.kind,
    phase: draft.phase,
    title: draft.title,
    bodyId: draft.bodyId,
    bodyName: draft.bodyName,
    content,
    contentHash: hash,
    ...(hashAlgorithm === "sha256" ? {} : { contentHashAlgorithm: hashAlgorithm }),
    version: (previous?.version ?? 0) + 1,
    publishedAt,
    updatedAt: at,
    corrections,
    ...(until === undefined ? {} : { publicUntil: until }),
    source: draft.source,
  });
}
