// An example storage adapter, written from docs/storage-adapters.md with nothing but the
// public API of @sanxiang/core: the whole store is one JSON file, rewritten atomically
// (temp file + fsync + rename) on every change. Small and slow on purpose — it shows the
// shape of an adapter, and it passes the published conformance suite (store.test.ts).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import {
  applyProjectionWrites,
  checkAfterVersion,
  checkCaseId,
  checkProjectionKey,
  checkProjectionName,
  checkProjectionQuery,
  checkProjections,
  checkReadAllOptions,
  concurrencyConflict,
  decodeStoredEvent,
  EVENT_STORE_SPECIFICATION_VERSION,
  type EventStore,
  err,
  extendMerkleFrontier,
  fromHex,
  frontierTreeHead,
  type MerkleFrontier,
  ok,
  type Projection,
  type ProjectionRow,
  prepareAppend,
  projectEvent,
  queryProjectionRows,
  type Result,
  runSubscription,
  type SanxiangError,
  SignedTreeHeadSchema,
  type StoredEvent,
  sanxiangError,
  signedTreeHeadFromJson,
  signedTreeHeadToJson,
  storeClosed,
  storeCorrupt,
  storeHashAlgorithm,
  storeUnavailable,
  toHex,
} from "@sanxiang/core";

/** The file's shape: every value JSON, bytes as hex. */
interface FileState {
  format: 1;
  hash: "sha256" | "sm3";
  events: { position: number; caseId: string; seq: number; json: string; leafHash: string }[];
  frontier: { treeSize: number; nodes: string[] };
  rows: ProjectionRow[];
  projectionVersions: Record<string, number>;
  signedTreeHeads: Record<string, unknown>[];
}

/** Options of {@link openJsonFileStore}. */
export interface JsonFileStoreOptions {
  /** Directory holding `store.json`. */
  readonly dir: string;
  /** Hash algorithm of a new store (default sha256). */
  readonly hash?: "sha256" | "sm3";
  /** Projections to maintain. */
  readonly projections?: readonly Projection[];
}

