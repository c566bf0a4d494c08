// 崩溃测试工具 — the published crash harness of the EventStore port: what the first-party
// SQLite and PostgreSQL crash tests run, for an adapter author to run against their own store.
// Writers in child processes append continuously and print each acknowledged append; the
// harness kills them with SIGKILL at seeded random moments, reopens the store and checks that
// every acknowledged append is there, that no append is there in part (events, log head,
// frontier, projection rows all or nothing), that the log verifies and that the projections
// equal a replay of the log.
//
// The child half is `runCrashWriter` (called by the author's writer script); the parent half
// is `crashSuite` (called from the author's test file, with the runner's test and expect). The
// two agree through `crashPlan`: the appends a trial's writer makes follow from the trial's
// seed alone, so the parent knows what every acknowledgement stands for.
//
// Node only (processes and signals). The module itself imports nothing from Node, so that
// the conformance entry still loads anywhere: `node:child_process` is imported when a suite
// runs, and the few Node globals it touches are typed locally.
import {
  applyProjectionWrites,
  type CaseEvent,
  canonicalJson,
  type EventStore,
  PROJECTION_QUERY_LIMIT,
  type ProjectionRow,
  projectEvent,
  READ_ALL_LIMIT,
  type StoredEvent,
  verifyEventStore,
} from "@sanxiang/core";
import type { SuiteRunner } from "./harness.js";

declare const setTimeout: (callback: () => void, ms: number) => unknown;
declare const clearTimeout: (timer: unknown) => void;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The environment variable through which the harness hands a writer its trial (JSON of a {@link CrashTrial}). */
export const CRASH_TRIAL_ENV = "SANXIANG_CRASH_TRIAL";

/**
 * The environment variable naming the file a writer records its acknowledgements in. A line
 * on stdout is not proof: a pipe's writes may still sit in the writer's memory when it is
 * killed. A `write(2)` to a file has reached the kernel when it returns, and a SIGKILL does
 * not take it back.
 */
export const CRASH_ACKS_ENV = "SANXIANG_CRASH_ACKS";
/**
 * The environment variable holding the writer's deadline (milliseconds since the epoch): a
 * writer still alive then stops by itself (exit status 3) — its parent is gone or stuck (a test
 * runner killed mid-run), and a writer must never append on forever. Set by the suite to well
 * after the moment it kills the writer.
 */
export const CRASH_DEADLINE_ENV = "SANXIANG_CRASH_DEADLINE";

/** 崩溃试验 — one trial: one writer process, killed once. */
export interface CrashTrial {
  /** 0, 1, 2, … */
  readonly index: number;
  /** The trial's own seed (from the suite's seed): it fixes the writer's appends and the kill. */
  readonly seed: number;
  /** The case ids this trial's writer appends to (fresh: no other trial uses them). */
  readonly cases: readonly string[];
}

