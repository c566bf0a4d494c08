import { err, ok } from "../../kernel/result.js";
import { formatSource } from "../../kernel/source.js";
import { dateCell, enumCell, textCell } from "../codecs.js";
import { type CellCodec, column, type TableSpec } from "../table.js";
import {
  type NaturalPerson,
  NaturalPersonSchema,
  ORGANISATION_STATUS_LABELS,
  type Organisation,
  organisationSchema,
  PARTY_KIND_LABELS,
} from "./parties.js";
import type { UsccOptions } from "./uscc.js";
import {
  VIOLATION_OUTCOME_LABELS,
  type ViolationBasis,
  type ViolationRecord,
  ViolationRecordSchema,
} from "./violations.js";

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Reads 85, 八十五, 十, 一百零一 (below 10,000); `undefined` for anything else. */
function readNumeral(t: string): number | undefined {
  if (/^\d+$/.test(t)) return Number(t);
  let total = 0;
  let digit: number | undefined;
  for (const c of t) {
    const d = CN_DIGITS[c];
    const u = CN_UNITS[c];
    if (d !== undefined) digit = d;
    else if (u !== undefined) {
      total += (digit ?? 1) * u;
      digit = undefined;
    } else return undefined;
  }
  const n = total + (digit ?? 0);
  return t === "" || n === 0 ? undefined : n;
}

const ARTICLE_RE = /^《(.+?)》\s*第(.+?)条(?:\s*第(.+?)款)?(?:\s*第[（(]?(.+?)[）)]?项)?$/;

/**
 * An article reference written as statutes are cited: `《律师法》第五十五条`,
 * `《价格违法行为行政处罚规定》第十三条第（一）项` (Arabic numerals accepted too).
 */
export const violationBasisCell: CellCodec<ViolationBasis> = {
  parse: (t) => {
    const m = ARTICLE_RE.exec(t);
    if (m === null) return err(`应写作《法律简称》第N条[第N款][第（N）项]：${t}`);
    const article = readNumeral(m[2] ?? "");
    const paragraph = m[3] === undefined ? undefined : readNumeral(m[3]);
    const item = m[4] === undefined ? undefined : readNumeral(m[4]);
    if (
      article === undefined ||
      (m[3] !== undefined && paragraph === undefined) ||
      (m[4] !== undefined && item === undefined)
    ) {
      return err(`条、款、项的序号无法识别：${t}`);
    }
    return ok({
      law: m[1] ?? "",
      article,
      ...(paragraph === undefined ? {} : { paragraph }),
      ...(item === undefined ? {} : { item }),
    });
  },
  format: (v) => formatSource(v),
};

/**
 * 法人和其他组织表 — the organisations sheet: one row per registration version, keyed by
 * USCC and effective date. `options` set the USCC rules (e.g. accept the pilot codes).
 */
export function organisationsTable(options: UsccOptions = {}): TableSpec<Organisation> {
  return {
    kind: "entities.organisations",
    sheet: "法人和其他组织",
    schema: organisationSchema(options),
    key: (o) => `${o.uscc}@${o.effectiveFrom}`,
    columns: [
      column("uscc", "统一社会信用代码", textCell),
      column("name", "名称", textCell),
      column("legalRepresentative", "法定代表人（负责人）", textCell),
      column("address", "住所", textCell),
      column("regionCode", "行政区划代码", textCell),
      column("phone", "联系电话", textCell, true),
      column("status", "登记状态", enumCell(ORGANISATION_STATUS_LABELS)),
      column("effectiveFrom", "生效日期", dateCell),
      column("effectiveUntil", "失效日期", dateCell, true),
    ],
  };
}

/** 法人和其他组织表 with the strict USCC check (see {@link organisationsTable}). */
export const ORGANISATIONS_TABLE: TableSpec<Organisation> = organisationsTable();

/** 自然人表 — the natural persons sheet, keyed by resident ID number. */
export const PERSONS_TABLE: TableSpec<NaturalPerson> = {
  kind: "entities.persons",
  sheet: "自然人",
  schema: NaturalPersonSchema,
  key: (p) => p.idNumber,
  columns: [
    column("idNumber", "公民身份号码", textCell),
    column("name", "姓名", textCell),
    column("address", "住址", textCell),
    column("phone", "联系电话", textCell, true),
  ],
};

/** 违法记录表 — the violation history sheet, keyed by case, party and violation code. */
export const VIOLATIONS_TABLE: TableSpec<ViolationRecord> = {
  kind: "entities.violations",
  sheet: "违法记录",
  schema: ViolationRecordSchema,
  key: (v) => `${v.caseId}|${v.partyKind}:${v.partyId}|${v.violationCode}`,
  columns: [
    column("partyKind", "当事人类型", enumCell(PARTY_KIND_LABELS)),
    column("partyId", "当事人证件号码", textCell),
    column("caseId", "案件编号", textCell),
    column("actDate", "违法行为发生日期", dateCell),
    column("violationCode", "违法行为编码", textCell),
    column("basis", "违法依据", violationBasisCell, true),
    column("outcome", "处理结果", enumCell(VIOLATION_OUTCOME_LABELS)),
    column("decisionDate", "处理决定日期", dateCell, true),
    column("bureau", "处理机关", textCell, true),
  ],
};
