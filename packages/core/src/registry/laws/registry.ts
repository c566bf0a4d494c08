import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import { checkVersions, versionAt } from "../versions.js";
import { type ArticleRef, formatArticleRef, shortTitleOf } from "./article-ref.js";
import { type Article, type DocumentSection, type Law, type LawInput, LawSchema, type Paragraph } from "./schema.js";

/** 条文定位结果 — a citation found in the text: the law version, the article and, when cited, the paragraph and item. */
export interface ResolvedArticle {
  /** The version of the law that was searched. */
  readonly law: Law;
  /** The article. */
  readonly article: Article;
  /** The paragraph, when the citation names one (or names an item of the article's only list). */
  readonly paragraph?: Paragraph;
  /** The item's text, when the citation names an item. */
  readonly item?: string;
}

/** 依据定位结果 — a {@link RuleSource} found in the database: the law, and the article or section cited. */
export interface ResolvedSource {
  /** The version of the law or document. */
  readonly law: Law;
  /** The article, when the source cites one. */
  readonly article?: ResolvedArticle;
  /** The section, when the source cites one and the document's sections are shipped. */
  readonly section?: DocumentSection;
}

/**
 * 法律法规库 — the laws database: every version of every law, found by id, full title or
 * short title, and "as of a date" (the law in force at the date of the act applies,
 * 行政处罚法 Art. 37). Without a date, the latest shipped version answers.
 */
export interface LawsRegistry {
  /** Every version, in the order given. */
  readonly laws: readonly Law[];
  /** The distinct laws' ids, in the order first given. */
  ids(): readonly string[];
  /** Every version of a law (by id, title or short title), oldest first; empty when unknown. */
  versions(name: string): readonly Law[];
  /** The version in force on `date` (or the latest version); `REGISTRY_NOT_FOUND` when none. */
  lawAt(name: string, date?: CivilDate): Result<Law, SanxiangError>;
  /** 条文 — the article, paragraph and item a citation names; `REGISTRY_NOT_FOUND` when the text has no such place. */
  article(ref: ArticleRef, date?: CivilDate): Result<ResolvedArticle, SanxiangError>;
  /** 依据 — checks a rule's source: its law exists and the article (款, 项) or section is there. */
  resolve(source: RuleSource, date?: CivilDate): Result<ResolvedSource, SanxiangError>;
}

const notFound = (message: string, details: Record<string, unknown>): SanxiangError =>
  sanxiangError("REGISTRY_NOT_FOUND", message, { details });

function paragraphOf(law: Law, article: Article, ref: ArticleRef): Result<Paragraph | undefined, SanxiangError> {
  const cite = formatArticleRef(ref);
  if (ref.paragraph !== undefined) {
    const p = article.paragraphs[ref.paragraph - 1];
    if (p === undefined) {
      return err(notFound(`${cite}：该条只有 ${article.paragraphs.length} 款`, { ref, lawId: law.id }));
    }
    return ok(p);
  }
  if (ref.item === undefined) return ok(undefined);
  // 第N条第M项 without a paragraph: the items of the article's only list (the usual way of
  // citing an article whose items sit in one paragraph).
  const withItems = article.paragraphs.filter((p) => p.items.length > 0);
  if (withItems.length !== 1) {
    return err(
      notFound(`${cite}：该条${withItems.length === 0 ? "没有项" : "有多款列项，须写明第几款"}`, {
        ref,
        lawId: law.id,
      }),
    );
  }
  return ok(withItems[0]);
}

/**
 * 创建法律法规库 — validates the records (schema, one version per id and date, versions that
 * do not overlap, one law per title, unique article numbers) and builds the registry.
 * `INVALID_INPUT` for a record that fails its schema; `REGISTRY_CONFLICT` for contradictions.
 */
