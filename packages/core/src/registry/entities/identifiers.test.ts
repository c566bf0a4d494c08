import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { orgCodeCheckChar, residentIdCheckChar, USCC_CHARSET, usccCheckChar } from "./checksums.js";
import { upgradeLegacyResidentId, validateResidentId } from "./resident-id.js";
import { KNOWN_PILOT_USCCS, validateUscc } from "./uscc.js";

interface IdVector {
  id: string;
  formatOk: boolean;
  checksumValid: boolean;
  dateValid: boolean | null;
  valid: boolean;
  birthDate?: string;
  sex?: "male" | "female";
  region6?: string;
  expectedCheck?: string;
  source: string;
}
interface UsccVector {
  code: string;
  formatOk: boolean;
  checksumValid: boolean;
  valid: boolean;
  registrationAuthority?: string;
  entityCategory?: string;
  regionCode?: string;
  expectedCheck?: string;
  source: string;
}
const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../../test/vectors/${name}`, import.meta.url), "utf8")) as T;
const ids = load<{
  valid: IdVector[];
  invalid: IdVector[];
  normalization: { input: string }[];
  upgrade15to18: { id15: string; id18: string }[];
}>("id-cn.json");
const usccs = load<{
  valid: UsccVector[];
  invalid: UsccVector[];
  publishedUnverifiedExamples: UsccVector[];
  publishedFullListFromPythonStdnum: string[];
  algorithm: { registrationAuthorityCodes: Record<string, string> };
}>("uscc.json");

const ASOF = "2026-06-01";

describe("validateResidentId — GB 11643-1999 vectors (居民身份证法 Art. 3 para. 2)", () => {
  it.each(ids.valid.map((v) => [v.id, v]))("accepts %s", (_, v) => {
    expect(validateResidentId(v.id, { asOf: ASOF })._unsafeUnwrap()).toEqual({
      id: v.id,
      birthDate: v.birthDate,
      sex: v.sex,
      regionCode: v.region6,
    });
  });

  it.each(ids.invalid.map((v) => [v.id, v]))("refuses %s", (_, v) => {
    const e = validateResidentId(v.id, { asOf: ASOF })._unsafeUnwrapErr();
    expect(e.code).toBe("ID_INVALID");
    expect(e.source).toMatchObject({ law: "居民身份证法", article: 3, paragraph: 2 });
    const reason = !v.formatOk ? "format" : !v.checksumValid ? "checksum" : "birthDate";
    expect(e.details?.reason).toBe(reason);
    if (reason === "checksum") expect(e.details?.expected).toBe(v.expectedCheck);
    expect(e.message).toMatch(/^公民身份号码无效/);
  });

  it("normalises a lower-case x and surrounding spaces (vectors' normalization notes)", () => {
    for (const n of ids.normalization) {
      expect(validateResidentId(n.input, { asOf: ASOF })._unsafeUnwrap().id).toBe("11010519491231002X");
    }
  });

  it("refuses a birth date after asOf, and skips that check only when asOf is null", () => {
    const e = validateResidentId("500103202002291111", { asOf: "2020-02-28" })._unsafeUnwrapErr();
    expect(e.details?.reason).toBe("future");
    expect(validateResidentId("500103202002291111", { asOf: "2020-02-29" }).isOk()).toBe(true);
    expect(validateResidentId("500103202002291111", { asOf: null }).isOk()).toBe(true);
  });

  it("refuses a 15-digit number and upgrades it on request", () => {
    for (const u of ids.upgrade15to18) {
      expect(validateResidentId(u.id15, { asOf: ASOF })._unsafeUnwrapErr().details?.reason).toBe("legacy15");
      expect(upgradeLegacyResidentId(u.id15)._unsafeUnwrap()).toBe(u.id18);
    }
    expect(upgradeLegacyResidentId("12345").isErr()).toBe(true);
  });
});

describe("validateUscc — GB 32100-2015 vectors", () => {
  it.each(usccs.valid.map((v) => [v.code, v]))("accepts %s", (_, v) => {
    const r = validateUscc(v.code)._unsafeUnwrap();
    expect(r.code).toBe(v.code);
    expect(r.registrationAuthorityCode).toBe(v.registrationAuthority);
    expect(r.registrationAuthority).toBe(usccs.algorithm.registrationAuthorityCodes[v.registrationAuthority ?? ""]);
    expect(r.entityTypeCode).toBe(v.entityCategory);
    expect(r.entityType.length).toBeGreaterThan(0);
    expect(r.regionCode).toBe(v.regionCode);
    expect(r.warnings).toEqual([]);
  });

  it.each(usccs.invalid.map((v) => [v.code, v]))("refuses %s", (_, v) => {
    const e = validateUscc(v.code)._unsafeUnwrapErr();
    expect(e.code).toBe("ID_INVALID");
    expect(e.details?.reason).toBe(v.formatOk ? "checksum" : "format");
    if (v.formatOk) expect(e.details?.expected).toBe(v.expectedCheck);
  });

  it("refuses the unverified published examples (they fail the checksum)", () => {
    for (const v of usccs.publishedUnverifiedExamples) expect(validateUscc(v.code).isErr()).toBe(true);
  });

  it("accepts every code of python-stdnum's found-online list", () => {
    for (const c of usccs.publishedFullListFromPythonStdnum) expect(validateUscc(c).isOk()).toBe(true);
  });

  it("decodes the entity type under its authority: 91 企业, 92 个体工商户, 93 农民专业合作社, 52 民办非企业单位", () => {
    expect(validateUscc("91110000600037341L")._unsafeUnwrap()).toMatchObject({
      registrationAuthority: "工商(市场监管)",
      entityType: "企业",
    });
    expect(validateUscc("92340602MA2PBQAH7E")._unsafeUnwrap().entityType).toBe("个体工商户");
    expect(validateUscc("93310000MA1FL0K98E")._unsafeUnwrap().entityType).toBe("农民专业合作社");
    expect(validateUscc("52110000500021676T")._unsafeUnwrap().entityType).toBe("民办非企业单位");
    expect(validateUscc("3111000040000000XU")._unsafeUnwrap()).toMatchObject({
      registrationAuthority: "司法行政",
      entityType: "律师执业机构",
    });
  });

  it("refuses an unknown registration authority or entity type", () => {
    const body = "B1110000600037341";
    expect(validateUscc(`${body}${usccCheckChar(body)}`)._unsafeUnwrapErr().details?.reason).toBe("authority");
    const body2 = "94110000600037341";
    expect(validateUscc(`${body2}${usccCheckChar(body2)}`)._unsafeUnwrapErr().details?.reason).toBe("entityType");
  });

  it("accepts the known Fujian pilot codes only on request, with a warning (GB 32100-2015; Fujian 2015 pilot)", () => {
    for (const code of KNOWN_PILOT_USCCS) {
      expect(validateUscc(code)._unsafeUnwrapErr().details?.reason).toBe("checksum");
      const r = validateUscc(code, { acceptPilotCodes: true })._unsafeUnwrap();
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]?.code).toBe("USCC_PILOT_CHECKSUM");
      expect(r.warnings[0]?.message).toContain("试点");
    }
    expect(validateUscc("91110000600037341N", { acceptPilotCodes: true }).isErr()).toBe(true);
  });

  it("refuses lower case unless acceptLowerCase", () => {
    expect(validateUscc("91110000600037341l").isErr()).toBe(true);
    expect(validateUscc("91110000600037341l", { acceptLowerCase: true })._unsafeUnwrap().code).toBe(
      "91110000600037341L",
    );
  });
});

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
const usccBody = fc
  .tuple(
    fc.constantFrom("91", "92", "93", "11", "12", "51", "52", "31", "Y1"),
    digits(6),
    fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 9, maxLength: 9 }),
  )
  .map(([head, region, org]) => `${head}${region}${org}`);
// A valid birth date body: region, date 1900-01-01..2025-12-28, sequence.
const idBody = fc
  .tuple(
    digits(6),
    fc.integer({ min: 1900, max: 2025 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
  )
  .map(([r, y, m, d, seq]) => `${r}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${seq}`);

describe("orgCodeCheckChar — GB 11714-1997 MOD 11 over positions 9–17 of a credit code", () => {
  it("every published credit code in the vectors carries a well-formed organisation code", () => {
    const codes = [...usccs.publishedFullListFromPythonStdnum, ...usccs.valid.map((v) => v.code)];
    expect(codes.length).toBeGreaterThan(200);
    for (const c of codes) expect(orgCodeCheckChar(c.slice(8, 16)), c).toBe(c[16]);
  });
  it("writes 10 as X and 11 as 0, and refuses what is not 8 digits or upper-case letters", () => {
    const byCheck = new Map<string, string>();
    for (let n = 0; n < 2000 && byCheck.size < 11; n++) {
      const c = orgCodeCheckChar(String(n).padStart(8, "0"));
      if (c !== undefined && !byCheck.has(c)) byCheck.set(c, String(n));
    }
    expect([...byCheck.keys()].sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
    expect(orgCodeCheckChar("00000001")).toBe("9"); // S = 1×2 = 2; 11 − 2 = 9
    expect(orgCodeCheckChar("00000005")).toBe("1"); // S = 10; 11 − 10 = 1
    expect(orgCodeCheckChar("00000006")).toBe("X"); // S = 12, 12 mod 11 = 1; 11 − 1 = 10 → X
    expect(orgCodeCheckChar("00000000")).toBe("0"); // S = 0; 11 − 0 = 11 → 0
    expect(orgCodeCheckChar("0000000A")).toBe("2"); // A = 10: S = 20, 20 mod 11 = 9; 11 − 9 = 2
    for (const bad of ["", "1234567", "123456789", "1234567a", "1234-678", "１２３４５６７８"]) {
      expect(orgCodeCheckChar(bad), bad).toBeUndefined();
    }
  });
});

describe("check characters — generation / validation round trip (property)", () => {
  test.prop([idBody])("a body with its MOD 11-2 check character validates", (body) => {
    expect(validateResidentId(`${body}${residentIdCheckChar(body)}`, { asOf: "2026-01-01" }).isOk()).toBe(true);
  });

  test.prop([idBody, fc.nat(17), fc.constantFrom(..."0123456789X")])(
    "any single-character change of a valid ID number fails",
    (body, pos, c) => {
      const valid = `${body}${residentIdCheckChar(body)}`;
      fc.pre(valid[pos] !== c);
      const changed = `${valid.slice(0, pos)}${c}${valid.slice(pos + 1)}`;
      expect(validateResidentId(changed, { asOf: null }).isErr()).toBe(true);
    },
  );

  test.prop([usccBody])("a body with its MOD 31 check character validates", (body) => {
    expect(validateUscc(`${body}${usccCheckChar(body)}`).isOk()).toBe(true);
  });

  test.prop([usccBody, fc.nat(17), fc.constantFrom(...USCC_CHARSET)])(
    "any single-character change of a valid USCC fails",
    (body, pos, c) => {
      const valid = `${body}${usccCheckChar(body)}`;
      fc.pre(valid[pos] !== c);
      const changed = `${valid.slice(0, pos)}${c}${valid.slice(pos + 1)}`;
      expect(validateUscc(changed).isErr()).toBe(true);
    },
  );
});
