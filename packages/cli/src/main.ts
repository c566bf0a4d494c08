import { parseArgs } from "node:util";
import { SanxiangError, type SanxiangErrorCode, sanxiangError } from "@sanxiang/core";
import { caseCommand, casesCommand } from "./commands/case.js";
import { casefileCommand } from "./commands/casefile.js";
import { deadlineCommand } from "./commands/deadline.js";
import { deadlinesCommand } from "./commands/deadlines.js";
import { demoCommand } from "./commands/demo.js";
import { dutiesCommand } from "./commands/duties.js";
import { equipmentCommand } from "./commands/equipment.js";
import { inspectionCommand } from "./commands/inspection.js";
import { penaltyCommand } from "./commands/penalty.js";
import { publishCommand, serveCommand } from "./commands/publish.js";
import { registryCommand } from "./commands/registry.js";
import { reviewCommand } from "./commands/review.js";
import { signCommand } from "./commands/sign.js";
import { verifyCommand } from "./commands/verify.js";
import { formatError } from "./format-error.js";
import { type Lang, pickLang, t } from "./i18n.js";
import {
  type CliIo,
  describeSystemError,
  isInputSystemError,
  isSystemError,
  processIo,
  stdoutWriteFailed,
  systemErrorCode,
} from "./io.js";
import { terminalSafeIo } from "./terminal-safe.js";

export { formatError } from "./format-error.js";
export { type CliIo, processIo, systemClock } from "./io.js";

/** Exit codes: 0 done, 1 an unexpected failure, 2 bad usage or input refused. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** What a subcommand receives. */
export interface CommandContext {
  /** Positional arguments after the subcommand. */
  readonly args: readonly string[];
  /** Parsed options. */
  readonly options: Readonly<Record<string, string | boolean | string[] | undefined>>;
  /** Output language. */
  readonly lang: Lang;
  /** Streams, clock, environment. */
  readonly io: CliIo;
}

const OPTIONS = {
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
  workdays: { type: "boolean" },
  months: { type: "boolean" },
  years: { type: "boolean" },
  "no-rollover": { type: "boolean" },
  rule: { type: "string" },
  region: { type: "string" },
  dir: { type: "string" },
  sample: { type: "boolean" },
  date: { type: "string" },
  circumstance: { type: "string", multiple: true },
  gains: { type: "string" },
  "goods-value": { type: "string" },
  fine: { type: "string" },
  key: { type: "string" },
  algorithm: { type: "string" },
  example: { type: "boolean" },
  html: { type: "string" },
  store: { type: "string" },
  log: { type: "boolean" },
  "key-file": { type: "string" },
  "log-id": { type: "string" },
  "new-key": { type: "boolean" },
  out: { type: "string" },
  "base-url": { type: "string" },
  title: { type: "string" },
  bureau: { type: "string" },
  body: { type: "string" },
  serve: { type: "boolean" },
  "require-signed": { type: "boolean" },
  "skip-projections": { type: "boolean" },
  port: { type: "string" },
  sector: { type: "string" },
  json: { type: "boolean" },
  "fail-overdue": { type: "boolean" },
  "due-by": { type: "string" },
  overdue: { type: "boolean" },
  "allow-empty": { type: "boolean" },
  "dry-run": { type: "boolean" },
  encoding: { type: "string" },
  format: { type: "string" },
  as: { type: "string" },
  at: { type: "string" },
  data: { type: "string" },
  "data-file": { type: "string" },
  on: { type: "string" },
  preparer: { type: "string" },
  evidence: { type: "string" },
  device: { type: "string" },
  "captured-at": { type: "string" },
  stage: { type: "string" },
  "media-type": { type: "string" },
  "evidence-type": { type: "string" },
  purpose: { type: "string" },
  verify: { type: "boolean" },
  force: { type: "boolean" },
  site: { type: "string" },
  task: { type: "string" },
  item: { type: "string", multiple: true },
  category: { type: "string" },
  count: { type: "string" },
  inspectors: { type: "string" },
} as const;

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
}