export function createLawsRegistry(records: readonly LawInput[]): Result<LawsRegistry, SanxiangError> {
  const laws: Law[] = [];
  for (const [index, record] of records.entries()) {
    const parsed = LawSchema.safeParse(record);
    if (!parsed.success) {
      return err(
        sanxiangError("INVALID_INPUT", `第 ${index + 1} 条法规记录无效：${parsed.error.issues[0]?.message ?? ""}`, {
          details: { index, issues: parsed.error.issues },
        }),
      );
    }
    laws.push(parsed.data);
  }
  const byId = new Map<string, Law[]>();
  const byName = new Map<string, string>();
  for (const law of laws) {
    const list = byId.get(law.id) ?? [];
    if (list.some((v) => v.effectiveFrom === law.effectiveFrom)) {
      return err(
        sanxiangError("REGISTRY_CONFLICT", `${law.shortTitle}：自 ${law.effectiveFrom} 起的版本重复`, {
          details: { id: law.id, effectiveFrom: law.effectiveFrom },
        }),
      );
    }
    list.push(law);
    byId.set(law.id, list);
    for (const name of new Set([law.id, law.title, law.shortTitle, shortTitleOf(law.title)])) {
      const owner = byName.get(name);
      if (owner !== undefined && owner !== law.id) {
        return err(
          sanxiangError("REGISTRY_CONFLICT", `名称「${name}」同时指向 ${owner} 和 ${law.id}`, {
            details: { name, ids: [owner, law.id] },
          }),
        );
      }
      byName.set(name, law.id);
    }
    const numbers = new Set<number>();
    for (const a of law.articles) {
      if (numbers.has(a.number)) {
        return err(
          sanxiangError("REGISTRY_CONFLICT", `${law.shortTitle}（自 ${law.effectiveFrom}）：第 ${a.number} 条重复`, {
            details: { id: law.id, article: a.number },
          }),
        );
      }
      numbers.add(a.number);
    }
  }
  for (const [id, versions] of byId) {
    const checked = checkVersions(id, versions);
    if (checked.isErr()) return err(checked.error);
    versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  const versionsOf = (name: string): readonly Law[] => {
    const id = byName.get(name) ?? byName.get(shortTitleOf(name));
    return id === undefined ? [] : (byId.get(id) ?? []);
  };

  const lawAt = (name: string, date?: CivilDate): Result<Law, SanxiangError> => {
    const versions = versionsOf(name);
    if (versions.length === 0) return err(notFound(`法律法规库中没有「${name}」`, { name }));
    const found = date === undefined ? versions.at(-1) : versionAt(versions, date);
    if (found === undefined) {
      return err(notFound(`「${name}」在 ${date ?? ""} 没有有效的版本`, { name, date }));
    }
    return ok(found);
  };

  const article = (ref: ArticleRef, date?: CivilDate): Result<ResolvedArticle, SanxiangError> =>
    lawAt(ref.law, date).andThen((law) => {
      const cite = formatArticleRef(ref);
      const found = law.articles.find((a) => a.number === ref.article);
      if (found === undefined) {
        const why = law.partial
          ? `本库仅收录该法节选（第 ${(law.includedArticles ?? []).join("、")} 条），无法核对`
          : law.articles.length === 0
            ? "本库未收录该文件的条文"
            : `该法共 ${law.articles.at(-1)?.number ?? 0} 条，没有此条`;
        return err(notFound(`${cite}：${why}`, { ref, lawId: law.id }));
      }
      return paragraphOf(law, found, ref).andThen((paragraph) => {
        if (ref.item === undefined) {
          return ok<ResolvedArticle, SanxiangError>({ law, article: found, ...(paragraph ? { paragraph } : {}) });
        }
        const item = paragraph?.items[ref.item - 1];
        if (paragraph === undefined || item === undefined) {
          return err(notFound(`${cite}：该款只有 ${paragraph?.items.length ?? 0} 项`, { ref, lawId: law.id }));
        }
        return ok<ResolvedArticle, SanxiangError>({ law, article: found, paragraph, item });
      });
    });

  const resolve = (source: RuleSource, date?: CivilDate): Result<ResolvedSource, SanxiangError> =>
    lawAt(source.law, date).andThen((law) => {
      if (source.article !== undefined) {
        const ref: ArticleRef = {
          law: source.law,
          article: source.article,
          ...(source.paragraph === undefined ? {} : { paragraph: source.paragraph }),
          ...(source.item === undefined ? {} : { item: source.item }),
        };
        return article(ref, date).map((a): ResolvedSource => ({ law, article: a }));
      }
      if (source.paragraph !== undefined || source.item !== undefined) {
        return err(notFound(`${source.law}：只有款、项而没有条`, { source }));
      }
      if (source.section === undefined || law.sections.length === 0) return ok<ResolvedSource, SanxiangError>({ law });
      const section = law.sections.find((s) => s.label === source.section);
      if (section === undefined) {
        return err(notFound(`${law.shortTitle}中没有「${source.section}」部分`, { source, lawId: law.id }));
      }
      return ok<ResolvedSource, SanxiangError>({ law, section });
    });

  const ids = [...byId.keys()];
  return ok({ laws, ids: () => ids, versions: versionsOf, lawAt, article, resolve });
}
