// `sanxiang case <id> evidence attach|open|list` — 证据入卷 and 证据调取 from the terminal through
// the bureau (createBureau) with the filesystem evidence store (@sanxiang/evidence-fs): attaching
// puts the bytes into the store, then appends the item and its custody (captured, uploaded,
// verified) to the case; opening appends the custody step 调取 (who, when, purpose) before the
// bytes are written out. A refusal appends nothing.
import { createReadStream, readdirSync, rmSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  type Actor,
  type Bureau,
  type CaseEvent,
  civilDateOf,
  EVIDENCE_TYPE_NAMES,
  type EvidenceType,
  evidenceOfEvents,
  type Instant,
  type SanxiangError,
  STAGE_NAMES,
  type Stage,
} from "@sanxiang/core";
import { fsEvidenceStore } from "@sanxiang/evidence-fs";
import { describeStore, type StoreSpec, storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { onInterrupt } from "../interrupt.js";
import { type CommandContext, EXIT, UsageError } from "../main.js";
import { beginOutput, outputFile } from "../output.js";
import { actorOf, bureauOf, input, instantOf, isError, refuse, registriesOrExit } from "./case-common.js";

const USAGE_ZH = `用法：
  sanxiang case <案件编号> evidence attach <文件> --as <人员编号> --captured-at <UTC 时刻> --stage <环节>
      [--device <记录仪编号>] [--media-type <类型>] [--evidence-type <证据种类>] [--data <JSON>] [--evidence <目录>] [--at <UTC 时刻>] [--json]
  sanxiang case <案件编号> evidence open <证据编号> --as <人员编号> --purpose <调取用途> --out <文件> [--force] [--verify] [--evidence <目录>]
  sanxiang case <案件编号> evidence list [--json]
（证据文件存于 --evidence 目录，缺省为事件存储文件旁的 <存储文件>.evidence/）`;
const USAGE_EN = `usage:
  sanxiang case <case-id> evidence attach <file> --as <officer-id> --captured-at <UTC instant> --stage <stage>
      [--device <device-id>] [--media-type <type>] [--evidence-type <type>] [--data <json>] [--evidence <dir>] [--at <UTC instant>] [--json]
  sanxiang case <case-id> evidence open <evidence-id> --as <actor-id> --purpose <text> --out <file> [--force] [--verify] [--evidence <dir>]
  sanxiang case <case-id> evidence list [--json]
(evidence bytes live in --evidence <dir>, by default <store file>.evidence/ beside the event store)`;

/** Media types by file extension; anything else is `application/octet-stream` unless `--media-type` says. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  avi: "video/x-msvideo",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
};

/**
 * The evidence store's directory: `--evidence <dir>`, else `<store file>.evidence/` beside a
 * SQLite event store. A PostgreSQL or in-memory event store has no file to sit beside, so
 * `--evidence` is required there.
 */
export function evidenceDirOf(ctx: CommandContext, spec: StoreSpec): string | SanxiangError {
  const flag = ctx.options.evidence;
  if (typeof flag === "string" && flag !== "") return resolve(ctx.io.cwd, flag);
  if (spec.kind === "sqlite") return `${describeStore(spec)}.evidence`;
  return input("事件存储不是 SQLite 文件：请用 --evidence <目录> 指定证据存储目录", { option: "evidence" });
}

function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.options[name];
  return typeof v === "string" ? v : undefined;
}

function needAs(ctx: CommandContext): string {
  const as = stringOption(ctx, "as");
  if (as === undefined) {
    throw new UsageError(
      t(ctx.lang, `需要 --as <人员编号>：由谁办理\n${USAGE_ZH}`, `--as <officer-id> is required\n${USAGE_EN}`),
    );
  }
  return as;
}

/** `sanxiang case <caseId> evidence attach|open|list …`. */
export async function evidenceCommand(ctx: CommandContext, caseId: string, args: readonly string[]): Promise<number> {
  const [verb, arg, ...rest] = args;
  if (verb === "attach" && arg !== undefined && rest.length === 0) return attach(ctx, caseId, arg);
  if (verb === "open" && arg !== undefined && rest.length === 0) return openCommand(ctx, caseId, arg);
  if (verb === "list" && arg === undefined) return list(ctx, caseId);
  throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
}

