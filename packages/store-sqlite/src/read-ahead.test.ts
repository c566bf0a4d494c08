// The read-ahead worker (readAhead): its field table splits exactly what the packed page
// holds, the worker really reads the pages (the equality tests in verify.test.ts would
// otherwise pass on the in-thread fallback alone), and a worker that cannot read leaves the
// store reading in its own thread.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { READ_LEAVES_PAGE_BYTES, verifyEventStore } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test, vi } from "vitest";
import { noteEvent as event } from "../test/events.js";
import { openSqliteStore } from "./index.js";
import { LeafReadAhead, packedPage, READ_AHEAD_FRESH_MS } from "./read-ahead.js";

/** A packed row as the SQL gives it, of the events given (the JSON joined by 0x0A, the texts by `\n`). */
const rowOf = (events: readonly { json: Uint8Array; hash: Uint8Array; seq: number | string }[]) => {
  const json = new Uint8Array(events.reduce((n, e) => n + e.json.length, 0) + events.length - 1);
  let at = 0;
  for (const [i, e] of events.entries()) {
    if (i > 0) json[at++] = 0x0a;
    json.set(e.json, at);
    at += e.json.length;
  }
  const hashes = new Uint8Array(32 * events.length);
  for (const [i, e] of events.entries()) hashes.set(e.hash, 32 * i);
  const seqs = events.map((e) => String(e.seq)).join(",");
  return [events.length, events.length, json, hashes, seqs, "ids", "types"];
};

describe("packedPage: the packed page's fields", () => {
  const leaf = fc.record({
    json: fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => (x === 0x0a ? 0x20 : x))),
    hash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    seq: fc.oneof(
      fc.nat({ max: 1000 }),
      fc.maxSafeInteger().map((n) => Math.abs(n)),
    ),
  });
  fcTest.prop([fc.array(leaf, { minLength: 1, maxLength: 20 })])(
    "splits any well-formed row back into each event's JSON end and seq",
    (events) => {
      const page = packedPage(rowOf(events), events.length, 32);
      expect(page).not.toBeNull();
      let at = 0;
      for (const [i, e] of events.entries()) {
        const end = page?.table[2 * i] as number;
        expect(page?.json.subarray(at, end)).toEqual(e.json);
        expect(page?.table[2 * i + 1]).toBe(e.seq);
        at = end + 1;
      }
    },
  );

  fcTest.prop([fc.array(leaf, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat({ max: 6 })])(
    "refuses a raw 0x0A in a JSON, a seq that is no unsigned safe integer, a count or check that does not match, a hash of another length",
    (events, pick, how) => {
      const i = pick % events.length;
      const e = events[i] as (typeof events)[number];
      const changed: { json: Uint8Array; hash: Uint8Array; seq: number | string }[] = [...events];
      let expected = events.length;
      let hashLength = 32;
      if (how === 0) changed[i] = { ...e, json: new Uint8Array([...e.json, 0x0a, 0x7b]) };
      else if (how === 1) changed[i] = { ...e, seq: -1 - (e.seq as number) };
      else if (how === 2) changed[i] = { ...e, seq: "9007199254740992" };
      else if (how === 3) changed[i] = { ...e, seq: `${e.seq}.0` };
      else if (how === 4) changed[i] = { ...e, seq: "" };
      else if (how === 5) expected = events.length + 1;
      else hashLength = 31;
      expect(packedPage(rowOf(changed), expected, hashLength)).toBeNull();
    },
  );

  test("a column of another type, no row, texts that are not strings", () => {
    const row = rowOf([{ json: new Uint8Array([0x7b, 0x7d]), hash: new Uint8Array(32), seq: 7 }]);
    expect([...(packedPage(row, 1, 32)?.table ?? [])]).toEqual([2, 7]);
    expect(packedPage([1, 0, ...row.slice(2)], 1, 32)).toBeNull();
    expect(packedPage(undefined, 1, 32)).toBeNull();
    expect(packedPage([...row.slice(0, 5), null, "t"], 1, 32)).toBeNull();
    expect(packedPage([...row.slice(0, 2), "{}", ...row.slice(3)], 1, 32)).toBeNull();
    expect(
      packedPage(rowOf([{ json: new Uint8Array(1), hash: new Uint8Array(32), seq: 2 ** 53 - 1 }]), 1, 32)?.table[1],
    ).toBe(2 ** 53 - 1);
  });
});