/**
 * The first option that takes one value but was given two different ones (`--store a.db
 * --store b.db`): parseArgs would silently keep the last, and a command could act on a store
 * or a date the operator did not mean. The same value twice is harmless and passes.
 */
function conflictingOption(tokens: ReturnType<typeof parse>["tokens"]): { name: string; values: string[] } | undefined {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.value === undefined) continue;
    const spec = OPTIONS[token.name as keyof typeof OPTIONS];
    if ("multiple" in spec && spec.multiple) continue;
    const before = seen.get(token.name);
    if (before !== undefined && before !== token.value) return { name: token.name, values: [before, token.value] };
    seen.set(token.name, token.value);
  }
  return undefined;
}

/**
 * A usage error the CLI reports with exit code 2 — an unknown command, a missing argument —
 * printed as every refusal is: `错误 [INVALID_INPUT] message`, then the usage.
 */
export class UsageError extends Error {}

/** The coded refusal of a usage error (`INVALID_INPUT`, `details.reason: "usage"`). */
function usageRefusal(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details: { reason: "usage", ...details } });
}

/**
 * Codes that mean something failed or is damaged (exit 1) rather than that the operator's
 * input was refused (exit 2).
 */
const FAILURE_CODES: ReadonlySet<SanxiangErrorCode> = new Set<SanxiangErrorCode>([
  "STORE_CORRUPT",
  "STORE_UNAVAILABLE",
  "EVENT_HASH_MISMATCH",
  "MERKLE_ROOT_MISMATCH",
  "EVIDENCE_TAMPERED",
  "EVIDENCE_STORE_FAILED",
  "SIGNER_FAILED",
  "PUBLISHER_FAILED",
  "OUTPUT_WRITE_FAILED",
]);

/** The exit code for a coded error: 1 for damaged data or a failed service, else 2 (input refused). */
export function exitCodeOf(e: SanxiangError): number {
  return FAILURE_CODES.has(e.code) ? EXIT.failure : EXIT.usage;
}

/** `--lang <x>` / `--lang=<x>` read from raw arguments that did not parse, to refuse them in that language. */
function langArgument(argv: readonly string[]): string | undefined {
  for (const [i, a] of argv.entries()) {
    if (a === "--") return undefined;
    if (a.startsWith("--lang=")) return a.slice("--lang=".length);
    if (a === "--lang") return argv[i + 1];
  }
  return undefined;
}

/**
 * parseArgs's refusal as a coded `INVALID_INPUT` in the operator's language (its English text
 * names the option), with the option in `details`.
 */
function parseErrorRefusal(lang: Lang, e: unknown): SanxiangError {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "";
  const details = option === "" ? {} : { option };
  if (lang === "en") return usageRefusal(message, details);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return usageRefusal(`未知选项：${option}`, details);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/argument missing/.test(message)) return usageRefusal(`选项 ${option} 缺少值`, details);
    if (/ambiguous/.test(message)) {
      return usageRefusal(`选项 ${option} 的值以“-”开头；请写成 ${option}=<值>`, details);
    }
    if (/does not take an argument/.test(message)) return usageRefusal(`选项 ${option} 不带值`, details);
  }
  return usageRefusal(message, details);
}

/**
 * Refusals that hold for every command, before it runs: an argument with a NUL character, an
 * option given an empty value (`--dir ""` would silently mean the working directory), a
 * `--port` that is not an integer from 0 to 65535.
 */
function checkArguments(
  argv: readonly string[],
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
): SanxiangError | undefined {
  if (argv.some((a) => a.includes("\0"))) return sanxiangError("INVALID_INPUT", "参数中含有空字符（NUL）");
  for (const [name, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v === "")) {
      return sanxiangError("INVALID_INPUT", `选项 --${name} 的值为空`, { details: { option: name } });
    }
  }
  const port = values.port;
  if (typeof port === "string" && !(/^\d{1,5}$/.test(port) && Number(port) <= 65_535)) {
    return sanxiangError("INVALID_INPUT", `端口应为 0 至 65535 的整数（0 表示任选空闲端口）：${JSON.stringify(port)}`, {
      details: { option: "port", value: port },
    });
  }
  return undefined;
}

