import { z } from "zod";

/**
 * 不公开听证的理由 — the only grounds on which a hearing is not public (行政处罚法 Art. 64
 * item 3: "除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行"): 国家秘密
 * (`stateSecret`), 商业秘密 (`tradeSecret`), 个人隐私 (`privacy`).
 */
export const HearingClosedReasonSchema = z.enum(["stateSecret", "tradeSecret", "privacy"]);
/** 不公开听证的理由 (see {@link HearingClosedReasonSchema}). */
export type HearingClosedReason = z.infer<typeof HearingClosedReasonSchema>;

/** Chinese label of each {@link HearingClosedReason}. */
export const HEARING_CLOSED_REASON_LABELS: Readonly<Record<HearingClosedReason, string>> = {
  stateSecret: "涉及国家秘密",
  tradeSecret: "涉及商业秘密",
  privacy: "涉及个人隐私",
};

/**
 * 当事人放弃听证的情形 — how a party ends a hearing as waived (行政处罚法 Art. 64 item 6):
 * 无正当理由拒不出席 (`absent`) or 未经许可中途退出 (`walkedOut`). The hearing is then
 * terminated, the party's hearing right is waived, and the decision may follow.
 */
export const HearingAbsenceSchema = z.enum(["absent", "walkedOut"]);
/** 当事人放弃听证的情形 (see {@link HearingAbsenceSchema}). */
export type HearingAbsence = z.infer<typeof HearingAbsenceSchema>;

/** Chinese label of each {@link HearingAbsence}. */
export const HEARING_ABSENCE_LABELS: Readonly<Record<HearingAbsence, string>> = {
  absent: "无正当理由拒不出席听证",
  walkedOut: "未经许可中途退出听证",
};
