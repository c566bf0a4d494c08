// Section 8 of `sanxiang demo`: the same bureau from the command line. Each line runs a real
// `sanxiang …` command in-process (the same `main` the bin runs) and shows its first line of
// output: a procedure step through createBureau (`case <id> do`), what the case accepts next,
// evidence in and out (`evidence attach`, `evidence open` — the 调取 is recorded before the
// bytes are written), the review opinion (`review opinion`), the equipment check and the
// procurement list (`equipment report|procurement`), and a 双随机 draw (`inspection draw`).
// The files it writes go to a fresh temporary directory, which it names.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_STEPS } from "./demo-case.js";
import type { StoreSpec } from "./event-store.js";
import { t } from "./i18n.js";
import type { CliIo } from "./io.js";
import { type CommandContext, main } from "./main.js";

/** What one in-process run printed. */
interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** The `--store` argument naming the demo's store for a sub-command, or undefined for a memory store. */
function storeArgument(ctx: CommandContext, spec: StoreSpec): string | undefined {
  if (spec.kind === "memory") return undefined;
  if (spec.kind === "postgres") {
    const given = typeof ctx.options.store === "string" ? ctx.options.store : ctx.io.env.SANXIANG_STORE;
    return given;
  }
  return spec.path ?? join(spec.dir ?? ".", "events.db");
}

/**
 * Section 8: the CLI's own commands, run in-process. The case steps use a scratch SQLite store in
 * the temporary directory (the demo's own store is left signed as §7 left it); the review opinion
 * is read from the demo's store (a memory store is not shared between runs: then it is shown as
 * a command only). False when a command failed (its error printed).
 */
