import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
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
  EQUIPMENT_TABLE,
  type Equipment,
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
  SanxiangError,
  type SanxiangErrorCode,
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
  SAMPLE_EQUIPMENT,
  SAMPLE_LAW_CATALOGUE,
  SAMPLE_LOCAL_DOCUMENTS,
  SAMPLE_POWERS_DATA,
} from "@sanxiang/sample";
import { exportXlsx, importXlsx } from "@sanxiang/xlsx";
import { describeSystemError, isInputSystemError, isSystemError } from "./io.js";
import { type OutputOptions, outputFile, writeOutput } from "./output.js";
import { readRegularFile } from "./read-regular-file.js";
import { type DecodedText, type DecodeTextOptions, decodeText } from "./text-decode.js";

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
  equipment: { spec: EQUIPMENT_TABLE, db: "equipment", zh: "执法装备台账" },
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
  /** 执法装备台账 — every device, each naming a body and officer the bodies registry has. */
  readonly equipment: readonly Equipment[];
}

function emptyData(): RegistryData {
  return Object.fromEntries(Object.keys(KINDS).map((k) => [k, []])) as unknown as RegistryData;
}

/** The sample bureaus' data (from `@sanxiang/sample`). */
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
  d.equipment = [...SAMPLE_EQUIPMENT];
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

/**
 * A file operation that failed, as a coded error naming the file: `code` when the failure is
 * about the path the operator gave (missing, a directory, no permission), else
 * `STORE_UNAVAILABLE` (disk full, I/O error).
 */
function fileFailure(code: SanxiangErrorCode, verb: string, file: string, e: unknown): SanxiangError {
  const system = isSystemError(e);
  const reason = system ? describeSystemError(e) : e instanceof Error ? e.message : String(e);
  return sanxiangError(
    system && !isInputSystemError(e) ? "STORE_UNAVAILABLE" : code,
    `无法${verb} ${file}：${reason}`,
    {
      details: { file, ...(system ? { errno: e.code } : {}) },
      cause: e,
    },
  );
}

function storedCorrupt(file: string, what: string, extra: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("STORE_CORRUPT", `数据库文件 ${file} ${what}；请从原表格重新导入（sanxiang registry import）`, {
    details: { file, ...extra },
  });
}

/** The schema a stored record of `kind` must pass (benchmarks are stored whole, not as rows). */
function recordSchema(kind: Kind): {
  safeParse(v: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
} {
  return kind === "benchmarks" ? BenchmarkSchema : (KINDS[kind].spec as TableSpec<unknown>).schema;
}

/** Reads and checks one stored registry file: absent → `undefined`; unreadable or malformed → `STORE_CORRUPT` naming it. */
async function loadKind(dir: string, kind: Kind): Promise<Result<unknown[] | undefined, SanxiangError>> {
  const file = fileOf(dir, kind);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(file);
  } catch (e) {
    if (isSystemError(e) && e.code === "ENOENT") return ok(undefined);
    if (isSystemError(e) && (e.code === "EISDIR" || e.code === "ENOTDIR" || e.code === "ENOTREG")) {
      return err(storedCorrupt(file, "不是普通文件", { errno: e.code }));
    }
    return err(fileFailure("STORE_UNAVAILABLE", "读取数据库文件", file, e));
  }
  if (bytes.length === 0) return err(storedCorrupt(file, "为空"));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return err(storedCorrupt(file, "不是有效的 UTF-8 文本"));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return err(storedCorrupt(file, `不是有效的 JSON（${(e as Error).message}）`));
  }
  const o = parsed as { kind?: unknown; records?: unknown } | null;
  if (typeof o !== "object" || o === null || Array.isArray(o) || o.kind !== kind || !Array.isArray(o.records)) {
    return err(
      storedCorrupt(file, `不是 sanxiang「${KINDS[kind].zh}」数据库文件（应为 {"kind":"${kind}","records":[…]}）`),
    );
  }
  // Files are only written after their rows passed the schema; one that fails it now was
  // edited by hand or damaged, and every command built on it would be wrong.
  const schema = recordSchema(kind);
  for (const [i, record] of o.records.entries()) {
    const r = schema.safeParse(record);
    if (!r.success) {
      const issue = r.error?.issues[0];
      const where = issue === undefined ? "" : `（${issue.path.map(String).join(".") || "(根)"}：${issue.message}）`;
      return err(storedCorrupt(file, `第 ${i + 1} 条记录无效${where}`, { record: i + 1 }));
    }
  }
  return ok(o.records);
}

/**
 * Reads the imported registry data under `dir` (kinds never imported are empty). `dir` that
 * is not a directory is `INVALID_INPUT`; a stored file that is unreadable, empty, not JSON,
 * not a registry file or holds an invalid record is `STORE_CORRUPT` naming the file.
 */
