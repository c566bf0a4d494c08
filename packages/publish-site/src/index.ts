/**
 * @sanxiang/publish-site — the public enforcement-disclosure website (行政执法公示网站): a
 * static Chinese site by phase and category, one page per disclosure, client-side search
 * (MiniSearch, Chinese bigram tokenizer), JSON Feed, Atom and sitemap; built incrementally
 * by {@link buildSite} or kept current call by call by {@link sitePublisher}, core's
 * `Publisher` port.
 *
 * @packageDocumentation
 */
export { type BuildReport, type BuildSiteOptions, buildSite } from "./build.js";
export { parseSiteConfig, type SiteConfig } from "./config.js";
export { itemPath } from "./paths.js";
export { type SitePublisherOptions, sitePublisher } from "./publisher.js";
export { tokenizeChinese } from "./tokenize.js";
