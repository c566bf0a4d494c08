// verifyEventStore on the SQLite store: its raw reads (readLeaves, readProjectionRows) agree
// with readAll / queryProjection, and what is changed in the file is found on both paths.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import {
  type CaseEvent,
  type EventStore,
  type Result,
  type SanxiangError,
  signAndSaveTreeHead,
  testSigner,
  verifyEventStore,
} from "@sanxiang/core";
import Database from "better-sqlite3";
import { describe, expect } from "vitest";
import { openSqliteStore } from "./index.js";

const event = (caseId: string, seq: number, note: string): CaseEvent => ({
  caseId,
  seq,
  type: seq === 1 ? "case.filed" : "case.noted",
  at: "2026-03-10T02:00:00Z",
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "investigation",
  payload: { note },
});
const codeOf = (r: Result<unknown, SanxiangError>) => (r.isErr() ? r.error.code : undefined);
const withoutRawReads = (store: EventStore): EventStore => {
  const { readLeaves: _leaves, readProjectionRows: _rows, ...rest } = store;
  return rest;
};

describe("verifyEventStore on SQLite: fast path and fallback", () => {
  fcTest.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 25 }),
      fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 3 }),
      fc.constantFrom("none", "leafHash", "headRoot", "projectionCount", "projectionDelete"),
    ],
    { numRuns: 15 },
  )("agree on any log, sound or changed in the file; a change is found", async (appends, signAt, change) => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-verify-sqlite-"));
    try {
      const store = openSqliteStore({ dir })._unsafeUnwrap();
      const versions = new Map<string, number>();
      for (const [c, note] of appends) {
        const id = `case-${c}`;
        const v = versions.get(id) ?? 0;
        const receipt = (await store.append(id, v, [event(id, v + 1, note)]))._unsafeUnwrap();
        versions.set(id, v + 1);
        if (signAt.includes(receipt.treeHead.treeSize)) {
          (
            await signAndSaveTreeHead(store, testSigner(), { logId: "b", timestamp: "2026-03-10T03:00:00Z" })
          )._unsafeUnwrap();
        }
      }
      const db = new Database(join(dir, "events.db"));
      const hasHead = (db.prepare("SELECT count(*) FROM signed_tree_heads").pluck().get() as number) > 0;
      if (change === "leafHash") {
        db.prepare("UPDATE events SET leaf_hash = zeroblob(32) WHERE position = 1").run();
      } else if (change === "headRoot" && hasHead) {
        const row = db.prepare("SELECT tree_size, json FROM signed_tree_heads LIMIT 1").get() as {
          tree_size: number;
          json: string;
        };
        const json = JSON.parse(row.json) as { rootHash: string };
        json.rootHash = `${json.rootHash[0] === "0" ? "1" : "0"}${json.rootHash.slice(1)}`;
        db.prepare("UPDATE signed_tree_heads SET json = ? WHERE tree_size = ?").run(
          JSON.stringify(json),
          row.tree_size,
        );
      } else if (change === "projectionCount") {
        db.prepare(
          "UPDATE projection_rows SET count = count + 1 WHERE key = (SELECT min(key) FROM projection_rows)",
        ).run();
      } else if (change === "projectionDelete") {
        db.prepare("DELETE FROM projection_rows WHERE key = (SELECT min(key) FROM projection_rows)").run();
      }
      db.close();
      const fast = await verifyEventStore(store);
      const slow = await verifyEventStore(withoutRawReads(store));
      expect(codeOf(slow)).toBe(codeOf(fast));
      const expected = {
        none: undefined,
        leafHash: "EVENT_HASH_MISMATCH",
        headRoot: hasHead ? "MERKLE_ROOT_MISMATCH" : undefined,
        projectionCount: "PROJECTION_MISMATCH",
        projectionDelete: "PROJECTION_MISMATCH",
      }[change];
      expect(codeOf(fast)).toBe(expected);
      if (fast.isOk() && slow.isOk()) {
        expect(fast.value.readPath).toBe("leaves");
        expect({ ...slow.value, readPath: "leaves" }).toEqual(fast.value);
      }
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
