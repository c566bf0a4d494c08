// 证据来源出错 — the failing-source group of the evidence-store conformance suite: Node-style streams,
// web streams and hostile values that break, each a typed Err with nothing stored.
import type { EvidenceStore } from "@sanxiang/core";
import type { EvidenceStoreSuiteOptions } from "./evidence-store.js";
import {
  bytesOf,
  chunked,
  hashOf,
  hostile,
  keyOf,
  listKeys,
  NodeStyleSource,
  outcome,
  PREFIX,
  rule,
  settled,
  sleep,
  snapshot,
} from "./evidence-store-support.js";
import type { SuiteRunner } from "./harness.js";

/** A web `ReadableStream` constructor, where the runtime has one that is async iterable. */
type ReadableStreamLike = new (source: {
  start?(controller: { enqueue(chunk: Uint8Array): void; error(e: unknown): void }): void;
  pull?(controller: { enqueue(chunk: Uint8Array): void; error(e: unknown): void }): void | Promise<void>;
}) => AsyncIterable<Uint8Array>;

function webReadableStream(): ReadableStreamLike | undefined {
  const RS = (globalThis as { ReadableStream?: unknown }).ReadableStream;
  if (typeof RS !== "function") return undefined;
  const proto = (RS as { prototype?: Record<PropertyKey, unknown> }).prototype;
  return typeof proto?.[Symbol.asyncIterator] === "function" ? (RS as ReadableStreamLike) : undefined;
}

/**
 * Sources that fail (证据来源出错) — the crash of a Node process on an unheard stream
 * `'error'`, and every other way a source breaks: before its first chunk, part-way, a
 * stream destroyed before it ended, a web `ReadableStream` that errors, values whose every
 * property read throws. Each is a typed `Err` (never a throw, never a rejected promise,
 * never `Ok` with what arrived), nothing is stored, and the source is released.
 */