async function attach(ctx: CommandContext, caseId: string, file: string): Promise<number> {
  const as = needAs(ctx);
  const now = instantOf(ctx);
  if (typeof now !== "string") return refuse(ctx, now);
  const path = resolve(ctx.io.cwd, file);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return refuse(ctx, input(`证据文件不存在：${file}`, { file }));
  if (!info.isFile()) return refuse(ctx, input(`${file} 不是文件（证据入卷一次一个文件）`, { file }));
  let extra: Record<string, unknown> = {};
  const data = stringOption(ctx, "data");
  if (data !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (e) {
      return refuse(ctx, input(`--data 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`));
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return refuse(ctx, input("--data 应为 JSON 对象（证据的其他信息：location、custody、action 等）"));
    }
    extra = parsed as Record<string, unknown>;
  }
  const ext = file.split(".").at(-1)?.toLowerCase() ?? "";
  const mediaType = stringOption(ctx, "media-type") ?? MEDIA_TYPES[ext] ?? "application/octet-stream";
  const typeOption = stringOption(ctx, "evidence-type");
  const evidenceType =
    typeOption ?? (mediaType.startsWith("video/") || mediaType.startsWith("audio/") ? "audioVisual" : undefined);
  if (evidenceType === undefined && extra.evidenceType === undefined) {
    return refuse(
      ctx,
      input(
        `请用 --evidence-type 写明证据种类（行政处罚法第四十六条）：${Object.entries(EVIDENCE_TYPE_NAMES)
          .map(([k, v]) => `${k}（${v}）`)
          .join("、")}`,
        { option: "evidence-type" },
      ),
    );
  }
  const capturedAt = stringOption(ctx, "captured-at");
  const stage = stringOption(ctx, "stage");
  const device = stringOption(ctx, "device");
  const fields = {
    mediaType,
    ...(evidenceType === undefined ? {} : { evidenceType }),
    ...(capturedAt === undefined ? {} : { capturedAt }),
    ...(stage === undefined ? {} : { stage }),
    ...(device === undefined ? {} : { deviceId: device }),
    ...extra,
  };
  return withEvidenceBureau(ctx, as, now, async (bureau, actor, dir) => {
    const r = await bureau
      .case(caseId)
      .as(actor)
      .attachEvidence(
        createReadStream(path),
        fields as Parameters<ReturnType<ReturnType<typeof bureau.case>["as"]>["attachEvidence"]>[1],
      );
    if (r.isErr()) return refuse(ctx, r.error);
    const { item, events, created } = r.value;
    if (ctx.options.json === true) {
      ctx.io.out(
        `${JSON.stringify({ ok: true, caseId, evidenceId: item.id, created, item, evidenceDir: dir, events: events.map((e) => ({ seq: e.seq, type: e.type })) }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    // 已存在 — the same file, described the same, attached before: the recorded item, nothing new.
    if (!created) {
      ctx.io.out(
        t(
          ctx.lang,
          `${file} 已存在：即案件 ${caseId} 的证据 ${item.id}（${item.hash.algorithm} ${item.hash.hex}），未重复入卷，未记录新事件\n`,
          `${file} is already in the file: evidence ${item.id} of ${caseId} (${item.hash.algorithm} ${item.hash.hex}); not attached again, no event recorded\n`,
        ),
      );
      return EXIT.ok;
    }
    ctx.io.out(
      t(
        ctx.lang,
        `${actor.name}（${actor.id}）将 ${file} 入卷：证据 ${item.id}，${item.size} 字节，${item.hash.algorithm} ${item.hash.hex}；案件 ${caseId} 记录事件 ${events.length} 件\n`,
        `${actor.name} (${actor.id}) attached ${file}: evidence ${item.id}, ${item.size} bytes, ${item.hash.algorithm} ${item.hash.hex}; ${events.length} event(s) recorded on ${caseId}\n`,
      ),
    );
    return EXIT.ok;
  });
}

/**
 * Runs one evidence command as the registered actor `as`, on a bureau whose evidence store is
 * the directory beside the event store (or `--evidence`); a refusal before `run` appends nothing.
 */
async function withEvidenceBureau(
  ctx: CommandContext,
  as: string,
  now: string,
  run: (bureau: Bureau, actor: Actor, dir: string) => Promise<number>,
): Promise<number> {
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const actor = actorOf(loaded.registries, as, civilDateOf(now as Instant));
  if (isError(actor)) return refuse(ctx, actor);
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  const dir = evidenceDirOf(ctx, spec.value);
  if (isError(dir)) return refuse(ctx, dir);
  return withStore(ctx, spec.value, async (store) => {
    const bureau = bureauOf(store, loaded.registries, actor.bodyId ?? "", now, {
      evidence: fsEvidenceStore({ dir }),
    });
    if (isError(bureau)) return refuse(ctx, bureau);
    // Ctrl-C while the bytes stream in: the evidence store's temporary file of this process
    // (`.tmp/<pid>-….part`) is removed rather than left for the sweep a day later.
    const release = onInterrupt(() => removeOwnEvidenceParts(dir));
    try {
      return await run(bureau, actor, dir);
    } finally {
      release();
    }
  });
}

async function openCommand(ctx: CommandContext, caseId: string, evidenceId: string): Promise<number> {
  const as = needAs(ctx);
  const purpose = stringOption(ctx, "purpose")?.trim();
  if (purpose === undefined || purpose === "") {
    return refuse(
      ctx,
      input("证据调取需写明用途：--purpose <调取用途>（如 法制审核、复议答复、移送法院）", { option: "purpose" }),
    );
  }
  const outOption = stringOption(ctx, "out");
  if (outOption === undefined || outOption === "") {
    return refuse(ctx, input("证据调取需指定输出文件：--out <文件>", { option: "out" }));
  }
  const target = await outputFile(outOption, { cwd: ctx.io.cwd, force: ctx.options.force === true });
  if (target.isErr()) return refuse(ctx, target.error);
  const out = target.value.path;
  const now = instantOf(ctx);
  if (typeof now !== "string") return refuse(ctx, now);
  return withEvidenceBureau(ctx, as, now, async (bureau, actor) => {
    // The bytes go to a temporary file renamed over --out when complete. It is created before the
    // access is recorded, so an --out that cannot be written records no custody step.
    const pending = await beginOutput(target.value);
    if (pending.isErr()) return refuse(ctx, pending.error);
    const file = pending.value;
    const opening = async () =>
      bureau
        .case(caseId)
        .evidence(evidenceId)
        .as(actor)
        .open({ purpose, ...(ctx.options.verify === true ? { verify: true } : {}) });
    let r: Awaited<ReturnType<typeof opening>>;
    try {
      r = await opening();
    } catch (e) {
      await file.abort();
      throw e;
    }
    if (r.isErr()) {
      await file.abort();
      return refuse(ctx, r.error);
    }
    let size = 0;
    try {
      for await (const chunk of r.value.content) {
        await file.write(chunk);
        size += chunk.length;
      }
    } catch (e) {
      await file.abort();
      throw e;
    }
    const committed = await file.commit();
    if (committed.isErr()) return refuse(ctx, committed.error);
    const { item, event } = r.value;
    if (ctx.options.json === true) {
      ctx.io.out(
        `${JSON.stringify({ ok: true, caseId, evidenceId: item.id, out, size, hash: item.hash, custody: { seq: event.seq, type: event.type, purpose } }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    ctx.io.out(
      t(
        ctx.lang,
        `${actor.name}（${actor.id}）调取证据 ${item.id}（用途：${purpose}）：${size} 字节写入 ${outOption}；保管链记录于案件 ${caseId} 第 ${event.seq} 件事件\n`,
        `${actor.name} (${actor.id}) opened evidence ${item.id} (purpose: ${purpose}): ${size} bytes written to ${outOption}; custody step is event ${event.seq} of ${caseId}\n`,
      ),
    );
    return EXIT.ok;
  });
}

async function list(ctx: CommandContext, caseId: string): Promise<number> {
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  return withStore(ctx, spec.value, async (store) => {
    const events = await store.load(caseId);
    if (events.isErr()) return refuse(ctx, events.error);
    if (events.value.length === 0) {
      return refuse(ctx, input(`存储中没有案件 ${caseId}（sanxiang cases 列出全部案件）`, { caseId }));
    }
    const items = evidenceOfEvents(events.value as readonly CaseEvent[]);
    if (items.isErr()) return refuse(ctx, items.error);
    if (ctx.options.json === true) {
      ctx.io.out(`${JSON.stringify({ caseId, evidence: items.value }, null, 2)}\n`);
      return EXIT.ok;
    }
    ctx.io.out(
      t(
        ctx.lang,
        `案件 ${caseId} 证据 ${items.value.length} 件：\n`,
        `${caseId}: ${items.value.length} evidence item(s):\n`,
      ),
    );
    for (const e of items.value) {
      const kind = EVIDENCE_TYPE_NAMES[e.item.evidenceType as EvidenceType];
      const stage = STAGE_NAMES[e.stage as Stage];
      ctx.io.out(
        `  ${e.item.id}  ${kind}  ${e.item.mediaType}  ${e.item.size} 字节  ${stage}  ${e.item.hash.algorithm}:${e.item.hash.hex.slice(0, 16)}…  保管链 ${e.custody.steps.length} 步\n`,
      );
    }
    return EXIT.ok;
  });
}

/** Removes this process's temporary files in the evidence store's `.tmp/` (fs-evidence names them `<pid>-….part`). */
function removeOwnEvidenceParts(dir: string): void {
  const temp = join(dir, ".tmp");
  const own = `${process.pid}-`;
  for (const name of readdirSync(temp)) {
    if (name.startsWith(own) && name.endsWith(".part")) rmSync(join(temp, name), { force: true });
  }
}
