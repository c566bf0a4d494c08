import { describeIssue, type InputIssue, issuesInWords, type SchemaIssueLike } from "./input-issues.js";
import type { RuleSource } from "./rule-source.js";

/**
 * Every error code sanxiang returns, with a short Chinese title. Codes are stable across
 * major versions; messages may change. The {@link SanxiangErrorCode} union derives from
 * this table, so adding a code here is the only way to add one.
 */
export const ERROR_CODES = {
  /** Input failed its schema. */
  INVALID_INPUT: "输入无效",
  /** Not a real date in `YYYY-MM-DD` form. */
  CIVIL_DATE_INVALID: "日期无效",
  /** Not an ISO-8601 UTC instant. */
  INSTANT_INVALID: "时间点无效",
  /** Not a valid amount of money. */
  MONEY_INVALID: "金额无效",
  /** An amount beyond the safe range of integer fen. */
  MONEY_OUT_OF_RANGE: "金额超出范围",
  /** A date falls in a year whose State Council holiday notice is not loaded. */
  CALENDAR_YEAR_UNKNOWN: "缺少该年度节假日安排",
  /** Holiday data that contradicts itself or its year. */
  CALENDAR_DATA_INVALID: "节假日数据无效",
  /** A period specification that cannot be computed (negative, fractional, unknown unit). */
  PERIOD_INVALID: "期间无效",
  /** No statutory period with that identifier. */
  PERIOD_RULE_UNKNOWN: "未知的法定期限",
  /** A Merkle leaf index outside the tree. */
  MERKLE_INDEX_OUT_OF_RANGE: "默克尔叶子序号越界",
  /** A Merkle tree size that is not possible here (zero, negative, old > new). */
  MERKLE_TREE_SIZE_INVALID: "默克尔树大小无效",
  /** A proof with the wrong number of hashes for its index and tree size. */
  MERKLE_PROOF_WRONG_LENGTH: "默克尔证明长度错误",
  /** A hash of the wrong length or form. */
  MERKLE_HASH_INVALID: "默克尔哈希无效",
  /** A proof that recomputes to a different root. */
  MERKLE_ROOT_MISMATCH: "默克尔根不一致",
  /** A hash algorithm the SDK does not provide. */
  HASH_ALGORITHM_UNSUPPORTED: "不支持的哈希算法",
  /** An actor that fails its schema (unknown role, empty id). */
  ACTOR_INVALID: "执法主体身份无效",
  /** The actor's roles do not permit the command. */
  PERMISSION_DENIED: "无权执行该操作",
  /** An acting person absent from the bureau's officer registry on the day, or registered with another body (不是本机关登记的执法人员). */
  ACTOR_NOT_REGISTERED: "不是本机关登记的人员",
  /** A claimed role the registry does not back: a `head` who is not a head of the body, a reviewer not registered as one (所称身份无登记依据). */
  ROLE_NOT_BACKED: "所称身份无登记依据",
  /** An officer's act on a case whose team (承办人员) does not include them (非本案承办人员). */
  NOT_ON_CASE_TEAM: "非本案承办人员",
  /** An identifier of the wrong form. */
  ID_INVALID: "标识无效",
  /** An import in which at least one row is wrong: nothing was imported. */
  IMPORT_INVALID: "导入数据有误",
  /** A CSV or spreadsheet that cannot be read as a table. */
  TABLE_UNREADABLE: "表格无法读取",
  /** A registry record that is not there (at that date). */
  REGISTRY_NOT_FOUND: "数据库中无此记录",
  /** Registry records that contradict each other (overlapping versions, duplicate keys). */
  REGISTRY_CONFLICT: "数据库记录冲突",
  /** A proposed penalty the law does not allow: above the statutory maximum, or barred (处罚超出法定范围). */
  PENALTY_OUT_OF_RANGE: "处罚超出法定范围",
  /** An officer who may not act on that date: certificate, status, scope or body (执法资格). */
  OFFICER_NOT_QUALIFIED: "执法人员不具备执法资格",
  /** Fewer qualified officers than the action requires (行政处罚法 Art. 42). */
  OFFICERS_INSUFFICIENT: "执法人员人数不足",
  /** A citation of a law that cannot be read (法条引用格式无效), e.g. `行政处罚法第五十八条`. */
  ARTICLE_REF_INVALID: "法条引用格式无效",
  /** A signature algorithm the SDK does not provide (不支持的签名算法). */
  SIGNATURE_ALGORITHM_UNSUPPORTED: "不支持的签名算法",
  /** A private or public signing key of the wrong length or not on the curve (签名密钥无效). */
  SIGNING_KEY_INVALID: "签名密钥无效",
  /** A signature that does not verify under the key (签名无效). */
  SIGNATURE_INVALID: "签名无效",
  /** A Signer adapter (HSM, KMS) that threw, rejected or returned a non-signature (签名服务失败). */
  SIGNER_FAILED: "签名服务失败",
  /** A signed tree head that is not well formed (签名树头格式错误). */
  TREE_HEAD_MALFORMED: "签名树头格式错误",
  /** A signed tree head whose signature or hash algorithm is not the one expected (签名树头算法不一致). */
  TREE_HEAD_ALGORITHM_MISMATCH: "签名树头算法不一致",
  /** Records a rule requires are missing for a step (执法全过程记录不完整, 行政处罚法 Art. 47). */
  RECORDING_INCOMPLETE: "执法全过程记录不完整",
  /** A record naming an enforcement action no recording rule knows: it would silently escape every rule (未知的执法行为). */
  RECORDING_ACTION_UNKNOWN: "未知的执法行为",
  /** A retried step that is not the same step: an id the case already recorded (调查取证 `actionId`, 先行登记保存 `preservationId`, 证据编号) sent again with different content (同一编号已记录不同内容, 执法全过程记录 — 行政处罚法 Art. 47). */
  RECORD_CONFLICT: "与已记录的内容不一致",
  /** A chain-of-custody step out of order or back in time (证据保管链顺序错误). */
  CUSTODY_OUT_OF_ORDER: "证据保管链顺序错误",
  /** Evidence bytes or a re-computed hash that differ from those captured (证据可能被篡改). */
  EVIDENCE_TAMPERED: "证据与采集时不一致",
  /** No evidence stored under the hash asked about (证据不存在). */
  EVIDENCE_NOT_FOUND: "证据不存在",
  /** An evidence store that could not read or write: disk full, permission, a failing source stream (证据存储失败). */
  EVIDENCE_STORE_FAILED: "证据存储失败",
  /** A case event whose `seq` does not continue its case's stream: a gap or a duplicate (事件序号不连续). */
  EVENT_SEQUENCE_INVALID: "案件事件序号不连续",
  /** A stored or stated leaf hash that differs from the hash of the event's canonical bytes (事件哈希不符). */
  EVENT_HASH_MISMATCH: "事件哈希与内容不符",
  /** A case file (案卷) that fails its schema, or has no event to file (案卷格式错误). */
  CASE_FILE_MALFORMED: "案卷格式错误",
  /** A catalogue (卷内目录) out of order, incomplete, or disagreeing with its events (卷内目录错误). */
  CASE_FILE_CATALOGUE_INVALID: "卷内目录与事件不符",
  /** A case-file entry whose inclusion proof does not lead to the signed root (包含性证明无效). */
  CASE_FILE_PROOF_INVALID: "卷内文件包含性证明无效",
  /** A command the case's procedure does not accept in its current state (当前环节不允许该操作). */
  COMMAND_NOT_ALLOWED: "当前环节不允许该操作",
  /** A penalty decision without a served prior notice or a written waiver (行政处罚法 Arts. 44, 62). */
  DECISION_WITHOUT_NOTICE: "未经告知不得作出处罚决定",
  /** A heavier penalty after the party's statement and defence (行政处罚法 Art. 45 para. 2). */
  PENALTY_INCREASED_AFTER_DEFENCE: "不得因陈述申辩加重处罚",
  /** An act not discovered within the limitation period (行政处罚法 Art. 36). */
  LIMITATION_EXPIRED: "超过行政处罚追责时效",
  /** A decision before a requested hearing was held or while the request window is open (行政处罚法 Arts. 63–65). */
  HEARING_PENDING: "听证程序尚未完成",
  /** A penalty decision while the party's statement-and-defence window is open and the party has neither stated nor waived (陈述申辩期限未届满, 行政处罚法 Arts. 44, 45, 62). */
  STATEMENT_PERIOD_OPEN: "陈述申辩期限未届满",
  /** A decision needing legal review without an approval of the same draft (行政处罚法 Art. 58). */
  REVIEW_NOT_APPROVED: "未经法制审核或审核未通过",
  /** A submission for legal review without the materials the checklist requires (法制审核送审材料不全). */
  REVIEW_MATERIALS_INCOMPLETE: "法制审核送审材料不全",
  /** A legal review asked for by id (a review stream, or a case with reviews) that the store does not hold (无此法制审核). */
  REVIEW_NOT_FOUND: "存储中无此法制审核",
  /** The written opinion (法制审核意见书) of a review no reviewer has concluded yet (尚未出具法制审核意见). */
  REVIEW_NOT_CONCLUDED: "尚未出具法制审核意见",
  /** A reviewer who handled the case, assigned to review it (审核人员应当回避, 行政处罚法 Art. 43). */
  REVIEWER_RECUSAL_REQUIRED: "审核人员应当回避",
  /** A collective discussion with fewer heads than the quorum (集体讨论未达到规定人数, 行政处罚法 Art. 57 para. 2). */
  DISCUSSION_QUORUM_NOT_MET: "集体讨论未达到规定人数",
  /** A decision needing collective discussion by the heads without one (行政处罚法 Art. 57 para. 2). */
  COLLECTIVE_DISCUSSION_REQUIRED: "应当集体讨论决定",
  /** An append whose expected stream version is not the stream's current version (并发冲突). */
  CONCURRENCY_CONFLICT: "案件已被他人更新",
  /** A storage adapter could not do what was asked (connection lost, disk full, closed store); `cause` keeps the driver's error (存储不可用). */
  STORE_UNAVAILABLE: "存储不可用",
  /** Stored data that cannot be read back as written: malformed rows, a broken Merkle head, a missing event (存储数据损坏). */
  STORE_CORRUPT: "存储数据已损坏",
  /** A command that reads an existing store was pointed at one that does not exist, and would otherwise have created an empty one (存储不存在). */
  STORE_NOT_FOUND: "存储不存在",
  /** An output file or directory (a case file, an opinion, an export, the disclosure site) that could not be written: disk full, I/O error, quota, a read-only or failing file system; the previous file is left as it was (输出文件写入失败). */
  OUTPUT_WRITE_FAILED: "输出文件写入失败",
  /** A signed tree head contradicting a kept one: another root for a kept size, another key replacing the signer's, or dated before a smaller tree's head (树头冲突). */
  TREE_HEAD_CONFLICT: "签名树头冲突",
  /** Projection rows that differ from a replay of the log: a row altered, inserted or deleted outside an append (投影与日志重放不一致). */
  PROJECTION_MISMATCH: "投影与事件日志不一致",
  /** A coercive measure without the head's approval, or an emergency one not reported within 24 hours (行政强制法 Arts. 18, 19). */
  COERCION_NOT_APPROVED: "行政强制措施未经负责人批准",
  /** A sealing or seizure act after its period expired (行政强制法 Arts. 25, 27, 28). */
  COERCION_PERIOD_EXPIRED: "查封、扣押期限已届满",
  /** Electronic service without the party's confirmation on record (当事人未同意电子送达, 行政处罚法 Art. 61 para. 2). */
  SERVICE_WITHOUT_CONSENT: "当事人未同意电子送达",
  /** An execution step before its condition: no overdue fine, no written demand, the demand's period still running (强制执行条件未成就, 行政强制法 Arts. 35, 37, 46, 54). */
  EXECUTION_PREMATURE: "强制执行条件未成就",
  /** An execution act at night or on a statutory holiday without an emergency (行政强制法 Art. 43 para. 1). */
  EXECUTION_AT_NIGHT_OR_HOLIDAY: "不得在夜间或者法定节假日实施行政强制执行",
  /** An application to the people's court after its three-month window closed (行政强制法 Art. 53). */
  COURT_APPLICATION_LATE: "申请人民法院强制执行已超过期限",
  /** Cutting water, power, heating or gas to residents' homes to compel performance (行政强制法 Art. 43 para. 2). */
  EXECUTION_MEANS_FORBIDDEN: "不得以停止供水、供电、供热、供燃气等方式迫使履行",
  /** An execution step while execution is suspended or after it was terminated (行政强制法 Arts. 39–40). */
  EXECUTION_HALTED: "执行已中止或者终结",
  /** Service of a decision to be published without the written notice the sector rule requires (市场监督管理行政处罚信息公示规定 Art. 8). */
  PUBLICATION_NOTICE_MISSING: "送达时未书面告知将予公示",
  /** A fine above the simplified-procedure cap, or a penalty other than a fine or warning (行政处罚法 Art. 51). */
  SIMPLIFIED_CAP_EXCEEDED: "超出简易程序适用范围",
  /** A decision form not issued to that officer, already used or voided (行政处罚法 Art. 52). */
  FORM_NUMBER_INVALID: "行政处罚决定书编号无效",
  /** On-the-spot collection outside the cases of 行政处罚法 Arts. 68–70. */
  ON_SPOT_COLLECTION_NOT_ALLOWED: "不得当场收缴罚款",
  /** A random-inspection draw that re-runs to a different result, or whose pools changed (随机抽查结果无法复现). */
  INSPECTION_DRAW_MISMATCH: "随机抽查结果无法复现",
  /** A disclosure published, or about to be, without the responsible head's sign-off of exactly that content (未经负责人审定不得公示, 试点方案 二（一）（2）). */
  DISCLOSURE_NOT_APPROVED: "公示信息未经负责人审定",
  /** A sign-off by someone who is not a head of the disclosing body (谁执法谁公示; 负责人签字审定). */
  DISCLOSURE_SIGNOFF_INVALID: "审定人不是公示主体的负责人",
  /** Information that must not be published at all: a minor party, state or trade secrets, privacy at the core of the facts (不予公开, 政府信息公开条例 Arts. 14–15). */
  DISCLOSURE_WITHHELD: "该信息依法不予公开",
  /** Content that still holds personal data the redaction policy hides (脱敏不完整). */
  REDACTION_INCOMPLETE: "公示信息脱敏不完整",
  /** A Publisher adapter (the public website, a credit platform) that failed or refused (公示发布失败); `cause` keeps its error. */
  PUBLISHER_FAILED: "公示发布失败",
  /** The `disclosures` projection (or a disclosure stream) disagrees with what the signed log proves: the site is not built from it (公示信息与签名日志不一致). */
  DISCLOSURE_LOG_MISMATCH: "公示信息与签名日志不一致",
  /** Events after the newest signed tree head, where a signed head was required (日志末尾尚无签名树头覆盖). */
  LOG_TAIL_UNSIGNED: "日志末尾的事件尚无签名树头覆盖",
  /** A penalty decision of a bureau with discretion benchmarks that names no benchmark row (未载明适用的裁量基准, 行政处罚法 Art. 34). */
  BENCHMARK_NOT_APPLIED: "处罚决定未载明适用的裁量基准",
  /** A decision outside its benchmark row's range (or 减轻) without the deviation procedure the row requires on record (偏离裁量基准未履行规定程序). */
  BENCHMARK_DEVIATION_UNRECORDED: "偏离裁量基准未履行规定程序",
} as const;

