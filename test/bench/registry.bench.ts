// Market-entity registry: import of 100k organisation rows (CSV text → parseCsv →
// importSheet → createEntitiesRegistry) and lookup by USCC, each against a baseline
// measured in the same run on the same data. vitest prints each bench's ratio to the
// fastest of its describe block; rows/s = 100,000 / mean time. No assertion on time.
import {
  createEntitiesRegistry,
  type EntitiesRegistry,
  exportSheet,
  importSheet,
  ORGANISATIONS_TABLE,
  type Organisation,
  parseCsv,
  toCsv,
  usccCheckChar,
} from "@sanxiang/core";
import { bench, describe } from "vitest";

const N = 100_000;
const uscc = (i: number) => {
  const body = `91640502MA${String(i).padStart(7, "0")}`;
  return `${body}${usccCheckChar(body)}`;
};
const records: Organisation[] = Array.from({ length: N }, (_, i) => ({
  kind: "organisation",
  uscc: uscc(i),
  name: `中卫市示例商贸有限公司第${i}号`,
  legalRepresentative: "张某",
  address: `宁夏回族自治区中卫市沙坡头区示例路 ${i} 号`,
  regionCode: "640502",
  phone: "0955-7000000",
  status: "active",
  effectiveFrom: "2020-01-01",
}));
const headers = ORGANISATIONS_TABLE.columns.map((c) => c.header);
const csv = toCsv(exportSheet(ORGANISATIONS_TABLE, records), headers);
const json = JSON.stringify(records);

const importAll = (): EntitiesRegistry => {
  const sheet = parseCsv(csv, "法人和其他组织")._unsafeUnwrap();
  const rows = importSheet(ORGANISATIONS_TABLE, sheet)._unsafeUnwrap();
  return createEntitiesRegistry({ organisations: rows })._unsafeUnwrap();
};

// Seconds per iteration: a few iterations are enough to compare the four steps.
const slow = { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 };

describe(`import ${N} organisation rows`, () => {
  bench(
    "JSON.parse of the same records (baseline)",
    () => {
      JSON.parse(json);
    },
    slow,
  );

  bench(
    "parseCsv of the CSV text (baseline: reading only)",
    () => {
      parseCsv(csv, "法人和其他组织")._unsafeUnwrap();
    },
    slow,
  );

  bench(
    "parseCsv → importSheet (every row checked, USCC checksums)",
    () => {
      importSheet(ORGANISATIONS_TABLE, parseCsv(csv, "法人和其他组织")._unsafeUnwrap())._unsafeUnwrap();
    },
    slow,
  );

  bench(
    "parseCsv → importSheet → createEntitiesRegistry",
    () => {
      importAll();
    },
    slow,
  );
});

const registry = importAll();
const byUscc = new Map(records.map((r) => [r.uscc, r]));
// 10,000 lookups of pseudo-random existing codes (fixed stride, no RNG).
const probes = Array.from({ length: 10_000 }, (_, i) => uscc((i * 7919) % N));

describe(`lookup by USCC among ${N} (10,000 lookups)`, () => {
  // Both loops use every result, so neither is optimised away.
  bench("Map.get (baseline)", () => {
    let found = 0;
    for (const p of probes) if (byUscc.get(p) !== undefined) found++;
    if (found !== probes.length) throw new Error("baseline lookup missed");
  });

  bench("registry.organisation(uscc, date) — version in force on the date", () => {
    let found = 0;
    for (const p of probes) if (registry.organisation(p, "2025-06-01").isOk()) found++;
    if (found !== probes.length) throw new Error("registry lookup missed");
  });
});
