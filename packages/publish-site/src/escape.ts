// Escaping for every output format the site writes. Data never reaches a page, feed or
// sitemap except through one of these functions.

/**
 * Characters XML 1.0 cannot carry at all (not even as character references): C0 controls
 * other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. HTML
 * treats most of them as parse errors too, so both formats replace them with U+FFFD.
 */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values:
 * `& < > " '` become references, characters no document may carry become U+FFFD.
 */
export function escapeHtml(value: string): string {
  // Most values need nothing: one scan answers that, without building new strings.
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, "\uFFFD").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Escapes text for XML character data and attribute values (Atom, sitemaps): the same five references. */
export function escapeXml(value: string): string {
  return escapeHtml(value);
}
