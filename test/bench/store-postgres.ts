// PostgreSQL event store benchmark: appends through @sanxiang/store-postgres against raw `pg`
// inserts of the same rows (same batches, one transaction per append, same pool size) in the
// same run; and loading one case's stream from a log of 1M stored events against a raw
// SELECT + JSON.parse of the same rows. No assertion: it prints figures for docs/benchmarks.md.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     node --conditions=@sanxiang/source --import tsx test/bench/store-postgres.ts [appends] [events]
//
// Appends: `appends` sequential appends of 1 event, then `appends` / 4 of 10 events, to 100 cases in turn,
// each side in its own fresh schema, alternating rounds so both see the same server state.
// The baseline inserts rows precomputed outside the timing (canonical JSON and leaf hash);
// the store validates, serialises, hashes, extends the Merkle frontier, writes the default
// projections and NOTIFYs — that is the difference measured.
//
// The 1M log: filler rows made by generate_series inside PostgreSQL (valid canonical event
// JSON, leaf hashes by the server's sha256, 1,000 cases of 1,000 events interleaved), the log
// head then set from those leaf hashes; the measured case is one of the 1,000 (its events are
// scattered over the whole table), and 10 real appends through the store follow on top.
import { createRequire } from "node:module";
import {
  type CaseEvent,
  CaseEventSchema,
  canonicalJson,
  emptyMerkleFrontier,
  encodeMerkleFrontier,
  eventLeafBytes,
  extendMerkleFrontier,
  merkleLeafHash,
  toHex,
} from "@sanxiang/core";
import { openPostgresStore } from "@sanxiang/store-postgres";
import { testEvents } from "@sanxiang/testkit/conformance";

const url = process.env.DATABASE_URL;
if (url === undefined || url === "") {
  console.error("store-postgres bench: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
  process.exit(2);
}
const APPENDS = Number(process.argv[2] ?? 2_000);
const TOTAL = Number(process.argv[3] ?? 1_000_000);
const CASES = 100;
const ROUNDS = 5;
const POOL = 4;

// `pg` is a dependency of the adapter, not of the workspace root: load the adapter's copy.
interface PgResult {
  rows: Record<string, unknown>[];
}
interface PgClient {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  release(): void;
}
interface PgPool {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: "error", listener: () => void): void;
}
const pg = createRequire(import.meta.resolve("@sanxiang/store-postgres"))("pg") as {
  Pool: new (config: { connectionString: string; max: number }) => PgPool;
};

const admin = new pg.Pool({ connectionString: url, max: 2 });
admin.on("error", () => {});
const stamp = `${process.pid}_${Math.floor(performance.now())}`;
const schemas: string[] = [];
const schema = (name: string) => {
  const s = `bench_${name}_${stamp}`;
  schemas.push(s);
  return s;
};
const ms = (t: number) => performance.now() - t;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

