import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import {
  BENCHMARK_TABLE,
  type BenchmarkRegistry,
  BenchmarkSchema,
  BODY_TABLE,
  type BodiesRegistry,
  benchmarksFromRows,
  benchmarksToRows,
  CIRCUMSTANCE_TABLE,
  createBenchmarkRegistry,
  createBodiesRegistry,
  createEntitiesRegistry,
  createLawsRegistry,
  createPowersRegistry,
  type EntitiesRegistry,
  err,
  exportSheet,
  headersOf,
  INSPECTION_ITEM_TABLE,
  ISSUER_TABLE,
  importBenchmarksJson,
  importJson,
  importSheet,
  LAWS_TABLE,
  type LawInput,
  type LawsRegistry,
  LENIENT_TABLE,
  OFFICER_TABLE,
  ORGANISATIONS_TABLE,
  ok,
  PERSONS_TABLE,
  POWER_ITEM_TABLE,
  type PowersRegistry,
  parseCsv,
  type Result,
  type SanxiangError,
  SERVICE_GUIDE_TABLE,
  sanxiangError,
  type TableSpec,
  TRAINING_TABLE,
  toCsv,
  VIOLATIONS_TABLE,
} from "@sanxiang/core";
import { SDK_LAWS } from "@sanxiang/core/laws";
import {
  SAMPLE_BENCHMARK_REGISTRY_INPUT,
  SAMPLE_BODIES_DATA,
  SAMPLE_ENTITIES,
  SAMPLE_LAW_CATALOGUE,
  SAMPLE_LOCAL_DOCUMENTS,
  SAMPLE_POWERS_DATA,
} from "@sanxiang/testkit/sample";
import { exportXlsx, importXlsx } from "@sanxiang/xlsx";

// The CLI keeps each imported registry sheet as validated JSON under <dir>/registry/,
// written atomically, until the storage adapters take over (ADR 0005). A file is only
// ever written after its rows passed the sheet's schema and the whole database it
// belongs to was rebuilt from them without error.

/** The registry sheets the CLI imports, by kind, with the database each belongs to. */
export const KINDS = {
  laws: { spec: LAWS_TABLE, db: "laws", zh: "法律法规目录" },
  organisations: { spec: ORGANISATIONS_TABLE, db: "entities", zh: "法人和其他组织" },
  persons: { spec: PERSONS_TABLE, db: "entities", zh: "自然人" },
  violations: { spec: VIOLATIONS_TABLE, db: "entities", zh: "违法记录" },
  bodies: { spec: BODY_TABLE, db: "bodies", zh: "执法主体" },
  officers: { spec: OFFICER_TABLE, db: "bodies", zh: "执法人员" },
  issuers: { spec: ISSUER_TABLE, db: "bodies", zh: "发证机关" },
  training: { spec: TRAINING_TABLE, db: "bodies", zh: "培训记录" },
  powers: { spec: POWER_ITEM_TABLE, db: "powers", zh: "权责清单" },
  guides: { spec: SERVICE_GUIDE_TABLE, db: "powers", zh: "服务指南" },
  inspections: { spec: INSPECTION_ITEM_TABLE, db: "powers", zh: "随机抽查事项清单" },
  benchmarks: { spec: BENCHMARK_TABLE, db: "benchmarks", zh: "裁量基准" },
  circumstances: { spec: CIRCUMSTANCE_TABLE, db: "benchmarks", zh: "裁量情节" },
  lenient: { spec: LENIENT_TABLE, db: "benchmarks", zh: "包容审慎清单" },
} as const;

/** A registry sheet kind (see {@link KINDS}). */
export type Kind = keyof typeof KINDS;

/** True when `s` names a kind. */
export function isKind(s: string): s is Kind {
  return Object.hasOwn(KINDS, s);
}

/** Records of every kind (absent kinds are empty). */
export type RegistryData = { [K in Kind]: unknown[] };

/** The four databases built from the data, plus the law catalogue. */
export interface Registries {
  readonly lawCatalogue: readonly unknown[];
  readonly entities: EntitiesRegistry;
  readonly bodies: BodiesRegistry;
  readonly powers: PowersRegistry;
  readonly benchmarks: BenchmarkRegistry;
}

