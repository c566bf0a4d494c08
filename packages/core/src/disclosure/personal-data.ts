// 个人信息查找 — the detectors behind redaction: numbers by their structure (resident-ID check
// character, mobile and landline shapes, Luhn, long unlabelled runs), labelled addresses,
// health data and accounts, and the names a context gives. The text is normalised first (NFKC,
// format characters dropped, separators inside numbers looked through) and every finding is
// mapped back to the original text's offsets. Split from redaction.ts, which re-exports
// findPersonalData. This module is the public API; the detectors live beside it:
// personal-data-normalise.ts (the reading), personal-data-numbers.ts (numbers by structure),
// personal-data-labels.ts (values after a label, e-mail, WeChat ids, QQ numbers),
// personal-data-plates.ts (vehicle licence plates).
import {
  ADDRESS_LABEL,
  accounts,
  emails,
  HEALTH_LABEL,
  idDocuments,
  labelled,
  PERSON_ADDRESS_LABEL,
  phones,
  qqNumbers,
  wechatIds,
} from "./personal-data-labels.js";
import { normalise, normalisedString } from "./personal-data-normalise.js";
import { isPublicCreditCode, isResidentId, numbers } from "./personal-data-numbers.js";
import { plates } from "./personal-data-plates.js";
import type { PersonalDataFinding, RedactionContext, RedactionField, RedactionPolicy } from "./redaction.js";

export { REDACTED_CHAR, REDACTED_LABEL } from "./personal-data-labels.js";
export { LONG_DIGIT_RUN } from "./personal-data-numbers.js";

/**
 * Can a string given as a public identifier (a 文号, 执法证号, credit code, a body's phone) be
 * one? Not when it holds a resident ID number in any grouping: no number public by law is one.
 */
function mayBePublic(normalised: string): boolean {
  const ids: PersonalDataFinding[] = [];
  numbers(normalised, ids);
  return !ids.some((f) => f.field === "residentId");
}

/**
 * What a public identifier exempts: the shapes a code or a body's number takes (a long run, a
 * landline, an account-like code) wherever they sit in it; a mobile, an identity document or
 * an e-mail only when it is the whole identifier (a body's 监督电话 may be a mobile) — one
 * inside a longer "identifier" (`64050000002，13812345678`) is not public.
 */
const EXEMPT_ANYWHERE: ReadonlySet<RedactionField> = new Set(["bankAccount", "orgBankAccount", "phone"]);

/** How a hidden name is written: the surname kept (`张某`) or `某某` (policy `nameMask`). */
export function nameMask(name: string, policy: RedactionPolicy): string {
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
 * 查找个人信息 — the spans of `text` holding a field the policy hides, as offsets into `text`
 * itself. Heuristics, honestly:
 *
 * - The text is read as a reader reads it: character references decoded (`&#49;`, `&#x31;`,
 *   `&nbsp;`, `%31`), NFKC (full-width digits, U+3000, NBSP, ①, 𝟏, full-width hyphens and
 *   colons), digits of every script (١, १) and Chinese digits (一三八, 幺, 〇, 壹…) read as
 *   digits, format characters (zero-width space and joiners, soft hyphen, BOM, U+2060,
 *   U+180E) and combining marks dropped, a run of blanks (spaces, tabs, line breaks, control
 *   characters) read as one; inside a number every separator is looked through — blanks,
 *   hyphens, dashes and minus signs of every width, dots and middle dots (1–3 between two
 *   groups) — and for an ID or a mobile in groups of 3+ digits also slashes, commas,
 *   underscores, tildes and brackets. Each finding maps back to the original characters,
 *   separators included.
 * - Numbers: resident IDs by their GB 11643 check character in any grouping (6-8-4, 4-4-4-4-2,
 *   3-3-4-4-4 …; 15-digit old numbers by a plausible birth date), mobile numbers `1[3-9]` + 9
 *   digits in any grouping (4-3-4, 3-3-5, with `+86`/`0086`), landlines `0xx(x)-xxxxxxx(x)` and
 *   a 7–8-digit number after a phone label (电话, 手机, 座机 — not 监督电话, 举报电话 …), bank
 *   cards by the Luhn check (16–19 digits), any run of 8+ digits after an account label
 *   (账号, 银行卡号, 银行账号为 …), the number after an identity document's label (护照,
 *   港澳通行证, 台胞证, 证件号码 …), e-mail addresses (not a government body's `….gov.cn`), and
 *   — a possible account — any other number of {@link LONG_DIGIT_RUN}+ digits whose groups
 *   have 3+ digits each, unless it is a public code: after a code label (文号, 编号, 编码, 证号,
 *   条码, 代码, 第 …), before a unit or 号 when it has at most 15 digits (amounts, quantities,
 *   文号), inside an ASCII identifier (ids, URLs) or a valid 统一社会信用代码. A number is taken
 *   whole: a longer run containing an ID- or mobile-shaped number is hidden whole.
 * - Home addresses and health conditions only after a label (住址, 家庭住址, 家住, 住在, 居住于,
 *   暂住, 户籍所在地, `，住` after a person's particulars, a bare 地址 — not 办公地址, 经营地址,
 *   注册地址 … —, 住所 of a person; 健康状况, 病史, 诊断, 患有, 患 — not 隐患, 患者 …) up to the
 *   next punctuation — an address written without a label is not found.
 * - Vehicle licence plates (GA 36-2018) without a label: a province abbreviation (or its
 *   traditional form), a letter and a serial — 5 characters with 3+ digits (`宁A12345`,
 *   `宁AB1234`), 4 and a suffix 学/警/挂/港/澳/领/试/超 (`京A1234学`), or a new-energy 6
 *   (`宁AD12345`, `宁A12345D`) — through one blank, hyphen, dot or middle dot between any two
 *   characters, letters in either case, no letter or digit touching it. Any plate, an
 *   organisation's vehicle too (the plate does not say whose it is; give a company's plate as
 *   a public identifier to publish it). Not embassy plates (使 + digits).
 * - WeChat ids and QQ numbers only after a label: 微信号, 微信, V信, WeChat ID, wx … then a letter
 *   and 5+ letters, digits, `_`, `-` (or 5+ digits); QQ, QQ号, 扣扣 then 5+ digits. An
 *   unlabelled run of 5–11 digits is not a QQ number.
 * - Names only as given in `ctx` (`otherPersons`, and the party when `partyName` is on):
 *   no list of Chinese names can tell a witness from a street.
 *
 * Findings inside one of `ctx.publicIdentifiers` are not reported (a long run, landline or
 * account shape anywhere in it; a mobile, identity document or e-mail only when it is the
 * whole identifier), unless that identifier holds a resident ID number in any grouping;
 * nor are findings inside a valid 统一社会信用代码 (not also a valid resident ID number) or a
 * website's filing number (`ICP备12345678号`, `公网安备11010502030143号`).
 */
