// Search shards built on a second thread. Building MiniSearch indexes is a large part of a
// full build's CPU time and needs nothing from the page rendering, so a worker thread does it
// while the main thread renders and writes pages. The worker is plain JavaScript given as
// source text (no file to locate, the same in the built package, under tsx and in tests); it
// loads the very MiniSearch copy this package resolves and the tokenizer's own source text —
// the same trick as the browser's search.js — so its shards are byte for byte the ones
// `renderShard` makes (a test checks it).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { renderShard, type SearchDoc } from "./feeds.js";
import { SEARCH_FIELDS, SEARCH_STORE_FIELDS, tokenizeChinese } from "./tokenize.js";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const MiniSearch = require(workerData.minisearch);
const tokenize = (0, eval)("(" + workerData.tokenizer + ")");
const options = { fields: workerData.fields, storeFields: workerData.storeFields, tokenize, processTerm: (t) => t };
parentPort.on("message", (m) => {
  try {
    const index = new MiniSearch(options);
    index.addAll(m.docs);
    parentPort.postMessage({ id: m.id, json: JSON.stringify(index) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.stack ? e.stack : e) });
  }
});
`;

/** Renders shards; `close` when done (a render still waiting then rejects). */
export interface ShardRenderer {
  render(docs: readonly SearchDoc[]): Promise<string>;
  close(): Promise<void>;
  /** How many shards the worker thread built (0 when inline or fallen back). */
  readonly builtOnWorker: () => number;
}

/** Shards on the calling thread (small updates: a worker's start-up would cost more). */
export const inlineShards: ShardRenderer = {
  render: async (docs) => renderShard(docs),
  close: async () => undefined,
  builtOnWorker: () => 0,
};

/** Shards on a worker thread; falls back to the calling thread if the worker fails. */
export function workerShards(): ShardRenderer {
  const require = createRequire(import.meta.url);
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  let built = 0;
  const waiting = new Map<
    number,
    { resolve: (json: string) => void; reject: (e: Error) => void; docs: readonly SearchDoc[] }
  >();
  const fail = () => {
    // Anything still waiting is rendered here instead.
    broken = true;
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.resolve(renderShard(w.docs));
    }
  };
  const start = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker !== undefined) return worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          minisearch: require.resolve("minisearch"),
          tokenizer: tokenizeChinese.toString(),
          fields: [...SEARCH_FIELDS],
          storeFields: [...SEARCH_STORE_FIELDS],
        },
      });
    } catch {
      broken = true;
      return undefined;
    }
    worker.on("message", (m: { id: number; json?: string; error?: string }) => {
      const w = waiting.get(m.id);
      if (w === undefined) return;
      waiting.delete(m.id);
      if (m.json !== undefined) built += 1;
      w.resolve(m.json ?? renderShard(w.docs));
    });
    worker.on("error", fail);
    worker.on("exit", fail);
    return worker;
  };
  return {
    builtOnWorker: () => built,
    render(docs) {
      const w = start();
      if (w === undefined) return Promise.resolve(renderShard(docs));
      const id = next++;
      return new Promise<string>((resolve, reject) => {
        waiting.set(id, { resolve, reject, docs });
        w.postMessage({ id, docs });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      broken = true;
      if (w !== undefined) {
        w.removeAllListeners("exit");
        await w.terminate();
      }
      // A shard still being built when the change was given up is never delivered.
      for (const [id, waiter] of waiting) {
        waiting.delete(id);
        waiter.reject(new Error("search shard renderer closed"));
      }
    },
  };
}