/** Writes `text` to `path` atomically: a crash leaves the old file or the new one, never half of one. */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Opens (or creates) the store in `options.dir`. */
export function openJsonFileStore(options: JsonFileStoreOptions): Result<EventStore, SanxiangError> {
  const hash = storeHashAlgorithm(options.hash);
  const projections = checkProjections(options.projections ?? []);
  const path = join(options.dir, "store.json");
  // No state is kept in memory: every call reads the file, so what the store reports is
  // always what is on disk (and a changed byte on disk is what verifyEventStore sees).
  const read = (): Result<FileState, SanxiangError> => {
    try {
      return ok(JSON.parse(readFileSync(path, "utf8")) as FileState);
    } catch (cause) {
      return err(storeCorrupt("存储文件无法读取", { path }, cause));
    }
  };
  try {
    mkdirSync(options.dir, { recursive: true });
    if (!existsSync(path)) {
      const empty: FileState = {
        format: 1,
        hash: hash.name as "sha256" | "sm3",
        events: [],
        frontier: { treeSize: 0, nodes: [] },
        rows: [],
        projectionVersions: {},
        signedTreeHeads: [],
      };
      writeAtomically(path, JSON.stringify(empty));
    }
  } catch (cause) {
    return err(storeUnavailable("无法打开存储文件", cause, { path }));
  }
  const opened = read();
  if (opened.isErr()) return err(opened.error);
  const state = opened.value;
  if (state.hash !== hash.name) {
    return err(
      sanxiangError("INVALID_INPUT", `存储使用 ${state.hash}，不能以 ${hash.name} 打开`, { details: { path } }),
    );
  }
  const frontierOf = (s: FileState): MerkleFrontier => ({
    treeSize: s.frontier.treeSize,
    nodes: s.frontier.nodes.map((n) => fromHex(n)._unsafeUnwrap()),
  });
  const decoded = (s: FileState): Result<StoredEvent[], SanxiangError> => {
    const out: StoredEvent[] = [];
    for (const e of s.events) {
      const bytes = fromHex(e.leafHash);
      if (bytes.isErr())
        return err(storeCorrupt(`第 ${e.position} 号事件的叶子哈希无法解析`, { position: e.position }));
      const d = decodeStoredEvent({ position: e.position, json: e.json, leafHash: bytes.value }, hash);
      if (d.isErr()) return err(d.error);
      out.push(d.value);
    }
    return ok(out);
  };
  const rowsOf = (events: readonly StoredEvent[]) => {
    const rows = new Map<string, Map<string, ProjectionRow>>();
    for (const s of events) applyProjectionWrites(rows, projectEvent(projections, s.event), s.position);
    return [...rows.values()].flatMap((t) => [...t.values()]);
  };
  const save = (next: FileState): Result<void, SanxiangError> => {
    try {
      writeAtomically(path, JSON.stringify(next));
      return ok(undefined);
    } catch (cause) {
      return err(storeUnavailable("无法写入存储文件", cause, { path }));
    }
  };
  // Projections whose version changed since the file was written are rebuilt on opening.
  const versions = Object.fromEntries(projections.map((p) => [p.name, p.version]));
  if (JSON.stringify(versions) !== JSON.stringify(state.projectionVersions)) {
    const events = decoded(state);
    if (events.isErr()) return err(events.error);
    const saved = save({ ...state, rows: rowsOf(events.value), projectionVersions: versions });
    if (saved.isErr()) return err(saved.error);
  }

  let closed = false;
  const waiters: (() => void)[] = [];
  const subscriptions = new Set<{ close(): Promise<void> }>();
  const closedErr = () => Promise.resolve(err(storeClosed()));

  const store: EventStore = {
    specificationVersion: EVENT_STORE_SPECIFICATION_VERSION,
    capabilities: { durable: true, multiWriter: false, subscription: "push" },
    hashAlgorithm: hash.name as "sha256" | "sm3",
    projections,
    async load(caseId, loadOptions) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      const after = checkAfterVersion(loadOptions);
      if (after.isErr()) return err(after.error);
      const events = decoded({
        ...state,
        events: state.events.filter((e) => e.caseId === id.value && e.seq > after.value),
      });
      return events.map((list) => list.map((s) => s.event));
    },
    async append(caseId, expectedVersion, events) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const prepared = prepareAppend(caseId, expectedVersion, events, { hash, projections });
      if (prepared.isErr()) return err(prepared.error);
      const p = prepared.value;
      const version = state.events.filter((e) => e.caseId === p.caseId).length;
      if (version !== p.expectedVersion) return err(concurrencyConflict(p.caseId, p.expectedVersion, version));
      const frontier = extendMerkleFrontier(
        frontierOf(state),
        p.events.map((e) => e.leafHash),
        { hash },
      );
      if (frontier.isErr()) return err(frontier.error);
      if (p.events.length > 0) {
        const rows = new Map<string, Map<string, ProjectionRow>>();
        for (const r of state.rows) {
          const table = rows.get(r.projection) ?? new Map<string, ProjectionRow>();
          table.set(r.key, r);
          rows.set(r.projection, table);
        }
        const added = p.events.map((e, i) => {
          const position = state.events.length + i + 1;
          applyProjectionWrites(rows, e.writes, position);
          return { position, caseId: p.caseId, seq: e.event.seq, json: e.json, leafHash: toHex(e.leafHash) };
        });
        // One atomic file write: events, frontier and projection rows together, or none of them.
        const saved = save({
          ...state,
          events: [...state.events, ...added],
          frontier: { treeSize: frontier.value.treeSize, nodes: frontier.value.nodes.map(toHex) },
          rows: [...rows.values()].flatMap((t) => [...t.values()]),
        });
        if (saved.isErr()) return err(saved.error);
        for (const w of waiters.splice(0)) w();
      }
      return ok({ version: p.version, treeHead: frontierTreeHead(frontier.value, { hash }) });
    },
    async readAll(readOptions) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      return decoded({ ...state, events: state.events.slice(o.value.after, o.value.after + o.value.limit) });
    },
    async head() {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      return ok({ position: state.events.length, treeHead: frontierTreeHead(frontierOf(state), { hash }) });
    },
    subscribe(subscribeOptions) {
      const sub = runSubscription(
        {
          readAll: (o) => store.readAll(o),
          position: async () => (closed ? err(storeClosed()) : read().map((s) => s.events.length)),
          waitForMore: () => new Promise<void>((resolve) => waiters.push(resolve)),
        },
        subscribeOptions,
      );
      subscriptions.add(sub);
      return {
        close: async () => {
          subscriptions.delete(sub);
          await sub.close();
        },
      };
    },
    async getProjectionRow(projection, key) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const k = checkProjectionKey(key);
      if (k.isErr()) return err(k.error);
      return ok(state.rows.find((r) => r.projection === name.value && r.key === k.value) ?? null);
    },
    async queryProjection(projection, query) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const q = checkProjectionQuery(query);
      if (q.isErr()) return err(q.error);
      return ok(
        queryProjectionRows(
          state.rows.filter((r) => r.projection === name.value),
          q.value,
        ),
      );
    },
    async rebuildProjections() {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const events = decoded(state);
      if (events.isErr()) return err(events.error);
      const saved = save({ ...state, rows: rowsOf(events.value) });
      return saved.isErr() ? err(saved.error) : ok({ events: events.value.length });
    },
    async saveSignedTreeHead(head) {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const parsed = SignedTreeHeadSchema.safeParse(head);
      if (!parsed.success) return err(sanxiangError("INVALID_INPUT", "签名树头无效"));
      const h = parsed.data;
      if (h.treeSize > state.events.length) {
        return err(
          sanxiangError("MERKLE_TREE_SIZE_INVALID", `签名树头的大小 ${h.treeSize} 超出日志`, {
            details: { treeSize: h.treeSize },
          }),
        );
      }
      const heads = state.signedTreeHeads.map((j) => signedTreeHeadFromJson(j)._unsafeUnwrap());
      const kept = heads.find((k) => k.treeSize === h.treeSize);
      if (kept !== undefined) {
        if (toHex(kept.rootHash) !== toHex(h.rootHash) || kept.hashAlgorithm !== h.hashAlgorithm) {
          return err(sanxiangError("TREE_HEAD_CONFLICT", `已保存大小为 ${h.treeSize} 而根哈希不同的签名树头`));
        }
        // The same head signed again later (e.g. with a new key) replaces it; an older signing changes nothing.
        if (Date.parse(h.timestamp) <= Date.parse(kept.timestamp)) return ok(undefined);
      }
      const others = heads
        .filter((k) => k.treeSize !== h.treeSize)
        .map((k) => signedTreeHeadToJson(k) as Record<string, unknown>);
      return save({ ...state, signedTreeHeads: [...others, signedTreeHeadToJson(h) as Record<string, unknown>] });
    },
    async latestSignedTreeHead() {
      if (closed) return closedErr();
      const current = read();
      if (current.isErr()) return err(current.error);
      const state = current.value;
      const heads = state.signedTreeHeads.map((j) => signedTreeHeadFromJson(j));
      const bad = heads.find((h) => h.isErr());
      if (bad?.isErr()) return err(storeCorrupt("签名树头无法解析", {}, bad.error));
      const sorted = heads.map((h) => h._unsafeUnwrap()).sort((a, b) => b.treeSize - a.treeSize);
      return ok(sorted[0] ?? null);
    },
    async signedTreeHeads(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      const current = read();
      if (current.isErr()) return err(current.error);
      const heads = current.value.signedTreeHeads.map((j) => signedTreeHeadFromJson(j));
      const bad = heads.find((h) => h.isErr());
      if (bad?.isErr()) return err(storeCorrupt("签名树头无法解析", {}, bad.error));
      const sorted = heads
        .map((h) => h._unsafeUnwrap())
        .filter((h) => h.treeSize > o.value.after)
        .sort((a, b) => a.treeSize - b.treeSize);
      return ok(sorted.slice(0, o.value.limit));
    },
    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      for (const w of waiters.splice(0)) w();
    },
  };
  return ok(store);
}
