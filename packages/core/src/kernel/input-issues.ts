// Schema issues in words an officer can act on: where (the path in words), what was given
// (the bad value, described safely), and what is allowed (the options, the type, the range).
// zod's own messages are English and name neither the value nor, for a path, the field.
import { describeValue } from "./describe-value.js";

/**
 * 校验问题 — one problem of a schema check, as zod (or a hand-written check) reports it. Only
 * `path` and `message` are required; the rest are zod's fields, read when present.
 */
export interface SchemaIssueLike {
  /** Where, as keys and indexes (`["records", 0, "kind"]`). */
  readonly path: readonly PropertyKey[];
  /** What is wrong, as the schema said it. */
  readonly message: string;
  /** zod's issue code (`invalid_value`, `invalid_type`, `too_small` …). */
  readonly code?: string;
  /** The allowed values (`invalid_value`). */
  readonly values?: readonly unknown[];
  /** The allowed discriminator values (`invalid_union` of a discriminated union). */
  readonly options?: readonly unknown[];
  /** The expected type (`invalid_type`). */
  readonly expected?: string;
  /** The lower bound (`too_small`). */
  readonly minimum?: number | bigint;
  /** The upper bound (`too_big`). */
  readonly maximum?: number | bigint;
  /** Whether the bound itself is allowed (`too_small`, `too_big`). */
  readonly inclusive?: boolean;
  /** What was measured (`string`, `number`, `array` …). */
  readonly origin?: string;
  /** The expected format (`invalid_format`). */
  readonly format?: string;
  /** The pattern of a `regex` format. */
  readonly pattern?: string;
  /** The divisor (`not_multiple_of`). */
  readonly divisor?: number | bigint;
  /** Keys the schema does not know (`unrecognized_keys`). */
  readonly keys?: readonly string[];
}

/** 问题说明 — one issue in words, as `details.issues` of `INVALID_INPUT` lists it. */
export interface InputIssue {
  /** Where, as a dotted path (`records.0.kind`); empty for the input itself. */
  readonly path: string;
  /** Where, in words (`records 第 1 项的 kind`). */
  readonly field: string;
  /** What is wrong and what is allowed, in Chinese (`为「nope」，应为以下之一：transcript、…`). */
  readonly message: string;
  /** The value given, described safely (never throwing, strings cut to 80 characters); absent when the field is missing or unknown. */
  readonly value?: string;
  /** The allowed values, when the schema lists them. */
  readonly allowed?: readonly string[];
}

const MISSING = Symbol("missing");
const UNREADABLE = Symbol("unreadable");
const MAX_ALLOWED = 40;
const HAN = /[\u3400-\u9fff]/u;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "文本",
  number: "数字",
  int: "整数",
  bigint: "大整数",
  boolean: "布尔值（true 或 false）",
  object: "对象",
  array: "数组",
  date: "日期对象",
  null: "null",
  undefined: "不填",
  symbol: "符号",
  function: "函数",
  map: "Map",
  set: "Set",
  file: "文件",
  nan: "NaN",
  literal: "指定的字面值",
  tuple: "元组（数组）",
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: "电子邮件地址",
  url: "网址",
  uuid: "UUID",
  datetime: "ISO 8601 时间（如 2026-03-01T08:00:00Z）",
  date: "日期（YYYY-MM-DD）",
  time: "时间（HH:MM:SS）",
  regex: "规定格式",
  base64: "Base64 文本",
  hex: "十六进制文本",
};

/** The path in words: `records 第 1 项的 kind`; `输入本身` for the root. */
export function pathInWords(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "输入本身";
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `${out === "" ? "" : " "}第 ${seg + 1} 项`;
    else out += out === "" ? String(seg) : `${out.endsWith("项") ? "的 " : " 的 "}${String(seg)}`;
  }
  return out;
}

