import {
  checkPublicTexts,
  DEFAULT_REDACTION_POLICY,
  err,
  invalidInput,
  ok,
  type Result,
  type SanxiangError,
} from "@sanxiang/core";

/**
 * 网站配置 — the public site's settings: its title (e.g. `沙坡头区行政执法公示平台`), the
 * bureau that runs it, the absolute `http(s)` URL it is served at (feeds and the sitemap
 * need absolute links), and an optional one-line description.
 */
export interface SiteConfig {
  /** 网站名称, shown in every page's header and `<title>`. */
  readonly title: string;
  /** 主办单位 — the bureau that runs the site, shown in the footer and feeds. */
  readonly bureauName: string;
  /** 网站地址 — absolute `http:` or `https:` URL of the site's root (no user name or password). */
  readonly baseUrl: string;
  /** 网站简介, for the home page and feeds. */
  readonly description?: string;
}

const TEXT_FIELDS = ["title", "bureauName", "description"] as const;

/**
 * Checks a {@link SiteConfig} at the boundary: every text non-empty after trimming, `baseUrl`
 * an absolute `http(s)` URL. Returns the trimmed config, or `INVALID_INPUT` naming each bad field.
 * The texts — and the base URL, which is in every feed entry and the sitemap — reach the
 * public, so they pass the checks a published item's texts do: a control or bidirectional
 * character is `INVALID_INPUT` (政府信息公开条例 Art. 6), personal data `REDACTION_INCOMPLETE`
 * (Art. 15) — a bureau's 监督电话 is public, a person's mobile or resident ID is not.
 */
export function parseSiteConfig(input: unknown): Result<SiteConfig, SanxiangError> {
  try {
    return readSiteConfig(input);
  } catch {
    // A Proxy whose traps throw, a revoked Proxy, a getter that throws: refused, never thrown.
    return err(invalidInput("网站配置无效：读取其字段时出错", [{ path: [], message: "reading the value threw" }]));
  }
}

function readSiteConfig(input: unknown): Result<SiteConfig, SanxiangError> {
  if (typeof input !== "object" || input === null) {
    return err(invalidInput("网站配置无效", [{ path: [], message: "expected an object" }]));
  }
  const record = input as Record<string, unknown>;
  const issues: { path: string[]; message: string }[] = [];
  const out: Record<string, string> = {};
  for (const key of TEXT_FIELDS) {
    const value = record[key];
    if (value === undefined && key === "description") continue;
    if (typeof value !== "string" || value.trim() === "")
      issues.push({ path: [key], message: "expected a non-empty string" });
    else out[key] = value.trim();
  }
  const base = record.baseUrl;
  if (typeof base !== "string" || !isSiteUrl(base.trim())) {
    issues.push({ path: ["baseUrl"], message: "expected an absolute http(s) URL" });
  } else out.baseUrl = base.trim();
  if (issues.length > 0) return err(invalidInput("网站配置无效", issues));
  const personal = checkPublicTexts(
    [
      ...TEXT_FIELDS.flatMap((path) => (out[path] === undefined ? [] : [{ path, text: out[path] }])),
      ...baseUrlTexts(out.baseUrl ?? ""),
    ],
    { policy: DEFAULT_REDACTION_POLICY },
  );
  if (personal.isErr()) return err(personal.error);
  const config: SiteConfig = {
    title: out.title ?? "",
    bureauName: out.bureauName ?? "",
    baseUrl: out.baseUrl ?? "",
    ...(out.description === undefined ? {} : { description: out.description }),
  };
  return ok(config);
}

/**
 * The base URL as public texts: it is in every feed entry, the sitemap, robots.txt and the
 * 404 page, so it passes the same checks as the site's other texts — as written (a control or
 * bidirectional character anywhere, even in a fragment the site drops) and as a reader sees
 * the address it becomes (`%31%33…` decoded): a resident ID or mobile in its host or path is
 * refused like one in the title.
 */
function baseUrlTexts(written: string): { path: string; text: string }[] {
  const shown = normalizeBaseUrl(written);
  let decoded = shown;
  try {
    decoded = decodeURI(shown);
  } catch {
    // A malformed escape (`%E2%80`) is shown as written: `shown` is checked as it is.
  }
  return decoded === written
    ? [{ path: "baseUrl", text: written }]
    : [
        { path: "baseUrl", text: written },
        { path: "baseUrl", text: decoded },
      ];
}

function isSiteUrl(s: string): boolean {
  if (!URL.canParse(s)) return false;
  const u = new URL(s);
  return (u.protocol === "http:" || u.protocol === "https:") && u.username === "" && u.password === "";
}

/** The base URL with exactly one trailing slash, query and fragment dropped. */
export function normalizeBaseUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  u.search = "";
  u.hash = "";
  return u.href.endsWith("/") ? u.href : `${u.href}/`;
}
