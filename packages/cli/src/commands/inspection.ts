// `sanxiang inspection draw` — 双随机抽取 from the terminal (优化营商环境条例 Art. 54): the
// bureau's `drawInspection` draws the entities and the inspectors from the entities and bodies
// registries (--sample or --dir) with the platform's cryptographic random source, for the items
// of the random-inspection list (双随机抽查事项清单) named by code. The task it returns carries its
// seed and pools, so anyone can replay the draw (`replayDraw`); it is the `task` of each drawn
// entity's `inspection.open`, written with --out as one ready payload per entity.
import { join } from "node:path";
import { civilDateOf, cryptoRandom, type InspectionItem, type Instant, memoryEventStore } from "@sanxiang/core";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, UsageError } from "../main.js";
import { makeOutputDir, outputDir, writeOutputFiles } from "../output.js";
import { bureauOf, input, instantOf, isError, refuse, registriesOrExit } from "./case-common.js";

const USAGE_ZH = `用法：
  sanxiang inspection draw --task <任务编号> --item <抽查事项编码> [--item …] --category <执法类别> --region <区划代码>
      [--count <抽取户数>] [--inspectors <每户检查人员数>] [--at <UTC 时刻>] [--out <目录> [--force]] [--json]
（抽查事项取自权责清单数据库的随机抽查事项清单，检查对象与执法人员取自数据库：--sample 或 --dir）`;
const USAGE_EN = `usage:
  sanxiang inspection draw --task <task-id> --item <item-code> [--item …] --category <category> --region <division-code>
      [--count <entities>] [--inspectors <per entity>] [--at <UTC instant>] [--out <dir> [--force]] [--json]
(items from the random-inspection list of the powers registry; entities and officers from the registries: --sample or --dir)`;

function positive(ctx: CommandContext, name: string): number | undefined | "bad" {
  const v = ctx.options[name];
  if (typeof v !== "string") return undefined;
  return /^[1-9][0-9]{0,3}$/.test(v) ? Number(v) : "bad";
}

/** `sanxiang inspection draw …`. */
export async function inspectionCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  if (sub !== "draw" || rest.length > 0) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
  const taskId = ctx.options.task;
  const category = ctx.options.category;
  const region = ctx.options.region;
  const codes = ctx.options.item;
  if (typeof taskId !== "string" || typeof category !== "string" || typeof region !== "string") {
    throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
  }
  const now = instantOf(ctx);
  if (typeof now !== "string") return refuse(ctx, now);
  const date = civilDateOf(now as Instant);
  const count = positive(ctx, "count");
  const perEntity = positive(ctx, "inspectors");
  if (count === "bad" || perEntity === "bad") {
    return refuse(ctx, input("--count、--inspectors 应为正整数", { option: count === "bad" ? "count" : "inspectors" }));
  }
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const known = loaded.registries.powers.inspections(date);
  const list = Array.isArray(codes) ? codes : [];
  if (list.length === 0) {
    return refuse(
      ctx,
      input(
        `请用 --item 指定抽查事项编码；${date} 有效的随机抽查事项：${known.map((i) => `${i.code}（${i.name}${i.subItem === undefined ? "" : `·${i.subItem}`}）`).join("、") || "无"}`,
        { option: "item" },
      ),
    );
  }
  const items: InspectionItem[] = [];
  for (const code of list) {
    const found = loaded.registries.powers.inspection(code, date);
    if (found.isErr()) return refuse(ctx, found.error);
    items.push(found.value);
  }
  const outOption = typeof ctx.options.out === "string" ? ctx.options.out : undefined;
  const force = ctx.options.force === true;
  let out: string | undefined;
  if (outOption !== undefined) {
    const dir = await outputDir(outOption, { cwd: ctx.io.cwd, force });
    if (dir.isErr()) return refuse(ctx, dir.error);
    out = dir.value;
  }
  // The draw reads the registries only and appends nothing (the task is recorded by each drawn
  // entity's inspection.open), so the bureau drawing it stands on an empty in-memory store.
  const bureau = bureauOf(memoryEventStore(), loaded.registries, items[0]?.bodyId ?? "", now, {
    random: cryptoRandom(),
  });
  if (isError(bureau)) return refuse(ctx, bureau);
  const drawn = bureau.drawInspection({
    taskId,
    items,
    category,
    regionCode: region,
    ...(count === undefined ? {} : { count }),
    ...(perEntity === undefined ? {} : { inspectorsPerEntity: perEntity }),
  });
  if (drawn.isErr()) return refuse(ctx, drawn.error);
  const task = drawn.value;
  if (out !== undefined && outOption !== undefined) {
    const made = await makeOutputDir(out, outOption);
    if (made.isErr()) return refuse(ctx, made.error);
    const written = await writeOutputFiles(
      [
        { given: join(out, "task.json"), option: "out", data: `${JSON.stringify(task, null, 2)}\n` },
        ...task.assignments.map((a) => ({
          given: join(out, `open-${a.uscc}.json`),
          option: "out",
          data: `${JSON.stringify({ task, uscc: a.uscc }, null, 2)}\n`,
        })),
      ],
      { cwd: ctx.io.cwd, force },
    );
    if (written.isErr()) return refuse(ctx, written.error);
  }
  if (ctx.options.json === true) {
    ctx.io.out(`${JSON.stringify(task, null, 2)}\n`);
    return EXIT.ok;
  }
  ctx.io.out(
    t(
      ctx.lang,
      `抽查任务 ${task.taskId}（${task.bodyId}，${task.date}）：从 ${task.entityPool.length} 户检查对象、${task.inspectorPool.length} 名执法人员中抽取 ${task.assignments.length} 户；种子 ${task.seed}\n`,
      `task ${task.taskId} (${task.bodyId}, ${task.date}): ${task.assignments.length} of ${task.entityPool.length} entities drawn, inspectors from ${task.inspectorPool.length}; seed ${task.seed}\n`,
    ),
  );
  for (const a of task.assignments) {
    const open =
      out === undefined
        ? ""
        : `\n    sanxiang case <案件编号> do inspection.open --as ${a.officerIds[0] ?? ""} --data-file ${join(String(ctx.options.out), `open-${a.uscc}.json`)}`;
    ctx.io.out(`  ${a.uscc}  ${t(ctx.lang, "检查人员", "inspectors")} ${a.officerIds.join("、")}${open}\n`);
  }
  return EXIT.ok;
}