function usage(lang: Lang): string {
  return t(
    lang,
    `用法：sanxiang <命令> [参数]

命令：
  deadline <起算日> <期间> [--workdays | --months | --years] [--no-rollover] [--region 行政区划代码]
                         计算期间届满日（起算日不计入），列出跳过的非工作日；
                         --region 叠加该地区的放假安排（如 640502 沙坡头区：开斋节、古尔邦节）
  deadline <起算日> --rule <规则编号>
                         按法定期限表计算，例如 --rule penalty.service
  registry import <类别> <文件> [--dry-run] [--allow-empty] [--encoding utf-8|gb18030|big5]
                         导入数据库（.csv / .xlsx / .json），逐行校验，有错则不导入；
                         先列出新增、修改、删除的记录；--dry-run 只列出不写入；
                         空表格不会清空已有数据，除非加 --allow-empty；文本编码自动识别
                         （UTF-8、UTF-16、GB18030），疑似 Big5 时拒绝，--encoding 可指定编码
  registry export <类别> <文件>
                         导出数据库
  registry check         检查数据库：法律依据、执法证有效期、法制审核人员配备
  penalty recommend <违法行为编码> [--circumstance 情节]… [--gains 违法所得] [--goods-value 货值]
                         按裁量基准给出处罚建议及依据
  penalty check <违法行为编码> --fine 罚款 [--circumstance 情节]…
                         检查拟处罚款是否在裁量幅度内及所需程序
  verify <案卷.json> --key <公钥十六进制> [--algorithm ed25519|sm2]
                         离线验证案卷：签名树头、每件文件的哈希与包含性证明
                         （退出码 0 通过，1 未通过，2 输入有误）
  verify --log [--key <公钥十六进制>] [--require-signed] [--skip-projections]
                         验证整个存储：每件事件与其叶子哈希、默克尔根、每个已保存的签名树头、
                         各投影与事件日志的重放；--require-signed 时尚无签名树头覆盖的事件也算未通过
  sign --key-file <私钥文件> --log-id <日志标识> [--algorithm ed25519|sm2] [--new-key]
                         用机关私钥对存储的日志头签名并保存；所用密钥与签署最新树头的密钥不同时拒绝，
                         除非以 --new-key 声明本局已更换密钥（须在日志增长后签名，原树头保留）
  casefile <案件编号> <输出.json> [--html <目录.html> [--body <主体编号>]]
                         从存储组卷：卷内目录、每件文件的包含性证明（对最新签名树头）；
                         --body 按执法主体数据库取机关名称作目录抬头和责任者
  casefile --example <输出.json> [--html <目录.html>]
                         生成示例案卷（示例数据，用公开的测试密钥签名），供试用 verify
  review opinion <案件编号或审核编号> [--format text|html|md] [--out <文件>] [--body <主体编号>]
                         从存储输出法制审核意见书（案件最近一次法制审核，或指定的审核）；
                         人员与机关名称取自执法主体数据库（--sample 或 --dir）；
                         尚未出具审核意见的，退出码 2（REVIEW_NOT_CONCLUDED）
  publish --out <目录> [--key <公钥十六进制>] [--require-signed] [--base-url 网址]
          [--title 标题] [--body 主体编号 | --bureau 机关名称] [--serve]
                         由签名日志证明已经负责人审定发布的公示信息生成公示网站
                         （--body 按执法主体数据库取主办单位的机关全称）
                         （增量更新，撤回的信息留下撤回公告）；公示投影与日志不一致时
                         逐项列出并拒绝发布；--require-signed 要求全部公示事件已有签名树头覆盖
  serve <目录> [--port 端口]
                         在本机提供公示网站（站内搜索需经 HTTP 访问）
  duties [--date 日期] [--sector 行业] [--json] [--fail-overdue]
                         列出待履行的公示义务（应公示、应撤回），标明届满日、逾期天数与依据；
                         --sector samr 适用市场监管公示规定；--fail-overdue 有逾期时退出码为 1
  deadlines [--date 日期] [--due-by 日期] [--overdue] [--sector 行业] [--json] [--fail-overdue]
                         列出存储中全部未届满或已逾期的期限（案件、强制措施、法制审核）及公示义务
                         （应公示、应撤回、应推送），按届满日排序，标明逾期天数与依据
  case <案件编号> do <命令类型> --as <人员编号> [--at <UTC 时刻>] [--data <JSON> | --data-file <文件>|-] [--json]
                         办案：经 createBureau 以数据库在册人员身份执行任一程序命令（普通程序、查封扣押、
                         简易程序、双随机检查、法制审核、公示；字段见 docs/commands.md），列出记录的事件；
                         被拒绝时说明理由和代码，不写入任何事件（退出码 2）；--at 缺省为当前时刻；
                         简易程序决定书登记簿：case forms do form.issue|form.void
  case <案件编号> show [--json]
                         案件状态、程序、未届满的期限和办理经过
  case <案件编号> commands [--json]
                         案件当前状态可执行的命令
                         公示的发布、撤回、提前停止公示：case <公示编号> do disclosure.publish
                         --site <目录>，经公示网站发布并与签名日志核对（--key、--require-signed 同 publish）
  case <案件编号> evidence attach <文件> --as <人员编号> --captured-at <UTC 时刻> --stage <环节>
          [--device <记录仪编号>] [--media-type <类型>] [--evidence-type <证据种类>] [--data <JSON>]
                         证据入卷：文件存入证据存储（--evidence <目录>，缺省为 <存储文件>.evidence/），
                         再记录证据及其保管链
  case <案件编号> evidence open <证据编号> --as <人员编号> --purpose <用途> --out <文件> [--force] [--verify]
                         证据调取：先记录调取（人员、时间、用途），再写出文件；--out 已存在须加 --force
  case <案件编号> evidence list [--json]
                         案件的证据及其保管链
  cases [--json]         案件清单
  inspection draw --task <任务编号> --item <抽查事项编码> --category <执法类别> --region <区划代码>
          [--count <户数>] [--inspectors <人数>] [--out <目录> [--force]] [--json]
                         双随机抽取检查对象与执法检查人员；--out 写出任务及每户 inspection.open 的命令数据
  equipment report [--body <主体编号>] [--on <日期>] [--json]
                         执法装备配备检查：各执法主体在岗执法人员、在用装备、应配备数与缺口，
                         注明配备标准及依据（台账取自 --dir 下的 equipment 数据库或 --sample）
  equipment procurement --preparer <人员编号> [--on <日期>] [--format text|html|csv] [--out <文件>]
                         生成报财政部门的行政执法装备采购需求清单；编制人及编制单位取自执法主体数据库
  demo [--site <目录>]    演示：工作日历、法定期限、数据库与裁量建议、默克尔日志、
                         一件存入 SQLite 的普通程序案件及其案卷、法制审核、行政执法公示，
                         再以命令行办案（case do、证据入卷与调取、审核意见书、装备、双随机抽取）；
                         --store memory 时公示网站写入临时目录（输出中注明）

选项：
  --lang zh|en           输出语言（默认中文，或环境变量 SANXIANG_LANG）
  --dir <目录>           数据目录（默认 ./.sanxiang；事件存储为其中的 events.db）
  --store <存储>         事件存储：postgres://…、sqlite:<文件>、<文件>.db 或 memory
                         （默认内嵌 SQLite，或环境变量 SANXIANG_STORE；demo 默认 ./.sanxiang/demo）
  --sample               使用示例局的数据（沙坡头区司法局、市场监督管理局）
  --date <日期>          按该日有效的数据（默认今天）
  --force                覆盖已存在的输出文件（--out、--html、casefile、registry export）；
                         不加时已存在的文件不被改动（退出码 2）
  -h, --help             显示帮助
`,
    `Usage: sanxiang <command> [arguments]

Commands:
  deadline <start> <amount> [--workdays | --months | --years] [--no-rollover] [--region code]
                         end of a period (the start day is not counted), with the
                         non-working days it skipped; --region adds the region's days
                         off (e.g. 640502 沙坡头区, Ningxia: 开斋节, 古尔邦节)
  deadline <start> --rule <rule-id>
                         a statutory period from the table, e.g. --rule penalty.service
  registry import <kind> <file> [--dry-run] [--allow-empty] [--encoding utf-8|gb18030|big5]
                         import a registry sheet (.csv / .xlsx / .json); every row is
                         checked and nothing is imported when one is wrong; lists what is
                         added, changed and removed first; --dry-run only lists it; an
                         empty sheet never empties a registry without --allow-empty; the
                         text encoding is detected (UTF-8, UTF-16, GB18030), what looks like
                         Big5 is refused, --encoding names it instead
  registry export <kind> <file>
                         export a registry sheet
  registry check         check citations, certificates and reviewer staffing
  penalty recommend <code> [--circumstance c]… [--gains yuan] [--goods-value yuan]
                         a penalty recommendation from the discretion benchmarks
  penalty check <code> --fine yuan [--circumstance c]…
                         whether a proposed fine is within the benchmark, and what it requires
  verify <casefile.json> --key <public-key-hex> [--algorithm ed25519|sm2]
                         verify a case file offline: signed tree head, every entry's
                         hash and inclusion proof (exit 0 valid, 1 invalid, 2 bad input)
  verify --log [--key <public-key-hex>] [--require-signed] [--skip-projections]
                         verify the whole store: every event against its leaf hash, the
                         Merkle root, every kept signed tree head, every projection against
                         a replay of the log; --require-signed fails on events no signed
                         head covers
  sign --key-file <secret-key-file> --log-id <log-id> [--algorithm ed25519|sm2] [--new-key]
                         sign the store's log head with the bureau's key and keep it; a key
                         other than the newest kept head's is refused unless --new-key
                         declares the bureau's key change (once the log has grown)
  casefile <case-id> <out.json> [--html <catalogue.html> [--body <body-id>]]
                         assemble a stored case's file: catalogue, every entry's
                         inclusion proof against the latest signed tree head; --body
                         heads the catalogue with the organ's name from the bodies registry
  casefile --example <out.json> [--html <catalogue.html>]
                         write an example case file (example data, signed with the
                         public test key) to try verify
  review opinion <case-or-review-id> [--format text|html|md] [--out <file>] [--body <body-id>]
                         the written opinion (法制审核意见书, in Chinese) of a case's
                         latest legal review, or of the review named, from the store; names
                         and the organ from the bodies registry (--sample or --dir); exit 2
                         with REVIEW_NOT_CONCLUDED while no opinion has been given
  publish --out <dir> [--key <public-key-hex>] [--require-signed] [--base-url url]
          [--title title] [--body body-id | --bureau name] [--serve]
                         build the public disclosure site from what the signed log proves
                         the head signed off and published (incremental; withdrawn items
                         leave a notice); refuses, naming each one, when the disclosures
                         projection disagrees with the log; --require-signed also refuses
                         while disclosure events are not covered by a signed tree head;
                         --body takes the site owner (主办单位) from the bodies registry
  serve <dir> [--port n] serve a built site on the loopback (its search needs HTTP)
  duties [--date date] [--sector s] [--json] [--fail-overdue]
                         open disclosure duties (publish, withdraw) with due day, days
                         overdue and rule; --sector samr applies the market-regulation
                         rules; --fail-overdue exits 1 when any duty is overdue
  deadlines [--date date] [--due-by date] [--overdue] [--sector s] [--json] [--fail-overdue]
                         every open deadline in the store (cases, coercive measures, legal
                         reviews) and every disclosure duty (publish, withdraw, forward),
                         oldest due first, with days overdue and rule
  case <case-id> do <command-type> --as <officer-id> [--at <UTC instant>]
       [--data <json> | --data-file <file>|-] [--json]
                         act on a case through createBureau as a registered officer: any
                         command of any procedure (ordinary, seizure, simplified, inspection,
                         legal review, disclosure; fields in docs/commands.md); prints the
                         events recorded, or the refusal with its code (exit 2, nothing
                         written); --at defaults to now; the simplified procedure's
                         form register: case forms do form.issue|form.void
  case <case-id> show [--json]
                         a case's state, procedure, open deadlines and history
  case <case-id> commands [--json]
                         the commands the case's current state accepts
                         a disclosure's publish, withdraw, endEarly: case <disclosure-id> do
                         disclosure.publish --site <dir> publishes to the site, checked
                         against the signed log (--key, --require-signed as for publish)
  case <case-id> evidence attach <file> --as <officer-id> --captured-at <UTC instant> --stage <stage>
          [--device <id>] [--media-type <type>] [--evidence-type <type>] [--data <json>]
                         attach evidence: the bytes into the evidence store (--evidence <dir>,
                         default <store file>.evidence/), then the item and its custody
  case <case-id> evidence open <evidence-id> --as <actor-id> --purpose <text> --out <file> [--force] [--verify]
                         open evidence: the access (who, when, purpose) recorded first, then
                         the file written; an existing --out needs --force
  case <case-id> evidence list [--json]
                         a case's evidence and its custody
  cases [--json]         the case list
  inspection draw --task <task-id> --item <item-code> --category <category> --region <division-code>
          [--count <n>] [--inspectors <n>] [--out <dir> [--force]] [--json]
                         双随机 draw of entities and inspectors; --out writes the task and each
                         entity's inspection.open payload
  equipment report [--body <body-id>] [--on <date>] [--json]
                         enforcement equipment against the ratios, body by body: officers
                         on duty, devices in use, required, shortfall, each rule with its
                         source (inventory: the equipment registry under --dir, or --sample)
  equipment procurement --preparer <officer-id> [--on <date>] [--format text|html|csv] [--out <file>]
                         the procurement list for the finance bureau (in Chinese); preparer
                         and organ from the bodies registry
  demo [--site <dir>]    demo: calendar, periods, registries, a recommendation, the Merkle
                         log, an ordinary case stored in SQLite and its case file, legal
                         review, and enforcement disclosure; then the same bureau from the
                         command line (case do, evidence attach and open, the review opinion,
                         equipment, a 双随机 draw); with --store memory the site goes to a
                         temporary directory (the output says where)

Options:
  --lang zh|en           output language (default Chinese, or SANXIANG_LANG)
  --dir <dir>            data directory (default ./.sanxiang; the event store is events.db in it)
  --store <store>        event store: postgres://…, sqlite:<file>, <file>.db or memory
                         (default embedded SQLite, or SANXIANG_STORE; the demo's ./.sanxiang/demo)
  --sample               use the sample bureaus' data
  --date <date>          data in force on that date (default today)
  --force                replace an existing output file (--out, --html, casefile, registry
                         export); without it an existing file is left as it is (exit 2)
  -h, --help             show this help

Chinese only (--lang en translates the CLI's own messages, not these):
  - documents and pages: the case file catalogue (--html), the public disclosure site,
    the review opinion — official documents, written in Chinese by law and practice;
  - data and its wording: registry names, titles, rules' citations, reasons of a penalty
    recommendation or check, statute-worded ranges, holiday names;
  - refusals from the SDK: the message after "error [CODE]" (the code is stable; see
    docs/errors.md for each code in English);
  - in the demo: citations, the disclosure's published text and names from the
    registries, quoted inside English sentences; the review opinion only as a command;
  - case, cases: the names of procedures, states, deadlines and events (the labels
    around them are English).
`,
  );
}

