import { join, relative, resolve, sep } from "node:path";
import {
  disclosuresAgree,
  type EventStore,
  err,
  fromHex,
  ok,
  type ProvenDisclosures,
  parseSignatureAlgorithm,
  provenDisclosures,
  type Result,
  type SanxiangError,
  siteInputOf,
  type VerificationKey,
} from "@sanxiang/core";
import { buildSite, type SiteConfig } from "@sanxiang/publish-site";
import { storeSpecOf, withStore } from "../event-store.js";
import { type Lang, t } from "../i18n.js";
import { isSystemError } from "../io.js";
import { type CommandContext, EXIT, exitCodeOf, formatError, UsageError } from "../main.js";
import { organOfBodyOption } from "../organ.js";
import { outputDir, outputWriteFailed } from "../output.js";
import { serveSite } from "../serve.js";
import { stageSite } from "../site-stage.js";

/** Default public address written into feeds and the sitemap when `--base-url` is not given. */
export const DEFAULT_BASE_URL = "http://127.0.0.1:8080/";

/** Options of {@link readPublicState}. */
export interface PublicStateOptions {
  /** The bureau's public key: the newest signed tree head's signature is checked with it. */
  readonly key?: VerificationKey;
  /** Refuse (`LOG_TAIL_UNSIGNED`) while any disclosure event is after the newest signed head. */
  readonly requireSigned?: boolean;
}

/**
 * 公示状态 — what the site may show, proved from the store's signed log
 * ({@link provenDisclosures}): `Err` when the log itself does not check
 * (`EVENT_HASH_MISMATCH`, `MERKLE_ROOT_MISMATCH`, a signature …), when the `disclosures`
 * projection disagrees with the log (`DISCLOSURE_LOG_MISMATCH`, naming every discrepancy), or,
 * with `requireSigned`, when disclosure events are not yet covered by a signed head
 * (`LOG_TAIL_UNSIGNED`). The projection is never an input: it is only compared.
 */
export async function readPublicState(
  store: EventStore,
  options: PublicStateOptions = {},
): Promise<Result<ProvenDisclosures, SanxiangError>> {
  const proven = await provenDisclosures(store, {
    ...(options.key === undefined ? {} : { key: options.key }),
    unsignedTail: options.requireSigned === true ? "refuse" : "report",
  });
  if (proven.isErr()) return err(proven.error);
  return disclosuresAgree(proven.value);
}

/** Codes that mean the operator typed a key wrongly: bad input (exit 2), not a damaged store. */
export const BAD_INPUT_CODES = new Set(["SIGNING_KEY_INVALID", "SIGNATURE_ALGORITHM_UNSUPPORTED", "INVALID_INPUT"]);

/** `--key` / `--algorithm` as a verification key, when `--key` is given. */
export function keyOption(ctx: CommandContext): Result<VerificationKey | undefined, SanxiangError> {
  if (typeof ctx.options.key !== "string") return ok(undefined);
  const algorithm = parseSignatureAlgorithm(
    typeof ctx.options.algorithm === "string" ? ctx.options.algorithm : "ed25519",
  );
  if (algorithm.isErr()) return err(algorithm.error);
  const publicKey = fromHex(ctx.options.key.trim());
  if (publicKey.isErr()) return err(publicKey.error);
  return ok({ algorithm: algorithm.value, publicKey: publicKey.value });
}

