// Internal helpers of the event-store conformance suite (not exported from the package): reading
// a whole store back, the reference semantics of projections and Merkle roots, messages that name
// the rule broken, and the context each test group receives.
import {
  applyProjectionWrites,
  type CaseEvent,
  canonicalJson,
  defaultProjections,
  type EventStore,
  ed25519Signer,
  eventLeafBytes,
  type HashAlgorithmName,
  merkleRoot,
  type Projection,
  type ProjectionRow,
  projectEvent,
  READ_ALL_LIMIT,
  type SanxiangError,
  type Signer,
  type StoredEvent,
  sha256,
  sm3,
  toHex,
  type VerificationKey,
} from "@sanxiang/core";
import type { EventStoreFactoryConfig, EventStoreSuiteContext, EventStoreSuiteOptions } from "./event-store.js";
import { conformanceProjection } from "./event-store-fixtures.js";
import type { SuiteRunner } from "./harness.js";

// The suites run under a test runner (Node or a browser): both have timers, which the
// platform-neutral type environment of this package does not declare.
declare const setTimeout: (callback: () => void, ms: number) => unknown;
/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The projections a store is made with unless a test says otherwise: the defaults and
 * {@link conformanceProjection}.
 */
export const SUITE_PROJECTIONS: readonly Projection[] = [...defaultProjections(), conformanceProjection];

/** A fixed Ed25519 test key: its signer and the matching verification key. */
export function testKey(fill: number): { signer: Signer; verificationKey: VerificationKey } {
  const signer = ed25519Signer(new Uint8Array(32).fill(fill))._unsafeUnwrap();
  return { signer, verificationKey: { algorithm: "ed25519", publicKey: signer.publicKey } };
}

/** A short, never-throwing rendering of an argument for a message. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return typeof value;
  }
}

/** UTF-8 length of a string, in bytes. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The error code of a result, or `undefined` when it is `Ok`. */
export const codeOf = (r: { isErr(): boolean; error?: unknown }): string | undefined =>
  r.isErr() ? (r as unknown as { error: SanxiangError }).error.code : undefined;

/** The error details of a result, or `undefined` when it is `Ok`. */
export const detailsOf = (r: { isErr(): boolean; error?: unknown }): Readonly<Record<string, unknown>> | undefined =>
  r.isErr() ? (r as unknown as { error: SanxiangError }).error.details : undefined;

/** The value of an `Ok` result; an `Err` throws, naming `what` and the error's code and message. */
export function unwrap<T>(r: { isOk(): boolean; value?: T; error?: unknown }, what: string): T {
  if (!r.isOk()) {
    const e = (r as { error: SanxiangError }).error;
    throw new Error(`${what} failed: ${e.code} ${e.message}`);
  }
  return (r as { value: T }).value;
}

/** Every stored event, read through `readAll` page by page (each page checked to be dense and in order). */
export async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const after = out.length;
    const page = unwrap(await store.readAll({ after, limit: READ_ALL_LIMIT.max }), "readAll");
    if (page.length === 0) return out;
    // A page that does not start at after + 1 would make this loop run forever (or skip events):
    // fail here, naming the rule, instead of running out of memory.
    for (const [i, s] of page.entries()) {
      if (s.position !== after + i + 1) {
        throw new Error(
          `readAll({ after: ${after} }) returned position ${s.position} at index ${i}, expected ${after + i + 1}: readAll returns the events with position > after, dense and in order (is \`after\` compared with >= instead of >, or an offset off by one?)`,
        );
      }
    }
    out.push(...page);
  }
}

/** Every row of `projection`, through `queryProjection`. */
export async function allRows(store: EventStore, projection: string): Promise<ProjectionRow[]> {
  return [...unwrap(await store.queryProjection(projection, { limit: 10_000 }), "queryProjection")];
}

/** The rows the reference semantics give for the stored events. */
export function referenceRows(events: readonly StoredEvent[], projections: readonly Projection[]) {
  const rows = new Map<string, Map<string, ProjectionRow>>();
  for (const s of events) applyProjectionWrites(rows, projectEvent(projections, s.event), s.position);
  return rows;
}

/** Rows in code-point order of their keys. */
export function sortRows(rows: Iterable<ProjectionRow>): ProjectionRow[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The context the groups receive: the runner, the options and a `withStore` that always closes and disposes. */
export function makeContext(runner: SuiteRunner, options: EventStoreSuiteOptions): EventStoreSuiteContext {
  return {
    runner,
    options,
    async withStore(body, hash = "sha256", projections = SUITE_PROJECTIONS) {
      const config: EventStoreFactoryConfig = { projections, hash };
      const store = await options.factory(config);
      try {
        await body(store, config);
      } finally {
        await store.close();
        await options.dispose?.(store);
      }
    },
  };
}

/** The hash algorithms a suite runs under. */
export const hashesOf = (options: EventStoreSuiteOptions): readonly HashAlgorithmName[] =>
  options.hashes ?? ["sha256", "sm3"];

/** The `{ hash }` option of the Merkle functions for an algorithm name. */
export const merkleOptions = (hash: HashAlgorithmName) => ({ hash: hash === "sm3" ? sm3 : sha256 });

/** The root a store's log must have over `events` (in log order). */
export const expectedRoot = (events: readonly CaseEvent[], hash: HashAlgorithmName): string =>
  toHex(merkleRoot(events.map(eventLeafBytes), merkleOptions(hash)));

/**
 * The message for a wrong root: names the rule, and — when the store's root is what
 * SHA-256 would give — the likely cause.
 */
export function rootMessage(
  what: string,
  hash: HashAlgorithmName,
  actual: string,
  events: readonly CaseEvent[],
): string {
  const base = `${what}: the head's root must be the ${hash} Merkle root (RFC 6962) of every stored event`;
  if (hash === "sha256") return base;
  if (events.length === 0 && actual === toHex(merkleRoot([]))) {
    return `${base} — root is SHA-256's empty root: did the frontier call get \`{ hash }\`?`;
  }
  return `${base} — under ${hash}, did every frontier call (extendMerkleFrontier, frontierTreeHead, decodeMerkleFrontier) get \`{ hash }\`? Without it they use SHA-256`;
}

/** Snapshot of everything observable through the port, to show a refused call changed nothing. */
export async function observe(store: EventStore, caseIds: readonly string[]) {
  const head = unwrap(await store.head(), "head");
  return {
    head: { position: head.position, root: toHex(head.treeHead.rootHash) },
    events: (await readEverything(store)).map((s) => canonicalJson({ ...s, leafHash: toHex(s.leafHash) })),
    cases: await Promise.all(caseIds.map(async (id) => unwrap(await store.load(id), "load").length)),
    rows: await Promise.all(store.projections.map((p) => allRows(store, p.name))),
  };
}

/**
 * Every projection's rows equal a replay of the stored log through the reference semantics
 * (`applyProjectionWrites`), with `rule` and `cause` in the message of the first that differs.
 */
export async function expectRowsMatchReplay(
  store: EventStore,
  expect: SuiteRunner["expect"],
  rule: string,
  cause: string,
): Promise<void> {
  const reference = referenceRows(await readEverything(store), store.projections);
  for (const p of store.projections) {
    expect(
      sortRows(await allRows(store, p.name)),
      `${rule}: the rows of projection "${p.name}" differ from a replay of the stored log — ${cause}`,
    ).toEqual(sortRows(reference.get(p.name)?.values() ?? []));
  }
}
