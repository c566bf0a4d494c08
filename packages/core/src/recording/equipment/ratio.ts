import { z } from "zod";
import { describeValue } from "../../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CellCodec } from "../../registry/table.js";

// A ratio is written as bureaus write it, "1:1.5": the base (officers, or units) before the
// colon, the devices after it. Both sides are positive with at most two decimals, so the
// arithmetic runs on integer hundredths and never rounds a device away.

const MAX = 10_000;

function hundredths(x: number): number {
  return Math.round(x * 100);
}

function isHundredths(x: number): boolean {
  return Number.isFinite(x) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
}

const SideSchema = z
  .number()
  .positive()
  .max(MAX)
  .refine(isHundredths, { message: "最多两位小数" })
  .refine((x) => hundredths(x) > 0, { message: "应大于 0" });

/**
 * 配备比例 — `base : devices`, e.g. officers : recorders = 1 : 1.5 is `{ base: 1, devices: 1.5 }`
 * (1.5 recorders per officer); "每 3 名执法人员 1 台" is `{ base: 3, devices: 1 }`. Each side
 * positive, at most two decimals, at most 10,000.
 */
export const EquipmentRatioSchema = z.object({
  /** 基数 — officers (or units) on the left of the colon. */
  base: SideSchema,
  /** 装备数 — devices on the right of the colon. */
  devices: SideSchema,
});
/** 配备比例 (see {@link EquipmentRatioSchema}). */
export type EquipmentRatio = z.infer<typeof EquipmentRatioSchema>;

function formatSide(x: number): string {
  const h = hundredths(x);
  const whole = Math.trunc(h / 100);
  const frac = h % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** Writes a ratio as `1:1.5` (ASCII colon, no trailing zeros); {@link parseEquipmentRatio} reads it back. */
export function formatEquipmentRatio(ratio: EquipmentRatio): string {
  return `${formatSide(ratio.base)}:${formatSide(ratio.devices)}`;
}

const RATIO = /^\s*(\d{1,5}(?:\.\d{1,2})?)\s*[:：比]\s*(\d{1,5}(?:\.\d{1,2})?)\s*$/;

/**
 * 读取配备比例 — `1:1.5`, `1：1.5`, `3比1` → {@link EquipmentRatio}; anything else (zero,
 * three decimals, a missing side) → `INVALID_INPUT` with a Chinese message.
 */
export function parseEquipmentRatio(text: string): Result<EquipmentRatio, SanxiangError> {
  const m = typeof text === "string" ? RATIO.exec(text) : null;
  const parsed = m === null ? undefined : EquipmentRatioSchema.safeParse({ base: Number(m[1]), devices: Number(m[2]) });
  if (parsed?.success === true) return ok(parsed.data);
  return err(
    sanxiangError(
      "INVALID_INPUT",
      `配备比例应写作「人数:台数」（如 1:1.5），各项大于 0、最多两位小数：${describeValue(text)}`,
      {
        details: { text: describeValue(text) },
      },
    ),
  );
}

/**
 * 应配备数 — devices required for `count` officers (or units) at `ratio`:
 * ⌈count × devices ÷ base⌉, computed on integer hundredths (no floating-point rounding).
 */
export function requiredDevices(count: number, ratio: EquipmentRatio): number {
  const base = hundredths(ratio.base);
  const devices = hundredths(ratio.devices);
  return Math.floor((count * devices + base - 1) / base);
}

/** 配备比例单元格 — a ratio in one cell (`1:1.5`), for configuration sheets. */
export const equipmentRatioCell: CellCodec<EquipmentRatio> = {
  parse: (t) => parseEquipmentRatio(t).mapErr((e) => e.message),
  format: formatEquipmentRatio,
};
