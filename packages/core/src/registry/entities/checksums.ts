// Check characters of the two national identifiers. Pure arithmetic, no tables beyond the
// standards' own: GB 11643-1999 (ISO 7064 MOD 11-2) and GB 32100-2015 (MOD 31).

/** GB 11643-1999 weights W_i = 2^(18-i) mod 11, i = 1..17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by remainder S mod 11 (GB 11643-1999 §7). */
const ID_CHECK = "10X98765432";

/**
 * 统一社会信用代码字符集 — the 31 characters of GB 32100-2015, in value order (0 → 0 …
 * Y → 30); I, O, S, V and Z are not used.
 */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** GB 32100-2015 weights W_i = 3^(i-1) mod 31, i = 1..17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * 身份证校验码 — the check character of a resident ID number (GB 11643-1999, ISO 7064
 * MOD 11-2) for its first 17 digits: `"0"`–`"9"` or `"X"`. `undefined` when `body17` is
 * not exactly 17 ASCII digits.
 */
export function residentIdCheckChar(body17: string): string | undefined {
  if (!/^\d{17}$/.test(body17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11];
}

/** Value of a GB 32100 character, or -1 when it is not in {@link USCC_CHARSET}. */
function usccValue(c: string): number {
  return USCC_CHARSET.indexOf(c);
}

/**
 * 统一社会信用代码校验码 — the check character of a unified social credit code
 * (GB 32100-2015, MOD 31) for its first 17 characters. `undefined` when `body17` is not 17
 * characters of {@link USCC_CHARSET} (upper case).
 */
export function usccCheckChar(body17: string): string | undefined {
  if (body17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(body17[i] as string);
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  // C18 = 31 − (S mod 31), and 31 is written as 0 (GB 32100-2015 §4.2).
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}
