import { parseArgs } from "node:util";
import { formatSource, type SanxiangError } from "@sanxiang/core";
import { deadlineCommand } from "./commands/deadline.js";
import { demoCommand } from "./commands/demo.js";
import { type Lang, pickLang, t } from "./i18n.js";
import { type CliIo, processIo } from "./io.js";

export { type CliIo, processIo, systemClock } from "./io.js";

/** Exit codes: 0 done, 1 an unexpected failure, 2 bad usage or input refused. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** What a subcommand receives. */
export interface CommandContext {
  /** Positional arguments after the subcommand. */
  readonly args: readonly string[];
  /** Parsed options. */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
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
} as const;

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}

/** A usage error the CLI reports with exit code 2. */
export class UsageError extends Error {}

function usage(lang: Lang): string {
  return t(
    lang,
    `用法：sanxiang <命令> [参数]

命令：
  deadline <起算日> <期间> [--workdays | --months | --years] [--no-rollover]
                         计算期间届满日（起算日不计入），列出跳过的非工作日
  deadline <起算日> --rule <规则编号>
                         按法定期限表计算，例如 --rule penalty.service
  demo                   演示：工作日历、法定期限与默克尔日志

选项：
  --lang zh|en           输出语言（默认中文，或环境变量 SANXIANG_LANG）
  -h, --help             显示帮助
`,
    `Usage: sanxiang <command> [arguments]

Commands:
  deadline <start> <amount> [--workdays | --months | --years] [--no-rollover]
                         end of a period (the start day is not counted), with the
                         non-working days it skipped
  deadline <start> --rule <rule-id>
                         a statutory period from the table, e.g. --rule penalty.service
  demo                   demo: work calendar, statutory periods and the Merkle log

Options:
  --lang zh|en           output language (default Chinese, or SANXIANG_LANG)
  -h, --help             show this help
`,
  );
}

/** Formats a coded error for the terminal, with the rule's source when there is one. */
export function formatError(lang: Lang, e: SanxiangError): string {
  const src =
    e.source === undefined
      ? ""
      : t(lang, `（依据：${formatSource(e.source)}）`, ` (source: ${formatSource(e.source)})`);
  return `${t(lang, "错误", "error")} [${e.code}] ${e.message}${src}\n`;
}

/**
 * Runs the `sanxiang` command with `argv` (without `node` and the script) and returns the
 * exit code. Tests pass their own {@link CliIo}; the bin passes the real process.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    const lang = pickLang(undefined, io.env) ?? "zh";
    io.err(`${t(lang, "错误", "error")}: ${(e as Error).message}\n\n${usage(lang)}`);
    return EXIT.usage;
  }
  const langFlag = parsed.values.lang;
  const lang = pickLang(typeof langFlag === "string" ? langFlag : undefined, io.env);
  if (lang === undefined) {
    io.err(`错误 / error: --lang 只能是 zh 或 en / --lang must be zh or en\n`);
    return EXIT.usage;
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help === true || command === undefined || command === "help") {
    (command === undefined && parsed.values.help !== true ? io.err : io.out)(usage(lang));
    return command === undefined && parsed.values.help !== true ? EXIT.usage : EXIT.ok;
  }
  const ctx: CommandContext = { args, options: parsed.values, lang, io };
  try {
    switch (command) {
      case "deadline":
        return await deadlineCommand(ctx);
      case "demo":
        return await demoCommand(ctx);
      default:
        throw new UsageError(t(lang, `未知命令：${command}`, `unknown command: ${command}`));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${t(lang, "错误", "error")}: ${e.message}\n\n${usage(lang)}`);
      return EXIT.usage;
    }
    io.err(`${t(lang, "内部错误", "internal error")}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  }
}
