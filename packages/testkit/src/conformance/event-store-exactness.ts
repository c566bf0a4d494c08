// 精确存储 — the second half of the append group of the event-store conformance suite: large
// events, projection keys and case ids stored exactly or refused.
import {
  type CaseEvent,
  canonicalJson,
  eventLeafBytes,
  merkleLeafHash,
  type ProjectionQuery,
  queryProjectionRows,
  toHex,
  verifyEventStore,
} from "@sanxiang/core";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvent } from "./event-store-fixtures.js";
import {
  codeOf,
  expectRowsMatchReplay,
  merkleOptions,
  readEverything,
  referenceRows,
  show,
  unwrap,
  utf8Length,
} from "./event-store-support.js";

/**
 * 精确存储 — part of {@link eventStoreAppendTests}: events of 64 KiB to 4 MiB, projection keys and
 * sort keys, and case ids are stored exactly as given or refused, never merged or cut.
 */
export function appendExactnessTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;

  test(
    "events of 64 KiB to 4 MiB are stored and read back exactly",
    () =>
      withStore(async (store) => {
        // Three-byte characters: the UTF-8 text passes 64 KiB, 1 MiB and 4 MiB.
        const sizes = [65_540, 1 << 20, 4 << 20];
        const events = sizes.map((bytes, i) =>
          testEvent("big", i + 1, { text: `${"现".repeat(Math.ceil(bytes / 3))}尾`, size: bytes }),
        );
        for (const [i, e] of events.entries()) {
          unwrap(await store.append("big", i, [e]), `append of an event of ${sizes[i]} bytes`);
        }
        const cause =
          "is the column large enough (MySQL TEXT holds 64 KiB: use MEDIUMTEXT or LONGTEXT) and the SQL mode strict, so nothing is cut silently?";
        const loaded = await store.load("big");
        expect(codeOf(loaded), `loading events of up to 4 MiB failed: ${cause}`).toBe(undefined);
        const got = unwrap(loaded, "load");
        expect(got.length).toBe(events.length);
        for (const [i, e] of events.entries()) {
          const want = canonicalJson(e);
          const back = got[i] === undefined ? "" : canonicalJson(got[i] as CaseEvent);
          expect(back.length, `an event of ${utf8Length(want)} bytes came back with another length: ${cause}`).toBe(
            want.length,
          );
          expect(back === want, `an event of ${utf8Length(want)} bytes came back changed: ${cause}`).toBe(true);
        }
        const stored = await readEverything(store);
        expect(
          stored.map((s) => toHex(s.leafHash)),
          "leaf hashes of large events must cover their whole canonical JSON",
        ).toEqual(events.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), merkleOptions(store.hashAlgorithm)))));
        if (options.readRaw !== undefined) {
          const raw = await options.readRaw(store);
          expect(
            raw.map((r) => r.json.length),
            `the stored text of large events must be the whole canonical JSON: ${cause}`,
          ).toEqual(events.map((e) => canonicalJson(e).length));
        }
        unwrap(await verifyEventStore(store), "verifyEventStore");
      }),
    timeout * 2,
  );

  test(
    "projection keys and sort keys are stored exactly or refused: trailing spaces, NUL, case, astral characters, long keys — never merged or cut",
    () =>
      withStore(async (store) => {
        const long = (n: number, last: string) => `${"k".repeat(n - 1)}${last}`;
        // CJK without repetition (3 600 bytes): what a database's compression does not shrink.
        const scattered = (last: string) =>
          `${Array.from({ length: 1199 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join("")}${last}`;
        const keys = [
          "a",
          "a ",
          "a  ",
          " a",
          "A",
          "a\t",
          "a\u0000",
          "a\u0000b",
          "\u{1F600}",
          "\u{1F600} ",
          "\u{1F601}",
          "\u00e9",
          "e\u0301",
          "\u00df",
          "ss",
          long(191, "1"),
          long(191, "2"),
          long(255, "1"),
          long(255, "2"),
          long(256, "1"),
          long(256, "2"),
          long(767, "1"),
          long(767, "2"),
          long(1024, "1"),
          long(1024, "2"),
          `${"中".repeat(1000)}1`,
          `${"中".repeat(1000)}2`,
          scattered("1"),
          scattered("2"),
        ];
        const accepted: string[] = [];
        for (const key of keys) {
          const r = await store.append("keys", accepted.length, [
            testEvent("keys", accepted.length + 1, { key, sortKey: key }),
          ]);
          if (r.isOk()) accepted.push(key);
          else {
            expect(
              codeOf(r),
              `the key ${show(key)} was refused with ${codeOf(r)}: a key the storage cannot hold exactly must be refused with INVALID_INPUT before anything is written`,
            ).toBe("INVALID_INPUT");
          }
        }
        const merged =
          "keys must be stored exactly: a PAD SPACE collation (MySQL utf8mb4_bin, utf8mb4_general_ci) makes 'a' and 'a ' one row, a case- or accent-insensitive one merges 'a' and 'A', a short column cuts long keys (use VARBINARY / a binary NO PAD collation, or COLLATE \"C\")";
        for (const [i, key] of accepted.entries()) {
          const row = unwrap(await store.getProjectionRow("conformance", key), "getProjectionRow");
          expect(row?.key, `the row of key ${show(key)} read back with another key: ${merged}`).toBe(key);
          expect(row?.sortKey, `the sort key ${show(key)} read back changed: ${merged}`).toBe(key);
          expect(row?.value, `the row of key ${show(key)} holds another event's value: ${merged}`).toEqual({
            seq: i + 1,
            type: "test.recorded",
          });
        }
        await expectRowsMatchReplay(
          store,
          expect,
          "keys that differ only by trailing spaces, NUL, case or length",
          merged,
        );
        const reference = [
          ...(referenceRows(await readEverything(store), store.projections)
            .get("conformance")
            ?.values() ?? []),
        ];
        const queries: ProjectionQuery[] = [
          { limit: 10_000 },
          { sortKeyFrom: "a", sortKeyTo: "a" },
          { sortKeyFrom: "a " },
          { sortKeyTo: "A" },
          { keyPrefix: "a " },
          { keyPrefix: "a\u0000" },
          { keyPrefix: long(255, "") },
          { sortKeyFrom: "\u{1F600}", sortKeyTo: "\u{1F600} " },
        ];
        for (const q of queries) {
          const r = await store.queryProjection("conformance", q);
          if (r.isErr()) {
            expect(codeOf(r), `query ${JSON.stringify(q)} failed: only INVALID_INPUT may refuse a query`).toBe(
              "INVALID_INPUT",
            );
            continue;
          }
          expect(
            r.value.map((row) => row.key),
            `query ${JSON.stringify(q)}: rows and their order must be those of code-point comparison — ${merged}`,
          ).toEqual(queryProjectionRows(reference, q).map((row) => row.key));
        }
      }),
    timeout,
  );

  test(
    "case ids are compared exactly: case variants and ids of the maximum length (128) are different cases",
    () =>
      withStore(async (store) => {
        const ids = ["case-k", "Case-K", "CASE-K", "case-k.", `${"k".repeat(127)}1`, `${"k".repeat(127)}2`];
        ids.push(`${"K".repeat(127)}1`);
        const events = ids.map((id, i) => testEvent(id, 1, { n: i }));
        const merged =
          "every valid case id (IdSchema: up to 128 characters) is its own stream: a case-insensitive collation or a short column merges them";
        for (const [i, id] of ids.entries()) {
          const r = await store.append(id, 0, [events[i] as CaseEvent]);
          expect(codeOf(r), `appending the first event of case ${id} failed: ${merged}`).toBe(undefined);
        }
        for (const [i, id] of ids.entries()) {
          expect(
            unwrap(await store.load(id), "load").map(canonicalJson),
            `case ${id} loaded other events: ${merged}`,
          ).toEqual([canonicalJson(events[i] as CaseEvent)]);
        }
        if (options.readRaw !== undefined) {
          const raw = await options.readRaw(store);
          expect(
            raw.map((r) => [r.caseId, r.seq]),
            `the raw caseId and seq columns must be the events' own: ${merged}`,
          ).toEqual(ids.map((id) => [id, 1]));
        }
      }),
    timeout,
  );
}
