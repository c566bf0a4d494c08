// 执法装备 in the CLI — the ratio check of the bureau's equipment inventory (执法装备台账,
// stored as registry/equipment.json under --dir, or the sample bureaus' with --sample) and the
// written procurement list for the finance bureau (沙坡头区司法局三项制度试点工作方案 二（二）（3）).
import {
  type AppliedEquipmentRule,
  type Body,
  type CivilDate,
  checkEquipment,
  citationText,
  civilDateOf,
  dateText,
  EQUIPMENT_KIND_LABELS,
  type EquipmentKind,
  type EquipmentLine,
  type EquipmentReport,
  type EquipmentStaffing,
  equipmentStaffing,
  type ProcurementList,
  procurementListCsv,
  procurementListFor,
  procurementListHtml,
  sanxiangError,
} from "@sanxiang/core";
import { EQUIPMENT_KIND_EN } from "../english.js";
import { type Lang, t } from "../i18n.js";
import { type CommandContext, EXIT, exitCodeOf, UsageError } from "../main.js";
import { writeOutputFile } from "../output.js";
import { buildRegistries, type Registries } from "../registry-store.js";
import { dateOption } from "./options.js";
import { dataOrExit, reportError } from "./registry.js";

/** The forms `equipment procurement --format` writes: plain text (default), the printable page, CSV. */
export const PROCUREMENT_FORMATS = ["text", "html", "csv"] as const;

/** A kind of equipment in the output language. */
function kindName(lang: Lang, kind: EquipmentKind): string {
  return t(lang, EQUIPMENT_KIND_LABELS[kind], EQUIPMENT_KIND_EN[kind]);
}

/** What the commands work on: the registries, the date, and the report of the bodies in scope. */
interface Checked {
  readonly registries: Registries;
  readonly date: CivilDate;
  readonly report: EquipmentReport;
  /** Bodies in force on the date with 在岗 officers but no device in the inventory (not checked). */
  readonly unlisted: readonly Body[];
}

/**
 * Loads the data (`--sample` / `--dir`), reads `--on` (default today, China time) and checks
 * the bodies in scope: the one `--body` names, else every body in force on the date that
 * holds a device in the inventory. A refusal is printed and its exit code returned.
 */
async function checkedOrExit(ctx: CommandContext): Promise<Checked | number> {
  const on = dateOption(ctx, "on");
  if (on.isErr()) {
    reportError(ctx, on.error);
    return EXIT.usage;
  }
  const date = on.value ?? civilDateOf(ctx.io.clock.now());
  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  const built = buildRegistries(data);
  if (built.isErr()) {
    reportError(ctx, built.error);
    return EXIT.failure;
  }
  const registries = built.value;
  const { bodies } = registries;
  let scope: Body[];
  let unlisted: Body[] = [];
  if (typeof ctx.options.body === "string") {
    const body = bodies.body(ctx.options.body.trim(), date);
    if (body.isErr()) {
      reportError(ctx, body.error);
      return EXIT.usage;
    }
    scope = [body.value];
  } else {
    const holding = new Set(registries.equipment.map((d) => d.bodyId));
    const inForce = bodies.bodies(date);
    scope = inForce.filter((b) => holding.has(b.id));
    unlisted = inForce.filter(
      (b) => !holding.has(b.id) && bodies.officersOf(b.id, date).some((o) => o.status === "active"),
    );
  }
  const staffing: EquipmentStaffing[] = scope.map((b) => ({
    bodyId: b.id,
    bodyName: b.name,
    officers: equipmentStaffing(bodies.officersOf(b.id, date), date).find((s) => s.bodyId === b.id)?.officers ?? 0,
  }));
  const report = checkEquipment({ asOf: date, staffing, devices: [...registries.equipment] });
  if (report.isErr()) {
    reportError(ctx, report.error);
    return exitCodeOf(report.error);
  }
  return { registries, date, report: report.value, unlisted };
}

/** A date in the output language: `2026年1月5日`, or ISO in English. */
function dateIn(lang: Lang, date: CivilDate): string {
  return t(lang, dateText(date), date);
}

/** One line of the check: what is required, what is in use, the shortfall. */
function lineText(lang: Lang, l: EquipmentLine): string {
  const verdict = l.pass ? t(lang, "达标", "meets the ratio") : t(lang, `缺 ${l.shortfall} 台`, `${l.shortfall} short`);
  return t(
    lang,
    `${kindName(lang, l.kind)}：应配备 ${l.required} 台，在用 ${l.available} 台，${verdict}`,
    `${kindName(lang, l.kind)}: ${l.required} required, ${l.available} in use, ${verdict}`,
  );
}

