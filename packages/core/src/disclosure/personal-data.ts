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
  MAY_HOLD_EMAIL,
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

/**
 * The text with each blank between two Chinese characters dropped (`身 份 证 号`, `住 址`,
 * `微 信 号` read as a reader reads them), and for each unit of it the index of the unit of
 * `t` it is. Labels are looked for in it too.
 */
function closeUp(t: string): { readonly text: string; readonly at: readonly number[] } | undefined {
  const han = /\p{Script=Han}/u;
  let text = "";
  const at: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if ((c === " " || c === "\n") && han.test(t[i - 1] ?? "") && han.test(t[i + 1] ?? "")) continue;
    text += c;
    at.push(i);
  }
  return text.length === t.length ? undefined : { text, at };
}

/** The labelled detectors (addresses, health, phones, identity documents, accounts, WeChat, QQ) over `t`. */
function labelledFindings(t: string, ctx: RedactionContext, hasDigit: boolean, found: PersonalDataFinding[]): void {
  labelled(t, ADDRESS_LABEL, "homeAddress", found);
  if (ctx.party?.kind !== "organisation") labelled(t, PERSON_ADDRESS_LABEL, "homeAddress", found);
  labelled(t, HEALTH_LABEL, "health", found);
  if (hasDigit) {
    phones(t, found);
    idDocuments(t, found);
    qqNumbers(t, found);
  }
  wechatIds(t, found);
  accounts(t, ctx.party?.kind === "organisation" ? "orgBankAccount" : "bankAccount", found);
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
 *   `&nbsp;`, `%31`), NFKC (full-width digits, U+3000, NBSP, ①, 𝟏, ¹, full-width hyphens and
 *   colons), digits of every script (١, १), enclosed digits NFKC leaves or wraps in
 *   punctuation (❶, ➀, ⓵, ⑴, ⒈) and Chinese digits (一三八, 幺, 〇, 壹…) read as digits, the
 *   traditional characters labels are written with read as simplified (身份證號碼, 聯繫電話,
 *   微信號, 診斷), format characters (zero-width space and joiners, soft hyphen, BOM, U+2060,
 *   U+180E) and combining marks dropped, a run of blanks (spaces, tabs, line breaks, control
 *   characters) read as one; inside a number every separator is looked through — blanks,
 *   hyphens, dashes and minus signs of every width, dots and middle dots (1–3 between two
 *   groups) — and for an ID or a mobile in groups of 3+ digits also slashes, commas,
 *   underscores, tildes, wave dashes, colons, apostrophes, `|`, `+`, 、, `。` and brackets, up
 *   to 6 between two groups (through a list's separator — a comma, 、, `+`, `|` — only in a
 *   phone's groupings, 3-4-4 or 3-8: `13812345，678` is a list). Each finding maps back to the
 *   original characters, separators included.
 * - Numbers: resident IDs by their GB 11643 check character in any grouping (6-8-4, 4-4-4-4-2,
 *   3-3-4-4-4 …; 15-digit old numbers by a plausible birth date), mobile numbers `1[3-9]` + 9
 *   digits in any grouping (4-3-4, 3-3-5, with `+86`/`0086`), landlines `0xx(x)-xxxxxxx(x)`
 *   (the local number in one group or in groups of 3–4: `010-8765-4321`, `(0951)501-2345`;
 *   or `+86`/`0086`, the area code without its 0 and the number: `+86-951-5012345`) and a
 *   7–8-digit number after a phone label (电话, 手机, 座机, Tel, Phone, Mobile, Fax — not
 *   监督电话, 举报电话 …), bank cards by the Luhn check (16–19 digits; through slashes or
 *   underscores in groups of 4), any run of 8+ digits after an account label (账号, 银行卡号,
 *   银行账号为, Account No. …), the number after an identity document's label (护照,
 *   港澳通行证, 台胞证, 证件号码, Passport No. …), e-mail addresses, also written to dodge a
 *   filter (`(at)`, `[at]`, blanks round `@`, `[dot]`, `。`; not a government body's
 *   `….gov.cn`), and
 *   — a possible account — any other number of {@link LONG_DIGIT_RUN}+ digits whose groups
 *   have 3+ digits each, unless it is a public code: after a code label (文号, 编号, 编码, 证号,
 *   条码, 代码, 第 …), before a unit or 号 when it has at most 15 digits (amounts, quantities,
 *   文号), inside an ASCII identifier (ids, URLs) or a valid 统一社会信用代码. A number is taken
 *   whole: a longer run containing an ID- or mobile-shaped number is hidden whole.
 * - Home addresses and health conditions only after a label (住址, 家庭住址, 家住, 住在, 居住于,
 *   暂住, 户籍所在地, `，住` after a person's particulars, a bare 地址 — not 办公地址, 经营地址,
 *   注册地址 … —, 住所 of a person, Home address; 健康状况, 病史, 诊断, 患有, 患 — not 隐患,
 *   患者 …) up to the next punctuation — an address written without a label is not found.
 *   Every label is also read with the blanks between its Chinese characters closed up
 *   (`住 址：`, `微 信 号：`, `电 话`).
 * - Vehicle licence plates (GA 36-2018) without a label: a province abbreviation (or its
 *   traditional form), a letter and a serial — 5 characters with 3+ digits (`宁A12345`,
 *   `宁AB1234`), 4 and a suffix 学/警/挂/港/澳/领/试/超 (`京A1234学`), or a new-energy 6
 *   (`宁AD12345`, `宁A12345D`) — through one blank, line break, hyphen, dot or middle dot
 *   between any two characters, letters in either case, no letter or digit touching it nor
 *   joined to it by a hyphen or dot (`宁A12345-6` is a code); after a blank comes the next
 *   word (`宁A12345 3辆`, `宁A·12345 2024年` are plates). Any plate, an
 *   organisation's vehicle too (the plate does not say whose it is; give a company's plate as
 *   a public identifier to publish it). Not embassy plates (使 + digits).
 * - WeChat ids and QQ numbers only after a label: 微信号, 微信, V信, 薇信, WeChat ID, wx … then a
 *   letter and 5+ letters, digits, `_`, `-` (or 5+ digits); QQ, `Q Q`, QQ号, 扣扣 then 5+ digits. An
 *   unlabelled run of 5–11 digits is not a QQ number.
 * - Names only as given in `ctx` (`otherPersons`, and the party when `partyName` is on),
 *   through a blank or a middle dot between their characters (`王 小明`, `王·小明`): no list
 *   of Chinese names can tell a witness from a street.
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
  labelledFindings(t, ctx, hasDigit, found);
  // Labels written with blanks between their characters (住 址：, 微 信 号：) are read closed up;
  // what is found there maps back to `t`.
  const closed = closeUp(t);
  if (closed !== undefined) {
    const more: PersonalDataFinding[] = [];
    labelledFindings(closed.text, ctx, hasDigit, more);
    for (const f of more) {
      found.push({ field: f.field, start: closed.at[f.start] as number, end: (closed.at[f.end - 1] as number) + 1 });
    }
  }
  if (hasDigit) plates(t, found);
  if (MAY_HOLD_EMAIL.test(t)) emails(t, found);
  for (const { name, field } of namesToHide(ctx)) {
    const needle = normalisedString(name).replace(/[ \n]/g, "");
    if (needle.length === 0) continue;
    // A name is read through a blank or a middle dot put between its characters (张　三, 张 三,
    // 王·小明).
    const written = new RegExp(
      [...needle].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("[ \\n\\u00B7\\u2022\\u30FB]?"),
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
