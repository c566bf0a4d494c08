// 市场监督管理行政处罚信息公示规定第八条 (issue 14 §7): 对于应当公示的行政处罚决定，在送达行政处罚
// 决定书时，市场监督管理部门应当书面告知行政处罚当事人行政处罚信息将向社会进行公示. Where the
// bureau's policy says the rule binds it, service of a decision that rule publishes (第二条: every
// penalty of the ordinary procedure but a warning alone) needs the written notice.
import { describe, expect, it } from "vitest";
import { SAMR_SERVICE_NOTICE } from "../disclosure/sectors.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const day = (date: string) => `${date}T02:00:00Z`;
type Actor = typeof officerActor;

function decided(penalty: { kinds: ("warning" | "fine")[]; fineFen?: number }): CaseState {
  let s = initialCaseState("sn");
  const steps: readonly (readonly [PenaltyCommandInput, string, Actor?])[] = [
    [fileCommand, day("2025-03-03")],
    [{ type: "investigation.record", actionId: "i", action: "inquiry", records: [transcript("t")] }, day("2025-03-04")],
    [{ type: "investigation.close", facts: "事实清楚" }, day("2025-03-05")],
    [noticeCommand(penalty as typeof smallFine), day("2025-03-06")],
    [{ type: "defence.receive", statement: "无异议" }, day("2025-03-07")],
    [{ type: "case.decide", outcome: "penalty", penalty, records: [doc("decision")] }, day("2025-03-10"), headActor],
  ];
  for (const [cmd, now, actor] of steps) {
    for (const e of decide(s, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap()) s = evolve(s, e)._unsafeUnwrap();
  }
  return s;
}

const samr = (now: string): DecideContext => ({ ...ctxAt(now), execution: { publicationNotice: "samr" } });
const serve: Extract<PenaltyCommandInput, { type: "decision.serve" }> = {
  type: "decision.serve",
  method: "direct",
  records: [doc("receipt")],
};
const withNotice = { ...serve, publicationNotice: doc("publication-notice") };

describe("市场监督管理行政处罚信息公示规定第八条: the written notice of publication at service", () => {
  const fined = decided(smallFine);

  it("under the SAMR rule, a fine is not served without the written notice; the refusal cites Art. 8 and gives the text", () => {
    const r = decide(fined, serve, samr(day("2025-03-11")));
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("PUBLICATION_NOTICE_MISSING");
    expect(e.source).toEqual({ law: "市场监督管理行政处罚信息公示规定", article: 8, confidence: "C-law" });
    expect(e.message).toContain(SAMR_SERVICE_NOTICE.text);
  });

  it("served with it, the event keeps the notice on the record", () => {
    const [e] = decide(fined, withNotice, samr(day("2025-03-11")))._unsafeUnwrap();
    expect(e?.type).toBe("decision.served");
    expect(e?.payload).toMatchObject({ publicationNotice: { id: "publication-notice", kind: "document" } });
  });

  it("a warning alone is not published (第二条第二款) and needs no notice", () => {
    const warned = decided({ kinds: ["warning"] });
    expect(decide(warned, serve, samr(day("2025-03-11"))).isOk()).toBe(true);
  });

  it("a bureau the rule does not bind (the default) serves without it", () => {
    expect(decide(fined, serve, ctxAt(day("2025-03-11"))).isOk()).toBe(true);
    expect(decide(fined, serve, { ...ctxAt(day("2025-03-11")), execution: { publicationNotice: "off" } }).isOk()).toBe(
      true,
    );
  });
});