function emptyData(): RegistryData {
  return Object.fromEntries(Object.keys(KINDS).map((k) => [k, []])) as unknown as RegistryData;
}

/** The sample bureaus' data (from `@sanxiang/testkit/sample`). */
export function sampleData(): RegistryData {
  const d = emptyData();
  // The catalogue of shipped statutes plus the bureaus' own documents (their benchmarks),
  // as the laws sheet carries them: metadata, no text.
  const metaKeys = new Set(LAWS_TABLE.columns.map((c) => c.key));
  const localMeta = SAMPLE_LOCAL_DOCUMENTS.map((doc) =>
    Object.fromEntries(Object.entries(doc).filter(([k]) => metaKeys.has(k))),
  );
  d.laws = [...SAMPLE_LAW_CATALOGUE, ...localMeta];
  d.organisations = [...(SAMPLE_ENTITIES.organisations ?? [])];
  d.persons = [...(SAMPLE_ENTITIES.persons ?? [])];
  d.violations = [...(SAMPLE_ENTITIES.violations ?? [])];
  d.bodies = [...SAMPLE_BODIES_DATA.bodies];
  d.officers = [...SAMPLE_BODIES_DATA.officers];
  d.issuers = [...SAMPLE_BODIES_DATA.issuers];
  d.training = [...(SAMPLE_BODIES_DATA.training ?? [])];
  d.powers = [...SAMPLE_POWERS_DATA.items];
  d.guides = [...(SAMPLE_POWERS_DATA.guides ?? [])];
  d.inspections = [...(SAMPLE_POWERS_DATA.inspections ?? [])];
  d.benchmarks = [...SAMPLE_BENCHMARK_REGISTRY_INPUT.benchmarks];
  d.circumstances = [...(SAMPLE_BENCHMARK_REGISTRY_INPUT.circumstances ?? [])];
  d.lenient = [...(SAMPLE_BENCHMARK_REGISTRY_INPUT.lenient ?? [])];
  // Sample records are written for people (defaults omitted); give them the form a
  // registry stores, with every default filled in, as an import would.
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const schema = kind === "benchmarks" ? BenchmarkSchema : (KINDS[kind].spec as TableSpec<unknown>).schema;
    d[kind] = d[kind].map((r) => schema.parse(r));
  }
  return d;
}

function fileOf(dir: string, kind: Kind): string {
  return join(dir, "registry", `${kind}.json`);
}

/**
 * The laws database citations are checked against: the statutes the SDK ships, plus the
 * catalogue's other documents (a bureau's own 规范性文件, known by title only), plus
 * `fullTexts` (documents with their sections) that replace catalogue rows of the same id.
 */
export function lawsFor(
  catalogue: readonly unknown[],
  fullTexts: readonly LawInput[] = [],
): Result<LawsRegistry, SanxiangError> {
  const known = new Set([...SDK_LAWS.map((l) => l.id), ...fullTexts.map((l) => l.id)]);
  const extra = catalogue.filter((row) => !known.has((row as { id?: string }).id ?? "")) as LawInput[];
  return createLawsRegistry([...SDK_LAWS, ...fullTexts, ...extra]);
}

