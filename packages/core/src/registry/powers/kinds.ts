import { z } from "zod";

/**
 * 职权类别 — the kind of an administrative power in a powers list (权责清单): 行政许可,
 * 行政处罚, 行政强制, 行政征收, 行政给付, 行政检查, 行政确认, 行政奖励, 行政裁决 and
 * 其他行政权力.
 */
export const PowerKindSchema = z.enum([
  "licence",
  "penalty",
  "coercion",
  "levy",
  "benefit",
  "inspection",
  "confirmation",
  "reward",
  "adjudication",
  "other",
]);
/** 职权类别 (see {@link PowerKindSchema}). */
export type PowerKind = z.infer<typeof PowerKindSchema>;

/** 职权类别名称 — the Chinese label of each {@link PowerKind}, as written in powers lists. */
export const POWER_KIND_LABELS: Readonly<Record<PowerKind, string>> = {
  licence: "许可",
  penalty: "处罚",
  coercion: "强制",
  levy: "征收",
  benefit: "给付",
  inspection: "检查",
  confirmation: "确认",
  reward: "奖励",
  adjudication: "裁决",
  other: "其他",
};
