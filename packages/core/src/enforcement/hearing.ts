import { sanxiangError } from "../kernel/errors.js";
import { err, ok } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import { caseDeadline, checkRecords, type DecideContext, refuse } from "./guards.js";
import { PENALTY_GUARD_SOURCES as SRC } from "./penalty.js";
import type { StepResult as R } from "./steps.js";

export * from "./hearing-terms.js";

/** The statutory-period row of the hearing notice: at least seven (working) days before the hearing (Art. 64 item 2, Art. 85). */
export const HEARING_NOTICE_PERIOD_ID = "penalty.hearingNotice";

/**
 * 听证通知 — `hearing.notify`: the time and place sent to the party once a hearing was
 * requested. Refused (each citing its item of Art. 64): a hearing not public without one of
 * the three grounds of item 3, or public with a ground given (`INVALID_INPUT`); a notice
 * without its written record (听证通知书, item 2); a notice later than seven working days
 * before the hearing (item 2, the `penalty.hearingNotice` row; provisional by the row's rule,
 * the earliest plausible day, when a year it reaches has no holiday notice loaded).
 */
export function notifyHearing(
  cmd: Extract<PenaltyCommand, { type: "hearing.notify" }>,
  at: Instant,
  ctx: DecideContext,
): R {
  if (!cmd.public && cmd.closedBecause === undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "听证应当公开举行；不公开举行的，须载明理由：涉及国家秘密、商业秘密或者个人隐私（closedBecause：stateSecret、tradeSecret、privacy）",
        SRC.hearingPublic,
      ),
    );
  }
  if (cmd.public && cmd.closedBecause !== undefined) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `公开举行的听证不应载明不公开的理由（收到 closedBecause：${cmd.closedBecause}）；依法保密的，请将 public 设为 false`,
        { source: SRC.hearingPublic, details: { closedBecause: cmd.closedBecause } },
      ),
    );
  }
  if (!cmd.records.some((r) => r.kind === "document")) {
    return err(
      refuse("RECORDING_INCOMPLETE", "听证通知须有书面通知（听证通知书，document）", SRC.hearingNotice, {
        records: cmd.records.map((r) => r.kind),
      }),
    );
  }
  const date = civilDateOf(at);
  const latest = caseDeadline(HEARING_NOTICE_PERIOD_ID, cmd.hearingDate, ctx);
  if (latest.isErr()) return err(latest.error);
  if (compareCivilDates(date, latest.value.due) > 0) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `应当在举行听证的七日前通知当事人：听证定于 ${cmd.hearingDate}，最迟应于 ${latest.value.due} 通知，${date} 通知已晚；请另定更晚的听证日期`,
        SRC.hearingNotice,
        { hearingDate: cmd.hearingDate, latestNoticeDay: latest.value.due, noticeDay: date },
      ),
    );
  }
  return ok({
    type: "hearing.notified",
    at,
    hearingDate: cmd.hearingDate,
    place: cmd.place,
    public: cmd.public,
    ...(cmd.closedBecause === undefined ? {} : { closedBecause: cmd.closedBecause }),
    records: cmd.records,
    latestNoticeDay: latest.value.due,
  });
}

/**
 * 举行听证 — `hearing.hold`: only after the party was notified (Art. 64 item 2) and not
 * before the day notified; presided over by a person who did not investigate the case
 * (item 4); with its transcript (item 8, the recording rule). A party who stayed away
 * without good reason or walked out (`partyAbsence`, item 6) ends the hearing as waived: the
 * transcript records it and the decision may follow (Art. 65).
 */
export function holdHearing(
  cmd: Extract<PenaltyCommand, { type: "hearing.hold" }>,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const notice = c.hearingNotice;
  if (notice === undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "举行听证前应当通知当事人听证的时间、地点（hearing.notify），且在举行听证的七日前通知",
        SRC.hearingNotice,
      ),
    );
  }
  const date: CivilDate = civilDateOf(at);
  if (compareCivilDates(date, notice.hearingDate) < 0) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `听证已通知于 ${notice.hearingDate} 举行，${date} 不得提前举行；改期的，请重新通知（hearing.notify）`,
        SRC.hearingNotice,
        { hearingDate: notice.hearingDate, date },
      ),
    );
  }
  if (c.officerIds.includes(cmd.presiderId)) {
    return err(refuse("COMMAND_NOT_ALLOWED", "听证主持人不得是本案调查人员", { ...SRC.hearingRequestWindow, item: 4 }));
  }
  const r = checkRecords("review", "hearing", cmd.records, ctx, at);
  if (r.isErr()) return err(r.error);
  return ok({
    type: "hearing.held",
    at,
    presiderId: cmd.presiderId,
    records: cmd.records,
    ...(cmd.partyAbsence === undefined ? {} : { partyAbsence: cmd.partyAbsence }),
  });
}
