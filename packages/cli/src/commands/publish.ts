import { resolve } from "node:path";
import {
  type EventStore,
  err,
  ok,
  PROJECTIONS,
  type PublishedItem,
  PublishedItemSchema,
  type Result,
  type SanxiangError,
  sanxiangError,
  type WithdrawalNotice,
  WithdrawalNoticeSchema,
} from "@sanxiang/core";
import { buildSite, type SiteConfig } from "@sanxiang/publish-site";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { serveSite } from "../serve.js";

/** Default public address written into feeds and the sitemap when `--base-url` is not given. */
export const DEFAULT_BASE_URL = "http://127.0.0.1:8080/";

/** What the store holds for the public: published items and the notices of withdrawn ones. */
export interface PublicState {
  /** 已公示信息, in publication order. */
  readonly items: readonly PublishedItem[];
  /** 撤回公告. */
  readonly withdrawals: readonly WithdrawalNotice[];
}

/**
 * Reads the `disclosures` projection page by page: every published item and every withdrawal
 * notice. A row that fails its schema is `STORE_CORRUPT` (the site is never built from it).
 */
export async function readPublicState(store: EventStore): Promise<Result<PublicState, SanxiangError>> {
  const items: PublishedItem[] = [];
  const withdrawals: WithdrawalNotice[] = [];
  let from: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await store.queryProjection(PROJECTIONS.disclosures, {
      limit: 10_000,
      ...(from === undefined ? {} : { sortKeyFrom: from }),
    });
    if (page.isErr()) return err(page.error);
    let fresh = 0;
    for (const row of page.value) {
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      fresh++;
      const v = row.value;
      if (v.status === "published") {
        const p = PublishedItemSchema.safeParse(v.item);
        if (!p.success) return err(corrupt(row.key));
        items.push(p.data);
      } else if (v.status === "withdrawn") {
        const n = WithdrawalNoticeSchema.safeParse(v.notice);
        if (!n.success) return err(corrupt(row.key));
        withdrawals.push(n.data);
      } else {
        return err(corrupt(row.key));
      }
    }
    const last = page.value.at(-1);
    if (page.value.length < 10_000 || last === undefined || fresh === 0) break;
    from = last.sortKey ?? undefined;
    if (from === undefined) break;
  }
  return ok({ items, withdrawals });
}

const corrupt = (key: string): SanxiangError =>
  sanxiangError("STORE_CORRUPT", `公示投影中的记录 ${key} 格式错误`, { details: { key } });

/** The site's configuration from `--title`, `--bureau` and `--base-url`. */
export function siteConfigOf(ctx: CommandContext): SiteConfig {
  const opt = (name: string): string | undefined =>
    typeof ctx.options[name] === "string" ? (ctx.options[name] as string) : undefined;
  const bureauName = opt("bureau") ?? "行政执法机关";
  return {
    title: opt("title") ?? `${bureauName}行政执法公示平台`,
    bureauName,
    baseUrl: opt("base-url") ?? DEFAULT_BASE_URL,
  };
}

/**
 * `sanxiang publish --out <dir> [--store …] [--base-url URL] [--title …] [--bureau …] [--serve]`:
 * builds the public disclosure site from what the store's disclosure workflow published
 * (incrementally: only changed files are rewritten), and with `--serve` serves it on the
 * loopback until interrupted.
 */
export async function publishCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const outOpt = ctx.options.out;
  if (typeof outOpt !== "string" || outOpt === "") {
    throw new UsageError(t(lang, "publish 需要 --out <目录>", "publish needs --out <dir>"));
  }
  const outDir = resolve(io.cwd, outOpt);
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  const site = siteConfigOf(ctx);
  const built = await withStore(ctx, spec.value, async (store) => {
    const state = await readPublicState(store);
    if (state.isErr()) {
      io.err(formatError(lang, state.error));
      return EXIT.failure;
    }
    const report = await buildSite({
      outDir,
      site,
      items: state.value.items,
      withdrawals: state.value.withdrawals,
      now: io.clock.now(),
    });
    if (report.isErr()) {
      io.err(formatError(lang, report.error));
      return report.error.code === "INVALID_INPUT" ? EXIT.usage : EXIT.failure;
    }
    const r = report.value;
    io.out(
      t(
        lang,
        `公示网站：${outDir}\n  已公示 ${state.value.items.length} 项，撤回公告 ${state.value.withdrawals.length} 项\n  写入 ${r.written.length} 个文件，删除 ${r.deleted.length} 个，未变 ${r.unchanged} 个\n`,
        `Disclosure site: ${outDir}\n  ${state.value.items.length} published items, ${state.value.withdrawals.length} withdrawal notices\n  ${r.written.length} files written, ${r.deleted.length} deleted, ${r.unchanged} unchanged\n`,
      ),
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
