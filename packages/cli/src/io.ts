import type { Clock, Instant } from "@sanxiang/core";

/** Where a command writes and what it may read from its surroundings. */
export interface CliIo {
  /** Writes to standard output (text already ends in a newline when it should). */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** The clock the command reads "today" from. */
  readonly clock: Clock;
  /** Environment variables (for `SANXIANG_LANG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory: the default registry lives in `<cwd>/.sanxiang`. */
  readonly cwd: string;
}

/**
 * 系统时钟 — the wall clock. Core never reads the wall clock (time reaches it through the
 * `Clock` port); the CLI is where the real time enters.
 */
export const systemClock: Clock = {
  specificationVersion: 1,
  now: (): Instant => new Date(Date.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
};

/** The real process's standard streams, clock and environment. */
export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    clock: systemClock,
    env: process.env,
    cwd: process.cwd(),
  };
}
