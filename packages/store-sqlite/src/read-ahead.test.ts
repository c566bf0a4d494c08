// The read-ahead worker (readAhead): its field table parses exactly what the packed page
// states, the worker really reads the pages (the equality tests in verify.test.ts would
// otherwise pass on the in-thread fallback alone), and a worker that cannot read leaves the
// store reading in its own thread.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { type CaseEvent, READ_LEAVES_PAGE_BYTES, verifyEventStore } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test, vi } from "vitest";
import { openSqliteStore } from "./index.js";
import { LeafReadAhead, packedTable, READ_AHEAD_FRESH_MS } from "./read-ahead.js";

const event = (caseId: string, seq: number, note: string): CaseEvent => ({
  caseId,
  seq,
  type: seq === 1 ? "case.filed" : "case.noted",
  at: "2026-03-10T02:00:00Z",
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "investigation",
  payload: { note },
});

/** The reference parse: the pattern, then split and Number (what the reader did before the table). */
function reference(count: number, meta: string, text: string): number[] | null {
  if (!/^\d+(,\d+){5}(;\d+(,\d+){5})*$/.test(meta) || /[\uD800-\uDFFF]/.test(text)) return null;
  const fields = meta.split(/[,;]/).map(Number);
  return fields.length === 6 * count ? fields : null;
}

describe("packedTable: the packed page's fields", () => {
  const field = fc.oneof(
    fc.nat({ max: 1000 }),
    fc.maxSafeInteger().map((n) => Math.abs(n)),
  );
  fcTest.prop([
    fc.array(fc.array(field, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 20 }),
    fc.string(),
  ])("equals the reference parse on any well-formed meta text", (rows, text) => {
    const meta = rows.map((r) => r.join(",")).join(";");
    const table = packedTable(rows.length, meta, text);
    const expected = reference(rows.length, meta, text);
    expect(table === null ? null : [...table]).toEqual(expected);
    if (!/[\uD800-\uDFFF]/.test(text)) expect(table === null ? null : [...table]).toEqual(rows.flat());
  });

  fcTest.prop([fc.string({ maxLength: 60 }), fc.nat({ max: 4 })])(
    "refuses what the reference refuses, on any text",
    (meta, count) => {
      const table = packedTable(count, meta, "");
      // Beyond 2^53 − 1 the reference's Number() rounds: the table refuses such a field instead.
      const fields = reference(count, meta, "");
      if (fields?.every((f) => Number.isSafeInteger(f)) === false) expect(table).toBeNull();
      else expect(table === null ? null : [...table]).toEqual(fields);
    },
  );

  test("a column of another type, a wrong count, a surrogate in the ids", () => {
    expect(packedTable(1, "1,2,32,1,x,7", "ab")).toBeNull();
    expect(packedTable(2, "1,2,32,1,1,7", "ab")).toBeNull();
    expect(packedTable(1, "1,2,32,1,1,7", "c😀")).toBeNull();
    expect(packedTable(1, null, "ab")).toBeNull();
    expect(packedTable(1, "1,2,32,1,9007199254740992,7", "ab")).toBeNull();
    expect([...(packedTable(1, "1,2,32,1,9007199254740991,7", "ab") ?? [])]).toEqual([1, 2, 32, 1, 2 ** 53 - 1, 7]);
    expect([...(packedTable(1, "1,2,32,1,1,7", "ab") ?? [])]).toEqual([1, 2, 32, 1, 1, 7]);
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
      lengthsSql: "SELECT 1",
      packedSql: "SELECT 1",
      budget: READ_LEAVES_PAGE_BYTES,
    });
    expect(missing).not.toBeNull();
    expect(await missing?.read(0, 10)).toBeNull();
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
