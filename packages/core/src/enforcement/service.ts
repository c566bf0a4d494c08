// 送达 — when a document counts as served, by method (行政处罚法 Art. 61; 民事诉讼法 Arts. 87–95,
// applied by Art. 61 para. 1's reference and 行政强制法 Art. 38), and what each method must
// show. The decision's payment deadline (Art. 67 para. 3), the surcharge after it (Art. 72)
// and the remedy periods run from the service date this module computes — never from the day
// a notice was published or a letter posted.
import { z } from "zod";
import { provisionalDeadline } from "../calendar/deadline.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import {
  type CivilDate,
  CivilDateSchema,
  civilDateOf,
  compareCivilDates,
  type Instant,
  InstantSchema,
} from "../kernel/time.js";
import { checkRecords, type DecideContext, refuse } from "./guards.js";
import type { RecordRef } from "./record-ref.js";

/** 送达方式 — how a document reaches the party: 当场交付, 直接送达, 留置送达, 邮寄送达, 公告送达, 电子送达. */
export const ServiceMethodSchema = z.enum(["onSpot", "direct", "leaving", "mail", "publicNotice", "electronic"]);
/** 送达方式 (see {@link ServiceMethodSchema}). */
export type ServiceMethod = z.infer<typeof ServiceMethodSchema>;

/** 送达规则的依据 — the articles that fix the service date of each method. */
export const SERVICE_SOURCES = {
  /** 当场交付 / 直接送达：送达回证上的签收日期 (民事诉讼法 Art. 87 para. 2). */
  direct: { law: "民事诉讼法", article: 87, paragraph: 2, confidence: "C-law" },
  /** 留置送达：留在受送达人住所即视为送达 (民事诉讼法 Art. 89). */
  leaving: { law: "民事诉讼法", article: 89, confidence: "C-law" },
  /** 邮寄送达：以回执上注明的收件日期为送达日期 (民事诉讼法 Art. 91). */
  mail: { law: "民事诉讼法", article: 91, confidence: "C-law" },
  /** 公告送达：自发出公告之日起经过三十日即视为送达 (民事诉讼法 Art. 95 para. 1). */
  publicNotice: { law: "民事诉讼法", article: 95, paragraph: 1, confidence: "C-law" },
  /** 电子送达：当事人同意并签订确认书 (行政处罚法 Art. 61 para. 2). */
  electronicConsent: { law: "行政处罚法", article: 61, paragraph: 2, confidence: "C-law" },
  /** 电子送达：以送达信息到达受送达人特定系统的日期为送达日期 (民事诉讼法 Art. 90 para. 2). */
  electronic: { law: "民事诉讼法", article: 90, paragraph: 2, confidence: "C-law" },
} as const satisfies Readonly<Record<string, RuleSource>>;

/** The Chinese name of each {@link ServiceMethod}. */
export const SERVICE_METHOD_NAMES: Readonly<Record<ServiceMethod, string>> = {
  onSpot: "当场交付",
  direct: "直接送达",
  leaving: "留置送达",
  mail: "邮寄送达",
  publicNotice: "公告送达",
  electronic: "电子送达",
};

/**
 * The recording action a service by `method` is (the rows of the recording table that apply):
 * `service` (送达回证) for 当场交付 and 直接送达, `serviceByLeaving`, `serviceByMail` (回执),
 * `serviceByNotice` (原因和经过), `serviceElectronic` (系统的送达记录).
 */
export function serviceActionOf(method: ServiceMethod): string {
  switch (method) {
    case "onSpot":
    case "direct":
      return "service";
    case "leaving":
      return "serviceByLeaving";
    case "mail":
      return "serviceByMail";
    case "publicNotice":
      return "serviceByNotice";
    case "electronic":
      return "serviceElectronic";
  }
}

/**
 * 送达地址确认书 — the party's consent to electronic service, on record before it is used
 * (行政处罚法 Art. 61 para. 2): when, the address confirmed (传真号码、电子邮箱、送达平台账号).
 */
