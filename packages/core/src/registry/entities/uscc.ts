import { z } from "zod";
import { describeValue, readOptions } from "../../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { USCC_CHARSET, usccCheckChar } from "./checksums.js";

/**
 * 登记管理部门代码 — position 1 of a unified social credit code (GB 32100-2015 Table 1 and
 * its later additions), as listed in test/vectors/uscc.json `registrationAuthorityCodes`.
 */
export const USCC_REGISTRATION_AUTHORITIES: Readonly<Record<string, string>> = {
  "1": "机构编制",
  "2": "外交",
  "3": "司法行政",
  "4": "文化",
  "5": "民政",
  "6": "旅游",
  "7": "宗教",
  "8": "工会",
  "9": "工商(市场监管)",
  A: "中央军委改革和编制办公室",
  N: "农业",
  Y: "其他",
};

/**
 * 机构类别代码 — position 2, per registration authority (GB 32100-2015 Table 1 with later
 * additions). Not in the vectors file; taken from the table as reproduced identically by
 * several open-source validators (e.g. bluesky335/IDCheck, aarioai/id-rule). Confidence [C].
 */
export const USCC_ENTITY_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "1": { "1": "机关", "2": "事业单位", "3": "编办直接管理机构编制的群众团体", "9": "其他" },
  "2": { "1": "外国常驻新闻机构", "9": "其他" },
  "3": {
    "1": "律师执业机构",
    "2": "公证处",
    "3": "基层法律服务所",
    "4": "司法鉴定机构",
    "5": "仲裁委员会",
    "9": "其他",
  },
  "4": { "1": "外国在华文化中心", "9": "其他" },
  "5": { "1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他" },
  "6": { "1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他" },
  "7": { "1": "宗教活动场所", "2": "宗教院校", "9": "其他" },
  "8": { "1": "基层工会", "9": "其他" },
  "9": { "1": "企业", "2": "个体工商户", "3": "农民专业合作社" },
  A: { "1": "军队事业单位", "9": "其他" },
  N: { "1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他" },
  Y: { "1": "其他" },
};

/**
 * 早期试点代码 — codes issued in Fujian's 2015 pilot before GB 32100 took effect, legally
 * valid although they fail the MOD 31 check (listed with their computed
 * check characters 1 / R / J in the README of bluesky335/IDCheck). Accepted only with
 * {@link UsccOptions.acceptPilotCodes}, and then with a warning.
 */
export const KNOWN_PILOT_USCCS: readonly string[] = ["91350100M0001TGQXM", "91350211M0000XUF46", "91350203M0001FUE2P"];

/** 提示 — a non-fatal finding returned beside a valid result. */
export const IdWarningSchema = z.object({
  /** Stable code, e.g. `USCC_PILOT_CHECKSUM`. */
  code: z.string(),
  /** What the officer should know, in Chinese. */
  message: z.string(),
});
/** 提示 (see {@link IdWarningSchema}). */
export type IdWarning = z.infer<typeof IdWarningSchema>;

/** 统一社会信用代码信息 — what a valid unified social credit code says. */
export const UsccInfoSchema = z.object({
  /** The code, normalised (trimmed; upper-cased when {@link UsccOptions.acceptLowerCase}). */
  code: z.string().length(18),
  /** 登记管理部门 — the Chinese name of position 1, e.g. `工商(市场监管)`. */
  registrationAuthority: z.string(),
  /** Position 1 as written. */
  registrationAuthorityCode: z.string().length(1),
  /** 机构类别 — the Chinese name of position 2 under its authority, e.g. `企业`. */
  entityType: z.string(),
  /** Position 2 as written. */
  entityTypeCode: z.string().length(1),
  /** 登记管理机关行政区划码 — positions 3–8. */
  regionCode: z.string().regex(/^\d{6}$/),
  /** 主体标识码（组织机构代码） — positions 9–17. */
  orgCode: z.string().length(9),
  /** Non-fatal findings, e.g. an accepted pilot code that fails the checksum. */
  warnings: z.array(IdWarningSchema),
});
/** 统一社会信用代码信息 (see {@link UsccInfoSchema}). */
export type UsccInfo = z.infer<typeof UsccInfoSchema>;

/** Options of {@link validateUscc}. */
export interface UsccOptions {
  /** Accept the known early pilot codes that fail the checksum, with a warning. Default false. */
  readonly acceptPilotCodes?: boolean;
  /** The pilot codes to accept; default {@link KNOWN_PILOT_USCCS}. */
  readonly pilotCodes?: readonly string[];
  /** Upper-case the input before checking (GB 32100 uses upper case only). Default false. */
  readonly acceptLowerCase?: boolean;
}

