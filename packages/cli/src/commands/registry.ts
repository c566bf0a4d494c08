import { join } from "node:path";
import {
  civilDateOf,
  formatSource,
  type ImportIssue,
  parseCivilDate,
  type RuleSource,
  type SanxiangError,
} from "@sanxiang/core";
import { SAMPLE_LOCAL_DOCUMENTS } from "@sanxiang/testkit/sample";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import {
  buildRegistries,
  isKind,
  KINDS,
  type Kind,
  lawsFor,
  loadData,
  type RegistryData,
  readKindFile,
  sampleData,
  saveKind,
  writeKindFile,
} from "../registry-store.js";

const MAX_ISSUES_SHOWN = 50;

/** The registry directory: `--dir`, else `./.sanxiang` (the embedded default location). */
export function registryDir(ctx: CommandContext): string {
  return typeof ctx.options.dir === "string" ? ctx.options.dir : join(ctx.io.cwd, ".sanxiang");
}

/** Prints a refusal, with every import issue when there are some. */
export function reportError(ctx: CommandContext, e: SanxiangError): void {
  ctx.io.err(formatError(ctx.lang, e));
  const issues = (e.details?.issues ?? []) as ImportIssue[];
  if (!Array.isArray(issues)) return;
  for (const i of issues.slice(0, MAX_ISSUES_SHOWN)) {
    if (typeof i !== "object" || i === null || !("message" in i)) continue;
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

/** The data a command works on: the sample bureaus with `--sample`, else the registry directory. */
export async function dataFor(ctx: CommandContext): Promise<RegistryData | undefined> {
  if (ctx.options.sample === true) return sampleData();
  const loaded = await loadData(registryDir(ctx));
  if (loaded.isErr()) {
    reportError(ctx, loaded.error);
    return undefined;
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

async function importCommand(
  ctx: CommandContext,
  kindText: string | undefined,
  file: string | undefined,
): Promise<number> {
  const kind = kindArg(ctx, kindText);
  if (file === undefined) throw new UsageError(t(ctx.lang, "缺少文件路径", "missing file"));
  const records = await readKindFile(kind, file);
  if (records.isErr()) {
    reportError(ctx, records.error);
    return EXIT.usage;
  }
  const dir = registryDir(ctx);
  const data = await loadData(dir);
  if (data.isErr()) {
    reportError(ctx, data.error);
    return EXIT.usage;
  }
  // Rebuild the whole database with the new sheet before writing anything: a sheet that
  // is valid alone but contradicts the rest (an officer of an unknown body) is refused.
  const next: RegistryData = { ...data.value, [kind]: records.value };
  const built = buildRegistries(next);
  if (built.isErr()) {
    reportError(ctx, built.error);
    ctx.io.err(t(ctx.lang, "未导入任何数据。\n", "Nothing was imported.\n"));
    return EXIT.usage;
  }
  await saveKind(dir, kind, records.value);
  ctx.io.out(
    t(
      ctx.lang,
      `已导入 ${records.value.length} 条「${KINDS[kind].zh}」记录（${join(dir, "registry", `${kind}.json`)}）\n`,
      `Imported ${records.value.length} ${kind} records (${join(dir, "registry", `${kind}.json`)})\n`,
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
  const data = await dataFor(ctx);
  if (data === undefined) return EXIT.usage;
  const written = await writeKindFile(kind, data[kind], file);
  if (written.isErr()) {
    reportError(ctx, written.error);
    return EXIT.usage;
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
  const data = await dataFor(ctx);
  if (data === undefined) return EXIT.usage;
  const counts = Object.entries(data).filter(([, v]) => v.length > 0);
  if (counts.length === 0) {
    io.err(
      t(
        lang,
        `${registryDir(ctx)} 中尚无数据库；请先运行 sanxiang registry import，或加 --sample 检查示例数据\n`,
        `No registry in ${registryDir(ctx)}: run sanxiang registry import first, or add --sample\n`,
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
  for (const [kind, records] of counts) io.out(`  ${KINDS[kind as Kind].zh}（${kind}）：${records.length}\n`);

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
    const expired = officers.filter((o) => o.validUntil < date.value || o.validFrom > date.value);
    const staffing = reg.bodies.reviewerStaffing(body.id, date.value);
    io.out(`  ${body.name}：${t(lang, `执法人员 ${officers.length} 名`, `${officers.length} officers`)}`);
    if (expired.length > 0) {
      problems += expired.length;
      io.out(
        t(
          lang,
          `，执法证不在有效期 ${expired.length} 名（${expired.map((o) => o.name).join("、")}）`,
          `, ${expired.length} certificates not valid`,
        ),
      );
    }
    if (staffing.isOk()) {
      const s = staffing.value;
      io.out(
        t(
          lang,
          `，法制审核人员 ${s.reviewers} 名（应不少于 ${s.required} 名，${s.pass ? "达标" : "不达标"}，依据：${formatSource(s.source)}）`,
          `, ${s.reviewers} legal reviewers (at least ${s.required} required: ${s.pass ? "pass" : "FAIL"})`,
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
