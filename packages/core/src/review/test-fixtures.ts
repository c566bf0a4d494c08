// Shared by the review tests: a bureau with handling officers and legal reviewers, actors,
// a major draft and its materials.
import { chinaCalendar } from "../calendar/work-calendar.js";
import type { Actor } from "../kernel/actors.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import type { ReviewDecideContext } from "./decide.js";
import { type ReviewDraft, type ReviewDraftInput, ReviewDraftSchema } from "./draft.js";
import { REVIEW_ITEMS, type ReviewFinding, type ReviewMaterial } from "./schema.js";

const officer = (id: string, name: string, cert: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  bodyId: "spt",
  certificateNumber: cert,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil: "2028-12-31",
  status: "active" as const,
  effectiveFrom: "2019-01-01",
  ...extra,
});

/**
 * a, b handle cases (a is also a qualified reviewer, to test recusal); r holds the 法律职业资格;
 * u became a reviewer in 2022 without it; g has reviewed since 2019 without it (not a
 * first-time reviewer under Art. 58 para. 2); n is not a reviewer; h is the principal head,
 * h2–h4 deputies (the heads of a collective discussion).
 */
export const bodies = createBodiesRegistry({
  issuers: [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }],
  bodies: [
    {
      id: "spt",
      name: "中卫市沙坡头区司法局",
      kind: "agency",
      authority: [{ law: "律师法", article: 52, paragraph: 1 }],
      regionCode: "640502",
      categories: ["律师管理"],
      effectiveFrom: "2019-01-01",
    },
  ],
  officers: [
    officer("a", "甲", "640502190001", {
      reviewer: true,
      reviewerSince: "2020-01-01",
      legalQualification: "A20200001",
    }),
    officer("b", "乙", "640502190002"),
    officer("r", "审核员", "640502190003", {
      reviewer: true,
      reviewerSince: "2023-01-01",
      legalQualification: "A20230001",
    }),
    officer("u", "新审核员", "640502190004", { reviewer: true, reviewerSince: "2022-03-01" }),
    officer("g", "老审核员", "640502190005", { reviewer: true, reviewerSince: "2019-06-01" }),
    officer("n", "丁", "640502190006"),
    officer("h", "局长", "640502190007", { leadership: "principal" }),
    officer("h2", "副局长", "640502190008", { leadership: "deputy" }),
    officer("h3", "副局长二", "640502190009", { leadership: "deputy" }),
    officer("h4", "副局长三", "640502190010", { leadership: "deputy" }),
  ],
  training: [
    { officerId: "r", date: "2025-03-10", course: "行政处罚法专题", hours: 40 },
    { officerId: "r", date: "2025-09-10", course: "法制审核实务", hours: 24 },
    { officerId: "g", date: "2025-05-10", course: "法制审核实务", hours: 12 },
  ],
})._unsafeUnwrap();

export const officerActor: Actor = { id: "a", name: "甲", roles: ["officer"] };
export const headActor: Actor = { id: "h", name: "局长", roles: ["head"] };
export const reviewerActor: Actor = { id: "r", name: "审核员", roles: ["legalReviewer"] };
export const otherReviewerActor: Actor = { id: "g", name: "老审核员", roles: ["legalReviewer"] };

export const calendar = chinaCalendar();

/** A context at `now` for `actor`. */
export function rctx(now: string, actor: Actor = officerActor): ReviewDecideContext {
  return { actor, now, calendar, bodies };
}

/** A fine of ¥120,000 to an organisation (major under the default catalogue: ≥ ¥100,000). */
export const draftInput: ReviewDraftInput = {
  caseId: "case-1",
  party: { kind: "organisation", name: "某律师事务所" },
  facts: "未按规定执业",
  basis: ["律师法第五十条"],
  outcome: "penalty",
  penalty: { kinds: ["fine"], fineFen: 12_000_000 },
};
export const draft: ReviewDraft = ReviewDraftSchema.parse(draftInput);

/** The same draft with a lower fine (¥80,000): not major by amount. */
export const smallerDraft: ReviewDraft = ReviewDraftSchema.parse({
  ...draftInput,
  penalty: { kinds: ["fine"], fineFen: 8_000_000 },
});

export const materials: ReviewMaterial[] = [
  { kind: "application", id: "app-1" },
  { kind: "proposalNote", id: "note-1" },
  { kind: "draftDecision", id: "draft-1" },
  { kind: "evidence", id: "ev-1" },
];

/** Findings with every item fine. */
export const allOk: ReviewFinding[] = REVIEW_ITEMS.map((item) => ({ item, ok: true }));
