import { writeFile } from "node:fs/promises";
import {
  AuditLog,
  assembleCaseFile,
  type CaseEvent,
  type CaseFile,
  caseFileHtml,
  caseFileToJson,
  type Stage,
  testSigner,
  toHex,
} from "@sanxiang/core";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, UsageError } from "../main.js";

/** The example case's id; the log id says "EXAMPLE" so nobody mistakes it for a real log. */
const EXAMPLE_CASE = "EXAMPLE-2026-001";
const EXAMPLE_LOG = "EXAMPLE.shapotou-sfj";

const officer = { id: "officer-wang", roles: ["officer" as const] };
const reviewer = { id: "reviewer-li", roles: ["legalReviewer" as const] };
const head = { id: "head-zhao", roles: ["head" as const] };

/**
 * A small, realistic ordinary penalty case (示例数据), interleaved with a second case so
 * the inclusion proofs are not trivial. Every payload says it is an example.
 */
function exampleEvents(): CaseEvent[] {
  const step = (
    caseId: string,
    seq: number,
    at: string,
    stage: Stage,
    type: string,
    actor: CaseEvent["actor"],
    payload: Record<string, unknown> = {},
  ): CaseEvent => ({ caseId, seq, type, at, actor, stage, payload: { example: "示例数据", ...payload } });
  const c = EXAMPLE_CASE;
  const o = "EXAMPLE-2026-002";
  return [
    step(c, 1, "2026-03-02T01:30:00Z", "filing", "case.filed", head, { cause: "未按规定公示收费标准" }),
    step(o, 1, "2026-03-02T03:00:00Z", "filing", "case.filed", head),
    step(c, 2, "2026-03-03T02:00:00Z", "investigation", "inspection.recorded", officer, { place: "某某商行" }),
    step(c, 3, "2026-03-04T06:00:00Z", "investigation", "inquiry.recorded", officer, { party: "某某商行负责人" }),
    step(o, 2, "2026-03-05T02:00:00Z", "investigation", "inquiry.recorded", officer),
    step(c, 4, "2026-03-10T02:00:00Z", "review", "review.completed", reviewer, { opinion: "事实清楚，证据确凿" }),
    step(c, 5, "2026-03-11T02:00:00Z", "review", "notice.served", officer),
    step(c, 6, "2026-03-16T07:00:00Z", "investigation", "evidence.collected", officer, {
      title: "补充调查：收费标准照片",
    }),
    step(c, 7, "2026-03-20T02:00:00Z", "decision", "decision.made", head, { fineFen: 300_000 }),
    step(c, 8, "2026-03-23T02:00:00Z", "service", "decision.served", officer),
    step(c, 9, "2026-04-01T02:00:00Z", "execution", "fine.paid", officer, { amountFen: 300_000 }),
    step(c, 10, "2026-04-02T02:00:00Z", "closing", "case.closed", head),
    step(c, 11, "2026-04-10T02:00:00Z", "archiving", "case.archived", officer),
  ];
}

/** The example case file, signed with the public test key (`testSigner()`). */
export async function exampleCaseFile(): Promise<CaseFile> {
  const log = AuditLog.restore(exampleEvents());
  if (log.isErr()) throw log.error;
  const sth = await log.value.signedTreeHead(testSigner(), { logId: EXAMPLE_LOG, timestamp: "2026-04-10T08:00:00Z" });
  if (sth.isErr()) throw sth.error;
  const file = assembleCaseFile(log.value, EXAMPLE_CASE, sth.value);
  if (file.isErr()) throw file.error;
  return file.value;
}

/**
 * `sanxiang casefile --example <out.json> [--html <out.html>]` writes an example case file
 * (示例数据, signed with the public test key) for trying `sanxiang verify`. `casefile <id>`
 * assembles a real case's file once the storage adapters exist.
 */
export async function casefileCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [out, ...rest] = ctx.args;
  if (ctx.options.example !== true) {
    throw new UsageError(
      t(
        lang,
        "sanxiang casefile <案件编号> 需要案件存储（存储适配器尚未接入）；现在可用 sanxiang casefile --example <输出.json> 生成示例案卷",
        "sanxiang casefile <case-id> needs case storage (not yet available); use sanxiang casefile --example <out.json> for an example",
      ),
    );
  }
  if (out === undefined || rest.length > 0) {
    throw new UsageError(
      t(lang, "用法：sanxiang casefile --example <输出.json>", "usage: sanxiang casefile --example <out.json>"),
    );
  }
  const file = await exampleCaseFile();
  const html = ctx.options.html;
  try {
    await writeFile(out, `${JSON.stringify(caseFileToJson(file), null, 2)}\n`, "utf8");
    if (typeof html === "string") await writeFile(html, caseFileHtml(file, { title: "卷内目录（示例数据）" }), "utf8");
  } catch (e) {
    ctx.io.err(`${t(lang, "错误：无法写入", "error: cannot write")} ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  const key = toHex(testSigner().publicKey);
  ctx.io.out(
    t(
      lang,
      `已写入示例案卷（示例数据，用公开的测试密钥签名，不具证明效力）：${out}\n` +
        `  案件 ${file.caseId}，卷内文件 ${file.catalogue.length} 件\n` +
        `验证：sanxiang verify ${out} --key ${key}\n`,
      `Wrote an example case file (example data, signed with the public TEST key; proves nothing): ${out}\n` +
        `  case ${file.caseId}, ${file.catalogue.length} entries\n` +
        `Verify: sanxiang verify ${out} --key ${key}\n`,
    ),
  );
  return EXIT.ok;
}