/** A rule as the report states it: its reading and its source, in Chinese citation style. */
function ruleText(lang: Lang, r: AppliedEquipmentRule): string {
  const source = citationText(r.source);
  const mark = r.overridden ? t(lang, "（本单位配置）", " (configured by the bureau)") : "";
  return t(lang, `${r.reading}${mark}（依据：${source}）`, `${r.reading}${mark} (source: ${source})`);
}

/** The ratio check as text, body by body, with the rules applied and their sources. */
export function equipmentReportText(lang: Lang, report: EquipmentReport, unlisted: readonly Body[] = []): string {
  const out: string[] = [];
  out.push(
    t(
      lang,
      `执法装备配备情况（统计日期：${dateText(report.asOf)}）`,
      `Enforcement equipment against the ratios (as of ${report.asOf})`,
    ),
  );
  out.push(t(lang, "配备标准：", "Ratios (worded in Chinese, as the rules state them):"));
  report.rules.forEach((r, i) => {
    out.push(`  ${i + 1}. ${ruleText(lang, r)}`);
  });
  if (report.bodies.length === 0) {
    out.push(
      t(lang, "台账中没有在册执法主体的装备。", "The inventory holds no device of a body in force on the date."),
    );
  }
  for (const b of report.bodies) {
    const name = b.bodyName ?? "";
    out.push(
      t(
        lang,
        `${name}：在岗执法人员 ${b.officers} 名，${b.pass ? "达标" : "未达标"}`,
        `${name}: ${b.officers} ${b.officers === 1 ? "officer" : "officers"} on duty, ${b.pass ? "meets the ratios" : "below the ratios"}`,
      ),
    );
    for (const l of b.lines) out.push(`  ${lineText(lang, l)}`);
  }
  if (report.bodies.length > 1) {
    out.push(t(lang, "合计：", "Total:"));
    for (const l of report.overall) out.push(`  ${lineText(lang, l)}`);
  }
  if (report.ignoredDevices.length > 0) {
    out.push(
      t(
        lang,
        `未计入：${report.ignoredDevices.length} 台装备所属执法主体不在本次检查范围内`,
        `Not counted: ${report.ignoredDevices.length} devices of bodies outside this check`,
      ),
    );
  }
  if (unlisted.length > 0) {
    const names = unlisted.map((b) => b.name).join(t(lang, "、", ", "));
    out.push(
      t(
        lang,
        `台账中没有装备的执法主体（未检查，可加 --body 单独检查）：${names}`,
        `Bodies with officers on duty but no device in the inventory (not checked; add --body to check one): ${names}`,
      ),
    );
  }
  const short = report.bodies.filter((b) => !b.pass).length;
  const gaps = report.overall
    .filter((l) => l.shortfall > 0)
    .map((l) => t(lang, `${kindName(lang, l.kind)} ${l.shortfall} 台`, `${l.shortfall} ${kindName(lang, l.kind)}`))
    .join(t(lang, "、", ", "));
  out.push(
    short === 0
      ? t(lang, "结论：均达到配备标准", "Result: every body meets the ratios")
      : t(
          lang,
          `结论：${short} 个执法主体未达到配备标准，共缺 ${gaps}（sanxiang equipment procurement 生成采购需求清单）`,
          `Result: ${short} ${short === 1 ? "body is" : "bodies are"} below the ratios, short of ${gaps} (sanxiang equipment procurement writes the procurement list)`,
        ),
  );
  return `${out.join("\n")}\n`;
}

