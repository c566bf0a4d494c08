// 送达 counts from the right day (issue 14 §4): 公告送达 (民事诉讼法第九十五条), 邮寄送达
// (第九十一条), 电子送达 (行政处罚法第六十一条第二款; 民事诉讼法第九十条第二款) — and payment
// (行政处罚法第六十七条第三款) and surcharge (第七十二条) run from the service date.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import { computeDeadline } from "../calendar/deadline.js";
import { createWorkCalendar } from "../calendar/work-calendar.js";
import { addDays, civilDateOf, compareCivilDates, dayNumber, fromDayNumber } from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { publicNoticeEnd, SERVICE_SOURCES } from "./service.js";
import {
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

type Step = readonly [PenaltyCommandInput, string, typeof officerActor?];

function apply(state: CaseState, cmd: PenaltyCommandInput, ctx: DecideContext): CaseState {
  let s = state;
  for (const e of decide(s, cmd, ctx)._unsafeUnwrap()) s = evolve(s, e)._unsafeUnwrap();
  return s;
}

function run(steps: readonly Step[], state = initialCaseState("svc")): CaseState {
  let s = state;
  for (const [cmd, now, actor] of steps) s = apply(s, cmd, ctxAt(now, actor ?? officerActor));
  return s;
}

/** A case decided on 2025-03-10 with a fine of ¥5,000, not yet served. */
const toDecided: readonly Step[] = [
  [fileCommand, T("03")],
  [{ type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("t1")] }, T("04")],
  [{ type: "investigation.close", facts: "事实清楚" }, T("05")],
  [noticeCommand(), T("06")],
  [{ type: "defence.receive", statement: "请求从轻" }, T("07")],
  [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("decision")] }, T("10"), headActor],
];
const decided = run(toDecided);
const consent: Step = [
  { type: "service.consent", address: "party@example.cn", records: [doc("consent-form")] },
  T("06"),
];

const serve = (cmd: Omit<Extract<PenaltyCommandInput, { type: "decision.serve" }>, "type">, now: string, s = decided) =>
  decide(s, { type: "decision.serve", ...cmd }, ctxAt(now));

describe("公告送达 — served when the 30 days end (民事诉讼法第九十五条第一款)", () => {
  it("a notice published 2025-03-11 serves on 2025-04-10; the 15 days to pay run from then, not from publication (行政处罚法第六十七条第三款)", () => {
    const [e] = serve({ method: "publicNotice", records: [doc("notice-reasons")] }, T("11"))._unsafeUnwrap();
    // 30 calendar days after 03-11 (the publication day not counted) is 04-10, a Thursday;
    // 15 days after that, 04-25, a Friday.
    expect(e?.payload).toMatchObject({
      servedOn: "2025-04-10",
      publicNotice: { publishedOn: "2025-03-11", servedOn: "2025-04-10", provisional: false },
      paymentDue: { ruleId: "penalty.payment", due: "2025-04-25" },
    });
    expect(SERVICE_SOURCES.publicNotice).toMatchObject({ law: "民事诉讼法", article: 95 });
  });

  it("no surcharge accrues during the publication period or the 15 days after it (行政处罚法第七十二条第一款第一项)", () => {
    const s = run([[{ type: "decision.serve", method: "publicNotice", records: [doc("reasons")] }, T("11")]], decided);
    // The day the fine would have been due had payment run from publication: nothing accrued.
    expect(caseSurcharge(s.context, "2025-03-27")._unsafeUnwrap().amountFen).toBe(0);
    expect(caseSurcharge(s.context, "2025-04-25")._unsafeUnwrap().amountFen).toBe(0);
    expect(caseSurcharge(s.context, "2025-04-26")._unsafeUnwrap().days).toBe(1);
  });

  it("a bureau's own publication period (the configurable row) moves the service date", () => {
    const ctx = {
      ...ctxAt(T("11")),
      periods: {
        "service.publicNotice": {
          amount: 60,
          source: { law: "公安机关办理行政案件程序规定", article: 37, confidence: "VAR" as const },
        },
      },
    };
    const r = publicNoticeEnd("2025-03-11", ctx);
    expect(r.isOk() ? r.value.servedOn : r.error.code).toBe("2025-05-12");
  });
});

describe("邮寄送达 — served on the date on the return receipt (民事诉讼法第九十一条)", () => {
  it("needs the receipt's date, refuses one before posting or after today, and counts payment from it", () => {
    const missing = serve({ method: "mail", records: [doc("receipt")] }, T("11"));
    expect(missing._unsafeUnwrapErr()).toMatchObject({
      code: "INVALID_INPUT",
      source: { law: "民事诉讼法", article: 91 },
    });
    const early = serve({ method: "mail", receivedOn: "2025-03-10", records: [doc("receipt")] }, T("11"));
    expect(early._unsafeUnwrapErr().message).toContain("2025-03-10");
    expect(early._unsafeUnwrapErr().source).toMatchObject({ law: "民事诉讼法", article: 91 });
    const future = serve({ method: "mail", receivedOn: "2025-03-20", at: T("11"), records: [doc("r")] }, T("14"));
    expect(future._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const [e] = serve(
      { method: "mail", at: T("11"), receivedOn: "2025-03-14", records: [doc("receipt")] },
      T("17"),
    )._unsafeUnwrap();
    // 15 days after 03-14 is 03-29, a Saturday: the last day rolls over to Monday 03-31.
    expect(e?.payload).toMatchObject({ servedOn: "2025-03-14", paymentDue: { due: "2025-03-31" } });
  });

  it("without the receipt (a document) the service is refused with the recording rule", () => {
    const r = serve({ method: "mail", receivedOn: "2025-03-11", records: [] }, T("11"));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 91 } });
  });

  it("a receipt date is refused for methods that fix the day themselves (民事诉讼法第八十七条、第八十九条)", () => {
    for (const method of ["direct", "leaving", "onSpot", "publicNotice"] as const) {
      const r = serve({ method, receivedOn: "2025-03-11", records: [doc("r")] }, T("11"));
      expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    }
  });
});