/** How to start a trial's writer: a process that calls {@link runCrashWriter}. */
export interface CrashWriterCommand {
  /** The executable, e.g. `process.execPath`. */
  readonly command: string;
  /** Its arguments, e.g. the path of the writer script. */
  readonly args?: readonly string[];
  /** Extra environment variables (the parent's environment and {@link CRASH_TRIAL_ENV} are passed too). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Options of {@link crashSuite}. */
export interface CrashSuiteOptions {
  /** The adapter's name in the test title. */
  readonly name?: string;
  /** The command that starts a trial's writer (the writer calls {@link runCrashWriter} with the same `open`). */
  readonly writer: (trial: CrashTrial) => CrashWriterCommand;
  /**
   * Opens, in the test process, the store the trial's writer wrote to — with the same
   * projections the writer uses. The harness closes it. Include a projection that writes on
   * every event (e.g. {@link conformanceProjection}): projections are checked against a replay.
   */
  readonly open: (trial: CrashTrial) => Promise<EventStore>;
  /**
   * Whether every trial writes to one shared store (one database or schema; trials then run
   * `parallel` writers on it at once) rather than to a store of its own. Shared: each trial's
   * streams are checked after its kill, the whole store (log, head, projections) once at the
   * end, when every writer is dead and the store has settled. Default `false`: each trial's
   * store is checked whole after its kill.
   */
  readonly sharedStore?: boolean;
  /** Trials, i.e. kills (default 50). */
  readonly trials?: number;
  /** Writers running at once (default 4). */
  readonly parallel?: number;
  /** Seed of the whole run (default 20251127); printed in every failure, so a failing run can be replayed. */
  readonly seed?: number;
  /** Kills land up to this many milliseconds after the writer's first acknowledged append (default 250). */
  readonly maxKillDelayMs?: number;
  /**
   * Share of trials killed while the writer opens the store (creating or migrating it for a
   * store of its own), before any append (default 0.15).
   */
  readonly killDuringOpen?: number;
  /** Longest wait for a writer to start and acknowledge its first append, in milliseconds (default 60 000). */
  readonly startTimeoutMs?: number;
  /** Releases what a trial left behind (files) after it was checked. */
  readonly dispose?: (trial: CrashTrial) => Promise<void>;
  /** Receives the run's figures when every check passed (e.g. to print them). */
  readonly onReport?: (report: CrashReport) => void;
}

/** What a passed {@link crashSuite} run did. */
export interface CrashReport {
  /** The run's seed. */
  readonly seed: number;
  /** Trials (kills). */
  readonly trials: number;
  /** Trials killed while opening the store, before any append. */
  readonly killedWhileOpening: number;
  /** Appends acknowledged to the writers, over all trials. */
  readonly acknowledgedAppends: number;
  /** Appends found stored: at least the acknowledged ones (a kill may land between commit and acknowledgement). */
  readonly storedAppends: number;
  /** Events found stored. */
  readonly storedEvents: number;
}

/** One append of a writer's plan. */
export interface CrashAppend {
  /** The case appended to. */
  readonly caseId: string;
  /** The stream version before the append. */
  readonly from: number;
  /** Events appended (1–3). */
  readonly count: number;
}

/** A small deterministic generator (mulberry32), so a trial's choices follow from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 写入计划 — the appends a trial's writer makes, in order, forever: each to one of the
 * trial's cases (chosen by the trial's seed), of 1–3 events. Both halves of the harness
 * compute it, so an acknowledgement numbered `k` stands for the first `k` appends.
 */
export function* crashPlan(trial: Pick<CrashTrial, "seed" | "cases">): Generator<CrashAppend, never> {
  const random = seeded(trial.seed);
  const versions = new Map<string, number>();
  for (;;) {
    const caseId = trial.cases[Math.floor(random() * trial.cases.length)] as string;
    const from = versions.get(caseId) ?? 0;
    const count = 1 + Math.floor(random() * 3);
    versions.set(caseId, from + count);
    yield { caseId, from, count };
  }
}

/**
 * 崩溃测试事件 — the event `seq` of `caseId` as every crash writer writes it, from the pair
 * alone. Its payload drives {@link conformanceProjection} (`key` puts and, every 7th event,
 * deletes; `sortKey`), and every 13th event is about 8 KiB, so appends differ in size.
 */
export function crashEvent(caseId: string, seq: number): CaseEvent {
  const note = `现场检查笔录第 ${seq} 页：当事人在场，执法人员出示证件。`;
  return {
    caseId,
    seq,
    type: seq % 7 === 0 ? "test.removed" : "test.recorded",
    at: new Date(Date.UTC(2025, 2, 3, 1, 0, 0) + seq * 60_000).toISOString(),
    actor: { id: "officer-1", roles: ["officer"] },
    stage: "investigation",
    payload: {
      key: `${caseId}/${seq % 5}`,
      sortKey: `2025-03-${String((seq % 28) + 1).padStart(2, "0")}`,
      note: seq % 13 === 0 ? note.repeat(256) : note,
    },
  };
}

// --- Node, typed locally -------------------------------------------------------------------

interface NodeProcessLike {
  readonly env: Record<string, string | undefined>;
  readonly stdout: { write(text: string): boolean };
  exit(code: number): never;
}

interface ChildStream {
  setEncoding(encoding: "utf8"): void;
  on(event: "data", listener: (chunk: string) => void): void;
}

interface ChildLike {
  readonly stdout: ChildStream;
  readonly stderr: ChildStream;
  kill(signal: "SIGKILL"): boolean;
  on(event: "close", listener: (code: number | null, signal: string | null) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
}

interface ChildProcessModule {
  spawn(
    command: string,
    args: readonly string[],
    options: { stdio: ["ignore", "pipe", "pipe"]; env: Record<string, string | undefined> },
  ): ChildLike;
}

function nodeProcess(): NodeProcessLike {
  const p = (globalThis as { process?: NodeProcessLike }).process;
  if (p === undefined) throw new Error("the crash harness runs under Node (it starts and kills processes)");
  return p;
}

interface FsModule {
  openSync(path: string, flags: "a"): number;
  writeSync(fd: number, text: string): number;
  readFileSync(path: string, encoding: "utf8"): string;
  existsSync(path: string): boolean;
  mkdtempSync(prefix: string): string;
  rmSync(path: string, options: { recursive: true; force: true }): void;
}

/** A Node built-in, imported when a suite runs (a variable specifier keeps bundlers and type checkers out). */
async function builtin<T>(name: "child_process" | "fs" | "os"): Promise<T> {
  const specifier = `node:${name}`;
  return (await import(/* @vite-ignore */ specifier)) as T;
}

// --- the writer (child) --------------------------------------------------------------------

/**
 * 崩溃写入进程 — the body of a writer process. Reads its trial from {@link CRASH_TRIAL_ENV},
 * prints `ready`, opens the store with `open`, prints `open`, then makes the trial's
 * {@link crashPlan} appends one after another, recording `ack <k> <caseId> <seq>` once append
 * `k` resolved `ok` — written synchronously to the file named by {@link CRASH_ACKS_ENV} (the
 * proof) and printed (the parent's clock). It never stops by itself while its parent runs the
 * trial: the parent kills it. A failure prints `error <code> <message>` and exits with status 1;
 * past {@link CRASH_DEADLINE_ENV} (its parent gone or stuck) it exits with status 3.
 */
export async function runCrashWriter(open: (trial: CrashTrial) => Promise<EventStore>): Promise<never> {
  const proc = nodeProcess();
  const text = proc.env[CRASH_TRIAL_ENV];
  if (text === undefined) {
    proc.stdout.write(`error INVALID_INPUT ${CRASH_TRIAL_ENV} is not set: start writers through crashSuite\n`);
    return proc.exit(2);
  }
  const trial = JSON.parse(text) as CrashTrial;
  const acksPath = proc.env[CRASH_ACKS_ENV];
  if (acksPath === undefined) {
    proc.stdout.write(`error INVALID_INPUT ${CRASH_ACKS_ENV} is not set: start writers through crashSuite\n`);
    return proc.exit(2);
  }
  const deadline = Number(proc.env[CRASH_DEADLINE_ENV] ?? Number.POSITIVE_INFINITY);
  const fs = await builtin<FsModule>("fs");
  const acks = fs.openSync(acksPath, "a");
  proc.stdout.write("ready\n");
  let store: EventStore;
  try {
    store = await open(trial);
  } catch (cause) {
    proc.stdout.write(`error OPEN_FAILED ${String(cause)}\n`);
    return proc.exit(1);
  }
  proc.stdout.write("open\n");
  let k = 0;
  for (const step of crashPlan(trial)) {
    const events = Array.from({ length: step.count }, (_, i) => crashEvent(step.caseId, step.from + i + 1));
    const r = await store.append(step.caseId, step.from, events);
    if (r.isErr()) {
      proc.stdout.write(`error ${r.error.code} ${r.error.message}\n`);
      return proc.exit(1);
    }
    k++;
    const line = `ack ${k} ${step.caseId} ${step.from + step.count}\n`;
    fs.writeSync(acks, line);
    proc.stdout.write(line);
    if (Date.now() > deadline) return proc.exit(3);
  }
  throw new Error("unreachable: the plan never ends");
}

// --- the suite (parent) --------------------------------------------------------------------

interface KilledWriter {
  /** Appends acknowledged (ack lines 1..n, complete lines only). */
  readonly acknowledged: number;
  readonly duringOpen: boolean;
}

/** The stream lengths after the first `k` appends of a trial's plan, for k = 0 … n. */
function planStates(trial: CrashTrial, n: number): Map<string, number>[] {
  const states = [new Map(trial.cases.map((c) => [c, 0]))];
  const plan = crashPlan(trial);
  for (let k = 1; k <= n; k++) {
    const step = plan.next().value;
    const next = new Map(states[k - 1]);
    next.set(step.caseId, step.from + step.count);
    states.push(next);
  }
  return states;
}

const byKey = (rows: Iterable<ProjectionRow>) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

async function readEverything(store: EventStore, after: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ after: from, limit: READ_ALL_LIMIT.max });
    if (page.isErr()) throw new Error(`readAll: ${page.error.code} ${page.error.message}`);
    if (page.value.length === 0) return out;
    out.push(...page.value);
    from = page.value.at(-1)?.position ?? from;
  }
}