/**
 * Runs the `sanxiang` command with `argv` (without `node` and the script) and returns the
 * exit code. Tests pass their own {@link CliIo}; the bin passes the real process.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const code = await run(argv, terminalSafeIo(io));
  // Every stream the commands print to shows control and bidi characters escaped (terminal-safe.ts).
  // Output lost to a failed standard output (`> /dev/full`) fails the run even when the command
  // itself succeeded: the operator never got what it printed.
  return code === EXIT.ok && stdoutWriteFailed() ? EXIT.failure : code;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    const lang = pickLang(langArgument(argv), io.env) ?? "zh";
    io.err(
      `${formatError(lang, parseErrorRefusal(lang, e))}${t(lang, "（sanxiang --help 显示用法）", "(sanxiang --help shows the usage)")}\n`,
    );
    return EXIT.usage;
  }
  const langFlag = parsed.values.lang;
  const lang = pickLang(typeof langFlag === "string" ? langFlag : undefined, io.env);
  if (lang === undefined) {
    const refusal = usageRefusal("--lang 只能是 zh 或 en / --lang must be zh or en", { option: "lang" });
    io.err(formatError("zh", refusal));
    return EXIT.usage;
  }
  const conflict = conflictingOption(parsed.tokens);
  const refused =
    conflict === undefined
      ? checkArguments(argv, parsed.values)
      : sanxiangError(
          "INVALID_INPUT",
          `选项 --${conflict.name} 给出了两次，值不同：${conflict.values.map((v) => JSON.stringify(v.length > 64 ? `${v.slice(0, 64)}…` : v)).join("、")}；只能给一个`,
          { details: { option: conflict.name } },
        );
  if (refused !== undefined) {
    io.err(formatError(lang, refused));
    return EXIT.usage;
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help === true || command === "help") {
    io.out(usage(lang));
    return EXIT.ok;
  }
  if (command === undefined) {
    io.err(`${formatError(lang, usageRefusal(t(lang, "缺少命令", "no command given")))}\n${usage(lang)}`);
    return EXIT.usage;
  }
  const ctx: CommandContext = { args, options: parsed.values, lang, io };
  try {
    switch (command) {
      case "deadline":
        return await deadlineCommand(ctx);
      case "demo":
        return await demoCommand(ctx);
      case "registry":
        return await registryCommand(ctx);
      case "penalty":
        return await penaltyCommand(ctx);
      case "verify":
        return await verifyCommand(ctx);
      case "casefile":
        return await casefileCommand(ctx);
      case "sign":
        return await signCommand(ctx);
      case "publish":
        return await publishCommand(ctx);
      case "serve":
        return await serveCommand(ctx);
      case "duties":
        return await dutiesCommand(ctx);
      case "deadlines":
        return await deadlinesCommand(ctx);
      case "review":
        return await reviewCommand(ctx);
      case "case":
        return await caseCommand(ctx);
      case "cases":
        return await casesCommand(ctx);
      case "inspection":
        return await inspectionCommand(ctx);
      case "equipment":
        return await equipmentCommand(ctx);
      default:
        throw new UsageError(t(lang, `未知命令：${command}`, `unknown command: ${command}`));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${formatError(lang, usageRefusal(e.message))}\n${usage(lang)}`);
      return EXIT.usage;
    }
    // Whatever escaped a command still reaches the operator as a message, never a stack trace
    // (SANXIANG_DEBUG=1 shows it, for a bug report).
    if (SanxiangError.isInstance(e)) {
      io.err(formatError(lang, e));
      return exitCodeOf(e);
    }
    if (isSystemError(e)) {
      const path = typeof e.path === "string" ? ` ${e.path}` : "";
      io.err(`${t(lang, "错误", "error")} [${systemErrorCode(e)}]${path}：${describeSystemError(e)}\n`);
      return isInputSystemError(e) ? EXIT.usage : EXIT.failure;
    }
    const debug = io.env.SANXIANG_DEBUG !== undefined && io.env.SANXIANG_DEBUG !== "" && io.env.SANXIANG_DEBUG !== "0";
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(
      debug && e instanceof Error && e.stack !== undefined
        ? `${t(lang, "内部错误", "internal error")}: ${e.stack}\n`
        : `${t(lang, "内部错误", "internal error")}: ${message}\n${t(lang, "（设置环境变量 SANXIANG_DEBUG=1 可显示调用栈，便于报告问题）", "(set SANXIANG_DEBUG=1 to show the stack trace for a bug report)")}\n`,
    );
    return EXIT.failure;
  }
}
