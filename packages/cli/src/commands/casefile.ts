import { writeFile } from "node:fs/promises";
import {
  AuditLog,
  assembleCaseFile,
  type CaseEvent,
  type CaseFile,
  caseFileHtml,
  caseFileToJson,
  loadAuditLog,
  type Stage,
  testSigner,
  toHex,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { describeFailure } from "../io.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";

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
 * `sanxiang casefile <case-id> <out.json> [--html <out.html>] [--store …]` assembles a case's
 * file (案卷) from the store: its events, catalogue in stage order and inclusion proofs
 * against the store's latest signed tree head (which must cover all of the case's events).
 */
async function storedCaseFile(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [caseId, out, ...rest] = ctx.args;
  if (caseId === undefined || out === undefined || rest.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang casefile <案件编号> <输出.json> [--html <目录.html>] [--store …]",
        "usage: sanxiang casefile <case-id> <out.json> [--html <catalogue.html>] [--store …]",
      ),
    );
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    ctx.io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  return withStore(ctx, spec.value, async (store) => {
    const events = await store.load(caseId);
    if (events.isErr()) {
      ctx.io.err(formatError(lang, events.error));
      return events.error.code === "INVALID_INPUT" ? EXIT.usage : EXIT.failure;
    }
    if (events.value.length === 0) {
      ctx.io.err(t(lang, `错误：存储中没有案件 ${caseId}\n`, `error: no case ${caseId} in the store\n`));
      return EXIT.usage;
    }
    const sth = await store.latestSignedTreeHead();
    if (sth.isErr()) {
      ctx.io.err(formatError(lang, sth.error));
      return EXIT.failure;
    }
    const log = await loadAuditLog(store);
    if (log.isErr()) {
      ctx.io.err(formatError(lang, log.error));
      return EXIT.failure;
    }
    const lastLeaf = Math.max(...log.value.entriesOf(caseId).map((e) => e.leafIndex));
    if (sth.value === null || sth.value.treeSize <= lastLeaf) {
      ctx.io.err(
        t(
          lang,
          `错误：存储中没有覆盖本案全部事件的签名树头；先用机关的私钥签名：sanxiang sign --key-file <私钥文件> --log-id <日志标识>\n`,
          `error: no signed tree head in the store covers all of this case's events; sign first: sanxiang sign --key-file <secret-key-file> --log-id <log-id>\n`,
        ),
      );
      return EXIT.failure;
    }
    const file = assembleCaseFile(log.value, caseId, sth.value);
    if (file.isErr()) {
      ctx.io.err(formatError(lang, file.error));
      return EXIT.failure;
    }
    const html = ctx.options.html;
    try {
      await writeFile(out, `${JSON.stringify(caseFileToJson(file.value), null, 2)}\n`, "utf8");
      if (typeof html === "string")
        await writeFile(html, caseFileHtml(file.value, { title: `卷内目录 ${caseId}` }), "utf8");
    } catch (e) {
      ctx.io.err(`${t(lang, "错误：无法写入", "error: cannot write")} ${describeFailure(e)}\n`);
      return EXIT.usage;
    }
    ctx.io.out(
      t(
        lang,
        `已写入案卷：${out}\n  案件 ${caseId}，卷内文件 ${file.value.catalogue.length} 件，签名树头大小 ${sth.value.treeSize}（${sth.value.logId}，${sth.value.timestamp}）\n验证：sanxiang verify ${out} --key <机关公钥十六进制>\n`,
        `Wrote the case file: ${out}\n  case ${caseId}, ${file.value.catalogue.length} entries, signed tree head of size ${sth.value.treeSize} (${sth.value.logId}, ${sth.value.timestamp})\nVerify: sanxiang verify ${out} --key <bureau-public-key-hex>\n`,
      ),
    );
    return EXIT.ok;
  });
}

/**
 * `sanxiang casefile --example <out.json> [--html <out.html>]` writes an example case file
 * (示例数据, signed with the public test key) for trying `sanxiang verify`; without
 * `--example`, `casefile <id> <out.json>` assembles a stored case's file.
 */
export async function casefileCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [out, ...rest] = ctx.args;
  if (ctx.options.example !== true) return storedCaseFile(ctx);
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
    ctx.io.err(`${t(lang, "错误：无法写入", "error: cannot write")} ${describeFailure(e)}\n`);
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
