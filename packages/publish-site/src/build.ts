import {
  civilDateOf,
  err,
  type Instant,
  InstantSchema,
  invalidInput,
  type PublishedItem,
  type RedactionPolicyInput,
  type Result,
  type SanxiangError,
  sanxiangError,
  type WithdrawalNotice,
} from "@sanxiang/core";
import { parseSiteConfig, type SiteConfig } from "./config.js";
import { emptyState, fullBuild, loadState, trusted } from "./engine.js";
import { contentHashMatches, parseRedactionPolicy, parseSiteInput, personalDataProblem } from "./validate.js";

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** The directory the site is written to (created if missing); its state lives in `outDir/.sanxiang-site/`. */
  readonly outDir: string;
  /** The site's settings. */
  readonly site: SiteConfig;
  /** Everything currently published (已公示信息). */
  readonly items: readonly PublishedItem[];
  /** 撤回公告 — withdrawn items; each URL shows its notice instead of the item. */
  readonly withdrawals: readonly WithdrawalNotice[];
  /** The build's time: items whose publicity period (`publicUntil`) ended before this day in China are left out. */
  readonly now: Instant;
  /**
   * 脱敏配置 — the bureau's redaction policy the site checks every item and notice against
   * before writing (default: core's `DEFAULT_REDACTION_POLICY`, every field but the party's name).
   */
  readonly redaction?: RedactionPolicyInput;
}

/** 构建报告 — what a build changed, in paths relative to `outDir` (with `/`). */
export interface BuildReport {
  /** Files written (new, or with different bytes). */
  readonly written: string[];
  /** Files deleted because the site no longer produces them (expired or withdrawn items' leftovers, emptied lists). */
  readonly deleted: string[];
  /** Files the site still produces whose bytes did not change (not rewritten). */
  readonly unchanged: number;
}

/**
 * 生成公示网站 — writes the public disclosure site for `items` and `withdrawals` into
 * `outDir`. Input is checked first with the core schemas (plus: kind matches content and
 * phase, `contentHash` matches the content, ids unique, none both published and withdrawn);
 * bad input is `INVALID_INPUT` and nothing is written. Every item and withdrawal notice is
 * then checked for personal data (core's `checkPublishedItem` / `checkWithdrawalNotice`, the
 * same texts and detector as the sign-off): one that still holds a resident ID, a mobile, an
 * account, a home address… is `REDACTION_INCOMPLETE` and nothing is written. The build is incremental: files whose
 * bytes would not change are not rewritten, files no longer produced are deleted, and each
 * file is replaced atomically. A disk failure is `PUBLISHER_FAILED` with the error as `cause`,
 * returned once no file operation the build started is still running (nothing of it is written
 * afterwards; the next build, finding the change unfinished, rewrites the whole site).
 */
export async function buildSite(options: BuildSiteOptions): Promise<Result<BuildReport, SanxiangError>> {
  const site = parseSiteConfig(options.site);
  if (site.isErr()) return err(site.error);
  const now = InstantSchema.safeParse(options.now);
  if (!now.success)
    return err(invalidInput("生成时间无效", [{ path: ["now"], message: now.error.issues[0]?.message ?? "" }]));
  if (typeof options.outDir !== "string" || options.outDir === "") {
    return err(invalidInput("输出目录无效", [{ path: ["outDir"], message: "expected a directory path" }]));
  }
  const input = parseSiteInput(options.items, options.withdrawals);
  if (input.isErr()) return err(input.error);
  const policy = parseRedactionPolicy(options.redaction);
  if (policy.isErr()) return err(policy.error);
  // Every item, not only the new ones: a site built before this check was there is checked too.
  const personal = personalDataProblem(input.value.items, input.value.withdrawals, policy.value);
  if (personal !== undefined) return err(personal);
  const today = civilDateOf(now.data);
  const shown = input.value.items.filter((i) => i.publicUntil === undefined || i.publicUntil >= today);
  const withdrawn = Object.fromEntries(input.value.withdrawals.map((n) => [n.id, n]));
  try {
    const old = await loadState(options.outDir);
    const trust = old !== undefined && trusted(old, site.value);
    const index = new Map(input.value.items.map((item, i) => [item.id, i] as const));
    return await fullBuild(
      options.outDir,
      site.value,
      old ?? emptyState(site.value),
      shown,
      withdrawn,
      trust,
      (fresh) => {
        const bad = fresh.filter((item) => !contentHashMatches(item));
        return bad.length === 0
          ? undefined
          : invalidInput(
              "网站内容无效",
              bad.map((item) => ({
                path: ["items", index.get(item.id) ?? -1, "contentHash"],
                message: "contentHash does not match content",
              })),
            );
      },
    );
  } catch (e) {
    return err(
      sanxiangError("PUBLISHER_FAILED", `公示网站生成失败：${e instanceof Error ? e.message : String(e)}`, {
        details: { outDir: options.outDir },
        cause: e,
      }),
    );
  }
}
