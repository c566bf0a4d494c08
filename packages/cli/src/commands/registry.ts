import { join } from "node:path";
import {
  civilDateOf,
  findUnsafeText,
  formatSource,
  type ImportIssue,
  parseCivilDate,
  type RuleSource,
  SanxiangError,
  sanxiangError,
} from "@sanxiang/core";
import { SAMPLE_LOCAL_DOCUMENTS } from "@sanxiang/sample";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, exitCodeOf, formatError, UsageError } from "../main.js";
import {
  buildRegistries,
  diffRecords,
  isKind,
  KINDS,
  type Kind,
  lawsFor,
  loadData,
  type RegistryChange,
  type RegistryData,
  readKindFile,
  sampleData,
  saveKind,
  writeKindFile,
} from "../registry-store.js";
import { encodingNote, FORCED_ENCODINGS, type ForcedEncoding, type TextEncodingName } from "../text-decode.js";

const MAX_ISSUES_SHOWN = 50;

/** The registry directory: `--dir`, else `./.sanxiang` (the embedded default location). */
export function registryDir(ctx: CommandContext): string {
  return typeof ctx.options.dir === "string" ? ctx.options.dir : join(ctx.io.cwd, ".sanxiang");
}

/** An import issue as it can be printed (a hostile `details.issues` may hold anything). */
function isIssue(i: unknown): i is ImportIssue {
  return typeof i === "object" && i !== null && "message" in i;
}

/**
 * The refusal's headline without the first issue its message ends with: the import refusals
 * name their first issue (`……未导入任何数据。<表> 第 3 行「列」：……`) for callers that print
 * only the message, and the list below names it again — the first problem row was printed twice.
 */
function headlineOf(e: SanxiangError, first: unknown): SanxiangError {
  if (!isIssue(first)) return e;
  const where = `${first.sheet} 第 ${first.row} 行${first.column === undefined ? "" : `「${first.column}」`}：${first.message}`;
  if (!e.message.endsWith(where) || e.message.length === where.length) return e;
  return new SanxiangError({
    code: e.code,
    message: e.message.slice(0, -where.length),
    ...(e.source === undefined ? {} : { source: e.source }),
    ...(e.details === undefined ? {} : { details: e.details }),
    cause: e,
  });
}

/** Prints a refusal, with every import issue when there are some, each once with its row. */
export function reportError(ctx: CommandContext, e: SanxiangError): void {
  const issues: unknown = e.details?.issues ?? [];
  if (!Array.isArray(issues)) {
    ctx.io.err(formatError(ctx.lang, e));
    return;
  }
  ctx.io.err(formatError(ctx.lang, headlineOf(e, issues[0])));
  for (const i of issues.slice(0, MAX_ISSUES_SHOWN)) {
    if (!isIssue(i)) continue;
    const col = i.column === undefined ? "" : t(ctx.lang, `「${i.column}」`, ` [${i.column}]`);
    ctx.io.err(`  ${i.sheet ?? ""} ${t(ctx.lang, `第 ${i.row} 行`, `row ${i.row}`)}${col}：${i.message}\n`);
  }
  if (issues.length > MAX_ISSUES_SHOWN) {
    ctx.io.err(
      t(
        ctx.lang,
        `  ……另有 ${issues.length - MAX_ISSUES_SHOWN} 处\n`,
        `  … ${issues.length - MAX_ISSUES_SHOWN} more\n`,
      ),
    );
  }
}

/**
 * The data a command works on: the sample bureaus with `--sample`, else the registry
 * directory; a refusal is printed and its exit code returned (2 for a bad `--dir`, 1 for a
 * damaged stored file).
 */
export async function dataOrExit(ctx: CommandContext): Promise<RegistryData | number> {
  if (ctx.options.sample === true) return sampleData();
  const loaded = await loadData(registryDir(ctx));
  if (loaded.isErr()) {
    reportError(ctx, loaded.error);
    return exitCodeOf(loaded.error);
  }
  return loaded.value;
}

function kindArg(ctx: CommandContext, value: string | undefined): Kind {
  if (value === undefined || !isKind(value)) {
    const list = Object.entries(KINDS)
      .map(([k, v]) => `${k}（${v.zh}）`)
      .join("、");
    throw new UsageError(t(ctx.lang, `数据库类别应为：${list}`, `the kind must be one of: ${list}`));
  }
  return value;
}

