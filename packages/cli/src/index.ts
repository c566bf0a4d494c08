/**
 * @sanxiang/cli — the `sanxiang` command for bureau operators.
 *
 * ```sh
 * sanxiang deadline 2026-09-30 7 --workdays
 * sanxiang demo
 * ```
 *
 * @packageDocumentation
 */
export { type CliIo, main, processIo, systemClock } from "./main.js";
export { type ServeSiteOptions, type SiteServer, serveSite, siteContentType } from "./serve.js";