export async function demoCliSection(ctx: CommandContext, spec: StoreSpec): Promise<boolean> {
  const { lang } = ctx;
  const out = ctx.io.out;
  out(
    `\n${t(lang, "八、命令行办案（同一机关，经 createBureau；案件存入临时目录中的存储）", "8. The same bureau from the command line (through createBureau; the case in a scratch store)")}\n${"-".repeat(40)}\n`,
  );
  const work = await mkdtemp(join(tmpdir(), "sanxiang-demo-"));
  // The case steps go to a scratch store of their own, so the demo's store stays as its §7 left
  // it (every event covered by the signed head); the review opinion is read from the demo's store.
  const given = storeArgument(ctx, spec);
  const scratch = join(work, "events.db");
  const run = async (args: readonly string[]): Promise<Run> => {
    let o = "";
    let e = "";
    const io: CliIo = {
      out: (s) => {
        o += s;
      },
      err: (s) => {
        e += s;
      },
      clock: ctx.io.clock,
      env: ctx.io.env,
      cwd: work,
    };
    const code = await main([...args, "--lang", lang], io);
    return { code, out: o, err: e };
  };
  const show = (args: readonly string[], r: Run, lines = 1): boolean => {
    const shown = args.map((a) => (a.includes(" ") || a.startsWith("{") ? `'${a}'` : a)).join(" ");
    out(`  $ sanxiang ${shown.length > 110 ? `${shown.slice(0, 107)}…` : shown}\n`);
    if (r.code !== 0) {
      out(`    ${r.err.trim().split("\n")[0] ?? ""}\n`);
      return false;
    }
    const printed = r.out.trim().split("\n");
    // A negative count: the first line and the last (a report's heading and its conclusion).
    const picked =
      lines < 0 ? [printed[0] ?? "", ...(printed.length > 1 ? printed.slice(-1) : [])] : printed.slice(0, lines);
    for (const line of picked) out(`    ${line.trim()}\n`);
    return true;
  };
  const common = ["--store", scratch, "--sample"];

  const caseId = "SPT-SCJ-CLI-001";

  const filing = DEMO_STEPS[0];
  if (filing === undefined) return false;
  const { type, ...fields } = filing.command;
  const officer = filing.actor.id;
  const steps: [readonly string[], number][] = [
    [["case", caseId, "do", type, "--as", officer, "--at", filing.at, "--data", JSON.stringify(fields)], 2],
    [["case", caseId, "commands"], 1],
  ];
  for (const [args, lines] of steps) if (!show(args, await run([...args, ...common]), lines)) return false;
  const accepted = await run(["case", caseId, "commands", "--json", ...common]);
  if (accepted.code === 0) {
    const list = (JSON.parse(accepted.out) as { accepted: string[] }).accepted;
    out(
      `    ${list.slice(0, 6).join("、")}${list.length > 6 ? t(lang, ` 等 ${list.length} 项`, ` … (${list.length})`) : ""}\n`,
    );
  }

  // Evidence in (bytes into the evidence store, then the item and its custody) and out.
  await writeFile(join(work, "note.txt"), "现场检查笔录（示例数据）\n");
  const evidenceDir = join(work, "evidence");
  const attachArgs = [
    ...["case", caseId, "evidence", "attach", "note.txt", "--as", officer],
    ...[
      "--at",
      "2026-03-03T03:00:00Z",
      "--captured-at",
      "2026-03-03T02:10:00Z",
      "--stage",
      "investigation",
      "--evidence-type",
      "inspectionRecord",
    ],
  ];
  const attached = await run([...attachArgs, "--evidence", evidenceDir, "--json", ...common]);
  show(attachArgs, attached.code === 0 ? { ...attached, out: "" } : attached, 0);
  if (attached.code !== 0) return false;
  const evidenceId = String((JSON.parse(attached.out) as { evidenceId?: unknown }).evidenceId);
  out(
    t(
      lang,
      `    证据 ${evidenceId} 已入卷，保管链自入卷起记录\n`,
      `    evidence ${evidenceId} attached, its custody recorded from intake\n`,
    ),
  );
  const openArgs = [
    ...["case", caseId, "evidence", "open", evidenceId, "--as", officer],
    ...["--at", "2026-03-04T03:00:00Z", "--purpose", "法制审核", "--out", "note-copy.txt", "--verify"],
  ];
  if (!show(openArgs, await run([...openArgs, "--evidence", evidenceDir, ...common]))) return false;

  // The review opinion of section 6's major case, from the store.
  if (given !== undefined) {
    const opinion = ["review", "opinion", "SPT-SCJ-MAJOR-001", "--format", "md", "--out", "opinion.md"];
    if (!show(opinion, await run([...opinion, "--store", given, "--sample"]))) return false;
  } else {
    out(
      t(
        lang,
        "  （内存存储：法制审核意见书请在 SQLite 存储上运行 sanxiang review opinion SPT-SCJ-MAJOR-001 --sample）\n",
        "  (memory store: for the review opinion run sanxiang review opinion SPT-SCJ-MAJOR-001 --sample on a SQLite store)\n",
      ),
    );
  }

  // Equipment against the ratios, the procurement list, and a 双随机 draw (registries only).
  const others: [readonly string[], number][] = [
    [["equipment", "report", "--body", "spt-scjgj", "--on", "2026-03-02"], -1],
    [
      [
        "equipment",
        "procurement",
        "--preparer",
        "spt-sfj-01",
        "--on",
        "2026-03-02",
        "--format",
        "csv",
        "--out",
        "procurement.csv",
      ],
      1,
    ],
    [
      [
        ...["inspection", "draw", "--task", "SPT-SJ-2026-01", "--item", "SPT-SJ-SJ-001"],
        ...["--category", "价格监督检查", "--region", "640502", "--count", "1", "--at", "2026-03-02T02:00:00Z"],
      ],
      2,
    ],
  ];
  for (const [args, lines] of others) if (!show(args, await run([...args, "--sample"]), lines)) return false;
  out(t(lang, `  写出的文件在：${work}\n`, `  Files written to: ${work}\n`));
  return true;
}
