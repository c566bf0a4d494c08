import type { RuleSource } from "../kernel/rule-source.js";

/**
 * 期间计算规则 — the general rules of period computation (民法典 Arts. 201–203;
 * 民事诉讼法 Art. 85), cited by every
 * period the calendar explains.
 */
export const COUNTING_RULES = {
  /** 开始日不计入 — the start day is not counted; the period starts the next day. */
  startDayExcluded: { law: "民法典", article: 201, confidence: "C-law" },
  /** Same rule for litigation and, through 复议法 Art. 88, reconsideration periods. */
  startDayExcludedCivilProcedure: { law: "民事诉讼法", article: 85, paragraph: 2, confidence: "C-law" },
  /** 月、年期间 — ends on the corresponding day, or the last day of a month without one. */
  monthEnd: { law: "民法典", article: 202, confidence: "C-law" },
  /** 顺延 — a last day that is a statutory rest day moves to the first day after it. */
  rollOver: { law: "民法典", article: 203, paragraph: 1, confidence: "C-law" },
  /** The same roll-over rule in civil procedure. */
  rollOverCivilProcedure: { law: "民事诉讼法", article: 85, paragraph: 3, confidence: "C-law" },
  /** 不顺延 — periods restricting personal liberty end on the nominal day. */
  noRollOverPersonalLiberty: { law: "公安机关办理行政案件程序规定", article: 35, confidence: "C-law" },
  /** 调休 — holiday breaks are arranged by the State Council's yearly notice. */
  swappedDays: { law: "全国年节及纪念日放假办法", article: 7, confidence: "C-law" },
} as const satisfies Record<string, RuleSource>;
