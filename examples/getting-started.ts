// One case end to end through createBureau, on the in-memory stores: a major decision stopped
// at the legal-review gate, reviewed and decided; evidence stored; service, payment, closing
// and archiving; the 案卷 verified offline; the decision disclosed, signed off and published.
// Sample data (the sample bureau of @sanxiang/sample): names, numbers and dates are invented.
import assert from "node:assert/strict";
import {
  type Actor,
  bureauProjections,
  chinaCalendar,
  createBodiesRegistry,
  createBureau,
  manualClock,
  memoryEventStore,
  memoryEvidenceStore,
  memoryPublisher,
  REVIEW_ITEMS,
  type Result,
  type SanxiangError,
  testSigner,
  verificationKeyOf,
  verifyCaseFile,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";

/** The value of a Result, or stop with the refusal's code and message. */
function must<T>(r: Result<T, SanxiangError>): T {
  if (r.isErr()) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

// 1. The bureau: every port once, the registries, the calendar.
const clock = manualClock("2026-04-01T02:00:00Z");
const signer = testSigner(); // a real bureau loads its own key (docs/signing.md)
const bureau = must(
  createBureau({
    bodyId: "spt-scjgj",
    store: memoryEventStore({ projections: bureauProjections() }),
    evidence: memoryEvidenceStore(),
    publisher: memoryPublisher(),
    signer,
    clock,
    registries: { bodies: must(createBodiesRegistry(SAMPLE_BODIES_DATA)) },
    calendar: chinaCalendar(),
  }),
);

// Who acts: authentication is the platform's; the bureau checks the rest against the registry.
const officer: Actor = { id: "spt-scj-01", name: "陈海龙", roles: ["officer"] };
const head: Actor = { id: "spt-scj-head", name: "杨建国", roles: ["head"] };
const reviewer: Actor = { id: "spt-scj-04", name: "郭婷", roles: ["legalReviewer"] };
const clerk: Actor = { id: "spt-scj-03", name: "吴鹏", roles: ["publisher"] }; // a registered officer of the bureau
const doc = (id: string) => ({ id, kind: "document" as const });
const fine = { kinds: ["fine" as const], fineFen: 15_000_000 }; // ¥150,000 to a company: major

// 2. An ordinary case: filing, evidence (stored first, then recorded in the case with its
// chain of custody), investigation, notice.
const c = bureau.case("SPT-SCJ-2026-012");
must(
  await c.as(officer).file({
    party: { kind: "organisation", name: "沙坡头区示例商贸有限公司（示例）" },
    category: "价格监督检查",
    violation: "经营者销售商品未明码标价",
    regionCode: "640502",
    officerIds: ["spt-scj-01", "spt-scj-02"],
    actDate: "2026-03-20",
    records: [doc("filing-approval")],
  }),
);
clock.set("2026-04-02T02:00:00Z");
const video = must(
  await c.as(officer).attachEvidence(new TextEncoder().encode("(bodycam video bytes)"), {
    mediaType: "video/mp4",
    evidenceType: "audioVisual",
    capturedAt: "2026-04-02T01:00:00Z",
    deviceId: "cam-07",
    stage: "investigation",
    action: "siteInspection",
    actionId: "inspect-1",
    custody: [{ kind: "sealed", at: "2026-04-02T02:00:00Z", note: "封存袋 0007" }],
  }),
);
must(
  await c.as(officer).investigate({
    actionId: "inspect-1",
    action: "siteInspection",
    records: [
      { id: "transcript-1", kind: "transcript" },
      { id: "video-1", kind: "video", evidenceIds: [video.item.id] },
    ],
  }),
);
clock.set("2026-04-03T02:00:00Z");
const facts = "经营者销售商品未标明价格，情节严重";
must(await c.as(officer).closeInvestigation({ facts }));
const basis = ["价格违法行为行政处罚规定第十三条"];
must(await c.as(officer).notify({ penalty: fine, facts, basis, records: [doc("prior-notice")] }));

// 3. The gate: a major decision without legal review is refused (行政处罚法 Art. 58).
clock.set("2026-04-14T02:00:00Z");
const decision = { outcome: "penalty" as const, penalty: fine, records: [doc("decision")] };
const stopped = await c.as(head).decide(decision);
assert.equal(stopped.isErr() && stopped.error.code, "REVIEW_NOT_APPROVED");

// 4. The legal review: submitted from the case, found by the bureau at the decision.
const materials = (["application", "proposalNote", "draftDecision", "evidence"] as const).map((kind) => ({
  kind,
  id: `review-${kind}`,
}));
must(await c.review.as(officer).submit({ outcome: "penalty", penalty: fine, materials }));
must(await c.review.as(head).assign({ reviewerId: "spt-scj-04" }));
clock.set("2026-04-16T02:00:00Z");
const findings = REVIEW_ITEMS.map((item) => ({ item, ok: true }));
must(await c.review.as(reviewer).conclude({ outcome: "approved", findings, opinion: "同意" }));
clock.set("2026-04-17T02:00:00Z");
const decided = must(await c.as(head).decide(decision));
assert.equal(decided.events[0]?.type, "review.approved"); // the approval relied on, recorded before case.decided

// 5. Service, payment, closing, archiving.
clock.set("2026-04-20T02:00:00Z");
must(await c.as(officer).serve({ method: "direct", records: [doc("service-receipt")] }));
clock.set("2026-04-27T02:00:00Z");
must(await c.as(officer).recordPayment({ amountFen: fine.fineFen }));
must(await c.as(head).close());
must(await c.as(officer).archive({ records: [doc("case-file")] }));

// 6. The decision disclosed: drafted from the case (redacted), signed off, published.
clock.set("2026-04-28T02:00:00Z");
const d = must(await c.disclosure.as(officer).draft({ documentNumber: "沙市监罚决〔2026〕12号" }));
must(await d.as(head).signOff());
const published = must(await d.as(clerk).publish());
console.log(`published: ${published.receipt.location ?? ""}`);

// 7. The 案卷, signed and verified offline with the bureau's public key.
const file = must(await c.caseFile());
must(verifyCaseFile(file, verificationKeyOf(signer)));
console.log(`case file: ${file.catalogue.length} entries, verified`);
console.log(
  `cases: ${must(await bureau.cases.list())
    .map((x) => `${x.caseId} ${x.last.type}`)
    .join("; ")}`,
);
assert.equal(must(await bureau.verify()).unsignedTail, null);
