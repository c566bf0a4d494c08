// 标注的个人信息 — values found after a label in a normalised text: home addresses, health
// conditions, accounts, local phone numbers, identity documents; and e-mail addresses by
// their shape. Split from personal-data.ts.
import { isResidentId, NUMBER_AT_START } from "./personal-data-numbers.js";
import { PROVINCES } from "./personal-data-plates.js";
import type { PersonalDataFinding, RedactionField } from "./redaction.js";

/** What replaces a hidden address, health condition or account label value. */
export const REDACTED_LABEL = "［已脱敏］";
/** The character a hidden number is overwritten with, one per character. */
export const REDACTED_CHAR = "＊";

/** {@link REDACTED_LABEL} as it reads after normalisation (NFKC makes its brackets ASCII). */
const REDACTED_LABEL_NORMALISED = REDACTED_LABEL.normalize("NFKC");

/**
 * An English word of a label in either case (`Tel`, `TEL`, `tel`), never inside a longer
 * word. Latin letters may stand between words (`Home address`, `Passport No.`).
 */
function english(words: string): string {
  const ci = words.replace(/[A-Za-z]/g, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
  return `(?<![A-Za-z])(?:${ci})(?![A-Za-z])`;
}
/** `No.`, `Number` after an English label (`Passport No.`, `Account Number`). */
const ENGLISH_NO = `(?:\\s?(?:${english("no")}\\.?|${english("number")}))?`;

/** What may follow a label before its value: colons, spaces, 为 / 是. */
const LABEL_TAIL = "(?:[:\\s]|为|是)*";
const STOP = ",。;、\n)】]";
/**
 * Labels of a natural person's address. A bare `地址` counts unless it is an office's,
 * business's or registered address (办公地址, 经营地址, 注册地址 …) or the 送达地址确认书.
 * English: `Home address`, `Residential address`, `Permanent address`, `Current address`,
 * `Domicile` (a bare `Address` is left: an English page gives a body's address so).
 */
export const ADDRESS_LABEL = new RegExp(
  `(?:家庭住址|家庭地址|现住址|现居住地址|户籍所在地址|户籍所在地|户籍地址|居住地址|现居住地|居住地|居住于|居住在|住址|现住|户籍地|家住|住在|暂住地|暂住|${english("(?:home|residential|permanent|current) ?address|domicile")}|(?<=^|[,;:\\s(])住(?![ \\n]?[所宅房户建院址宿在于读])|(?<!办公|经营|注册|营业|单位|公司|机关|企业|门店|网站|网络|邮箱|邮件|电子邮件|生产|场所|IP)地址(?!确认))${LABEL_TAIL}`,
  "g",
);
/** 住所 — a home address after a person's name (an organisation's 住所 is its public registered address). */
export const PERSON_ADDRESS_LABEL = new RegExp(`(?:住所地|住所)${LABEL_TAIL}`, "g");
/** Labels of a health condition (健康状况, 病史, 诊断, 患有, 患 — not 隐患, 患者 …). */
export const HEALTH_LABEL = new RegExp(
  `(?:健康状况|身体状况|既往病史|病史|诊断结果|诊断|病情|患有|身患|罹患|确诊|所患疾病|残疾类别|残疾等级|(?<![隐后祸忧防病][ \\n]?)患(?![ \\n]?[者有]))${LABEL_TAIL}`,
  "g",
);
/** Labels of an account (账号, 银行卡号 …; English `Account No.`, `Bank card`, `A/C` — not `ID card`). */
const ACCOUNT_LABEL = new RegExp(
  `(?:银行账号|银行帐号|银行账户|银行帐户|银行卡号|开户账号|收款账号|收款账户|账号|帐号|卡号|账户|帐户|(?<![Ii][Dd] ?)${english("(?:bank ?)?(?:account|card)|a/c")}${ENGLISH_NO})${LABEL_TAIL}`,
  "g",
);

/**
 * Labels of a telephone number: after one, a number of 7+ digits is a phone even without an
 * area code (`电话5012345`) — not after a body's public numbers (监督电话, 举报电话, 办公电话 …).
 * English: `Tel`, `Telephone`, `Phone`, `Mobile`, `Mob`, `Cell`, `Fax` (and `No.` after).
 */
const PHONE_LABEL = new RegExp(
  `(?<!监督|投诉|举报|办公|咨询|服务|值班|受理)(?:联系电话|联系方式|固定电话|移动电话|手机号码|手机号|手机|电话号码|电话|固话|座机|传真|${english("tel(?:ephone)?|phone|mobile|mob|cell(?: ?phone)?|fax")}\\.?${ENGLISH_NO})${LABEL_TAIL}`,
  "g",
);
/**
 * Labels of an identity document other than the resident ID card (护照, 港澳通行证, 台胞证 …):
 * the number after one is hidden. Not after 执法证件 / 工作证件 (officers' numbers are public).
 * English: `Passport No.`, `ID Card No.`, `ID No.` (not a bare `ID`: a case's id is public).
 */
const ID_DOCUMENT_LABEL = new RegExp(
  `(?:护照|通行证|回乡证|台胞证|旅行证|居留证|居留许可|军官证|士兵证|(?<!执法|工作|检查|监督)证件)(?:号码|编号|号)?${LABEL_TAIL}|(?:${english("passport|id ?card")}${ENGLISH_NO}|${english("id")}\\s?${english("no")}\\.?)${LABEL_TAIL}`,
  "g",
);
/** `@` as people write it to dodge a filter: blanks round it, `(at)`, `[at]`, `{at}`, `<at>`. */
const AT = "(?: ?@ ?| ?[(\\[{<][Aa][Tt][)\\]}>] ?)";
/** `.` in a domain: `.`, the ideographic full stop `。`, `(dot)`, `[dot]`, `{dot}`, `<dot>`. */
const DOT = "(?:\\.|\u3002| ?[(\\[{<][Dd][Oo][Tt][)\\]}>] ?)";
/**
 * An e-mail address (after NFKC: a full-width ＠ is `@`), also written to dodge a filter
 * (`zhangsan(at)example.com`, `zhangsan @ example.com`, `zhangsan[at]example[dot]com`,
 * `zhangsan@example。com`).
 */
const EMAIL = new RegExp(
  `[A-Za-z0-9][A-Za-z0-9._%+-]*${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*${DOT}[A-Za-z]{2,}`,
  "g",
);
/** Does a text hold an `@` in any of the forms of {@link AT}? */
export const MAY_HOLD_EMAIL = /@|[([{<]at[)\]}>]/i;
/** Mail domains of government bodies, whose addresses are public: `…@….gov.cn`. */
const PUBLIC_MAIL_DOMAIN = /\.gov\.cn$/i;

/** A local phone number of 7–8 digits after a phone label (longer ones are found by shape). */
export function phones(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(PHONE_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = NUMBER_AT_START.exec(text.slice(start));
    // A local number without its area code: 7 or 8 digits (longer ones are found by shape).
    const digits = num === null ? "" : num[0].replace(/[^\d]/g, "");
    if (num === null || digits.length < 7 || digits.length > 8) continue;
    out.push({ field: "phone", start, end: start + num[0].length });
  }
}

/** The number after an identity document's label (护照, 港澳通行证, 证件号码 …). */
export function idDocuments(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(ID_DOCUMENT_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = /^[A-Z]{0,3}(?:[\dA-Z]|[ -](?=[\dA-Z])){6,}/.exec(text.slice(start));
    if (num === null || num[0].replace(/[^\d]/g, "").length < 6) continue;
    // A resident ID number after 证件号码 is found (by its check character) as what it is.
    if (isResidentId(num[0].replace(/[ -]/g, ""))) continue;
    out.push({ field: "idDocument", start, end: start + num[0].trimEnd().length });
  }
}

/** E-mail addresses, but not a government body's `….gov.cn`. */
export function emails(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(EMAIL)) {
    const canonical = m[0].replace(new RegExp(DOT, "g"), ".").replace(new RegExp(AT, "g"), "@");
    if (PUBLIC_MAIL_DOMAIN.test(canonical)) continue;
    out.push({ field: "email", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
}

/** The value after each match of `label`, up to the next stop punctuation, as `field`. */
export function labelled(text: string, label: RegExp, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(label)) {
    const start = (m.index ?? 0) + m[0].length;
    // Already redacted (a second pass).
    if (text.startsWith(REDACTED_LABEL_NORMALISED, start)) continue;
    let end = start;
    while (end < text.length && !STOP.includes(text[end] as string)) end++;
    const value = text.slice(start, end).trimEnd();
    if (value.length === 0) continue;
    out.push({ field, start, end: start + value.length });
  }
}

/** A number of 8+ digits after an account label (账号, 银行卡号为 …), as `field`. */
export function accounts(text: string, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(ACCOUNT_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = NUMBER_AT_START.exec(text.slice(start));
    if (num === null) continue;
    if (num[0].replace(/[^\dX]/g, "").length < 8) continue;
    out.push({ field, start, end: start + num[0].length });
  }
}

/**
 * A Latin label (`qq`, `wx`, `vx`, `wechat`, `weixin`): never touching a letter or digit before
 * it, and either followed by a separator (`:`, a blank, 为, 是, or the Chinese 号 / 号码 the
 * label carries) or not right after a province abbreviation — `京QQ1234567`, `宁WX1234567`
 * are the shape of a 药品经营许可证 number (province, two letters, digits), no label.
 */
function latinLabel(words: string, suffix: string): string {
  return `(?:(?<![A-Za-z0-9])(?:${words})(?![A-Za-z])(?:${suffix}|(?:[:\\s]|为|是))|(?<![A-Za-z0-9${PROVINCES}])(?:${words})(?![A-Za-z]))`;
}

/**
 * Labels of a WeChat id (微信号, 微信, 微信账号, 加微信 — the 加 needs nothing —, V信, 薇信 (written
 * to dodge a filter), WeChat ID,
 * weixin, wx, vx; see {@link latinLabel}). Not 微信公众号, 微信群, 微信支付 …: a Chinese word
 * after 微信 is no value.
 */
const WECHAT_LABEL = `(?:微信(?:账号|帐号|号码|号|ID)?|薇信|[vV]信|${latinLabel("wechat(?:[ _-]?id)?|weixin|wx|vx", "号码|号")})${LABEL_TAIL}`;
/**
 * A label and the WeChat id after it (group 1), as one pattern: the label gives back what the
 * id needs (`微信IDabc12` — 微信 and the id `IDabc12`).
 */
const WECHAT = new RegExp(`${WECHAT_LABEL}((?:[A-Za-z][A-Za-z0-9_-]{5,}|[1-9]\\d{4,})(?![A-Za-z0-9_-]))`, "giu");
/**
 * Labels of a QQ number (QQ, `Q Q`, QQ号, QQ号码 — see {@link latinLabel} —, 扣扣). Not QQ群 (a group's number) or QQ邮箱 (an
 * e-mail address, found as one).
 */
const QQ_LABEL = new RegExp(`(?:${latinLabel("q ?q", "号码|号")}|扣扣(?:号码|号)?)${LABEL_TAIL}`, "giu");

/**
 * 微信号 — the value after a WeChat label: a letter and 5+ letters, digits, `_` or `-` (WeChat
 * allows 6–20; a longer one, `wxid_…`, is hidden whole), or a number of 5+ digits (an old
 * account's id is its QQ number; a mobile after the label is found as a mobile too).
 */
export function wechatIds(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(WECHAT)) {
    const id = m[1] as string;
    const end = (m.index ?? 0) + m[0].length;
    out.push({ field: "wechatId", start: end - id.length, end });
  }
}

/**
 * QQ号 — the number after a QQ label: 5+ digits (QQ numbers are 5–11; a longer one after the
 * label is hidden too), through the separators of a number. An unlabelled run of 5–11 digits
 * is left alone: quantities, codes and amounts are written so.
 */
export function qqNumbers(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(QQ_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = NUMBER_AT_START.exec(text.slice(start));
    if (num === null || !/^[1-9]/.test(num[0]) || num[0].replace(/\D/g, "").length < 5) continue;
    out.push({ field: "qqNumber", start, end: start + num[0].length });
  }
}
