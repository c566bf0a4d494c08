// 处罚的形状 — one penalty shape for the whole SDK: the kinds of 行政处罚法 Art. 9 and the amounts
// that go with them, validated so that an amount exists exactly when its kind does. It lives
// beside the penalty kinds (below review and enforcement in the module order), so the legal
// review's draft and the procedures' notices and decisions parse penalties with one schema.
import { z } from "zod";
import { FenSchema } from "../../kernel/money.js";
import { formatSource, type RuleSource } from "../../kernel/source.js";
import { type PenaltyKind, PenaltyKindSchema } from "./schema.js";

const cfl = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});

/** An amount field of {@link PenaltySchema}. */
export type PenaltyAmountField = "fineFen" | "confiscationFen";

/** 数额与种类 — one amount of a penalty and the kinds it belongs to (see {@link PENALTY_AMOUNT_RULES}). */
export interface PenaltyAmountRule {
  /** The amount field. */
  readonly field: PenaltyAmountField;
  /** The kinds the amount belongs to: it is present exactly when one of them is. */
  readonly kinds: readonly PenaltyKind[];
  /** 名称 — e.g. 罚款. */
  readonly label: string;
  /** The kinds (行政处罚法 Art. 9 item 2). */
  readonly source: RuleSource;
  /** The rules that read the amount: hearing right (Art. 63 para. 1), collective discussion (Art. 57 para. 2). */
  readonly readBy: readonly RuleSource[];
}

/**
 * 处罚数额规则 — an amount exists exactly when its kind does, and is a positive number of
 * fen: a fine (`fineFen`) with the kind 罚款, a confiscated value (`confiscationFen`) with
 * 没收违法所得 or 没收非法财物 (行政处罚法 Art. 9 item 2). The amount decides the hearing
 * right (Art. 63 para. 1 items 1–2, 较大数额罚款 / 没收较大数额违法所得、较大价值非法财物)
 * and collective discussion (Art. 57 para. 2), the kind decides the published conclusion and
 * the review catalogue: a fine without its kind would be collected but never controlled.
 */
export const PENALTY_AMOUNT_RULES: readonly PenaltyAmountRule[] = [
  {
    field: "fineFen",
    kinds: ["fine"],
    label: "罚款",
    source: cfl(9, undefined, 2),
    readBy: [cfl(63, 1, 1), cfl(57, 2)],
  },
  {
    field: "confiscationFen",
    kinds: ["confiscateGains", "confiscateProperty"],
    label: "没收违法所得、没收非法财物",
    source: cfl(9, undefined, 2),
    readBy: [cfl(63, 1, 2)],
  },
];

const PenaltyShapeSchema = z
  .object({
    /** The kinds imposed; at least one. */
    kinds: z.array(PenaltyKindSchema).min(1).readonly(),
    /** 罚款数额 (fen, positive); present exactly when `kinds` has `fine`. */
    fineFen: FenSchema.optional(),
    /** 没收违法所得或非法财物的数额或价值 (fen, positive); present exactly when `kinds` has `confiscateGains` or `confiscateProperty`. */
    confiscationFen: FenSchema.optional(),
  })
  .readonly();

/**
 * 行政处罚内容 — a penalty (kinds of 行政处罚法 Art. 9, registry `PenaltyKindSchema`) as proposed in a notice or imposed by a decision: its kinds, the
 * fine and the value confiscated in integer fen. One shape, validated by
 * {@link PENALTY_AMOUNT_RULES}: an amount is present exactly when its kind is, and is
 * positive (at most `Number.MAX_SAFE_INTEGER`, {@link FenSchema}); each refusal names its
 * article. Stored events are read with the same schema, so a stream recording a fine
 * without the kind does not fold.
 */
export const PenaltySchema = PenaltyShapeSchema.superRefine((p, ctx) => {
  for (const rule of PENALTY_AMOUNT_RULES) {
    const amount = p[rule.field];
    const hasKind = p.kinds.some((k) => rule.kinds.includes(k));
    const cite = formatSource(rule.source);
    if (hasKind && amount === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `${rule.label}须载明数额（${cite}；据以适用${rule.readBy.map(formatSource).join("、")}）`,
        params: { rule: "amountWithKind", field: rule.field, source: rule.source, readBy: rule.readBy },
      });
    } else if (!hasKind && amount !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `载明了${rule.label}数额，但处罚种类中没有${rule.label}（${cite}）：数额与种类须一致`,
        params: { rule: "amountWithKind", field: rule.field, source: rule.source, readBy: rule.readBy },
      });
    } else if (amount !== undefined && amount <= 0) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `${rule.label}数额须大于零（${cite}）`,
        params: { rule: "positiveAmount", field: rule.field, source: rule.source },
      });
    }
  }
});