export const ServiceConsentSchema = z
  .object({
    /** When the confirmation was signed. */
    at: InstantSchema,
    /** 确认的电子送达地址. */
    address: z.string().min(1),
  })
  .readonly();
/** 送达地址确认书 (see {@link ServiceConsentSchema}). */
export type ServiceConsent = z.infer<typeof ServiceConsentSchema>;

/**
 * 公告送达 — a service by public notice: the day the notice was published and the day it counts
 * as served (30 days later, 民事诉讼法 Art. 95 para. 1); `provisional` when that end reaches a
 * year whose holiday notice is not loaded (then `servedOn` is the latest plausible end: the
 * periods that follow are the party's).
 */
export const PublicNoticeServiceSchema = z
  .object({
    /** 发出公告之日. */
    publishedOn: CivilDateSchema,
    /** 视为送达之日. */
    servedOn: CivilDateSchema,
    /** Counted without a holiday notice (see above). */
    provisional: z.boolean(),
  })
  .readonly();
/** 公告送达 (see {@link PublicNoticeServiceSchema}). */
export type PublicNoticeService = z.infer<typeof PublicNoticeServiceSchema>;

/** What a service command gives: the method, its records, and for mail or electronic service the day of receipt. */
export interface ServiceInput {
  /** 送达方式. */
  readonly method: ServiceMethod;
  /** 邮寄送达：回执上注明的收件日期；电子送达：送达信息到达受送达人特定系统的日期. */
  readonly receivedOn?: CivilDate | undefined;
  /** The records of the service. */
  readonly records: readonly RecordRef[];
}

/** 送达结果 — the day a document counts as served, and for a public notice its publication. */
export interface ServiceOutcome {
  /** 送达日期. */
  readonly servedOn: CivilDate;
  /** The rule that fixes it. */
  readonly source: RuleSource;
  /** For 公告送达: publication and the end of the 30 days. */
  readonly publicNotice?: PublicNoticeService;
}

/**
 * 送达日期 — the day a document served by `input.method` at `at` (the act: handed over, left,
 * posted, published, sent) counts as served, after checking what the method needs:
 *
 * - 当场交付, 直接送达, 留置送达: the day of the act (民事诉讼法 Arts. 87, 89); a receipt date
 *   given with them is refused (`INVALID_INPUT`);
 * - 邮寄送达: the date on the return receipt (`receivedOn`, required), never before the posting
 *   nor after today (民事诉讼法 Art. 91);
 * - 电子送达: only with the party's confirmation on record before the act (`consent`, 行政处罚法
 *   Art. 61 para. 2; `SERVICE_WITHOUT_CONSENT` otherwise) and the system's delivery record
 *   (an `electronicData` record, the recording rules); served the day the message reached the
 *   party's system (`receivedOn`, default the day sent; 民事诉讼法 Art. 90 para. 2);
 * - 公告送达: 30 days after publication (民事诉讼法 Art. 95; the `service.publicNotice` row,
 *   which a bureau may change): payment and surcharge run from then. Counted on the latest
 *   plausible calendar when the year's notice is missing.
 *
 * Then the recording rules of the method's action (送达回证, 回执, 原因和经过 …).
 */
