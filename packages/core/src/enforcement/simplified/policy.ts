import { z } from "zod";
import { FenSchema } from "../../kernel/money.js";
import type { RuleSource } from "../../kernel/source.js";

/**
 * 简易程序配置 — a bureau's configuration of the simplified procedure (简易程序) and of
 * on-the-spot collection (当场收缴), each value with its default:
 * - `individualCapFen` / `organisationCapFen`: the highest fine decided on the spot for a
 *   citizen (公民, default ¥200) and for a legal person or other organisation (法人或者其他
 *   组织, default ¥3,000), inclusive ("以下"; 行政处罚法 Art. 51 — "法律另有规定的，从其规定":
 *   a sector law may set other figures; the 1996 law's ¥50 / ¥1,000 appear in old templates);
 * - `collectionCapFen`: the fine an officer may collect on the spot without further ground
 *   (Art. 68 item 1, default ¥100, inclusive);
 * - `minimumOfficers`: officers who must act on the spot. Art. 52 says only "执法人员当场作出"
 *   and does not "provide otherwise" in the sense of Art. 42, so the default is 2; set 1
 *   only where a law or rule of the sector allows one officer;
 * - `applyBenchmarks`: whether an on-the-spot fine is checked against the bureau's discretion
 *   benchmarks (裁量基准) like an ordinary decision (行政处罚法 Art. 34; default `true`). Some
 *   local benchmark rules exclude simplified-procedure cases (e.g. a Chongqing–Sichuan joint
 *   market-regulation rule): set `false` there. [VAR]
 */
export const SimplifiedPolicySchema = z.object({
  /** 公民罚款上限 (fen, inclusive). */
  individualCapFen: FenSchema.default(20_000),
  /** 法人或者其他组织罚款上限 (fen, inclusive). */
  organisationCapFen: FenSchema.default(300_000),
  /** 当场收缴罚款上限 (fen, inclusive). */
  collectionCapFen: FenSchema.default(10_000),
  /** 当场处罚的最少执法人员数. */
  minimumOfficers: z.number().int().min(1).max(20).default(2),
  /** 适用裁量基准 — check on-the-spot decisions against the bureau's benchmarks. */
  applyBenchmarks: z.boolean().default(true),
});
/** 简易程序配置 (see {@link SimplifiedPolicySchema}). */
export type SimplifiedPolicy = z.infer<typeof SimplifiedPolicySchema>;
/** What a bureau passes: a subset of {@link SimplifiedPolicy}. */
export type SimplifiedPolicyInput = z.input<typeof SimplifiedPolicySchema>;

/** 默认简易程序配置 — the defaults of {@link SimplifiedPolicySchema}. */
export const DEFAULT_SIMPLIFIED_POLICY: SimplifiedPolicy = SimplifiedPolicySchema.parse({});

const cfl = (article: number, paragraph?: number, item?: number, confidence: "C-law" | "VAR" = "C-law") => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence,
});

/** 配置依据 — the source of each value of {@link SimplifiedPolicy}. */
export const SIMPLIFIED_POLICY_SOURCES: Readonly<Record<keyof SimplifiedPolicy, RuleSource>> = {
  individualCapFen: cfl(51, undefined, undefined, "VAR"),
  organisationCapFen: cfl(51, undefined, undefined, "VAR"),
  collectionCapFen: cfl(68, 1, 1),
  minimumOfficers: cfl(42, 1, undefined, "VAR"),
  applyBenchmarks: cfl(34, undefined, undefined, "VAR"),
};

/** The sources of the simplified procedure's hard guards, one per rule (for refusals and docs). */
export const SIMPLIFIED_GUARD_SOURCES = {
  /** 适用范围: facts certain, legal basis, fine within the cap or a warning. */
  scope: cfl(51),
  /** 出示执法证件, 编号决定书, 当场交付, 拒绝签收注明. */
  form: cfl(52, 1),
  /** 告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩权利 — before an on-the-spot decision too. */
  notice: cfl(44),
  /** 陈述、申辩：充分听取，复核，成立的应当采纳. */
  statement: cfl(45, 1),
  /** 未告知或者拒绝听取陈述、申辩的，不得作出行政处罚决定；当事人明确放弃的除外. */
  noDecisionWithoutStatement: cfl(62),
  /** 报所属行政机关备案. */
  filing: cfl(52, 3),
  /** 执法人员不得少于两人. */
  officers: cfl(42, 1),
  /** 当场收缴: ≤ ¥100 or hard to execute later. */
  collection: cfl(68),
  /** 边远、水上、交通不便地区, on the party's request. */
  remoteCollection: cfl(69),
  /** 财政部门统一制发的专用票据. */
  receipt: cfl(70),
  /** 交至行政机关 / 缴付指定银行. */
  handover: cfl(71),
  /** 对当场作出的行政处罚决定，当事人应当依照第六十七条至第六十九条的规定履行. */
  performance: cfl(53),
  /** 自收到行政处罚决定书之日起十五日内缴纳罚款 — the on-the-spot form is handed over on the spot (Art. 52). */
  payment: cfl(67, 3),
  /** 重大执法决定须经法制审核 — not possible on the spot: such a decision takes the ordinary procedure. */
  majorReview: cfl(58, 1),
} as const satisfies Readonly<Record<string, RuleSource>>;
