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

/** GB 11714-1997 weights of the 8 body characters of an organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 组织机构代码校验码 — the check character of an organisation code (GB 11714-1997, MOD 11)
 * for its 8 body characters (digits and upper-case letters, A = 10 … Z = 35): C9 =
 * 11 − (S mod 11), written `X` for 10 and `0` for 11. Positions 9–17 of a unified social
 * credit code are such a code (GB 32100-2015 §4.1), so a real credit code passes it too —
 * as do all 236 published codes in the test vectors. GB 32100 itself does not require it;
 * the personal-data detector uses it to tell a real credit code from digits that only
 * happen to pass the MOD 31 check. `undefined` when `body8` is not 8 such characters.
 */
export function orgCodeCheckChar(body8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    sum += v * (ORG_WEIGHTS[i] as number);
  }
  const r = 11 - (sum % 11);
  return r === 10 ? "X" : r === 11 ? "0" : String(r);
}