/** 采购需求清单（文本）— the list as plain Chinese text (an official document: Chinese whatever `--lang`). */
export function procurementListText(list: ProcurementList): string {
  const out: string[] = [list.title, `报送：${list.recipient}`, `统计日期：${dateText(list.asOf)}`];
  if (list.items.length === 0) out.push("各单位装备均已达到配备标准，无采购需求。");
  list.items.forEach((item, i) => {
    out.push(`${i + 1}. ${item.bodyName}　${EQUIPMENT_KIND_LABELS[item.kind]} ${item.quantity} 台`);
    out.push(`   采购理由：${item.reason}`);
    out.push(`   依据：${citationText(item.source)}`);
  });
  out.push(
    `合计：${list.totals.length === 0 ? "无" : list.totals.map((x) => `${EQUIPMENT_KIND_LABELS[x.kind]} ${x.quantity} 台`).join("；")}`,
  );
  out.push("配备标准：");
  list.standards.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s}`);
  });
  out.push(`编制单位：${list.preparedBy}`);
  if (list.preparer !== undefined) {
    out.push(`编制人：${list.preparer.name}${list.preparer.post === undefined ? "" : `（${list.preparer.post}）`}`);
  }
  out.push(`编制日期：${dateText(list.preparedOn)}`);
  return `${out.join("\n")}\n`;
}

/**
 * `sanxiang equipment report [--sample | --dir D] [--body ID] [--on DATE] [--json]` — 执法装备
 * 配备检查: per body, the 在岗 officers, what is held (在用), what the ratio requires and the
 * shortfall, with each rule's reading and source. Exit 0 whatever the result (it is a report);
 * 2 for an unknown body or a bad date; 1 for damaged stored data.
 */
async function reportCommand(ctx: CommandContext): Promise<number> {
  const checked = await checkedOrExit(ctx);
  if (typeof checked === "number") return checked;
  if (ctx.options.json === true) {
    ctx.io.out(`${JSON.stringify(checked.report, null, 2)}\n`);
  } else {
    ctx.io.out(equipmentReportText(ctx.lang, checked.report, checked.unlisted));
  }
  return EXIT.ok;
}

/**
 * `sanxiang equipment procurement --preparer OFFICER [--on DATE] [--format text|html|csv]
 * [--out FILE]` — 采购需求清单: the shortfalls of the ratio check as the written list for the
 * finance bureau, 编制单位 and 编制人 resolved from the bodies registry on the date. An
 * officer the registry does not have that day is refused (REGISTRY_NOT_FOUND, exit 2).
 */
async function procurementCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const preparer = ctx.options.preparer;
  if (typeof preparer !== "string") {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang equipment procurement --preparer <人员编号> [--on <日期>] [--format text|html|csv] [--out <文件>]",
        "usage: sanxiang equipment procurement --preparer <officer-id> [--on <date>] [--format text|html|csv] [--out <file>]",
      ),
    );
  }
  const format = ctx.options.format ?? "text";
  if (typeof format !== "string" || !(PROCUREMENT_FORMATS as readonly string[]).includes(format)) {
    reportError(
      ctx,
      sanxiangError("INVALID_INPUT", `--format 只能是 text、html 或 csv：${JSON.stringify(format)}`, {
        details: { option: "format", value: String(format) },
      }),
    );
    return EXIT.usage;
  }
  const checked = await checkedOrExit(ctx);
  if (typeof checked === "number") return checked;
  const list = procurementListFor(checked.report, checked.registries.bodies, {
    preparerId: preparer.trim(),
    preparedOn: checked.date,
  });
  if (list.isErr()) {
    reportError(ctx, list.error);
    return exitCodeOf(list.error);
  }
  const document =
    format === "html"
      ? procurementListHtml(list.value)
      : format === "csv"
        ? procurementListCsv(list.value)
        : procurementListText(list.value);
  const out = ctx.options.out;
  if (typeof out !== "string") {
    io.out(document);
    return EXIT.ok;
  }
  const written = await writeOutputFile(out, document, { cwd: io.cwd, force: ctx.options.force === true });
  if (written.isErr()) {
    reportError(ctx, written.error);
    return exitCodeOf(written.error);
  }
  const n = list.value.items.length;
  io.out(
    t(
      lang,
      `已写入采购需求清单：${out}（${n} 项，统计日期 ${dateIn(lang, checked.date)}）\n`,
      `Wrote the procurement list (采购需求清单, in Chinese): ${out} (${n} ${n === 1 ? "item" : "items"}, as of ${dateIn(lang, checked.date)})\n`,
    ),
  );
  return EXIT.ok;
}

/** `sanxiang equipment report|procurement`. */
export async function equipmentCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...extra] = ctx.args;
  if (extra.length > 0) {
    throw new UsageError(t(ctx.lang, `多余的参数：${extra.join(" ")}`, `extra arguments: ${extra.join(" ")}`));
  }
  switch (sub) {
    case "report":
      return reportCommand(ctx);
    case "procurement":
      return procurementCommand(ctx);
    default:
      throw new UsageError(
        t(ctx.lang, "用法：sanxiang equipment report|procurement …", "usage: sanxiang equipment report|procurement …"),
      );
  }
}