export function findPersonalData(text: string, ctx: RedactionContext): readonly PersonalDataFinding[] {
  const n = normalise(text);
  const t = n.text;
  const numbered: PersonalDataFinding[] = [];
  const hasDigit = /\d/.test(t);
  if (hasDigit) numbers(t, numbered);
  const found: PersonalDataFinding[] = [];
  labelled(t, ADDRESS_LABEL, "homeAddress", found);
  if (ctx.party?.kind !== "organisation") labelled(t, PERSON_ADDRESS_LABEL, "homeAddress", found);
  labelled(t, HEALTH_LABEL, "health", found);
  if (hasDigit) {
    phones(t, found);
    idDocuments(t, found);
    plates(t, found);
    qqNumbers(t, found);
  }
  wechatIds(t, found);
  if (t.includes("@")) emails(t, found);
  accounts(t, ctx.party?.kind === "organisation" ? "orgBankAccount" : "bankAccount", found);
  for (const { name, field } of namesToHide(ctx)) {
    const needle = normalisedString(name).replace(/[ \n]/g, "");
    if (needle.length === 0) continue;
    // A name is read through blanks put between its characters (张　三, 张 三).
    const written = new RegExp(
      [...needle].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("[ \\n]?"),
      "gu",
    );
    for (const m of t.matchAll(written)) {
      found.push({ field, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    }
  }
  // Public identifiers are spans nobody hides: drop findings inside them. Any valid
  // 统一社会信用代码 in the text is one (an organisation's code is public by law) — unless the
  // same 18 digits are also a valid resident ID number, which stays hidden.
  // A labelled value (银行账号为…) is what its label says, credit-code-shaped or not.
  const codeSpans: { start: number; end: number }[] = [];
  for (const m of hasDigit ? t.matchAll(/(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/g) : []) {
    if (isPublicCreditCode(m[0]) && !isResidentId(m[0])) {
      codeSpans.push({ start: m.index ?? 0, end: (m.index ?? 0) + 18 });
    }
  }
  // A website's filing numbers are public too, printed at the foot of every government page:
  // ICP备案号 (`宁ICP备12345678号`, up to 8 digits) and 公安机关互联网备案号 (`京公网安备
  // 11010502030143号`, 14 digits, which can hold a mobile-shaped stretch).
  for (const m of hasDigit ? t.matchAll(/(?:ICP[备证]\s?(\d{5,8})|公网安备\s?(\d{14}))(?=号)/g) : []) {
    const digits = (m[1] ?? m[2]) as string;
    const end = (m.index ?? 0) + m[0].length;
    codeSpans.push({ start: end - digits.length, end });
  }
  const inside = (f: PersonalDataFinding, spans: readonly { start: number; end: number }[]) =>
    spans.some((p) => p.start <= f.start && f.end <= p.end);
  found.push(...numbered.filter((f) => !inside(f, codeSpans)));
  const publicSpans: { start: number; end: number }[] = [];
  for (const id of ctx.publicIdentifiers ?? []) {
    const needle = normalisedString(id);
    // No number public by law is a resident ID number: one given as a "public identifier"
    // (a 文号, 执法证号 or credit code field holding an ID number) protects nothing.
    if (needle.length === 0 || !mayBePublic(needle)) continue;
    for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + needle.length)) {
      publicSpans.push({ start: i, end: i + needle.length });
    }
  }
  const enabled = new Set(ctx.policy.fields);
  const alnum = (from: number, to: number) => t.slice(from, to).replace(/[^0-9A-Za-z@]/g, "");
  const exempt = (f: PersonalDataFinding) =>
    publicSpans.some(
      (p) =>
        p.start <= f.start &&
        f.end <= p.end &&
        (EXEMPT_ANYWHERE.has(f.field) || alnum(p.start, p.end) === alnum(f.start, f.end)),
    );
  const kept = found.filter((f) => f.end > f.start && enabled.has(f.field) && !exempt(f));
  // Back to the original text: from the first unit's source to the last unit's.
  return merge(kept.map((f) => ({ field: f.field, start: n.from[f.start] as number, end: n.to[f.end - 1] as number })));
}
