import { formatYuan, parseYuan } from "../kernel/money.js";
import { err, ok } from "../kernel/result.js";
import { type CivilDate, isCivilDate } from "../kernel/time.js";
import type { CellCodec } from "./table.js";

// Cell codecs shared by every registry's sheets. Messages are Chinese: an officer fixing a
// spreadsheet reads them.

/** Text as written (trimmed). */
export const textCell: CellCodec<string> = { parse: (t) => ok(t), format: (v) => v };

/** A whole number, optionally bounded. */
export function intCell(min = 0, max = Number.MAX_SAFE_INTEGER): CellCodec<number> {
  return {
    parse: (t) => {
      if (!/^-?\d+$/.test(t)) return err(`应为整数：${t}`);
      const n = Number(t);
      return n < min || n > max ? err(`应在 ${min} 到 ${max} 之间：${t}`) : ok(n);
    },
    format: (v) => String(v),
  };
}

/** A decimal number (e.g. a multiple of illegal gains, a band fraction), kept as written. */
export const decimalCell: CellCodec<number> = {
  parse: (t) => (/^\d+(\.\d+)?$/.test(t) ? ok(Number(t)) : err(`应为非负数：${t}`)),
  format: (v) => String(v),
};

/** Money in yuan as people write it (`12,000`, `¥1.5万`) → integer fen; written back as plain yuan. */
export const yuanCell: CellCodec<number> = {
  parse: (t) => parseYuan(t).mapErr((e) => e.message),
  format: (v) => formatYuan(v, { grouping: false }),
};

/** A civil date `YYYY-MM-DD` (also accepts `YYYY/MM/DD` and `YYYY年M月D日`). */
export const dateCell: CellCodec<CivilDate> = {
  parse: (t) => {
    const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(t);
    const d = m === null ? t : `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
    return isCivilDate(d) ? ok(d) : err(`不是有效日期（应为 YYYY-MM-DD）：${t}`);
  },
  format: (v) => v,
};

/** 是 / 否 (also true/false, Y/N, 1/0). */
export const booleanCell: CellCodec<boolean> = {
  parse: (t) => {
    const v = t.toLowerCase();
    if (["是", "true", "y", "yes", "1"].includes(v)) return ok(true);
    if (["否", "false", "n", "no", "0"].includes(v)) return ok(false);
    return err(`应填“是”或“否”：${t}`);
  },
  format: (v) => (v ? "是" : "否"),
};

/**
 * A closed set of values written by their Chinese labels (the value itself is accepted
 * too): `enumCell({ penalty: "处罚", licence: "许可" })`.
 */
export function enumCell<V extends string>(labels: Readonly<Record<V, string>>): CellCodec<V> {
  const byText = new Map<string, V>();
  for (const [value, label] of Object.entries(labels) as [V, string][]) {
    byText.set(label, value);
    byText.set(value, value);
  }
  return {
    parse: (t) => {
      const v = byText.get(t);
      return v === undefined ? err(`应为以下之一：${Object.values<string>(labels).join("、")}；实为：${t}`) : ok(v);
    },
    format: (v) => labels[v],
  };
}

/** A list in one cell, separated by `；` `;` or new lines; each item through `item`. */
export function listCell<V>(item: CellCodec<V>): CellCodec<V[]> {
  return {
    parse: (t) => {
      const out: V[] = [];
      for (const part of t
        .split(/[；;\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        const r = item.parse(part);
        if (r.isErr()) return err(r.error);
        out.push(r.value);
      }
      return ok(out);
    },
    format: (v) => v.map((x) => item.format(x)).join("；"),
  };
}