try {
  // ---- appends ----
  const appendFigures: string[] = [];
  for (const batch of APPENDS > 0 ? [1, 10] : []) {
    const store = (
      await openPostgresStore({ connectionString: url, schema: schema(`store_b${batch}`), poolSize: POOL })
    )._unsafeUnwrap();
    const rawSchema = schema(`raw_b${batch}`);
    await admin.query(`CREATE SCHEMA ${rawSchema}`);
    await admin.query(`CREATE TABLE ${rawSchema}.events (
      position BIGINT PRIMARY KEY, case_id TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, type TEXT COLLATE "C" NOT NULL,
      json TEXT NOT NULL, leaf_hash BYTEA NOT NULL, UNIQUE (case_id, seq))`);
    const raw = new pg.Pool({ connectionString: url, max: POOL });
    raw.on("error", () => {});
    const versions = { store: new Map<string, number>(), raw: new Map<string, number>() };
    let rawPosition = 0;
    const next = (side: "store" | "raw", i: number): CaseEvent[] => {
      const caseId = `case-${i % CASES}`;
      const from = versions[side].get(caseId) ?? 0;
      versions[side].set(caseId, from + batch);
      return testEvents(caseId, from, batch, (seq) => ({ seq, note: "现场检查笔录", officer: "officer-0042" }));
    };
    const runStore = async (n: number, offset: number) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) {
        const events = next("store", offset + i);
        const first = events[0] as CaseEvent;
        (await store.append(first.caseId, first.seq - 1, events))._unsafeUnwrap();
      }
      return ms(t);
    };
    const runRaw = async (n: number, offset: number) => {
      // Rows precomputed outside the timing: what the store has to compute itself.
      const rows = Array.from({ length: n }, (_, i) =>
        next("raw", offset + i).map((e) => ({ e, json: canonicalJson(e), leaf: merkleLeafHash(eventLeafBytes(e)) })),
      );
      const t = performance.now();
      for (const events of rows) {
        const client = await raw.connect();
        try {
          await client.query("BEGIN");
          const positions = events.map(() => ++rawPosition);
          await client.query(
            `INSERT INTO ${rawSchema}.events (position, case_id, seq, type, json, leaf_hash)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bytea[])`,
            [
              positions,
              events.map((r) => r.e.caseId),
              events.map((r) => r.e.seq),
              events.map((r) => r.e.type),
              events.map((r) => r.json),
              events.map((r) => r.leaf),
            ],
          );
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }
      return ms(t);
    };
    const n = Math.max(1, Math.floor(batch === 1 ? APPENDS : APPENDS / 4));
    await runStore(100, 0);
    await runRaw(100, 0);
    const times = { store: [] as number[], raw: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const offset = 100 + round * n;
      if (round % 2 === 0) {
        times.store.push(await runStore(n, offset));
        times.raw.push(await runRaw(n, offset));
      } else {
        times.raw.push(await runRaw(n, offset));
        times.store.push(await runStore(n, offset));
      }
    }
    const s = median(times.store);
    const r = median(times.raw);
    appendFigures.push(
      `| ${batch} | ${fmt(n)} | ${fmt((n * 1000) / s)} appends/s (${fmt((n * batch * 1000) / s)} events/s) | ` +
        `${fmt((n * 1000) / r)} appends/s | **${fmt(s / r, 2)}×** |`,
    );
    await store.close();
    await raw.end();
  }
  if (appendFigures.length > 0) {
    console.log(`\nAppends, sequential, one transaction each (median of ${ROUNDS} rounds):\n`);
    console.log(
      "| events per append | appends per round | @sanxiang/store-postgres | raw pg (baseline) | time ratio |",
    );
    console.log("| --- | --- | --- | --- | --- |");
    for (const line of appendFigures) console.log(line);
  }

  // ---- a 1M-event log ----
  const big = schema("load");
  const opened = (await openPostgresStore({ connectionString: url, schema: big, poolSize: POOL }))._unsafeUnwrap();
  await opened.close();
  const cases = 1_000;
  const perCase = TOTAL / cases;
  let t = performance.now();
  const chunk = 100_000;
  for (let from = 1; from <= TOTAL; from += chunk) {
    await admin.query(
      `INSERT INTO ${big}.events (position, case_id, seq, type, json, leaf_hash)
       SELECT i, 'case-' || ((i - 1) % $3), (i - 1) / $3 + 1, 'test.recorded', j, sha256('\\x00'::bytea || convert_to(j, 'UTF8'))
       FROM generate_series($1::bigint, $2::bigint) AS i,
       LATERAL (SELECT '{"actor":{"id":"officer-1","roles":["officer"]},"at":"2025-03-03T01:00:00.000Z","caseId":"case-' ||
         ((i - 1) % $3) || '","payload":{"n":' || i || ',"note":"现场检查笔录"},"seq":' || ((i - 1) / $3 + 1) ||
         ',"stage":"investigation","type":"test.recorded"}' AS j) AS e`,
      [from, Math.min(from + chunk - 1, TOTAL), cases],
    );
  }
  const fillMs = ms(t);
  // The filler is what the store would have written: canonical JSON, leaf hash of it.
  const sample = (await admin.query(`SELECT json, leaf_hash FROM ${big}.events WHERE position IN (1, 777777)`)).rows;
  for (const row of sample) {
    const e = JSON.parse(String(row.json)) as CaseEvent;
    if (
      canonicalJson(e) !== row.json ||
      toHex(merkleLeafHash(eventLeafBytes(e))) !== toHex(row.leaf_hash as Uint8Array)
    ) {
      throw new Error("filler rows are not canonical events with their leaf hashes");
    }
  }
  t = performance.now();
  let frontier = emptyMerkleFrontier();
  for (let after = 0; after < TOTAL; after += chunk) {
    const page = await admin.query(
      `SELECT leaf_hash FROM ${big}.events WHERE position > $1 AND position <= $2 ORDER BY position`,
      [after, after + chunk],
    );
    frontier = extendMerkleFrontier(
      frontier,
      page.rows.map((r) => r.leaf_hash as Uint8Array),
    )._unsafeUnwrap();
  }
  await admin.query(`UPDATE ${big}.log_head SET tree_size = $1, frontier = $2`, [
    TOTAL,
    encodeMerkleFrontier(frontier),
  ]);
  await admin.query(`ANALYZE ${big}.events`);
  const headMs = ms(t);
  const store = (await openPostgresStore({ connectionString: url, schema: big, poolSize: POOL }))._unsafeUnwrap();
  const caseId = "case-777";
  for (let v = perCase; v < perCase + 10; v++)
    (await store.append(caseId, v, testEvents(caseId, v, 1)))._unsafeUnwrap();
  const loads = { store: [] as number[], raw: [] as number[], checked: [] as number[] };
  let loaded = 0;
  for (let round = 0; round < 7; round++) {
    t = performance.now();
    loaded = (await store.load(caseId))._unsafeUnwrap().length;
    loads.store.push(ms(t));
    t = performance.now();
    const r = await admin.query(`SELECT json FROM ${big}.events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    r.rows.map((row) => JSON.parse(String(row.json)));
    loads.raw.push(ms(t));
    // The same, each event checked against CaseEventSchema as the store does.
    t = performance.now();
    const c = await admin.query(`SELECT json FROM ${big}.events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    for (const row of c.rows) CaseEventSchema.parse(JSON.parse(String(row.json)));
    loads.checked.push(ms(t));
  }
  const head = (await store.head())._unsafeUnwrap();
  await store.close();
  console.log(
    `\nLog of ${fmt(head.position)} events (filler by generate_series in ${fmt(fillMs / 1000, 1)} s, head from its leaves in ${fmt(headMs / 1000, 1)} s):\n`,
  );
  console.log("| load one case's stream | events | median of 7 | |");
  console.log("| --- | --- | --- | --- |");
  console.log(
    `| store.load("${caseId}") (decoded and schema-checked) | ${fmt(loaded)} | ${fmt(median(loads.store), 1)} ms | **${fmt(median(loads.store) / median(loads.raw), 2)}×** |`,
  );
  console.log(
    `| raw SELECT json … ORDER BY seq + JSON.parse (baseline) | ${fmt(loaded)} | ${fmt(median(loads.raw), 1)} ms | 1 |`,
  );
  console.log(
    `| raw SELECT + JSON.parse + CaseEventSchema.parse | ${fmt(loaded)} | ${fmt(median(loads.checked), 1)} ms | ${fmt(median(loads.checked) / median(loads.raw), 2)}× |`,
  );
} finally {
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin.end();
}