/**
 * 崩溃测试 — registers one test: `trials` writers (at most `parallel` at a time) started with
 * `options.writer`, each killed with SIGKILL at a seeded moment — most a random 0–
 * `maxKillDelayMs` after their first acknowledged append, some while opening the store.
 * After each kill the store is opened with `options.open` and checked:
 * - the writer died of the kill (not by itself) and printed no `error`;
 * - every acknowledged append is stored, exactly as written, and no append is stored in
 *   part: each of the trial's streams is its plan after the acknowledged appends, or after
 *   one more (a kill between COMMIT and the acknowledgement);
 * and, for a store of its own (or, with `sharedStore`, once at the end):
 * - the log holds exactly these events (readAll count = head position = the streams' sum),
 *   `verifyEventStore` passes (leaves, frontier, root);
 * - every projection's rows equal a replay of the log through the store's projections;
 * - the store takes the next append, and still verifies.
 */
export function crashSuite(runner: SuiteRunner, options: CrashSuiteOptions): void {
  const { test, expect } = runner;
  const trials = options.trials ?? 50;
  const parallel = Math.max(1, options.parallel ?? 4);
  const seed = options.seed ?? 20251127;
  const maxDelay = options.maxKillDelayMs ?? 250;
  const duringOpenShare = options.killDuringOpen ?? 0.15;
  const startTimeout = options.startTimeoutMs ?? 60_000;
  const shared = options.sharedStore ?? false;
  const title = `${options.name ?? "event store"}: SIGKILL of a writer at ${trials} seeded moments loses no acknowledged append and leaves no partial one (seed ${seed})`;

  const random = seeded(seed);
  const run = Math.floor(random() * 36 ** 4).toString(36);
  const plan = Array.from({ length: trials }, (_, index) => {
    const trial: CrashTrial = {
      index,
      seed: Math.floor(random() * 2 ** 31),
      cases: [0, 1, 2, 3].map((c) => `crash-${run}-t${index}-c${c}`),
    };
    return { trial, duringOpen: random() < duringOpenShare, delayMs: Math.floor(random() * maxDelay) };
  });

  const fail = (trial: CrashTrial, message: string): never => {
    throw new Error(`crash trial ${trial.index} (seed ${seed}): ${message}`);
  };

  /** Starts the trial's writer, kills it, and collects its acknowledgements. */
  async function kill(entry: (typeof plan)[number]): Promise<KilledWriter> {
    const { trial, duringOpen, delayMs } = entry;
    const proc = nodeProcess();
    const cmd = options.writer(trial);
    const fs = await builtin<FsModule>("fs");
    const acksPath = `${await scratch()}/acks-${trial.index}.txt`;
    const child = (await builtin<ChildProcessModule>("child_process")).spawn(cmd.command, cmd.args ?? [], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...proc.env,
        ...cmd.env,
        [CRASH_TRIAL_ENV]: JSON.stringify(trial),
        [CRASH_ACKS_ENV]: acksPath,
        // Long after the kill (start, then at most maxDelay): only a writer whose parent is gone gets there.
        [CRASH_DEADLINE_ENV]: String(Date.now() + 2 * startTimeout + maxDelay + 60_000),
      },
    });
    const lines: string[] = [];
    let partial = "";
    let stderr = "";
    let killed = false;
    let timer: unknown;
    const killNow = () => {
      killed = true;
      child.kill("SIGKILL");
    };
    const startClock = () => {
      if (timer === undefined) timer = setTimeout(killNow, delayMs);
    };
    const watchdog = setTimeout(() => {
      if (timer === undefined) {
        stderr += `\n[crash harness] no ${duringOpen ? "ready" : "acknowledged append"} within ${startTimeout} ms`;
        child.kill("SIGKILL");
      }
    }, startTimeout);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (duringOpen ? line === "ready" : line.startsWith("ack ")) startClock();
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const end = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal }));
    });
    clearTimeout(watchdog);
    if (timer !== undefined) clearTimeout(timer);
    const errors = lines.filter((l) => l.startsWith("error"));
    if (errors.length > 0) fail(trial, `the writer reported ${errors.join("; ")}`);
    if (!killed || end.signal !== "SIGKILL") {
      fail(
        trial,
        `the writer should die of the kill, not by itself (code ${end.code}, signal ${end.signal}): ${stderr.slice(-2_000)}`,
      );
    }
    // The file is the proof (stdout only started the clock). A line cut off by the kill was
    // never fully acknowledged: only complete lines count.
    const recorded = fs.existsSync(acksPath) ? fs.readFileSync(acksPath, "utf8").split("\n") : [];
    recorded.pop();
    const acks = recorded.filter((l) => l.startsWith("ack "));
    acks.forEach((line, i) => {
      if (line.split(" ")[1] !== String(i + 1)) fail(trial, `acknowledgement ${i + 1} reads "${line}"`);
    });
    return { acknowledged: acks.length, duringOpen };
  }

  /** Each of the trial's streams is its plan after `acknowledged` or `acknowledged + 1` appends, exactly as written. */
  async function checkStreams(store: EventStore, trial: CrashTrial, acknowledged: number): Promise<number> {
    const lengths = new Map<string, number>();
    for (const caseId of trial.cases) {
      const loaded = await store.load(caseId);
      if (loaded.isErr()) fail(trial, `load(${caseId}): ${loaded.error.code} ${loaded.error.message}`);
      const events = loaded._unsafeUnwrap();
      expect(
        events.map(canonicalJson),
        `crash trial ${trial.index} (seed ${seed}): ${caseId} holds an event other than the writer appended`,
      ).toEqual(events.map((_, i) => canonicalJson(crashEvent(caseId, i + 1))));
      lengths.set(caseId, events.length);
    }
    const states = planStates(trial, acknowledged + 1);
    const same = (k: number) => trial.cases.every((c) => lengths.get(c) === states[k]?.get(c));
    const found = same(acknowledged) ? acknowledged : same(acknowledged + 1) ? acknowledged + 1 : -1;
    if (found < 0) {
      const want = (k: number) => JSON.stringify(Object.fromEntries(states[k] ?? []));
      fail(
        trial,
        `${acknowledged} appends were acknowledged: the streams should be ${want(acknowledged)} ` +
          `(or ${want(acknowledged + 1)}), found ${JSON.stringify(Object.fromEntries(lengths))} — ` +
          "an acknowledged append lost, or an append stored in part",
      );
    }
    return found;
  }

  /** The whole store: log = head = streams, verify, projections = replay, and it goes on. */
  async function checkWhole(store: EventStore, trial: CrashTrial, base: number, expectedEvents: number) {
    const head = (await store.head())._unsafeUnwrap();
    const events = await readEverything(store, base);
    const where = `crash trial ${trial.index} (seed ${seed})`;
    expect(head.position - base, `${where}: the log head counts events the log does not hold, or the reverse`).toBe(
      events.length,
    );
    expect(events.length, `${where}: the log holds events of no stream, or streams hold events not in the log`).toBe(
      expectedEvents,
    );
    const verified = await verifyEventStore(store);
    if (verified.isErr()) fail(trial, `verifyEventStore: ${verified.error.code} ${verified.error.message}`);
    expect(verified._unsafeUnwrap().events, `${where}: verifyEventStore read another log than the head's`).toBe(
      head.position,
    );
    // Projection rows are written in the append's transaction: after any kill they equal a replay.
    const all = base === 0 ? events : [...(await readEverything(store, 0))];
    const replay = new Map<string, Map<string, ProjectionRow>>();
    for (const s of all) applyProjectionWrites(replay, projectEvent(store.projections, s.event), s.position);
    for (const p of store.projections) {
      const expected = byKey(replay.get(p.name)?.values() ?? []);
      if (expected.length < PROJECTION_QUERY_LIMIT.max) {
        const rows = await store.queryProjection(p.name, { limit: PROJECTION_QUERY_LIMIT.max });
        if (rows.isErr()) fail(trial, `queryProjection(${p.name}): ${rows.error.code} ${rows.error.message}`);
        expect(
          byKey(rows._unsafeUnwrap()),
          `${where}: projection ${p.name} differs from a replay of the log — rows written outside the append's transaction?`,
        ).toEqual(expected);
      } else {
        for (const row of expected) {
          const got = await store.getProjectionRow(p.name, row.key);
          expect(got.isOk() ? got.value : got.error.code, `${where}: projection ${p.name} row ${row.key}`).toEqual(row);
        }
      }
    }
    // And the store goes on.
    const caseId = trial.cases[0] as string;
    const version = (await store.load(caseId))._unsafeUnwrap().length;
    const next = await store.append(caseId, version, [crashEvent(caseId, version + 1)]);
    if (next.isErr()) fail(trial, `the next append after the crash: ${next.error.code} ${next.error.message}`);
    const again = await verifyEventStore(store);
    if (again.isErr())
      fail(trial, `verifyEventStore after the next append: ${again.error.code} ${again.error.message}`);
  }

  const sumOf = (states: Map<string, number>) => [...states.values()].reduce((a, b) => a + b, 0);

  // The run's acknowledgement files, in a temporary directory removed at the end.
  let scratchDir: string | undefined;
  const scratch = async (): Promise<string> => {
    if (scratchDir === undefined) {
      const [fs, os] = await Promise.all([builtin<FsModule>("fs"), builtin<{ tmpdir(): string }>("os")]);
      scratchDir = fs.mkdtempSync(`${os.tmpdir()}/sanxiang-crash-`);
    }
    return scratchDir;
  };

  test(
    title,
    async () => {
      let base = 0;
      if (shared && plan[0] !== undefined) {
        const store = await options.open(plan[0].trial);
        try {
          base = (await store.head())._unsafeUnwrap().position;
        } finally {
          await store.close();
        }
      }
      const results: {
        trial: CrashTrial;
        acknowledged: number;
        duringOpen: boolean;
        appends: number;
        events: number;
      }[] = [];
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < plan.length) {
          const entry = plan[next++] as (typeof plan)[number];
          const killed = await kill(entry);
          const store = await options.open(entry.trial);
          let appends: number;
          let events: number;
          try {
            appends = await checkStreams(store, entry.trial, killed.acknowledged);
            events = sumOf(planStates(entry.trial, appends)[appends] ?? new Map());
            if (!shared) await checkWhole(store, entry.trial, 0, events);
          } finally {
            await store.close();
          }
          if (!shared) await options.dispose?.(entry.trial);
          results.push({ trial: entry.trial, ...killed, appends, events });
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(parallel, trials) }, lane));
      } finally {
        if (scratchDir !== undefined)
          (await builtin<FsModule>("fs")).rmSync(scratchDir, { recursive: true, force: true });
        scratchDir = undefined;
      }
      expect(results, "every trial ran").toHaveLength(trials);
      let storedAppends = results.reduce((a, r) => a + r.appends, 0);
      let storedEvents = results.reduce((a, r) => a + r.events, 0);
      if (shared && results[0] !== undefined) {
        const store = await options.open(results[0].trial);
        try {
          // A killed writer's last COMMIT may still land after its trial was checked (a server
          // finishes a commit whose message it had read): settle until the head stops moving.
          let head = (await store.head())._unsafeUnwrap().position;
          for (;;) {
            await sleep(500);
            const again = (await store.head())._unsafeUnwrap().position;
            if (again === head) break;
            head = again;
          }
          storedAppends = 0;
          storedEvents = 0;
          for (const r of results) {
            const appends = await checkStreams(store, r.trial, r.acknowledged);
            expect(
              appends,
              `crash trial ${r.trial.index} (seed ${seed}): appends found after its check were lost`,
            ).toBeGreaterThanOrEqual(r.appends);
            storedAppends += appends;
            storedEvents += sumOf(planStates(r.trial, appends)[appends] ?? new Map());
          }
          await checkWhole(store, results[0].trial, base, storedEvents);
        } finally {
          await store.close();
        }
        for (const r of results) await options.dispose?.(r.trial);
      }
      const acknowledgedAppends = results.reduce((a, r) => a + r.acknowledged, 0);
      const killedWhileOpening = results.filter((r) => r.duringOpen && r.acknowledged === 0).length;
      // The kills must land while appends are being acknowledged, not only before the first.
      expect(
        results.filter((r) => r.acknowledged > 0).length,
        "most kills should land while the writer appends (is the writer acknowledging appends?)",
      ).toBeGreaterThanOrEqual(Math.floor(trials / 2));
      options.onReport?.({
        seed,
        trials,
        killedWhileOpening,
        acknowledgedAppends,
        storedAppends,
        storedEvents,
      });
    },
    runner.timeout ?? 300_000,
  );
}