/** How many keys of each list of a change are printed before "……另有 n 条". */
const MAX_KEYS_SHOWN = 10;

/** Prints what an import changes: counts, and the keys added, changed and removed (capped). */
function reportChange(ctx: CommandContext, kind: Kind, change: RegistryChange): void {
  const { lang, io } = ctx;
  io.out(
    t(
      lang,
      `「${KINDS[kind].zh}」变更：新增 ${change.added.length} 条，修改 ${change.changed.length} 条，删除 ${change.removed.length} 条，未变 ${change.unchanged} 条
`,
      `${kind} changes: ${change.added.length} added, ${change.changed.length} changed, ${change.removed.length} removed, ${change.unchanged} unchanged
`,
    ),
  );
  const lists = [
    [t(lang, "新增", "added"), change.added],
    [t(lang, "修改", "changed"), change.changed],
    [t(lang, "删除", "removed"), change.removed],
  ] as const;
  for (const [label, keys] of lists) {
    if (keys.length === 0) continue;
    const more = keys.length - MAX_KEYS_SHOWN;
    io.out(
      `  ${label}：${keys.slice(0, MAX_KEYS_SHOWN).join(t(lang, "、", ", "))}${more > 0 ? t(lang, ` ……另有 ${more} 条`, ` … ${more} more`) : ""}
`,
    );
  }
}

async function importCommand(
  ctx: CommandContext,
  kindText: string | undefined,
  file: string | undefined,
): Promise<number> {
  const { lang, io } = ctx;
  const kind = kindArg(ctx, kindText);
  if (file === undefined) throw new UsageError(t(lang, "缺少文件路径", "missing file"));
  const dryRun = ctx.options["dry-run"] === true;
  const encoding = ctx.options.encoding;
  if (encoding !== undefined && !FORCED_ENCODINGS.some((e) => e === encoding)) {
    throw new UsageError(
      t(
        lang,
        `--encoding 应为 ${FORCED_ENCODINGS.join("、")} 之一，实为 ${String(encoding)}`,
        `--encoding must be one of ${FORCED_ENCODINGS.join(", ")}, not ${String(encoding)}`,
      ),
    );
  }
  const read = await readKindFile(kind, file, encoding === undefined ? {} : { encoding: encoding as ForcedEncoding });
  if (read.isErr()) {
    reportError(ctx, read.error);
    const enc = read.error.details?.encoding;
    if (typeof enc === "string") {
      io.err(
        t(
          lang,
          `（${encodingNote({ encoding: enc as TextEncodingName, bom: read.error.details?.bom === true })}）\n`,
          `(read as ${enc})\n`,
        ),
      );
    }
    return EXIT.usage;
  }
  const records = read.value.records;
  // Registry texts (a body's or organisation's name, a law's title, a violation's name) reach
  // decisions, case files and the public site: a control or bidirectional character is refused
  // here, as at every command's door, before anything is compared or written.
  const unsafe = findUnsafeText(records);
  if (unsafe !== undefined) {
    const [index, ...field] = unsafe.path;
    const record = typeof index === "number" ? index + 1 : 0;
    const path = field.map(String).join(".");
    reportError(
      ctx,
      sanxiangError(
        "INVALID_INPUT",
        `导入「${KINDS[kind].zh}」失败，未导入任何数据：${file} 第 ${record} 条记录的 ${path} 含有控制字符或双向文本控制符 ${unsafe.codePoint}（第 ${unsafe.at + 1} 个字符）：记录的文字会与看到的不同，请删除该字符后再导入`,
        { details: { kind, file, record, path, codePoint: unsafe.codePoint, at: unsafe.at } },
      ),
    );
    return EXIT.usage;
  }
  if (read.value.encoding !== undefined) {
    io.out(
      t(lang, `${file}：${encodingNote(read.value.encoding)}\n`, `${file}: read as ${read.value.encoding.encoding}\n`),
    );
  }
  const dir = registryDir(ctx);
  const data = await loadData(dir);
  if (data.isErr()) {
    reportError(ctx, data.error);
    return exitCodeOf(data.error);
  }
  // Rebuild the whole database with the new sheet before writing anything: a sheet that
  // is valid alone but contradicts the rest (an officer of an unknown body) is refused.
  const before = data.value[kind];
  const next: RegistryData = { ...data.value, [kind]: records };
  const built = buildRegistries(next);
  if (built.isErr()) {
    reportError(ctx, built.error);
    io.err(t(lang, "未导入任何数据。\n", "Nothing was imported.\n"));
    return EXIT.usage;
  }
  const change = diffRecords(kind, before, records);
  reportChange(ctx, kind, change);
  // An empty sheet (a 0-byte or header-only CSV, `[]`) is far more often a wrong file or a
  // failed export than a wish to delete a registry: it replaces a non-empty one only when asked.
  if (records.length === 0 && before.length > 0 && ctx.options["allow-empty"] !== true) {
    reportError(
      ctx,
      sanxiangError(
        "IMPORT_INVALID",
        `${file} 中没有任何记录，导入将删除现有的全部 ${before.length} 条「${KINDS[kind].zh}」记录；确需清空请加 --allow-empty`,
        { details: { kind, file, existing: before.length } },
      ),
    );
    io.err(t(lang, "未导入任何数据。\n", "Nothing was imported.\n"));
    return EXIT.usage;
  }
  if (dryRun) {
    io.out(t(lang, "试运行（--dry-run）：未写入任何数据。\n", "Dry run (--dry-run): nothing was written.\n"));
    return EXIT.ok;
  }
  const saved = await saveKind(dir, kind, records);
  if (saved.isErr()) {
    reportError(ctx, saved.error);
    return exitCodeOf(saved.error);
  }
  io.out(
    t(
      lang,
      `已导入 ${records.length} 条「${KINDS[kind].zh}」记录（${saved.value}）\n`,
      `Imported ${records.length} ${kind} records (${saved.value})\n`,
    ),
  );
  return EXIT.ok;
}