describe("电子送达 — with the party's consent on record, proven by the delivery record (行政处罚法第六十一条第二款)", () => {
  it("is refused without a 送达地址确认书 — as missing consent, not as a missing 送达回证", () => {
    const r = serve({ method: "electronic", records: [{ id: "log", kind: "electronicData" }] }, T("11"));
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("SERVICE_WITHOUT_CONSENT");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 61, paragraph: 2 });
    expect(e.message).not.toContain("送达回证");
  });

  it("with consent on record, needs the system's delivery record (electronic data), and serves the day it arrived (民事诉讼法第九十条第二款)", () => {
    const withConsent = run([consent, ...toDecided.slice(4)], run(toDecided.slice(0, 4)));
    expect(withConsent.context.execution.consent?.address).toBe("party@example.cn");
    const noLog = serve({ method: "electronic", records: [doc("printout")] }, T("11"), withConsent);
    expect(noLog._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 90 } });
    const r = serve(
      { method: "electronic", at: T("11"), receivedOn: "2025-03-12", records: [{ id: "log", kind: "electronicData" }] },
      T("12"),
      withConsent,
    );
    const [e] = r._unsafeUnwrap();
    expect(e?.payload).toMatchObject({ servedOn: "2025-03-12", paymentDue: { due: "2025-03-27" } });
  });

  it("the consent itself needs the signed confirmation (a document)", () => {
    const r = decide(decided, { type: "service.consent", address: "x@example.cn", records: [] }, ctxAt(T("10", "05")));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 61, paragraph: 2 } });
  });
});

describe("properties", () => {
  const methods = fc.constantFrom("direct", "leaving", "mail", "publicNotice", "electronic");
  test.prop([methods, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 11, max: 25 })], { numRuns: 60 })(
    "payment always falls due 15 days after the service date, which is never before the act (行政处罚法第六十七条第三款)",
    (method, delay, day) => {
      const at = `2025-03-${String(day).padStart(2, "0")}T02:00:00Z`;
      const actDate = civilDateOf(at);
      const receivedOn = method === "mail" || method === "electronic" ? addDays(actDate, delay) : undefined;
      const now = receivedOn === undefined ? at : `${receivedOn}T09:00:00Z`;
      const base =
        method === "electronic" ? run([consent, ...toDecided.slice(4)], run(toDecided.slice(0, 4))) : decided;
      const records =
        method === "electronic" ? [{ id: "log", kind: "electronicData" as const }] : [doc("receipt"), doc("r2")];
      const [e] = serve(
        { method, at, ...(receivedOn === undefined ? {} : { receivedOn }), records },
        now,
        base,
      )._unsafeUnwrap();
      const p = e?.payload as { servedOn: string; paymentDue: { due: string } };
      expect(compareCivilDates(p.servedOn, actDate)).toBeGreaterThanOrEqual(0);
      if (method === "publicNotice")
        expect(compareCivilDates(p.servedOn, addDays(actDate, 30))).toBeGreaterThanOrEqual(0);
      expect(p.paymentDue.due).toBe(computeDeadline("penalty.payment", p.servedOn, calendar)._unsafeUnwrap().due);
    },
  );

  // Issue 14 §1 for the service date itself: a public notice whose 30 days reach a year whose
  // holiday notice is not loaded counts as served no earlier than it will once it loads.
  const years = Object.keys(BUILTIN_NOTICE_YEARS)
    .map(Number)
    .filter((y) => y > 2019);
  test.prop([fc.constantFrom(...years), fc.integer({ min: dayNumber("2019-06-01"), max: dayNumber("2026-10-31") })], {
    numRuns: 80,
  })("a provisional public-notice service date is never earlier than the real one (民事诉讼法第九十五条)", (cut, n) => {
    const published = fromDayNumber(n);
    const known = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([y]) => Number(y) < cut));
    const partial = createWorkCalendar({ builtin: false, years: known })._unsafeUnwrap();
    const provisional = publicNoticeEnd(published, { calendar: partial })._unsafeUnwrap();
    const real = publicNoticeEnd(published, { calendar })._unsafeUnwrap();
    expect(compareCivilDates(provisional.servedOn, real.servedOn)).toBeGreaterThanOrEqual(0);
    if (!provisional.provisional) expect(provisional.servedOn).toBe(real.servedOn);
  });
});
