// 机动车号牌 — vehicle licence plates (GA 36-2018) found in a normalised text. Under 个人信息保护法
// Art. 4 a natural person's plate is personal information: it identifies the keeper.
import type { PersonalDataFinding } from "./redaction.js";

/**
 * 省级简称 — the province abbreviations a plate starts with (GA 36-2018), and the traditional
 * forms of those that have one (寧, 粵, 滬 … a writer may use them; NFKC leaves them alone).
 */
export const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滬遼魯蘇贛陝閩貴粵瓊寧雲晉";

/**
 * What may sit between two characters of a plate as people write it: one blank (a line break
 * too: a plate wrapped at the end of a line), hyphen, dash, dot or middle dot (`宁A·12345`,
 * `宁A 12345`, `宁A-12345`, `宁 A 1 2 3 4 5`). Full-width ones are ASCII after normalisation
 * (U+FF0E `．`, U+FF0D `－`, U+3000), U+FF65 is U+30FB.
 */
const GAP = "[ \\n\\-\\u2010-\\u2015\\u2212.\\u00B7\\u2022\\u2027\\u2219\\u22C5\\u30FB]?";
/** A joint that makes the plate and what follows one code (`宁A12345-6`, `宁A12345.6`): a gap but a blank. */
const JOINT = "[\\-\\u2010-\\u2015\\u2212.\\u00B7\\u2022\\u2027\\u2219\\u22C5\\u30FB]";

/** An alphanumeric character of a plate's serial (letters in either case: `宁a12345`). */
const ALNUM = "[0-9A-Za-z]";

/**
 * 号牌 — a plate, in one of the forms of GA 36-2018 (province, issuing-authority letter, serial):
 * an ordinary 5-character serial (`宁A12345`, `宁AB1234`); a 4-character serial and a suffix
 * 学 (coach), 警 (police), 挂 (trailer), 港 / 澳 (cross-border), 领 (consulate), 试 / 超
 * (`京A1234学`); a new-energy 6-character serial (`宁AD12345`, `宁A12345D`). The serial is
 * captured with its gaps and judged by {@link isSerial}. A letter or digit right before the
 * province, or right after the plate or after a joint (`宁A12345-6`, `宁A1234567`), means a
 * longer code: not a plate. After a blank it is the next word (`宁A12345 3辆`, `宁A·12345
 * 2024年`): the serial then stops at the blank when the longer one is no serial (see
 * {@link plateAt}).
 */
const PLATE = new RegExp(
  `(?<![0-9A-Za-z])[${PROVINCES}]${GAP}[A-Za-z]${GAP}((?:${ALNUM}${GAP}){3,5}${ALNUM})(?:${GAP}([学警挂港澳领试超]))?(?!${JOINT}?[0-9A-Za-z])`,
  "dgu",
);

/**
 * Is `serial` (gaps removed, upper-cased) the serial of a plate, `suffix` its suffix character?
 * - With a suffix: 4 characters, 3+ of them digits.
 * - 5 characters (ordinary): 3+ digits — a chosen number holds at most two letters.
 * - 6 characters (new energy): a small car's letter first (D, A, B, C, E for battery-electric;
 *   F, G, H, J, K for others), then a letter or a digit, then 4 digits; or a large vehicle's
 *   5 digits and D or F last.
 * The digit counts keep words out: `新Android`, `云SDK`, `京ICP备` are no plates.
 */
function isSerial(serial: string, suffix: string | undefined): boolean {
  const digits = serial.replace(/\D/g, "").length;
  if (suffix !== undefined) return serial.length === 4 && digits >= 3;
  if (serial.length === 5) return digits >= 3;
  if (serial.length === 6) return /^[A-HJK][A-HJ-NP-Z0-9]\d{4}$/.test(serial) || /^\d{5}[DF]$/.test(serial);
  return false;
}

/**
 * 车牌号 — the vehicle licence plates in a normalised text. No label is needed: a province
 * abbreviation, a letter and a serial of 5–6 characters with 3+ digits, standing alone, is a
 * shape nothing else a public text holds takes (文号 have 〔year〕 and 号, credit codes 18
 * characters and no Chinese, case ids and licence numbers are longer runs the boundaries
 * reject), and plates are written unlabelled in facts (驾驶宁A12345小型轿车): a label rule
 * would miss most of them. An organisation's vehicle is flagged too — the plate alone does not
 * say whose it is; an officer who knows it is a company's may publish it as a public
 * identifier. Embassy plates (使 + 6 digits) are not looked for: they are no person's, and
 * 使 + digits occurs in ordinary prose (致使123456元损失).
 */
export function plates(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(PLATE)) {
    const start = m.index ?? 0;
    const length = plateAt(m[0], m[1] as string, (m.indices?.[1]?.[0] ?? start) - start, m[2]);
    if (length !== undefined) out.push({ field: "licencePlate", start, end: start + length });
  }
}

/**
 * How much of a match `whole` (serial `written` with its gaps, suffix `suffix`) is a plate:
 * the whole match when its serial is one; a 5-character plate before a word starting with a
 * suffix's character (宁A12345学习) without it; or — the serial read past a blank into the
 * next word (`宁A12345 3辆` read as the serial `12345 3`) — the plate up to that blank.
 */
function plateAt(whole: string, written: string, serialAt: number, suffix: string | undefined): number | undefined {
  const serial = written.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  if (isSerial(serial, suffix)) return whole.length;
  if (suffix !== undefined && isSerial(serial, undefined)) {
    return whole.replace(/[^0-9A-Za-z]*[学警挂港澳领试超]$/u, "").length;
  }
  // Shorter serials ending before a blank, longest first.
  for (let k = written.length - 1; k > 0; k--) {
    const c = written[k] as string;
    if (c !== " " && c !== "\n") continue;
    const prefix = written.slice(0, k);
    if (/[^0-9A-Za-z]$/.test(prefix)) continue;
    if (isSerial(prefix.replace(/[^0-9A-Za-z]/g, "").toUpperCase(), undefined)) return serialAt + prefix.length;
  }
  return undefined;
}