async function exportCommand(
  ctx: CommandContext,
  kindText: string | undefined,
  file: string | undefined,
): Promise<number> {
  const kind = kindArg(ctx, kindText);
  if (file === undefined) throw new UsageError(t(ctx.lang, "缺少文件路径", "missing file"));
  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  const written = await writeKindFile(kind, data[kind], file, { cwd: ctx.io.cwd, force: ctx.options.force === true });
  if (written.isErr()) {
    reportError(ctx, written.error);
    return exitCodeOf(written.error);
  }
  ctx.io.out(
    t(
      ctx.lang,
      `已导出 ${written.value} 条「${KINDS[kind].zh}」记录到 ${file}\n`,
      `Exported ${written.value} ${kind} records to ${file}\n`,
    ),
  );
  return EXIT.ok;
}

/** Every object inside `value` shaped like a rule source, with where it was found. */
function sourcesIn(value: unknown, path: string, out: { path: string; source: RuleSource }[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      sourcesIn(v, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const o = value as Record<string, unknown>;
  if (typeof o.law === "string" && (o.article === undefined || typeof o.article === "number")) {
    out.push({ path, source: o as unknown as RuleSource });
    return;
  }
  for (const [k, v] of Object.entries(o)) sourcesIn(v, `${path}.${k}`, out);
}

async function checkCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  const counts = Object.entries(data).filter(([, v]) => v.length > 0);
  if (counts.length === 0) {
    io.err(
      formatError(
        lang,
        sanxiangError(
          "REGISTRY_NOT_FOUND",
          t(
            lang,
            `${registryDir(ctx)} 中尚无数据库；请先运行 sanxiang registry import，或加 --sample 检查示例数据`,
            `No registry in ${registryDir(ctx)}: run sanxiang registry import first, or add --sample`,
          ),
          { details: { dir: registryDir(ctx) } },
        ),
      ),
    );
    return EXIT.usage;
  }
  const dateArg = typeof ctx.options.date === "string" ? ctx.options.date : civilDateOf(io.clock.now());
  const date = parseCivilDate(dateArg);
  if (date.isErr()) {
    io.err(formatError(lang, date.error));
    return EXIT.usage;
  }
  let problems = 0;
  io.out(t(lang, `数据库检查（${date.value}）\n`, `Registry check (${date.value})\n`));
  for (const [kind, records] of counts) {
    io.out(t(lang, `  ${KINDS[kind as Kind].zh}（${kind}）：${records.length}\n`, `  ${kind}: ${records.length}\n`));
  }

  const built = buildRegistries(data);
  if (built.isErr()) {
    reportError(ctx, built.error);
    return EXIT.failure;
  }
  const reg = built.value;

  // Every citation must resolve to a real article of a shipped statute (or a document the
  // bureau registered).
  const laws = lawsFor(data.laws, ctx.options.sample === true ? SAMPLE_LOCAL_DOCUMENTS : []);
  if (laws.isErr()) {
    reportError(ctx, laws.error);
    return EXIT.failure;
  }
  const found: { path: string; source: RuleSource }[] = [];
  for (const kind of [
    "powers",
    "inspections",
    "guides",
    "benchmarks",
    "circumstances",
    "lenient",
    "bodies",
    "violations",
  ] as const) {
    sourcesIn(data[kind], kind, found);
  }
  const unresolved = found.filter((f) => laws.value.resolve(f.source).isErr());
  io.out(t(lang, `  法律依据：${found.length} 处，`, `  Citations: ${found.length}, `));
  io.out(
    unresolved.length === 0
      ? t(lang, "全部可在法律法规库中找到\n", "all resolve\n")
      : t(lang, `${unresolved.length} 处无法解析：\n`, `${unresolved.length} unresolved:\n`),
  );
  for (const u of unresolved.slice(0, MAX_ISSUES_SHOWN)) io.out(`    ${u.path}：${formatSource(u.source)}\n`);
  problems += unresolved.length;

  // Staffing and certificates, body by body.
  for (const body of reg.bodies.bodies(date.value)) {
    const officers = reg.bodies.officersOf(body.id, date.value);
    if (officers.length === 0) continue;
    const expired = officers.filter((o) => o.validUntil < date.value);
    const notYet = officers.filter((o) => o.validFrom > date.value);
    const staffing = reg.bodies.reviewerStaffing(body.id, date.value);
    io.out(
      `  ${body.name}${t(lang, "：", ": ")}${t(lang, `执法人员 ${officers.length} 名`, `${officers.length} ${plural(officers.length, "officer")}`)}`,
    );
    for (const [list, zh, en] of [
      [expired, "执法证已超过有效期", "certificate expired"],
      [notYet, "执法证尚未生效", "certificate not yet valid"],
    ] as const) {
      if (list.length === 0) continue;
      problems += list.length;
      io.out(
        t(
          lang,
          `，${zh} ${list.length} 名（${list.map((o) => o.name).join("、")}）`,
          `, ${list.length} ${plural(list.length, en)}`,
        ),
      );
    }
    if (staffing.isOk()) {
      const s = staffing.value;
      io.out(
        t(
          lang,
          `，法制审核人员 ${s.reviewers} 名（应不少于 ${s.required} 名，${s.pass ? "达标" : "不达标"}，依据：${formatSource(s.source)}）`,
          `, ${s.reviewers} ${s.reviewers === 1 ? "legal reviewer" : "legal reviewers"} (at least ${s.required} required: ${s.pass ? "pass" : "FAIL"})`,
        ),
      );
      if (!s.pass) problems++;
    }
    io.out("\n");
  }
  io.out(
    problems === 0
      ? t(lang, "结论：未发现问题\n", "Result: no problems found\n")
      : t(lang, `结论：发现 ${problems} 个问题\n`, `Result: ${problems} problems\n`),
  );
  return problems === 0 ? EXIT.ok : EXIT.failure;
}

/** `sanxiang registry import|export|check`. */
export async function registryCommand(ctx: CommandContext): Promise<number> {
  const [sub, a, b, ...extra] = ctx.args;
  if (extra.length > 0)
    throw new UsageError(t(ctx.lang, `多余的参数：${extra.join(" ")}`, `extra arguments: ${extra.join(" ")}`));
  switch (sub) {
    case "import":
      return importCommand(ctx, a, b);
    case "export":
      return exportCommand(ctx, a, b);
    case "check":
      return checkCommand(ctx);
    default:
      throw new UsageError(
        t(ctx.lang, "用法：sanxiang registry import|export|check …", "usage: sanxiang registry import|export|check …"),
      );
  }
}

/** An English count noun: `1 officer`, `2 officers` (`certificate expired` → `certificates expired`). */
function plural(n: number, noun: string): string {
  if (n === 1) return noun;
  const [head, ...rest] = noun.split(" ");
  return [`${head}s`, ...rest].join(" ");
}
