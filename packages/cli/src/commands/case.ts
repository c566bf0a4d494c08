// `sanxiang case …` and `sanxiang cases` — acting on a case from the terminal through the bureau
// front door (createBureau) on the CLI's store: every command of every procedure the bureau
// routes (ordinary, 查封扣押 inside it, simplified, inspection, legal review, disclosure), run
// as an officer registered in the bodies registry, at `--at` or the system clock. The payload
// is checked with the command's own zod schema first; a refusal appends nothing.
import { type CaseEvent, civilDateOf, eventTitle, type Instant } from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, UsageError } from "../main.js";
import { bureauOf, input, isError, PROCEDURE_NAMES, readingBody, refuse, registriesOrExit } from "./case-common.js";
import { doCommand } from "./case-do.js";
import { evidenceCommand } from "./case-evidence.js";
import { commandsCommand, showCommand } from "./case-show.js";

export {
  actorOf,
  bureauOf,
  FORMS_ID,
  input,
  instantOf,
  isError,
  type Loaded,
  refuse,
  registriesOrExit,
} from "./case-common.js";
export { caseCommandTypes } from "./case-do.js";
export { MAX_PAYLOAD_BYTES } from "./case-payload.js";

/** `sanxiang cases [--json]` — the case list from the store's projection. */
export async function casesCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0)
    throw new UsageError(t(ctx.lang, "用法：sanxiang cases [--json]", "usage: sanxiang cases [--json]"));
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  return withStore(ctx, spec.value, async (store) => {
    const body = await readingBody(store, loaded.registries, ctx);
    const bureau = bureauOf(store, loaded.registries, body, ctx.io.clock.now());
    if (isError(bureau)) return refuse(ctx, bureau);
    const list = await bureau.cases.list();
    if (list.isErr()) return refuse(ctx, list.error);
    if (ctx.options.json === true) {
      ctx.io.out(`${JSON.stringify(list.value, null, 2)}\n`);
      return EXIT.ok;
    }
    if (list.value.length === 0) {
      ctx.io.out(t(ctx.lang, "存储中尚无案件\n", "no cases in the store\n"));
      return EXIT.ok;
    }
    ctx.io.out(t(ctx.lang, `案件 ${list.value.length} 件：\n`, `${list.value.length} cases:\n`));
    for (const c of list.value) {
      const last = DEFAULT_TITLE(c.last.type);
      ctx.io.out(
        `  ${c.caseId}  ${PROCEDURE_NAMES[c.procedure]}  ${civilDateOf(c.filedAt as Instant)}  ${c.partyName ?? ""}  ${t(ctx.lang, "最后一步", "last")}：${last}（${civilDateOf(c.last.at as Instant)}）\n`,
      );
    }
    return EXIT.ok;
  });
}

function DEFAULT_TITLE(type: string): string {
  return eventTitle({
    caseId: "",
    seq: 0,
    type,
    at: "1970-01-01T00:00:00Z",
    actor: { id: "x", roles: ["system"] },
    stage: "filing",
    payload: {},
  } as unknown as CaseEvent);
}

const USAGE_ZH = `用法：
  sanxiang case <案件编号> do <命令类型> --as <人员编号> [--at <UTC 时刻>] [--data <JSON> | --data-file <文件>|-] [--json]
  sanxiang case <案件编号> show [--json]
  sanxiang case <案件编号> commands [--json]
  sanxiang cases [--json]
（人员与机关取自执法主体数据库：--sample 或 --dir；命令字段见 docs/commands.md）`;
const USAGE_EN = `usage:
  sanxiang case <case-id> do <command-type> --as <officer-id> [--at <UTC instant>] [--data <json> | --data-file <file>|-] [--json]
  sanxiang case <case-id> show [--json]
  sanxiang case <case-id> commands [--json]
  sanxiang cases [--json]
(officers and bodies from the bodies registry: --sample or --dir; fields in docs/commands.md)`;

/**
 * A refused id as the message shows it: quoted, its first 64 characters, and control and format
 * characters (a right-to-left override U+202E, NUL) escaped so the terminal shows them as written.
 */
function shownId(id: string): string {
  const chars = [...id];
  const head = chars.length > 64 ? `${chars.slice(0, 64).join("")}…` : id;
  const quoted = JSON.stringify(head).replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
  return chars.length > 64 ? `${quoted}（共 ${chars.length} 个字符）` : quoted;
}

/** `sanxiang case <caseId> do|show|commands`. */
export async function caseCommand(ctx: CommandContext): Promise<number> {
  const [caseId, sub, type, ...rest] = ctx.args;
  if (caseId === undefined || sub === undefined) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
  if (!/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_.:-]{0,127}$/.test(caseId)) {
    return refuse(ctx, input(`案件编号无效：${shownId(caseId)}（字母、数字、汉字及 _ . : -，至多 128 个字符）`));
  }
  if (sub === "evidence")
    return evidenceCommand(
      ctx,
      caseId,
      [type, ...rest].filter((a) => a !== undefined),
    );
  if (sub === "do") {
    if (type === undefined || rest.length > 0) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
    return doCommand(ctx, caseId, type, t(ctx.lang, USAGE_ZH, USAGE_EN));
  }
  if (sub === "show" || sub === "commands") {
    if (type !== undefined) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
    return sub === "show" ? showCommand(ctx, caseId) : commandsCommand(ctx, caseId);
  }
  throw new UsageError(
    t(ctx.lang, `未知的 case 子命令：${sub}\n${USAGE_ZH}`, `unknown case subcommand: ${sub}\n${USAGE_EN}`),
  );
}