/** The value at `path` in `input`: `MISSING` when a key is absent, `UNREADABLE` when reading throws (getters, Proxies). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  try {
    let v: unknown = input;
    for (const seg of path) {
      if (typeof v !== "object" || v === null) return MISSING;
      if (!(seg in v)) return MISSING;
      v = (v as Record<PropertyKey, unknown>)[seg];
    }
    return v;
  } catch {
    return UNREADABLE;
  }
}

function shown(value: unknown): string {
  if (typeof value === "string") return `"${describeValue(value)}"`;
  return describeValue(value);
}

function bound(n: number | bigint): string {
  return typeof n === "bigint" ? n.toString() : String(n);
}

function sizeRule(issue: SchemaIssueLike, small: boolean): string {
  const n = small ? issue.minimum : issue.maximum;
  if (n === undefined) return "";
  const incl = issue.inclusive !== false;
  const b = bound(n);
  switch (issue.origin) {
    case "string":
      if (small && incl && b === "1") return "不得为空";
      return small ? `长度应${incl ? "至少" : "大于"} ${b} 个字符` : `长度应${incl ? "不超过" : "小于"} ${b} 个字符`;
    case "array":
    case "set":
      if (small && incl && b === "1") return "至少应有 1 项";
      return small ? `应${incl ? "至少" : "多于"} ${b} 项` : `应${incl ? "不超过" : "少于"} ${b} 项`;
    default:
      return small ? `应${incl ? "不小于" : "大于"} ${b}` : `应${incl ? "不大于" : "小于"} ${b}`;
  }
}

/** What is allowed, in words, and the allowed values when the schema lists them. */
function allowedOf(issue: SchemaIssueLike): { text: string; list?: string[] } {
  switch (issue.code) {
    case "invalid_value":
    case "invalid_union": {
      const values = issue.code === "invalid_value" ? issue.values : issue.options;
      if (values === undefined || values.length === 0) {
        return { text: HAN.test(issue.message) ? issue.message : "不符合任何一种允许的格式" };
      }
      const list = values.map(shown);
      const head = list.slice(0, MAX_ALLOWED).join("、");
      const more = list.length > MAX_ALLOWED ? ` 等 ${list.length} 个` : "";
      return { text: list.length === 1 ? `应为 ${head}` : `应为以下之一：${head}${more}`, list };
    }
    case "invalid_type":
      return { text: `应为${TYPE_NAMES[issue.expected ?? ""] ?? issue.expected ?? "其他类型"}` };
    case "too_small":
      return { text: sizeRule(issue, true) };
    case "too_big":
      return { text: sizeRule(issue, false) };
    case "not_multiple_of":
      return { text: `应为 ${issue.divisor === undefined ? "?" : bound(issue.divisor)} 的整数倍` };
    case "invalid_format": {
      const name = FORMAT_NAMES[issue.format ?? ""] ?? issue.format ?? "规定格式";
      return {
        text: issue.format === "regex" && issue.pattern !== undefined ? `应匹配 ${issue.pattern}` : `应为${name}`,
      };
    }
    case "unrecognized_keys":
      return { text: `含有不认识的字段：${(issue.keys ?? []).join("、")}（请删除或检查拼写）` };
    default:
      return { text: issue.message };
  }
}

/**
 * 说明校验问题 — one schema issue in words: the field (the path in words), the value given
 * (read from `input` at the issue's path, described safely, or
 * 「缺失」 when the field is absent) and what is allowed (the enum's options, the type, the
 * bounds). A schema's own Chinese message (a refinement's) is kept as the rule. Never throws.
 */
export function describeIssue(issue: SchemaIssueLike, input?: unknown): InputIssue {
  const path = issue.path.map(String).join(".");
  const field = pathInWords(issue.path);
  const hasInput = input !== undefined;
  const raw = hasInput ? valueAt(input, issue.path) : MISSING;
  const { text, list } = allowedOf(issue);
  // A refinement's own Chinese message says more than a generic rule; zod's English ones do not.
  const rule = issue.code !== "unrecognized_keys" && HAN.test(issue.message) ? issue.message : text;
  const unknownKeys = issue.code === "unrecognized_keys";
  let given = "";
  if (!unknownKeys && hasInput) {
    given = raw === UNREADABLE ? "无法读取" : raw === MISSING || raw === undefined ? "缺失" : `为 ${shown(raw)}`;
  }
  const message = unknownKeys || given === "" ? rule : `${given}，${rule}`;
  return {
    path,
    field,
    message,
    ...(raw === MISSING || unknownKeys
      ? {}
      : { value: raw === UNREADABLE ? "[unreadable value]" : describeValue(raw) }),
    ...(list === undefined ? {} : { allowed: list.map((s) => (s.startsWith('"') ? s.slice(1, -1) : s)) }),
  };
}

/** How many issues a message spells out before "等 N 处问题". */
const MAX_IN_MESSAGE = 5;

/**
 * The text after `what：` of an `INVALID_INPUT` message: each issue as
 * `field value, rule` (`records 第 1 项的 kind 为 "nope"，应为以下之一：…`), separated by `；`.
 */
export function issuesInWords(issues: readonly InputIssue[]): string {
  const parts = issues
    .slice(0, MAX_IN_MESSAGE)
    .map((i) => `${i.field}${/^(为 |缺失|无法读取)/u.test(i.message) ? " " : "："}${i.message}`);
  const more = issues.length > MAX_IN_MESSAGE ? `；等共 ${issues.length} 处问题` : "";
  return `${parts.join("；")}${more}`;
}
