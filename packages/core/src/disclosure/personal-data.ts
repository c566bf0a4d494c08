// 个人信息查找 — the detectors behind redaction: numbers by their structure (resident-ID check
// character, mobile and landline shapes, Luhn), labelled addresses, health data and accounts,
// and the names a context gives. Split from redaction.ts, which re-exports findPersonalData.
import { isCivilDate } from "../kernel/time.js";
import { validateResidentId } from "../registry/entities/resident-id.js";
import type { PersonalDataFinding, RedactionContext, RedactionField, RedactionPolicy } from "./redaction.js";

/** What replaces a hidden address, health condition or account label value. */
export const REDACTED_LABEL = "［已脱敏］";
/** The character a hidden number is overwritten with, one per character. */
export const REDACTED_CHAR = "＊";

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