export async function loadData(dir: string): Promise<Result<RegistryData, SanxiangError>> {
  const d = emptyData();
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) {
      return err(sanxiangError("INVALID_INPUT", `数据目录 ${dir} 不是目录`, { details: { dir } }));
    }
  } catch (e) {
    if (isSystemError(e) && e.code === "ENOENT") return ok(d);
    return err(fileFailure("INVALID_INPUT", "读取数据目录", dir, e));
  }
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const records = await loadKind(dir, kind);
    if (records.isErr()) return err(records.error);
    if (records.value !== undefined) d[kind] = records.value;
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
  const equipment = checkEquipmentReferences(d.equipment as Equipment[], bodies.value);
  if (equipment.isErr()) return err(equipment.error);
  return ok({
    lawCatalogue: d.laws,
    entities: entities.value,
    bodies: bodies.value,
    powers: powers.value,
    benchmarks: benchmarks.value,
    equipment: equipment.value,
  });
}

/**
 * 台账引用检查 — every device of the inventory names a body (and, when issued to one, an
 * officer) the bodies registry has at some time, and device ids are unique; else
 * `IMPORT_INVALID` naming the device's row and field.
 */
function checkEquipmentReferences(
  devices: readonly Equipment[],
  bodies: BodiesRegistry,
): Result<readonly Equipment[], SanxiangError> {
  const bodyIds = new Set(bodies.data.bodies.map((b) => b.id));
  // An officer's versions may name different bodies (a transfer): any of them will do.
  const officerBodies = new Map<string, Set<string>>();
  for (const o of bodies.data.officers) officerBodies.set(o.id, (officerBodies.get(o.id) ?? new Set()).add(o.bodyId));
  const seen = new Set<string>();
  const refuse = (i: number, column: string, message: string) =>
    err(
      sanxiangError(
        "IMPORT_INVALID",
        `执法装备台账第 ${i + 1} 条记录（装备编号 ${devices[i]?.id ?? ""}）：${message}`,
        {
          details: { kind: "equipment", record: i + 1, field: column },
        },
      ),
    );
  for (const [i, d] of devices.entries()) {
    if (seen.has(d.id)) return refuse(i, "id", `「装备编号」${d.id} 重复`);
    seen.add(d.id);
    if (!bodyIds.has(d.bodyId)) return refuse(i, "bodyId", `「所属执法主体编号」${d.bodyId} 不在执法主体数据库中`);
    if (d.officerId !== undefined) {
      const of = officerBodies.get(d.officerId);
      if (of === undefined) return refuse(i, "officerId", `「配发人员编号」${d.officerId} 不在执法人员数据库中`);
      if (!of.has(d.bodyId)) {
        return refuse(i, "officerId", `「配发人员编号」${d.officerId} 不属于执法主体 ${d.bodyId}`);
      }
    }
  }
  return ok(devices);
}

/** What {@link readKindFile} read: the records, and how the text was decoded (CSV, JSON). */
export interface ReadSheet {
  /** The records, every one valid. */
  readonly records: unknown[];
  /** The text encoding detected (absent for XLSX, which is not text). */
  readonly encoding?: DecodedText;
}

const SUPPORTED = [".csv", ".xlsx", ".json"];
/** Tab-separated text import reads too (Excel's "Unicode 文本" is saved as .txt). */
const TEXT_SHEETS = [".txt", ".tsv"];

function unsupported(ext: string): SanxiangError {
  return sanxiangError(
    "TABLE_UNREADABLE",
    `不支持的文件类型：${ext || "（无扩展名）"}；应为 .csv、.xlsx 或 .json（导入另可读制表符分隔的 .txt / .tsv）`,
    {
      details: { extension: ext },
    },
  );
}

/**
 * The field separator of a text sheet: tabs for .tsv, and for .txt or .csv whose header line
 * has tabs and no comma (Excel's "Unicode 文本" is tab-separated UTF-16 LE); else commas.
 */
function delimiterOf(ext: string, text: string): "," | "\t" {
  if (ext === ".tsv") return "\t";
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  return header.includes("\t") && !header.includes(",") ? "\t" : ",";
}

/** Adds the encoding a failed text read used to its error (the wrong guess is the likely cause). */
function withEncoding(e: SanxiangError, decoded: DecodedText): SanxiangError {
  return new SanxiangError({
    code: e.code,
    message: e.message,
    ...(e.source === undefined ? {} : { source: e.source }),
    details: { ...e.details, encoding: decoded.encoding, bom: decoded.bom },
    cause: e,
  });
}

/**
 * Reads a CSV, XLSX or JSON file into records of `kind`, all rows valid or none. Text is
 * decoded by {@link decodeText} (UTF-8, UTF-16 with a BOM, or GB18030 as Excel saves it on
 * Chinese Windows; Big5 refused unless named), or in `options.encoding` when given (an .xlsx
 * file ignores it). A missing or unreadable file is `TABLE_UNREADABLE` naming it; never throws.
 */