/** Reads the imported registry data under `dir` (kinds never imported are empty). */
export async function loadData(dir: string): Promise<Result<RegistryData, SanxiangError>> {
  const d = emptyData();
  for (const kind of Object.keys(KINDS) as Kind[]) {
    let text: string;
    try {
      text = await readFile(fileOf(dir, kind), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    const parsed = JSON.parse(text) as { kind?: string; records?: unknown[] };
    if (parsed.kind !== kind || !Array.isArray(parsed.records)) {
      return err(sanxiangError("TABLE_UNREADABLE", `${fileOf(dir, kind)} 不是 sanxiang 数据库文件`));
    }
    d[kind] = parsed.records;
  }
  return ok(d);
}

/** Builds the databases from the data; the first database that refuses ends it. */
export function buildRegistries(d: RegistryData): Result<Registries, SanxiangError> {
  const entities = createEntitiesRegistry({
    organisations: d.organisations as never,
    persons: d.persons as never,
    violations: d.violations as never,
  });
  if (entities.isErr()) return err(entities.error);
  const bodies = createBodiesRegistry({
    bodies: d.bodies as never,
    officers: d.officers as never,
    issuers: d.issuers as never,
    training: d.training as never,
  });
  if (bodies.isErr()) return err(bodies.error);
  const powers = createPowersRegistry({
    items: d.powers as never,
    guides: d.guides as never,
    inspections: d.inspections as never,
  });
  if (powers.isErr()) return err(powers.error);
  const benchmarks = createBenchmarkRegistry({
    benchmarks: d.benchmarks as never,
    circumstances: d.circumstances as never,
    lenient: d.lenient as never,
  });
  if (benchmarks.isErr()) return err(benchmarks.error);
  return ok({
    lawCatalogue: d.laws,
    entities: entities.value,
    bodies: bodies.value,
    powers: powers.value,
    benchmarks: benchmarks.value,
  });
}

/** Reads a CSV, XLSX or JSON file into records of `kind`, all rows valid or none. */
export async function readKindFile(kind: Kind, file: string): Promise<Result<unknown[], SanxiangError>> {
  const spec = KINDS[kind].spec as TableSpec<unknown>;
  const ext = extname(file).toLowerCase();
  const bytes = await readFile(file);
  if (ext === ".xlsx") {
    const rows = await importXlsx(spec, bytes);
    return kind === "benchmarks" ? rows.andThen((r) => benchmarksFromRows(r as never)) : rows;
  }
  if (ext === ".csv") {
    const sheet = parseCsv(bytes.toString("utf8"), file);
    const rows = sheet.andThen((s) => importSheet(spec, s).map((r) => ({ r, s })));
    if (kind !== "benchmarks") return rows.map(({ r }) => r);
    return rows.andThen(({ r, s }) =>
      benchmarksFromRows(
        r as never,
        s.name,
        s.rows.map((x) => x.rowNumber),
      ),
    );
  }
  if (ext === ".json") {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8"));
    } catch (e) {
      return err(sanxiangError("TABLE_UNREADABLE", `${file} 不是有效的 JSON：${(e as Error).message}`));
    }
    // JSON carries benchmarks whole (as `registry export benchmarks x.json` writes them),
    // other kinds as their records.
    return kind === "benchmarks" ? importBenchmarksJson(value) : importJson(spec, value, file);
  }
  return err(
    sanxiangError("TABLE_UNREADABLE", `不支持的文件类型：${ext || "（无扩展名）"}；应为 .csv、.xlsx 或 .json`),
  );
}

/** Writes one kind's records to a CSV, XLSX or JSON file (the forms {@link readKindFile} reads). */
export async function writeKindFile(
  kind: Kind,
  records: readonly unknown[],
  file: string,
): Promise<Result<number, SanxiangError>> {
  const spec = KINDS[kind].spec as TableSpec<unknown>;
  const rows = kind === "benchmarks" ? benchmarksToRows(records as never) : records;
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") await writeFile(file, toCsv(exportSheet(spec, rows), headersOf(spec)));
  else if (ext === ".xlsx") await writeFile(file, await exportXlsx(spec, rows));
  else if (ext === ".json") await writeFile(file, `${JSON.stringify(records, null, 2)}\n`);
  else
    return err(
      sanxiangError("TABLE_UNREADABLE", `不支持的文件类型：${ext || "（无扩展名）"}；应为 .csv、.xlsx 或 .json`),
    );
  return ok(records.length);
}

/** Writes one kind's records under `dir`, atomically (temporary file, then rename). */
export async function saveKind(dir: string, kind: Kind, records: readonly unknown[]): Promise<void> {
  const file = fileOf(dir, kind);
  await mkdir(join(dir, "registry"), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ kind, records }, null, 2)}\n`);
  await rename(tmp, file);
}