/** The closed union of error codes (keys of {@link ERROR_CODES}). */
export type SanxiangErrorCode = keyof typeof ERROR_CODES;

/** Structured, JSON-safe details of an error (the offending value, limits, gaps…). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** What {@link SanxiangError} is made from. */
export interface SanxiangErrorInit {
  /** Stable code. */
  readonly code: SanxiangErrorCode;
  /** Human-readable message; officers read it, so Chinese where it describes a rule. */
  readonly message: string;
  /** The rule that refused, when a rule refused. */
  readonly source?: RuleSource;
  /** Structured details. */
  readonly details?: ErrorDetails;
  /** The underlying failure, kept for debugging. */
  readonly cause?: unknown;
}

const MARKER = Symbol.for("@sanxiang/core/SanxiangError");

/**
 * 错误 — the one error shape of sanxiang. Domain failures are returned inside a
 * neverthrow `Err`, never thrown; `code` says what went wrong, `source` names the law and
 * article when a rule refused.
 *
 * Use {@link SanxiangError.isInstance} rather than `instanceof`: it also recognises
 * errors made by another copy of this package.
 */
export class SanxiangError extends Error {
  /** Stable code from {@link ERROR_CODES}. */
  readonly code: SanxiangErrorCode;
  /** The rule that refused, when a rule refused. */
  readonly source?: RuleSource;
  /** Structured, JSON-safe details. */
  readonly details?: ErrorDetails;
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read by isInstance through the registered symbol
  private readonly [MARKER] = true;

