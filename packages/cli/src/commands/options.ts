import { type CivilDate, ok, parseCivilDate, type Result, type SanxiangError } from "@sanxiang/core";
import type { CommandContext } from "../main.js";

/** A date option (`--date`, `--due-by` …): absent → `undefined`; not a real date → the parse error. */
export function dateOption(ctx: CommandContext, name: string): Result<CivilDate | undefined, SanxiangError> {
  const value = ctx.options[name];
  return typeof value === "string" ? parseCivilDate(value) : ok(undefined);
}