export function evidenceSourceTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const failed = rule(
    "a source that fails is EVIDENCE_STORE_FAILED and stores nothing",
    "the source's error is taken for its end (an empty or partial content stored), or not caught",
  );
  const enoent = () =>
    Object.assign(new Error("ENOENT: no such file or directory, open 'video.mp4'"), { code: "ENOENT" });

  test(
    `${PREFIX}: a source that fails before its first chunk is EVIDENCE_STORE_FAILED with the error as cause, not empty content`,
    async () => {
      const store = await options.factory();
      const cause = new Error("upload refused by the device");
      const sources: [string, () => unknown][] = [
        [
          "throws at the first next()",
          () => ({
            async *[Symbol.asyncIterator]() {
              yield* [];
              throw cause;
            },
          }),
        ],
        [
          "next() throws synchronously",
          () => ({
            [Symbol.asyncIterator]: () => ({
              next: () => {
                throw cause;
              },
            }),
          }),
        ],
        [
          "[Symbol.asyncIterator]() throws",
          () => ({
            [Symbol.asyncIterator]: () => {
              throw cause;
            },
          }),
        ],
      ];
      for (const [name, make] of sources) {
        const r = await (store.put as (c: unknown) => ReturnType<EvidenceStore["put"]>)(make()).catch((e) => e);
        expect(`${name}: ${outcome(r)}`, failed).toBe(`${name}: Err EVIDENCE_STORE_FAILED`);
        expect((r as { error?: { cause?: unknown } }).error?.cause, `${name}: the cause is the source's error`).toBe(
          cause,
        );
      }
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: a Node stream that errors before or while the store reads it is EVIDENCE_STORE_FAILED, never an unheard 'error' (a crash)`,
    async () => {
      const store = await options.factory();
      const moments: [string, Uint8Array[], () => Promise<void>][] = [
        ["at once, before put's first await", [], async () => undefined],
        ["after a macrotask", [], () => sleep(0)],
        ["after 20 ms", [], () => sleep(20)],
        ["after the first chunk", [bytesOf("first 64 KiB of the video")], () => sleep(10)],
      ];
      for (const [when, chunks, wait] of moments) {
        const source = new NodeStyleSource(chunks);
        const pending = settled(store.put(source as unknown as AsyncIterable<Uint8Array>));
        await wait();
        source.fail(enoent());
        expect(
          source.unheard.length,
          rule(
            `a source's 'error' is always heard (it errored ${when})`,
            "put awaits something (a directory, a connection, a temporary file) before it listens to or reads the " +
              "source: in Node an 'error' nobody listens to crashes the process. Wrap put in guardEvidencePut",
          ),
        ).toBe(0);
        expect(`${when}: ${await pending}`, failed).toBe(`${when}: Err EVIDENCE_STORE_FAILED`);
      }
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: put releases the source: a stream it does not read to the end is destroyed, and its later 'error' is heard`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("0123456789");
      const cases: [string, unknown, string][] = [
        ["malformed options", { algorithm: "md5" }, "Err INVALID_INPUT"],
        ["larger than announced", { expectedSize: 3 }, "Err EVIDENCE_TAMPERED"],
      ];
      for (const [why, putOptions, expected] of cases) {
        const source = new NodeStyleSource([data, data]);
        const r = await settled(
          (store.put as (c: unknown, o: unknown) => ReturnType<EvidenceStore["put"]>)(source, putOptions),
        );
        expect(`${why}: ${r}`).toBe(`${why}: ${expected}`);
        expect(
          source.destroyed,
          rule(
            `put destroys a stream it leaves unread (${why})`,
            "put returns early without releasing the source: the file stays open and its later errors go unheard",
          ),
        ).toBe(true);
        source.fail(enoent());
        expect(source.unheard.length, rule("a source's 'error' is always heard", `put left it (${why})`)).toBe(0);
      }
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: a stream destroyed before its end is EVIDENCE_STORE_FAILED, not the content that arrived`,
    async () => {
      const store = await options.factory();
      const source = new NodeStyleSource([bytesOf("part of a video")]);
      const pending = settled(store.put(source as unknown as AsyncIterable<Uint8Array>));
      await sleep(10);
      source.destroy();
      expect(await pending, failed).toBe("Err EVIDENCE_STORE_FAILED");
      const early = new NodeStyleSource([]);
      early.destroy();
      expect(await settled(store.put(early as unknown as AsyncIterable<Uint8Array>)), failed).toBe(
        "Err EVIDENCE_STORE_FAILED",
      );
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  const RS = webReadableStream();
  if (RS !== undefined) {
    test(
      `${PREFIX}: a web ReadableStream that errors, at once or after a chunk, is EVIDENCE_STORE_FAILED`,
      async () => {
        const store = await options.factory();
        const cause = new Error("fetch body aborted");
        const atOnce = new RS({ start: (c) => c.error(cause) });
        let pulls = 0;
        const later = new RS({
          pull: (c) => {
            if (pulls++ === 0) c.enqueue(bytesOf("first chunk"));
            else c.error(cause);
          },
        });
        for (const [name, source] of [
          ["at once", atOnce],
          ["after a chunk", later],
        ] as const) {
          expect(`${name}: ${await settled(store.put(source))}`, failed).toBe(`${name}: Err EVIDENCE_STORE_FAILED`);
        }
        expect(await snapshot(store, options), failed).toEqual([]);
      },
      timeout,
    );
  }

  test(
    `${PREFIX}: put and the lookups never throw nor reject, whatever they are given (values whose every read throws)`,
    async () => {
      const store = await options.factory();
      type Loose = Record<
        "get" | "stat" | "has" | "verify" | "put",
        (...args: unknown[]) => Promise<{ isOk(): boolean }>
      >;
      const loose = store as unknown as Loose;
      const data = bytesOf("data");
      // Each is refused, except the last: an async iterable of bytes whose `on` throws is still content.
      const contents: [string, unknown][] = [
        ["a Proxy whose traps throw", hostile()],
        [
          "a throwing [Symbol.asyncIterator] getter",
          Object.defineProperty({}, Symbol.asyncIterator, {
            get() {
              throw new Error("getter");
            },
          }),
        ],
        ["an iterator that is null", { [Symbol.asyncIterator]: () => null }],
        ["steps that are null", { [Symbol.asyncIterator]: () => ({ next: async () => null }) }],
        ["a hostile chunk", chunked([data, hostile()])],
        [
          "an 'on' that throws",
          Object.assign(chunked([data]), {
            on() {
              throw new Error("on");
            },
          }),
        ],
      ];
      const thrown = rule(
        "no method throws or rejects: every failure is a Result",
        "the store reads the content or option (content.length, instanceof, a property) before checking it",
      );
      for (const [i, [name, content]] of contents.entries()) {
        const r = await settled(loose.put(content));
        const expected = i === contents.length - 1 ? "Ok" : "Err";
        expect(`${name}: ${r.startsWith("Err ") ? "Err" : r}`, thrown).toBe(`${name}: ${expected}`);
      }
      expect(`options: ${await settled(loose.put(data, hostile()))}`, thrown).toBe("options: Err INVALID_INPUT");
      for (const method of ["get", "stat", "has", "verify"] as const) {
        expect(`${method}: ${await settled(loose[method](hostile()))}`, thrown).toBe(`${method}: Err INVALID_INPUT`);
      }
      expect(await listKeys(store)).toEqual([keyOf(hashOf(data, store.capabilities.algorithms[0]))]);
    },
    timeout,
  );
}
