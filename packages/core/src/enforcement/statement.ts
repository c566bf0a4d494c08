import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates } from "../kernel/time.js";
import type { PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./events.js";
import { caseDeadline, currentDeadline, type DecideContext, refuse } from "./guards.js";

/**
 * 陈述申辩期限 — the statutory-period row of the statement window (`penalty.statement`):
 * 行政处罚法 Arts. 44, 45 and 62 give the party the right to state and defend before any
 * penalty but set no number of days; the default is the market-regulation rule's five
 * working days from service of the notice (市场监督管理行政处罚程序规定 Art. 57 para. 2,
 * [VAR]). A bureau under another rule overrides the row's length with its own source
 * (`periods: { "penalty.statement": { amount, source } }`). A party's period: a provisional
 * end is the latest plausible one (issue 14 §1).
 */
export const STATEMENT_PERIOD_ID = "penalty.statement";

/**
 * 陈述申辩期限 — the window opened by a notice served on `noticeDate` (the row
 * {@link STATEMENT_PERIOD_ID}, provisional by its rule when a year it reaches has no holiday
 * notice loaded).
 */
export function statementDeadline(noticeDate: CivilDate, ctx: DecideContext): Result<CaseDeadline, SanxiangError> {
  return caseDeadline(STATEMENT_PERIOD_ID, noticeDate, ctx);
}

/**
 * 陈述申辩期间检查 — may a penalty be decided on `date` as far as the party's statement and
 * defence go? Yes when no notice is in force (the notice rule refuses that, Arts. 44, 62),
 * when the party answered the notice in force — made a statement, waived it on the record,
 * or was heard (`noticeAnswered`) — or when the window has ended. Otherwise
 * `STATEMENT_PERIOD_OPEN`, naming the last day and the ways forward, citing the window's
 * source. The window is read now ({@link currentDeadline}): a provisional end is the latest
 * plausible one until the year's notice is loaded. A notice stored before the window
 * existed has its window computed from the notice's date.
 */
export function checkStatementWindow(
  c: PenaltyCaseContext,
  date: CivilDate,
  ctx: DecideContext,
): Result<true, SanxiangError> {
  if (c.notice === undefined || c.noticeAnswered === true) return ok(true);
  const stored = c.deadlines.statement;
  const computed = stored === undefined ? statementDeadline(civilDateOf(c.notice.at), ctx) : ok(stored);
  if (computed.isErr()) return err(computed.error);
  const window = currentDeadline(computed.value, ctx);
  if (compareCivilDates(date, window.due) > 0) return ok(true);
  return err(
    refuse(
      "STATEMENT_PERIOD_OPEN",
      `当事人陈述、申辩期限至 ${window.due}${window.provisional ? "（暂定，取最晚可能届满日）" : ""}届满，期满前不得作出行政处罚决定；当事人已陈述、申辩（defence.receive）或者书面放弃（defence.waive）的，可以作出决定（行政处罚法第四十四条、第四十五条、第六十二条）`,
      window.source,
      { due: window.due, provisional: window.provisional },
    ),
  );
}
