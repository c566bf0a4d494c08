// Shared by the CLI's tests (not shipped: package.json excludes *.test-support.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach } from "vitest";
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

/** Every row of every table of a SQLite store, in order — what "the store unchanged" compares. */
export function sqliteSnapshot(file: string): string {
  const raw = new Database(file, { readonly: true });
  try {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    return JSON.stringify(tables.map((t) => raw.prepare(`SELECT * FROM "${t.name}"`).all()));
  } finally {
    raw.close();
  }
}

/** A fresh directory per test with the SQLite store `events.db` in it (see {@link sampleStore}). */
export interface SampleStore {
  /** The test's temporary directory (the CLI's working directory). */
  readonly dir: string;
  /** `<dir>/events.db`. */
  readonly db: string;
  /** Runs `sanxiang --sample --store <db> …args` in `dir`. */
  cli(...args: string[]): Promise<CliRun>;
  /** {@link sqliteSnapshot} of `db`. */
  log(): string;
}

/** Registers a temporary directory made before and removed after each test of the file. */
export function sampleStore(prefix: string): SampleStore {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get db() {
      return join(dir, "events.db");
    },
    cli: (...args) => runCli(["--sample", "--store", join(dir, "events.db"), ...args], { cwd: dir }),
    log: () => sqliteSnapshot(join(dir, "events.db")),
  };
}