export async function readKindFile(
  kind: Kind,
  file: string,
  options: DecodeTextOptions = {},
): Promise<Result<ReadSheet, SanxiangError>> {
  const spec = KINDS[kind].spec as TableSpec<unknown>;
  const ext = extname(file).toLowerCase();
  if (!SUPPORTED.includes(ext) && !TEXT_SHEETS.includes(ext)) return err(unsupported(ext));
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(file);
  } catch (e) {
    return err(fileFailure("TABLE_UNREADABLE", "读取", file, e));
  }
  if (ext === ".xlsx") {
    const rows = await importXlsx(spec, bytes);
    const records = kind === "benchmarks" ? rows.andThen((r) => benchmarksFromRows(r as never)) : rows;
    return records.map((r) => ({ records: r as unknown[] }));
  }
  const decoded = decodeText(bytes, file, options);
  if (decoded.isErr()) return err(decoded.error);
  const { text } = decoded.value;
  let records: Result<unknown[], SanxiangError>;
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") {
    const rows = parseCsv(text, file, { delimiter: delimiterOf(ext, text) }).andThen((s) =>
      importSheet(spec, s).map((r) => ({ r, s })),
    );
    records =
      kind !== "benchmarks"
        ? rows.map(({ r }) => r as unknown[])
        : rows.andThen(({ r, s }) =>
            benchmarksFromRows(
              r as never,
              s.name,
              s.rows.map((x) => x.rowNumber),
            ),
          );
  } else {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return err(
        withEncoding(
          sanxiangError("TABLE_UNREADABLE", `${file} 不是有效的 JSON：${(e as Error).message}`),
          decoded.value,
        ),
      );
    }
    // JSON carries benchmarks whole (as `registry export benchmarks x.json` writes them),
    // other kinds as their records.
    records = kind === "benchmarks" ? importBenchmarksJson(value) : importJson(spec, value, file);
  }
  return records.map((r) => ({ records: r, encoding: decoded.value })).mapErr((e) => withEncoding(e, decoded.value));
}

/**
 * Writes one kind's records to a CSV, XLSX or JSON file (the forms {@link readKindFile}
 * reads), through the CLI's output helper: an existing file is kept unless `output.force`, the
 * bytes land whole or not at all. A path that cannot be written (missing directory, a directory,
 * no permission) is `INVALID_INPUT` naming it; never throws.
 */
export async function writeKindFile(
  kind: Kind,
  records: readonly unknown[],
  file: string,
  output: OutputOptions,
): Promise<Result<number, SanxiangError>> {
  const spec = KINDS[kind].spec as TableSpec<unknown>;
  const rows = kind === "benchmarks" ? benchmarksToRows(records as never) : records;
  const ext = extname(file).toLowerCase();
  if (!SUPPORTED.includes(ext)) return err(unsupported(ext));
  const target = await outputFile(file, { ...output, option: "file" });
  if (target.isErr()) return err(target.error);
  const data =
    ext === ".csv"
      ? toCsv(exportSheet(spec, rows), headersOf(spec))
      : ext === ".xlsx"
        ? await exportXlsx(spec, rows)
        : `${JSON.stringify(records, null, 2)}\n`;
  const written = await writeOutput(target.value, data);
  return written.isErr() ? err(written.error) : ok(records.length);
}

/**
 * Writes one kind's records under `dir`, atomically (temporary file, then rename). A failure
 * leaves the previous file as it was and no temporary file behind.
 */
export async function saveKind(
  dir: string,
  kind: Kind,
  records: readonly unknown[],
): Promise<Result<string, SanxiangError>> {
  const file = fileOf(dir, kind);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(join(dir, "registry"), { recursive: true });
    await writeFile(tmp, `${JSON.stringify({ kind, records }, null, 2)}\n`);
    await rename(tmp, file);
    return ok(file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    return err(fileFailure("INVALID_INPUT", "写入数据库文件", file, e));
  }
}

/** What replacing one kind's records changes, by record key (the sheet's unique key). */
export interface RegistryChange {
  /** Keys only in the new records. */
  readonly added: readonly string[];
  /** Keys in both whose records differ. */
  readonly changed: readonly string[];
  /** Keys only in the old records: what the import deletes. */
  readonly removed: readonly string[];
  /** How many records stay as they are. */
  readonly unchanged: number;
}

/** The identity of a record of `kind`: the key its sheet keeps unique (benchmarks: code and effective date). */
export function recordKey(kind: Kind, record: unknown): string {
  if (kind === "benchmarks") {
    const b = record as { code?: unknown; effectiveFrom?: unknown };
    return `${String(b.code)}@${String(b.effectiveFrom)}`;
  }
  return (KINDS[kind].spec as TableSpec<unknown>).key(record);
}

/** JSON with object keys sorted, so two equal records compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * 变更对比 — what replacing `before` with `after` (records of `kind`) adds, changes and
 * removes, keyed by {@link recordKey}, each list in the records' order. Pure.
 */
export function diffRecords(kind: Kind, before: readonly unknown[], after: readonly unknown[]): RegistryChange {
  const old = new Map(before.map((r) => [recordKey(kind, r), canonical(r)]));
  const next = new Map(after.map((r) => [recordKey(kind, r), canonical(r)]));
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  for (const [key, text] of next) {
    const was = old.get(key);
    if (was === undefined) added.push(key);
    else if (was !== text) changed.push(key);
    else unchanged++;
  }
  const removed = [...old.keys()].filter((k) => !next.has(k));
  return { added, changed, removed, unchanged };
}