describe("the read-ahead worker", () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  // `events` events in streams of `perCase`, appended a stream at a time.
  const storeOf = async (events: number, perCase = 10) => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-read-ahead-"));
    dirs.push(dir);
    const writer = openSqliteStore({ dir })._unsafeUnwrap();
    for (let c = 0; c * perCase < events; c++) {
      const id = `case-${c}`;
      const n = Math.min(perCase, events - c * perCase);
      const batch = Array.from({ length: n }, (_, i) => event(id, i + 1, `记录 ${c}-${i}`));
      (await writer.append(id, 0, batch))._unsafeUnwrap();
    }
    await writer.close();
    return dir;
  };

  test("reads every page of a verification (not the fallback), and gives the same result", {
    timeout: 120_000,
  }, async () => {
    const dir = await storeOf(2_500, 100);
    const read = vi.spyOn(LeafReadAhead.prototype, "read");
    const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
    const plain = openSqliteStore({ dir })._unsafeUnwrap();
    const viaWorker = await verifyEventStore(ahead, { projections: false });
    const pages = await Promise.all(read.mock.results.map((r) => r.value as Promise<unknown>));
    // Three pages of 1,000 / 1,000 / 500 events and the read beyond the end: all from the worker.
    expect(pages.length).toBe(4);
    expect(pages.slice(0, 3).every((p) => p !== null)).toBe(true);
    expect(viaWorker._unsafeUnwrap().events).toBe(2_500);
    expect(viaWorker).toEqual(await verifyEventStore(plain, { projections: false }));
    read.mockClear();
    // The store without readAhead never asks a worker.
    await plain.readLeaves?.({ after: 0, limit: 10 });
    expect(read).not.toHaveBeenCalled();
    await ahead.close();
    await plain.close();
    // Closed: the store refuses, as without the worker.
    expect((await ahead.readLeaves?.({ after: 0, limit: 10 }))?.isErr()).toBe(true);
  });

  test("a worker that cannot open the file: every page read in this thread, the same leaves", {
    timeout: 60_000,
  }, async () => {
    const dir = await storeOf(30);
    const missing = LeafReadAhead.start({
      path: join(dir, "no-such.db"),
      timeout: 100,
      sizedSql: "SELECT 1",
      lengthsSql: "SELECT 1",
      packedSql: "SELECT 1",
      budget: READ_LEAVES_PAGE_BYTES,
      hashLength: 32,
      nodeRunSql: "SELECT 1",
    });
    expect(missing).not.toBeNull();
    expect(await missing?.read(0, 10)).toBeNull();
    expect(await missing?.readNodeRuns([{ level: 1, first: 0, count: 2 }])).toBeNull();
    await missing?.close();
    const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
    const plain = openSqliteStore({ dir })._unsafeUnwrap();
    // The worker's buffers arrive as plain Uint8Arrays, the driver's are Buffers: compare the bytes.
    const bytesOf = (page: Awaited<ReturnType<NonNullable<typeof plain.readLeaves>>> | undefined) =>
      page?._unsafeUnwrap().map((l) => ({ ...l, bytes: [...l.bytes], leafHash: [...l.leafHash] }));
    const expected = bytesOf(await plain.readLeaves?.({ after: 5, limit: 10 }));
    expect(expected?.length).toBe(10);
    expect(bytesOf(await ahead.readLeaves?.({ after: 5, limit: 10 }))).toEqual(expected);
    await ahead.close();
    await plain.close();
  });

  test("pages read ahead: never past the log's end, never older than READ_AHEAD_FRESH_MS", {
    timeout: 60_000,
  }, async () => {
    const dir = await storeOf(1_500, 100);
    const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
    const plain = openSqliteStore({ dir })._unsafeUnwrap();
    const bytesOf = (page: Awaited<ReturnType<NonNullable<typeof plain.readLeaves>>> | undefined) =>
      page?._unsafeUnwrap().map((l) => ({ ...l, bytes: [...l.bytes], leafHash: [...l.leafHash] }));
    // (0, 1000) is read; the worker reads on at 1000, where only 500 rows are: not kept.
    expect(bytesOf(await ahead.readLeaves?.({ after: 0, limit: 1_000 }))?.length).toBe(1_000);
    for (let c = 0; c < 6; c++) {
      const id = `late-${c}`;
      const batch = Array.from({ length: 100 }, (_, i) => event(id, i + 1, `后来 ${i}`));
      (await plain.append(id, 0, batch))._unsafeUnwrap();
    }
    expect(bytesOf(await ahead.readLeaves?.({ after: 1_000, limit: 1_000 }))?.length).toBe(1_000);
    // Pages read ahead of (0, 100): after the file changes and READ_AHEAD_FRESH_MS pass, the
    // next page is read again, and shows the change.
    await ahead.readLeaves?.({ after: 0, limit: 100 });
    const db = new Database(join(dir, "events.db"));
    db.prepare("UPDATE events SET leaf_hash = zeroblob(32) WHERE position = 150").run();
    db.close();
    await new Promise((resolve) => setTimeout(resolve, READ_AHEAD_FRESH_MS + 200));
    const page = bytesOf(await ahead.readLeaves?.({ after: 100, limit: 100 }));
    expect(page?.[49]?.leafHash).toEqual(new Array(32).fill(0));
    expect(page).toEqual(bytesOf(await plain.readLeaves?.({ after: 100, limit: 100 })));
    await ahead.close();
    await plain.close();
  });

  test("refuses a readAhead that is not a boolean, and ignores it for :memory:", async () => {
    const bad = openSqliteStore({ path: ":memory:", readAhead: "yes" as unknown as boolean });
    expect(bad.isErr() && bad.error.code).toBe("INVALID_INPUT");
    const read = vi.spyOn(LeafReadAhead.prototype, "read");
    const memory = openSqliteStore({ path: ":memory:", readAhead: true })._unsafeUnwrap();
    (await memory.append("a", 0, [event("a", 1, "记录")]))._unsafeUnwrap();
    expect((await memory.readLeaves?.({ after: 0, limit: 10 }))?._unsafeUnwrap().length).toBe(1);
    expect(read).not.toHaveBeenCalled();
    await memory.close();
  });
});
