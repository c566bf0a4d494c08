// The rule-source types as plain TypeScript, apart from their zod schemas (source.ts), so
// that an entry point whose public types cite rules (`@sanxiang/core/calendar`) has no zod
// in its declarations. rule-source.test.ts checks these equal the schemas' `z.infer`.

/**
 * Confidence of a rule's legal basis (the tags docs/rules.md lists with every rule):
 * `C-law` confirmed against the statute text; `C` confirmed on a public page;
 * `C-local` restated by a local implementing document; `M` recalled, unverified;
 * `VAR` differs by province, sector or agency (always configurable).
 */
export type Confidence = "C-law" | "C" | "C-local" | "M" | "VAR";

/**
 * 法律依据 — the legal source of a rule: the law (short title, e.g. `行政处罚法`) and,
 * where it has articles, the article (条), paragraph (款) and item (项) as numbers.
 * Documents without articles (a State Council notice, 国办发〔2018〕118号) use `section`.
 */
export interface RuleSource {
  /** Short title of the law or document, e.g. `行政处罚法`, `国办发〔2018〕118号`. */
  readonly law: string;
  /** Article number (第N条). */
  readonly article?: number | undefined;
  /** Paragraph number (第N款) within the article. */
  readonly paragraph?: number | undefined;
  /** Item number (第N项) within the paragraph. */
  readonly item?: number | undefined;
  /** For documents without articles: the part cited, e.g. `四（三）`. */
  readonly section?: string | undefined;
  /** How sure the SDK is of this reading (see {@link Confidence}). */
  readonly confidence?: Confidence | undefined;
  /** Where the text can be read, when it is not one of the shipped statutes. */
  readonly url?: string | undefined;
}