/** A copy of `pilotCodes` when it is absent or an array of strings, else `null` (never throws). */
function readPilotCodes(value: unknown): readonly string[] | undefined | null {
  if (value === undefined) return undefined;
  try {
    if (!Array.isArray(value)) return null;
    const copy: unknown[] = [...value];
    return copy.every((c) => typeof c === "string") ? (copy as string[]) : null;
  } catch {
    return null;
  }
}

/** Why a code was refused (in `details.reason` of the `ID_INVALID` error). */
export type UsccProblem = "format" | "authority" | "entityType" | "checksum";

function refuse(input: string, reason: UsccProblem, message: string, extra: Record<string, unknown> = {}) {
  return sanxiangError("ID_INVALID", `统一社会信用代码无效：${message}`, {
    details: { kind: "uscc", reason, input, ...extra },
  });
}

const CHARS = `[${USCC_CHARSET}]`;
const FORMAT = new RegExp(`^${CHARS}{2}\\d{6}${CHARS}{10}$`);

/**
 * 校验统一社会信用代码 — checks a unified social credit code (GB 32100-2015): 18 characters
 * of {@link USCC_CHARSET}, a known registration authority and entity type (decoded to their
 * Chinese names), a six-digit division code, and the MOD 31 check character.
 *
 * With `acceptPilotCodes`, a code of {@link KNOWN_PILOT_USCCS} that fails only the checksum
 * is accepted with the warning `USCC_PILOT_CHECKSUM`. Returns `ID_INVALID` with
 * `details.reason` ({@link UsccProblem}) otherwise.
 */
export function validateUscc(input: string, givenOptions: UsccOptions = {}): Result<UsccInfo, SanxiangError> {
  if (typeof input !== "string") return err(refuse(describeValue(input), "format", "应为文本"));
  const options = readOptions<{ acceptLowerCase: unknown; acceptPilotCodes: unknown; pilotCodes: unknown }>(
    givenOptions,
    { acceptLowerCase: false, acceptPilotCodes: false, pilotCodes: undefined },
  );
  const pilotCodes = options === undefined ? undefined : readPilotCodes(options.pilotCodes);
  if (options === undefined || pilotCodes === null) {
    return err(sanxiangError("INVALID_INPUT", "统一社会信用代码校验选项无效", { details: {} }));
  }
  const trimmed = input.trim();
  const s = options.acceptLowerCase === true ? trimmed.toUpperCase() : trimmed;
  if (s.length !== 18) return err(refuse(input, "format", `应为 18 位，实为 ${s.length} 位：${input}`));
  if (!FORMAT.test(s)) {
    return err(
      refuse(input, "format", `只能由数字和大写字母（不含 I、O、S、V、Z）组成，第 3–8 位为行政区划码：${input}`),
    );
  }
  const authorityCode = s[0] as string;
  const authority = USCC_REGISTRATION_AUTHORITIES[authorityCode];
  if (authority === undefined) {
    return err(refuse(input, "authority", `第 1 位登记管理部门代码「${authorityCode}」不存在`));
  }
  const typeCode = s[1] as string;
  const entityType = USCC_ENTITY_TYPES[authorityCode]?.[typeCode];
  if (entityType === undefined) {
    return err(refuse(input, "entityType", `第 2 位机构类别代码「${typeCode}」不属于登记管理部门「${authority}」`));
  }
  const warnings: IdWarning[] = [];
  const expected = usccCheckChar(s.slice(0, 17));
  if (expected !== s[17]) {
    const pilots = pilotCodes ?? KNOWN_PILOT_USCCS;
    if (options.acceptPilotCodes !== true || !pilots.includes(s)) {
      return err(refuse(input, "checksum", `校验码应为 ${expected}，实为 ${s[17]}：${input}`, { expected }));
    }
    warnings.push({
      code: "USCC_PILOT_CHECKSUM",
      message: `${s} 为早期试点地区赋码，不符合 GB 32100-2015 校验规则（按标准校验码应为 ${expected}），已按合法代码接受，请核实登记信息`,
    });
  }
  return ok({
    code: s,
    registrationAuthority: authority,
    registrationAuthorityCode: authorityCode,
    entityType,
    entityTypeCode: typeCode,
    regionCode: s.slice(2, 8),
    orgCode: s.slice(8, 17),
    warnings,
  });
}