  constructor(init: SanxiangErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "SanxiangError";
    this.code = init.code;
    if (init.source !== undefined) this.source = init.source;
    if (init.details !== undefined) this.details = init.details;
  }

  /** True for any `SanxiangError`, from this or another copy of the package. */
  static isInstance(value: unknown): value is SanxiangError {
    return typeof value === "object" && value !== null && (value as { [MARKER]?: unknown })[MARKER] === true;
  }

  /** A plain object for logs and APIs (no stack, no cause). */
  toJSON(): { code: SanxiangErrorCode; message: string; source?: RuleSource; details?: ErrorDetails } {
    return {
      code: this.code,
      message: this.message,
      ...(this.source === undefined ? {} : { source: this.source }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** Shorthand for `new SanxiangError({...})`. */
export function sanxiangError(
  code: SanxiangErrorCode,
  message: string,
  extra: Omit<SanxiangErrorInit, "code" | "message"> = {},
): SanxiangError {
  return new SanxiangError({ code, message, ...extra });
}

/**
 * `INVALID_INPUT` from a failed schema check. The message names, after `what` (e.g.
 * `命令无效`), each failing field in words, the value given and what is allowed —
 * `命令无效：records 第 1 项的 kind 为 "nope"，应为以下之一："transcript"、"document"…` —
 * and `details.issues` lists them ({@link InputIssue}: `path`, `field`, `message`, `value`,
 * `allowed`). Pass the `input` that was checked so the values can be named; without it the
 * message names the field and the rule only.
 */
export function invalidInput(what: string, issues: readonly SchemaIssueLike[], input?: unknown): SanxiangError {
  const list: InputIssue[] = issues.map((i) => describeIssue(i, input));
  return sanxiangError("INVALID_INPUT", list.length === 0 ? what : `${what}：${issuesInWords(list)}`, {
    details: { issues: list },
  });
}
