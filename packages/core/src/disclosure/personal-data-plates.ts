// 机动车号牌 — vehicle licence plates (GA 36-2018) found in a normalised text. Under 个人信息保护法
// Art. 4 a natural person's plate is personal information: it identifies the keeper.
import type { PersonalDataFinding } from "./redaction.js";

/**
 * 省级简称 — the province abbreviations a plate starts with (GA 36-2018), and the traditional
 * forms of those that have one (寧, 粵, 滬 … a writer may use them; NFKC leaves them alone).
 */
export const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滬遼魯蘇贛陝閩貴粵瓊寧雲晉";

/**
 * What may sit between two characters of a plate as people write it: one blank, hyphen, dash,
 * dot or middle dot (`宁A·12345`, `宁A 12345`, `宁A-12345`, `宁 A 1 2 3 4 5`). Full-width ones
 * are ASCII after normalisation (U+FF0E `．`, U+FF0D `－`, U+3000), U+FF65 is U+30FB.
 */
const GAP = "[ \\-\\u2010-\\u2015\\u2212.\\u00B7\\u2022\\u2027\\u2219\\u22C5\\u30FB]?";

/** An alphanumeric character of a plate's serial (letters in either case: `宁a12345`). */
const ALNUM = "[0-9A-Za-z]";

/**
 * 号牌 — a plate, in one of the forms of GA 36-2018 (province, issuing-authority letter, serial):
 * an ordinary 5-character serial (`宁A12345`, `宁AB1234`); a 4-character serial and a suffix
 * 学 (coach), 警 (police), 挂 (trailer), 港 / 澳 (cross-border), 领 (consulate), 试 / 超
 * (`京A1234学`); a new-energy 6-character serial (`宁AD12345`, `宁A12345D`). The serial is
 * captured with its gaps and judged by {@link isSerial}. A letter or digit right before the
 * province or right after the plate (with or without a gap) means a longer code: not a plate.
 */
const PLATE = new RegExp(
  `(?<![0-9A-Za-z])[${PROVINCES}]${GAP}[A-Za-z]${GAP}((?:${ALNUM}${GAP}){3,5}${ALNUM})(?:${GAP}([学警挂港澳领试超]))?(?!${GAP}[0-9A-Za-z])`,
  "gu",
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
    const serial = (m[1] as string).replace(/[^0-9A-Za-z]/g, "").toUpperCase();
    const start = m.index ?? 0;
    if (isSerial(serial, m[2])) out.push({ field: "licencePlate", start, end: start + m[0].length });
    else if (m[2] !== undefined && isSerial(serial, undefined)) {
      // A 5-character plate before a word starting with a suffix's character (宁A12345学习):
      // the plate without it.
      const plate = m[0].replace(/[^0-9A-Za-z]*[学警挂港澳领试超]$/u, "");
      out.push({ field: "licencePlate", start, end: start + plate.length });
    }
  }
}
