import { z } from "zod";
import { describeValue, readOptions } from "../../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { RuleSource } from "../../kernel/source.js";
import { type CivilDate, CivilDateSchema, isCivilDate } from "../../kernel/time.js";
import { residentIdCheckChar } from "./checksums.js";

/**
 * The number is made "by the public security organs according to the national standard
 * for citizen identity numbers" (居民身份证法 Art. 3 para. 2): GB 11643-1999.
 */
const ID_SOURCE: RuleSource = { law: "居民身份证法", article: 3, paragraph: 2, confidence: "C-law" };

/** 公民身份号码信息 — what a valid resident ID number says about its holder. */
export const ResidentIdInfoSchema = z.object({
  /** The number, normalised: trimmed, a lower-case `x` check character upper-cased. */
  id: z.string().length(18),
  /** 出生日期 — positions 7–14. */
  birthDate: CivilDateSchema,
  /** 性别 — the 17th digit: odd for male, even for female. */
  sex: z.enum(["male", "female"]),
  /** 地址码 — positions 1–6, a GB/T 2260 division code (not checked against a code list). */
  regionCode: z.string().regex(/^\d{6}$/),
});
/** 公民身份号码信息 (see {@link ResidentIdInfoSchema}). */
export type ResidentIdInfo = z.infer<typeof ResidentIdInfoSchema>;

/**
 * Options of {@link validateResidentId}. `asOf` is required: core reads no clock, so the
 * caller says what "today" is for the not-in-the-future check, or passes `null` to skip
 * that check explicitly (e.g. when importing historical data with no reference date).
 */
export interface ResidentIdOptions {
  /** 基准日期 — a birth date after this day is refused; `null` skips the check. */
  readonly asOf: CivilDate | null;
}

/** Why a resident ID number was refused (in `details.reason` of the `ID_INVALID` error). */
export type ResidentIdProblem = "format" | "legacy15" | "checksum" | "birthDate" | "future";

function refuse(
  input: string,
  reason: ResidentIdProblem,
  message: string,
  extra: Record<string, unknown> = {},
): SanxiangError {
  return sanxiangError("ID_INVALID", `公民身份号码无效：${message}`, {
    source: ID_SOURCE,
    details: { kind: "residentId", reason, input, ...extra },
  });
}

/**
 * 校验公民身份号码 — checks an 18-character resident ID number (GB 11643-1999): 17 digits
 * and a check character (`0`–`9` or `X`, ISO 7064 MOD 11-2), a birth date that exists and
 * is not after `options.asOf`. Surrounding spaces are trimmed and a lower-case `x` is
 * accepted and normalised to `X` (as python-stdnum and most validators do; the standard
 * writes `X`). The 15-digit numbers of GB 11643-1989 are refused here — convert them with
 * {@link upgradeLegacyResidentId}. Whether the division code exists is not checked: codes
 * change every year and old codes stay valid on old cards.
 *
 * Returns `ID_INVALID` with `details.reason` ({@link ResidentIdProblem}) and a Chinese
 * message, citing 居民身份证法 Art. 3 para. 2.
 */
export function validateResidentId(
  input: string,
  givenOptions: ResidentIdOptions,
): Result<ResidentIdInfo, SanxiangError> {
  if (typeof input !== "string") return err(refuse(describeValue(input), "format", "应为文本"));
  const options = givenOptions === undefined ? undefined : readOptions<{ asOf: unknown }>(givenOptions, { asOf: null });
  if (options === undefined || (options.asOf !== null && typeof options.asOf !== "string")) {
    return err(sanxiangError("INVALID_INPUT", "公民身份号码校验选项无效：asOf 应为日期或 null", { details: {} }));
  }
  const s = input.trim().toUpperCase();
  if (/^\d{15}$/.test(s)) {
    return err(refuse(input, "legacy15", "15 位旧号码（GB 11643-1989），请先升位为 18 位"));
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return err(refuse(input, "format", `应为 17 位数字加 1 位校验码（0–9 或 X），共 18 位：${input}`));
  }
  const expected = residentIdCheckChar(s.slice(0, 17));
  if (expected !== s[17]) {
    return err(refuse(input, "checksum", `校验码应为 ${expected}，实为 ${s[17]}：${input}`, { expected }));
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isCivilDate(birthDate)) {
    return err(refuse(input, "birthDate", `出生日期 ${birthDate} 不存在`, { birthDate }));
  }
  const asOf = options.asOf as CivilDate | null;
  if (asOf !== null && birthDate > asOf) {
    return err(refuse(input, "future", `出生日期 ${birthDate} 晚于 ${asOf}`, { birthDate, asOf }));
  }
  const sex = Number(s[16]) % 2 === 1 ? "male" : "female";
  return ok({ id: s, birthDate, sex, regionCode: s.slice(0, 6) });
}

/**
 * 15 位升 18 位 — converts a 15-digit number of GB 11643-1989 (two-digit birth year, no
 * check character) to 18 digits: `19` before the year, the MOD 11-2 check character after.
 * (Those cards were issued to people born in the 1900s; a birth in the 1800s cannot be
 * recovered from 15 digits.) `ID_INVALID` when the input is not 15 digits.
 */
export function upgradeLegacyResidentId(id15: string): Result<string, SanxiangError> {
  const s = id15.trim();
  if (!/^\d{15}$/.test(s)) return err(refuse(id15, "format", `应为 15 位数字：${id15}`));
  const body = `${s.slice(0, 6)}19${s.slice(6)}`;
  return ok(`${body}${residentIdCheckChar(body) ?? ""}`);
}
