import {
  type CaseEvent,
  type EventStore,
  err,
  foldReview,
  type Result,
  type ReviewOpinion,
  type ReviewState,
  reviewOpinion,
  reviewOpinionHtml,
  reviewOpinionMarkdown,
  reviewOpinionText,
  reviewStreamId,
  type SanxiangError,
  sanxiangError,
} from "@sanxiang/core";
import { SDK_LAWS } from "@sanxiang/core/laws";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, exitCodeOf, formatError, UsageError } from "../main.js";
import { bodiesOrExit } from "../organ.js";
import { writeOutputFile } from "../output.js";

/** The forms `review opinion --format` prints: plain text (default), the printable page, Markdown. */
export const OPINION_FORMATS = ["text", "html", "md"] as const;
/** One of {@link OPINION_FORMATS}. */
export type OpinionFormat = (typeof OPINION_FORMATS)[number];

/** Law titles a draft's basis may name bare (the SDK's laws): put in 《》 on the opinion. */
export const LAW_TITLES: readonly string[] = SDK_LAWS.flatMap((l) => [l.title, l.shortTitle]);

const REVIEW_STREAM = /\.review\.\d+$/;

/**
 * The review an id names: a review stream (`<caseId>.review.<n>`) as it is, or a case's latest
 * review (`<caseId>.review.1`, `.2` … until an empty one). `REVIEW_NOT_FOUND` when the store
 * holds neither; an id the store refuses (`INVALID_INPUT`) is passed on.
 */
export async function loadReviewById(
  store: EventStore,
  id: string,
): Promise<Result<{ readonly review: ReviewState }, SanxiangError>> {
  const fold = (streamId: string, events: readonly CaseEvent[]) =>
    foldReview(streamId, events).map((review) => ({ review }));
  if (REVIEW_STREAM.test(id)) {
    const events = await store.load(id);
    if (events.isErr()) return err(events.error);
    if (events.value.length > 0) return fold(id, events.value);
    return err(sanxiangError("REVIEW_NOT_FOUND", `存储中没有法制审核 ${id}`, { details: { id } }));
  }
  let latest: { id: string; events: readonly CaseEvent[] } | undefined;
  for (let n = 1; ; n++) {
    const streamId = reviewStreamId(id, n);
    const events = await store.load(streamId);
    if (events.isErr()) return err(events.error);
    if (events.value.length === 0) break;
    latest = { id: streamId, events: events.value };
  }
  if (latest !== undefined) return fold(latest.id, latest.events);
  const own = await store.load(id);
  if (own.isErr()) return err(own.error);
  return err(
    sanxiangError(
      "REVIEW_NOT_FOUND",
      own.value.length === 0 ? `存储中没有案件或法制审核 ${id}` : `案件 ${id} 没有法制审核`,
      { details: { id, caseExists: own.value.length > 0 } },
    ),
  );
}

/**
 * `sanxiang review opinion <case-or-review-id> [--format text|html|md] [--out <file>]
 * [--body <body-id>] [--sample | --dir …] [--store …]` — prints the 法制审核意见书 of a review
 * in the store (a case's latest review, or the review stream named): names, the organ and
 * official wording from the bodies registry (`--sample`, else `--dir`), never an id. Refusals:
 * `REVIEW_NOT_FOUND` (no such case or review), `REVIEW_NOT_CONCLUDED` (no opinion given yet),
 * `INVALID_INPUT` (an id the store cannot hold, a bad `--format`) — all exit 2.
 */
export async function reviewCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [sub, id, ...rest] = ctx.args;
  if (sub !== "opinion" || id === undefined || rest.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang review opinion <案件编号或审核编号> [--format text|html|md] [--out <文件>] [--body <主体编号>] [--sample] [--store …]",
        "usage: sanxiang review opinion <case-or-review-id> [--format text|html|md] [--out <file>] [--body <body-id>] [--sample] [--store …]",
      ),
    );
  }
  const format = ctx.options.format ?? "text";
  if (typeof format !== "string" || !(OPINION_FORMATS as readonly string[]).includes(format)) {
    ctx.io.err(
      formatError(
        lang,
        sanxiangError("INVALID_INPUT", `--format 只能是 text、html 或 md：${JSON.stringify(format)}`, {
          details: { option: "format", value: String(format) },
        }),
      ),
    );
    return EXIT.usage;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    ctx.io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  const bodies = await bodiesOrExit(ctx);
  if (typeof bodies === "number") return bodies;
  const body = typeof ctx.options.body === "string" ? ctx.options.body.trim() : undefined;
  return withStore(ctx, spec.value, async (store) => {
    const found = await loadReviewById(store, id);
    if (found.isErr()) {
      ctx.io.err(formatError(lang, found.error));
      return exitCodeOf(found.error);
    }
    const options = { bodies, ...(body === undefined ? {} : { bodyId: body }) };
    const opinion = reviewOpinion(found.value.review, options);
    if (opinion.isErr()) {
      ctx.io.err(formatError(lang, opinion.error));
      return exitCodeOf(opinion.error);
    }
    const render = { lawTitles: LAW_TITLES };
    const document =
      format === "html"
        ? reviewOpinionHtml(opinion.value, render)
        : format === "md"
          ? reviewOpinionMarkdown(opinion.value, render)
          : reviewOpinionText(opinion.value, render);
    const out = ctx.options.out;
    if (typeof out !== "string") {
      ctx.io.out(document);
      return EXIT.ok;
    }
    const written = await writeOutputFile(out, document, { cwd: ctx.io.cwd, force: ctx.options.force === true });
    if (written.isErr()) {
      ctx.io.err(formatError(lang, written.error));
      return exitCodeOf(written.error);
    }
    ctx.io.out(
      t(
        lang,
        `已写入法制审核意见书：${out}（${found.value.review.reviewId}，审核结论：${opinion.value.outcomeName}）\n`,
        `Wrote the review opinion (法制审核意见书, in Chinese): ${out} (${found.value.review.reviewId}, outcome: ${OUTCOME_WORDS[opinion.value.outcome]})\n`,
      ),
    );
    return EXIT.ok;
  });
}

const OUTCOME_WORDS: Readonly<Record<ReviewOpinion["outcome"], string>> = {
  approved: "approved",
  problems: "changes required",
  rejected: "not approved",
};
