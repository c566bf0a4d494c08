// 提前停止公示 — the head grants a party's application to end publicity early
// (市场监督管理行政处罚信息公示规定 Art. 14).
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { addMonths, civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import { PENALTY_KIND_LABELS } from "../registry/benchmarks/schema.js";
import { type DisclosureCommand, EARLY_END_CONDITION_NAMES, type EarlyEndConditions } from "./commands.js";
import type { DisclosureContext } from "./context.js";
import type { DisclosureDraft } from "./draft.js";
import type { DisclosureEvent } from "./events.js";
import type { DisclosureRule } from "./rule-schema.js";
import { penaltyKindsNamed } from "./rules.js";

function refuse(message: string, source: RuleSource, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("COMMAND_NOT_ALLOWED", `${message}（依据：${formatSource(source)}）`, { source, details });
}

/**
 * 提前停止公示 — the `disclosure.endedEarly` event, or the refusal (`COMMAND_NOT_ALLOWED`, each
 * with its source): the rule allows no early end (no `earlyEnd`: the rule's publicity
 * source); a condition of Art. 14 para. 1 not attested (para. 1); a severe penalty kind of
 * para. 3 (`excludedKinds`, read from the draft's `penaltyKinds` or the conclusion's labels);
 * fewer than `minMonths` public since the first publication (para. 2, [VAR]). An application
 * day after the act → `INVALID_INPUT`.
 */
export function endEarlyEvent(
  cmd: Extract<DisclosureCommand, { type: "disclosure.endEarly" }>,
  at: Instant,
  c: DisclosureContext,
  draft: DisclosureDraft,
  rule: DisclosureRule,
): Result<DisclosureEvent, SanxiangError> {
  const early = rule.earlyEnd;
  if (early === undefined) {
    return err(refuse(`「${rule.name}」没有提前停止公示的规定，公示至期满`, rule.publicitySource ?? rule.source));
  }
  const date = civilDateOf(at);
  if (cmd.appliedOn !== undefined && compareCivilDates(cmd.appliedOn, date) > 0) {
    return err(sanxiangError("INVALID_INPUT", `申请之日 ${cmd.appliedOn} 不能晚于决定提前停止公示之日 ${date}`));
  }
  const missing = (Object.keys(EARLY_END_CONDITION_NAMES) as (keyof EarlyEndConditions)[]).filter(
    (k) => !cmd.conditions[k],
  );
  if (missing.length > 0) {
    return err(
      refuse(`不符合提前停止公示的条件：${missing.map((k) => EARLY_END_CONDITION_NAMES[k]).join("；")}`, early.source, {
        missing,
      }),
    );
  }
  const content = c.published?.content ?? c.content;
  const kinds = draft.penaltyKinds ?? (content?.kind === "decision" ? penaltyKindsNamed(content.conclusion) : []);
  const severe = kinds.filter((k) => early.excludedKinds.includes(k));
  if (severe.length > 0) {
    return err(
      refuse(
        `受到${severe.map((k) => PENALTY_KIND_LABELS[k]).join("、")}处罚的，不得提前停止公示`,
        early.excludedSource,
        { severe },
      ),
    );
  }
  const shown = c.published;
  if (shown === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "该信息尚未公示"));
  const publishedOn = civilDateOf(shown.publishedAt);
  const earliest = addMonths(publishedOn, early.minMonths);
  if (compareCivilDates(date, earliest) < 0) {
    return err(
      refuse(
        `自 ${publishedOn} 公示未满 ${early.minMonths} 个月（${earliest} 起方可提前停止公示）`,
        early.minMonthsSource,
        {
          publishedOn,
          earliest,
          minMonths: early.minMonths,
        },
      ),
    );
  }
  return ok({
    type: "disclosure.endedEarly",
    at,
    conditions: cmd.conditions,
    ...(cmd.appliedOn === undefined ? {} : { appliedOn: cmd.appliedOn }),
    source: early.source,
    ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
  });
}