/** The lines saying what the log proved: items, the signed head, the unsigned tail. */
function proofLines(lang: Lang, p: ProvenDisclosures): string {
  const lines = [
    t(
      lang,
      `  已公示 ${p.items.length} 项，撤回公告 ${p.withdrawals.length} 项（均由事件日志证明：负责人审定的内容哈希与发布事件一致；公示投影与日志一致）`,
      `  ${p.items.length} published items, ${p.withdrawals.length} withdrawal notices (each proved by the event log: the head's sign-off of the content hash and its publication; the disclosures projection agrees)`,
    ),
    t(
      lang,
      `  日志：事件 ${p.log.treeSize} 件，根哈希（${p.log.hashAlgorithm}）${p.log.rootHash}`,
      `  log: ${p.log.treeSize} events, root (${p.log.hashAlgorithm}) ${p.log.rootHash}`,
    ),
  ];
  const h = p.signedTreeHead;
  lines.push(
    h === null
      ? t(lang, "  签名树头：无", "  signed tree head: none")
      : t(
          lang,
          `  签名树头：日志 ${h.logId}，大小 ${h.treeSize}，${h.timestamp}（${h.signatureChecked ? "签名有效" : "未给公钥，签名未验"}）`,
          `  signed tree head: log ${h.logId}, size ${h.treeSize}, ${h.timestamp} (${h.signatureChecked ? "signature valid" : "no key given: signature not checked"})`,
        ),
  );
  const u = p.unsigned;
  if (u !== null && u.disclosures.length > 0) {
    const shown = u.disclosures.slice(0, 5).join("、");
    const more =
      u.disclosures.length > 5
        ? t(lang, ` 等 ${u.disclosures.length} 项`, ` and ${u.disclosures.length - 5} more`)
        : "";
    lines.push(
      t(
        lang,
        `  注意：第 ${u.from}–${u.to} 号事件尚无签名树头覆盖，涉及公示 ${shown}${more}；已按日志发布，签名（sanxiang sign）后方可由签名证明`,
        `  note: events ${u.from}–${u.to} are not yet covered by a signed tree head (disclosures ${shown}${more}); published as the log says, provable by a signature once signed (sanxiang sign)`,
      ),
    );
  }
  if (!p.projectionScanComplete) {
    lines.push(
      t(
        lang,
        "  注意：同一排序键的公示投影行超过一页，未能逐行列出；日志证明的每一行均已按键核对",
        "  note: more projection rows share one sort key than a page holds; every row the log proves was still checked by key",
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The site's configuration from `--title`, `--bureau` and `--base-url`; `organ` (the organ
 * `--body` names in the bodies registry) is the 主办单位 unless `--bureau` gives one.
 */
export function siteConfigOf(ctx: CommandContext, organ?: string): SiteConfig {
  const opt = (name: string): string | undefined =>
    typeof ctx.options[name] === "string" ? (ctx.options[name] as string) : undefined;
  const bureauName = opt("bureau") ?? organ ?? "行政执法机关";
  return {
    title: opt("title") ?? `${bureauName}行政执法公示平台`,
    bureauName,
    baseUrl: opt("base-url") ?? DEFAULT_BASE_URL,
  };
}

/** 公示网站状态目录 — the directory a site built by publish-site keeps its state in. */
const SITE_STATE_DIR = ".sanxiang-site";

/**
 * The site directory `--out` (or `--site`) names, checked by the shared output helper: a new or
 * empty directory, or a site built before (it holds `.sanxiang-site/`: `publish` replaces it
 * whole, `case … do disclosure.* --site` updates it one act at a time); a directory holding
 * anything else needs `--force`, a file is refused.
 */
export function siteDirOf(ctx: CommandContext, given: string, option: string): Promise<Result<string, SanxiangError>> {
  return outputDir(given, {
    cwd: ctx.io.cwd,
    force: ctx.options.force === true,
    option,
    own: (entries) => entries.includes(SITE_STATE_DIR),
  });
}

/**
 * A build that failed on the disk (publish-site's `PUBLISHER_FAILED` with a system error as its
 * cause) as `OUTPUT_WRITE_FAILED`, naming the site file as the operator knows it (under `--out`,
 * not the staging directory) and the system's reason; any other refusal as it is.
 */
function siteBuildFailure(e: SanxiangError, staging: string, shown: string): SanxiangError {
  const cause = (e as Error).cause;
  if (e.code !== "PUBLISHER_FAILED" || !isSystemError(cause)) return e;
  const where =
    typeof cause.path === "string" && cause.path.startsWith(`${staging}${sep}`)
      ? join(shown, relative(staging, cause.path))
      : shown;
  return outputWriteFailed(where, cause, { option: "out", path: shown }, "原站点未改动，暂存目录已删除");
}

/**
 * `sanxiang publish --out <dir> [--store …] [--key <public-key-hex> [--algorithm …]]
 * [--require-signed] [--base-url URL] [--title …] [--bureau …] [--serve]`: builds the public
 * disclosure site from what the store's signed log proves published (incrementally: only
 * changed files are rewritten), and with `--serve` serves it on the loopback until
 * interrupted. Refuses (exit 1, nothing written) when the log does not check or the
 * `disclosures` projection disagrees with it, naming every discrepancy with its code. The new
 * site is built in a staging directory beside `<dir>` and swapped in whole: a failure
 * (`OUTPUT_WRITE_FAILED`, exit 1) or Ctrl-C midway leaves the previous site as it was.
 */
export async function publishCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const outOpt = ctx.options.out;
  if (typeof outOpt !== "string" || outOpt === "") {
    throw new UsageError(t(lang, "publish 需要 --out <目录>", "publish needs --out <dir>"));
  }
  const dir = await siteDirOf(ctx, outOpt, "out");
  if (dir.isErr()) {
    io.err(formatError(lang, dir.error));
    return EXIT.usage;
  }
  const outDir = dir.value;
  const key = keyOption(ctx);
  if (key.isErr()) {
    io.err(formatError(lang, key.error));
    return EXIT.usage;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  const organ = await organOfBodyOption(ctx);
  if (typeof organ === "number") return organ;
  const site = siteConfigOf(ctx, organ);
  const built = await withStore(ctx, spec.value, async (store) => {
    const state = await readPublicState(store, {
      ...(key.value === undefined ? {} : { key: key.value }),
      requireSigned: ctx.options["require-signed"] === true,
    });
    if (state.isErr()) {
      io.err(formatError(lang, state.error));
      if (state.error.code === "DISCLOSURE_LOG_MISMATCH" || state.error.code === "LOG_TAIL_UNSIGNED") {
        io.err(
          t(
            lang,
            "未写入任何文件。公示网站只发布签名日志证明已经负责人审定的信息；请核查存储（sanxiang verify --log）\n",
            "Nothing was written. The site publishes only what the signed log proves the head signed off; check the store (sanxiang verify --log)\n",
          ),
        );
      }
      return BAD_INPUT_CODES.has(state.error.code) ? EXIT.usage : EXIT.failure;
    }
    const proven = state.value;
    // Built beside the target and swapped in whole (site-stage.ts): a failure or Ctrl-C leaves
    // the previous site as it was.
    const staged = await stageSite(outDir, outOpt);
    if (staged.isErr()) {
      io.err(formatError(lang, staged.error));
      return exitCodeOf(staged.error);
    }
    for (const note of staged.value.recovered) io.err(`${t(lang, "注意：", "note: ")}${note}\n`);
    let report: Awaited<ReturnType<typeof buildSite>>;
    try {
      report = await buildSite({ outDir: staged.value.dir, site, ...siteInputOf(proven), now: io.clock.now() });
    } catch (e) {
      await staged.value.abort();
      throw e;
    }
    if (report.isErr()) {
      await staged.value.abort();
      const e = siteBuildFailure(report.error, staged.value.dir, outOpt);
      io.err(formatError(lang, e));
      return e.code === "INVALID_INPUT" ? EXIT.usage : EXIT.failure;
    }
    const swapped = await staged.value.commit();
    if (swapped.isErr()) {
      io.err(formatError(lang, swapped.error));
      return exitCodeOf(swapped.error);
    }
    const r = report.value;
    io.out(
      `${t(lang, `公示网站：${outDir}`, `Disclosure site: ${outDir}`)}\n${proofLines(lang, proven)}${t(
        lang,
        `  写入 ${r.written.length} 个文件，删除 ${r.deleted.length} 个，未变 ${r.unchanged} 个\n`,
        `  ${r.written.length} files written, ${r.deleted.length} deleted, ${r.unchanged} unchanged\n`,
      )}`,
    );
    return EXIT.ok;
  });
  if (built !== EXIT.ok) return built;
  if (ctx.options.serve !== true) {
    io.out(
      t(
        lang,
        `  浏览：sanxiang serve ${outOpt}（站内搜索需经 HTTP 访问）\n`,
        `  Browse: sanxiang serve ${outOpt} (the site's search needs HTTP)\n`,
      ),
    );
    return EXIT.ok;
  }
  return serveCommand({ ...ctx, args: [outOpt] });
}

/** `sanxiang serve <dir> [--port N]`: serves a built site on the loopback until interrupted. */
export async function serveCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const dir = ctx.args[0];
  if (dir === undefined) throw new UsageError(t(lang, "serve 需要站点目录", "serve needs the site directory"));
  const portOpt = ctx.options.port;
  const port = typeof portOpt === "string" ? Number(portOpt) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(t(lang, `端口无效：${String(portOpt)}`, `invalid port: ${String(portOpt)}`));
  }
  const server = await serveSite(resolve(io.cwd, dir), { port });
  io.out(
    t(lang, `正在提供 ${dir}：${server.url}（Ctrl-C 结束）\n`, `Serving ${dir} at ${server.url} (Ctrl-C to stop)\n`),
  );
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await server.close();
  return EXIT.ok;
}