export function serviceOutcome(
  input: ServiceInput,
  at: Instant,
  consent: ServiceConsent | undefined,
  ctx: DecideContext,
): Result<ServiceOutcome, SanxiangError> {
  const actDate = civilDateOf(at);
  const today = civilDateOf(ctx.now);
  const name = SERVICE_METHOD_NAMES[input.method];
  const takesReceipt = input.method === "mail" || input.method === "electronic";
  if (!takesReceipt && input.receivedOn !== undefined) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `${name}的送达日期由送达行为确定，不接受收件日期 ${input.receivedOn}；收件日期只用于邮寄送达（回执）和电子送达（到达系统之日）`,
        { details: { method: input.method, receivedOn: input.receivedOn } },
      ),
    );
  }
  if (input.method === "electronic") {
    if (consent === undefined || compareCivilDates(civilDateOf(consent.at), actDate) > 0) {
      return err(
        refuse(
          "SERVICE_WITHOUT_CONSENT",
          "电子送达须当事人同意并签订送达地址确认书；本案没有在送达前记录的确认书，请先记录当事人的送达地址确认书（service.consent），或改用直接、留置、邮寄或公告送达",
          SERVICE_SOURCES.electronicConsent,
        ),
      );
    }
  }
  if (input.method === "mail" && input.receivedOn === undefined) {
    return err(
      refuse(
        "INVALID_INPUT",
        "邮寄送达须载明回执上注明的收件日期（receivedOn）；回执退回后再记录送达",
        SERVICE_SOURCES.mail,
      ),
    );
  }
  if (input.receivedOn !== undefined) {
    if (compareCivilDates(input.receivedOn, actDate) < 0 || compareCivilDates(input.receivedOn, today) > 0) {
      const what = input.method === "mail" ? "回执上的收件日期" : "送达信息到达受送达人系统的日期";
      return err(
        refuse(
          "INVALID_INPUT",
          `${what} ${input.receivedOn} 不能早于${input.method === "mail" ? "交寄" : "发送"}之日 ${actDate}，也不能晚于今天 ${today}`,
          input.method === "mail" ? SERVICE_SOURCES.mail : SERVICE_SOURCES.electronic,
          { receivedOn: input.receivedOn, sentOn: actDate, today },
        ),
      );
    }
  }
  const records = checkRecords("service", serviceActionOf(input.method), input.records, ctx, at);
  if (records.isErr()) return err(records.error);
  switch (input.method) {
    case "mail":
      return ok({ servedOn: input.receivedOn ?? actDate, source: SERVICE_SOURCES.mail });
    case "electronic":
      return ok({ servedOn: input.receivedOn ?? actDate, source: SERVICE_SOURCES.electronic });
    case "leaving":
      return ok({ servedOn: actDate, source: SERVICE_SOURCES.leaving });
    case "onSpot":
    case "direct":
      return ok({ servedOn: actDate, source: SERVICE_SOURCES.direct });
    case "publicNotice": {
      const end = publicNoticeEnd(actDate, ctx);
      if (end.isErr()) return err(end.error);
      return ok({ servedOn: end.value.servedOn, source: SERVICE_SOURCES.publicNotice, publicNotice: end.value });
    }
  }
}

/**
 * 公告期满 — the day a public notice published on `publishedOn` counts as served (the
 * `service.publicNotice` row: 30 days, 民事诉讼法 Art. 95 para. 1; a bureau's override applies),
 * on the latest plausible calendar when a year it reaches has no holiday notice.
 */
export function publicNoticeEnd(
  publishedOn: CivilDate,
  ctx: Pick<DecideContext, "calendar" | "periods">,
): Result<PublicNoticeService, SanxiangError> {
  const d = provisionalDeadline(
    "service.publicNotice",
    publishedOn,
    ctx.calendar,
    ctx.periods === undefined ? {} : { periods: ctx.periods },
  );
  return d.map((v) => ({ publishedOn, servedOn: v.due, provisional: v.provisional }));
}

/**
 * 现行送达日期 — the service date as guards must read it now: a provisional public-notice
 * service is counted again with the context's calendar (exact once the year's notice is
 * loaded); any other is as stored.
 */
export function currentServedOn(
  servedOn: CivilDate,
  publicNotice: PublicNoticeService | undefined,
  ctx: Pick<DecideContext, "calendar" | "periods">,
): CivilDate {
  if (publicNotice === undefined || !publicNotice.provisional) return servedOn;
  const r = publicNoticeEnd(publicNotice.publishedOn, ctx);
  return r.isOk() ? r.value.servedOn : servedOn;
}
