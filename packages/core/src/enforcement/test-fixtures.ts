// Shared by the enforcement tests: a small bureau, actors, and the commands of a full case.
import { chinaCalendar } from "../calendar/work-calendar.js";
import type { Actor } from "../kernel/actors.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import type { PenaltyCommandInput } from "./commands.js";
import type { DecideContext } from "./guards.js";
import type { SimplifiedCommandInput } from "./simplified/schema.js";

const officer = (id: string, name: string, cert: string, validUntil = "2028-12-31") => ({
  id,
  name,
  bodyId: "spt",
  certificateNumber: cert,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil,
  status: "active" as const,
  effectiveFrom: "2019-01-01",
});

/** Officers a and b are certified; c's certificate expired at the end of 2024. */
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
    officer("a", "甲", "640502190001"),
    officer("b", "乙", "640502190002"),
    officer("c", "丙", "640502190003", "2024-12-31"),
    // The legal reviewer (法制审核人员) with the 法律职业资格 (行政处罚法 Art. 58 para. 2).
    {
      ...officer("r", "审核员", "640502190008"),
      reviewer: true,
      reviewerSince: "2019-01-01",
      legalQualification: "A20196405020001",
    },
    // The head (局长, 正职负责人): `headActor` below; a claimed head role is checked against it.
    { ...officer("h", "局长", "640502190009"), leadership: "principal" as const },
    // A deputy head (副局长, 副职负责人): a head for Art. 57, not for a transfer (移送规定 Art. 5).
    { ...officer("h2", "副局长", "640502190010"), leadership: "deputy" as const },
    // The designated publisher (公示专员): uploads what the head signed off (pilot plan 二（一）（2））.
    officer("p", "公示专员", "640502190021"),
  ],
})._unsafeUnwrap();

export const officerActor: Actor = { id: "a", name: "甲", roles: ["officer"] };
export const headActor: Actor = { id: "h", name: "局长", roles: ["head"] };
export const reviewerActor: Actor = { id: "r", name: "审核员", roles: ["legalReviewer"] };

export const calendar = chinaCalendar();

/** A context at `now` for `actor`. */
export function ctxAt(now: string, actor: Actor = officerActor): DecideContext {
  return { actor, now, calendar, bodies };
}

export const doc = (id: string) => ({ id, kind: "document" as const });
export const transcript = (id: string) => ({ id, kind: "transcript" as const });

/** 2025-03-03 is a Monday. */
export const fileCommand: Extract<PenaltyCommandInput, { type: "case.file" }> = {
  type: "case.file",
  party: { kind: "organisation", name: "某律师事务所" },
  category: "律师管理",
  regionCode: "640502",
  officerIds: ["a", "b"],
  actDate: "2025-01-10",
  records: [doc("filing-form")],
};

/** A fine of ¥5,000 to an organisation: below the default hearing threshold of ¥10,000. */
export const smallFine = { kinds: ["warning", "fine"] as ("warning" | "fine")[], fineFen: 500_000 };
/** A fine of ¥50,000 to an organisation: carries a hearing right. */
export const largeFine = { kinds: ["fine"] as "fine"[], fineFen: 5_000_000 };

export const noticeCommand = (penalty = smallFine): PenaltyCommandInput => ({
  type: "notice.serve",
  penalty,
  facts: "未按规定执业",
  basis: ["律师法第五十条"],
  records: [doc("notice")],
});

/** An on-the-spot decision command (¥50 fine to 张三 on form No.0001), with changes. */
export const onSpotDecide = (
  over: Partial<Extract<SimplifiedCommandInput, { type: "onSpot.decide" }>> = {},
): SimplifiedCommandInput => ({
  type: "onSpot.decide",
  party: { kind: "person", name: "张三" },
  category: "律师管理",
  regionCode: "640502",
  officerIds: ["a", "b"],
  certificateShown: true,
  formNumber: "No.0001",
  facts: "未按规定执业",
  basis: ["律师法第五十条"],
  place: "中卫市沙坡头区",
  penalty: { kinds: ["fine"], fineFen: 5_000 },
  notified: true,
  statement: { kind: "waived", records: [doc("onspot-form")] },
  records: [doc("onspot-form")],
  ...over,
});
