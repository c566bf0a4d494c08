import type { RuleSource } from "../../kernel/source.js";
import type { Circumstance } from "./schema.js";

// The grounds the 行政处罚法 itself attaches to tiers (Arts. 30–33).
// Sector rules add their own (e.g. 价格违法行为行政处罚规定 Art. 17 para. 2 for 从重); a bureau
// passes those as extra rows — these statutory rows are not overridable, since the law
// says 应当 (shall).

const law = "行政处罚法";
const at = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law,
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});

/**
 * 法定裁量情节 — the circumstances 行政处罚法 Arts. 30–33 tie to tiers, each with its
 * source: under 14 or without capacity → 不予处罚; aged 14–17 and the Art. 32 grounds →
 * 应当从轻或者减轻; minor, corrected and harmless, or no fault → 不予处罚; first violation
 * with slight harm, corrected → 可以不予处罚 (applied through a 首违不罚 list).
 */
export const STATUTORY_CIRCUMSTANCES: readonly Circumstance[] = [
  {
    code: "under-14",
    description: "不满十四周岁的未成年人有违法行为",
    effect: "noPenalty",
    source: at(30),
  },
  {
    code: "age-14-17",
    description: "已满十四周岁不满十八周岁的未成年人有违法行为",
    effect: "lighterOrMitigated",
    source: at(30),
  },
  {
    code: "mental-incapable",
    description: "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
    effect: "noPenalty",
    source: at(31),
  },
  {
    code: "mental-partial",
    description: "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为",
    effect: "mayLighterOrMitigated",
    source: at(31),
  },
  {
    code: "eliminated-harm",
    description: "主动消除或者减轻违法行为危害后果",
    effect: "lighterOrMitigated",
    source: at(32, 1, 1),
  },
  {
    code: "coerced",
    description: "受他人胁迫或者诱骗实施违法行为",
    effect: "lighterOrMitigated",
    source: at(32, 1, 2),
  },
  {
    code: "confessed",
    description: "主动供述行政机关尚未掌握的违法行为",
    effect: "lighterOrMitigated",
    source: at(32, 1, 3),
  },
  {
    code: "meritorious",
    description: "配合行政机关查处违法行为有立功表现",
    effect: "lighterOrMitigated",
    source: at(32, 1, 4),
  },
  {
    code: "other-statutory-mitigation",
    description: "法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形",
    effect: "lighterOrMitigated",
    source: at(32, 1, 5),
  },
  {
    code: "minor-corrected-no-harm",
    description: "违法行为轻微并及时改正，没有造成危害后果",
    effect: "noPenalty",
    source: at(33, 1),
  },
  {
    code: "first-violation-minor",
    description: "初次违法且危害后果轻微并及时改正",
    effect: "mayNoPenalty",
    source: at(33, 1),
  },
  {
    code: "no-fault",
    description: "当事人有证据足以证明没有主观过错",
    effect: "noPenalty",
    source: at(33, 2),
  },
];

/** Source of 行政处罚法 Art. 33 para. 3: parties not punished must be educated. */
export const EDUCATION_SOURCE: RuleSource = at(33, 3);

/** Source of 行政处罚法 Art. 34: agencies may set benchmarks and must publish them. */
export const BENCHMARK_PUBLICATION_SOURCE: RuleSource = at(34);

/** Source of 行政处罚法 Art. 32: 减轻 below the statutory minimum needs a statutory ground. */
export const MITIGATION_SOURCE: RuleSource = at(32);
