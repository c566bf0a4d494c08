// Shared by the CLI's tests (not shipped: package.json excludes *.test-support.ts).
import { fixedClock } from "@sanxiang/core";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

/** What one run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `sanxiang` in-process with captured output, a clock fixed at 2026-11-26 10:00 China
 * time, and the given working directory and environment.
 */
export async function runCli(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: Record<string, string> } = {},
): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIo = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    clock: fixedClock("2026-11-26T02:00:00Z"),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(args, io);
  return { code, out, err };
}
