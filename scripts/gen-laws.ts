// Generates the laws database that `@sanxiang/core/laws` ships: one TS module per law version
// under packages/core/src/registry/laws/data/generated/, from
//   - data/laws.csv   the catalogue (one row per law version, read through LAWS_TABLE), and
//   - data/md/*.md    the statute texts (public copies, from LawRefBook/Laws unless TEXTS says otherwise),
//   - data/docs/*.txt documents without articles whose numbered sections sources cite.
// Core has no I/O, so the texts travel as plain TS modules.
//
//   node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-laws.ts [--check]
//
// With --check nothing is written: the run fails when a generated module differs from what the
// inputs produce, or when one is missing or left over (test/sources.test.ts runs it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createLawsRegistry,
  importDocumentText,
  importLawMarkdown,
  importSheet,
  LAWS_TABLE,
  type Law,
  type LawMeta,
  LawSchema,
  parseCsv,
  type TextOrigin,
} from "../packages/core/src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = resolve(root, "packages/core/src/registry/laws/data");
const outDir = resolve(dataDir, "generated");
const check = process.argv.includes("--check");
const biome = resolve(root, "node_modules/.bin/biome");

const REFERENCE: TextOrigin = {
  repository: "LawRefBook/Laws",
  note: "副本取自 LawRefBook/Laws",
};

/** Which text each catalogue row takes its articles or sections from. */
const TEXTS: Readonly<
  Record<string, { file: string; kind: "markdown" | "document"; partial?: boolean; origin: TextOrigin }>
> = {
  "administrative-penalty": { file: "md/行政处罚法(2021-01-22).md", kind: "markdown", origin: REFERENCE },
  "administrative-coercion": { file: "md/行政强制法(2011-06-30).md", kind: "markdown", origin: REFERENCE },
  "administrative-licensing": { file: "md/行政许可法(2019-04-23).md", kind: "markdown", origin: REFERENCE },
  "administrative-reconsideration": { file: "md/行政复议法(2023-09-01).md", kind: "markdown", origin: REFERENCE },
  "administrative-litigation": { file: "md/行政诉讼法(2017-06-27).md", kind: "markdown", origin: REFERENCE },
  "civil-procedure": { file: "md/民事诉讼法(2023-09-01).md", kind: "markdown", origin: REFERENCE },
  "government-information-disclosure": {
    file: "md/政府信息公开条例(2019-04-03).md",
    kind: "markdown",
    origin: REFERENCE,
  },
  "samr-penalty-disclosure": {
    file: "md/市场监督管理行政处罚信息公示规定(2021-07-30).md",
    kind: "markdown",
    origin: REFERENCE,
  },
  "price-violation-penalties": {
    file: "md/价格违法行为行政处罚规定(2010-12-04).md",
    kind: "markdown",
    origin: REFERENCE,
  },
  "crime-transfer": {
    file: "md/行政执法机关移送涉嫌犯罪案件的规定(2020-08-07).md",
    kind: "markdown",
    origin: REFERENCE,
  },
  "public-holidays": { file: "md/全国年节及纪念日放假办法(2024-11-10).md", kind: "markdown", origin: REFERENCE },
  lawyers: { file: "md/律师法(2017-09-01).md", kind: "markdown", origin: REFERENCE },
  notarization: { file: "md/公证法(2017-09-01).md", kind: "markdown", origin: REFERENCE },
  "legal-aid": { file: "md/法律援助法(2021-08-20).md", kind: "markdown", origin: REFERENCE },
  "people-mediation": { file: "md/人民调解法(2010-08-28).md", kind: "markdown", origin: REFERENCE },
  archives: { file: "md/档案法(2020-06-20).md", kind: "markdown", origin: REFERENCE },
  "business-environment": { file: "md/优化营商环境条例(2019-10-22).md", kind: "markdown", origin: REFERENCE },
  "resident-id-card": { file: "md/居民身份证法(2011-10-29).md", kind: "markdown", origin: REFERENCE },
  "civil-code": {
    file: "md/民法典(2020-05-28).md",
    kind: "markdown",
    partial: true,
    origin: { repository: "LawRefBook/Laws", path: "民法商法/民法典.md", note: "节选第一编第十章期间计算" },
  },
  "police-administrative-procedure": {
    file: "md/公安机关办理行政案件程序规定(2018-11-25).md",
    kind: "markdown",
    partial: true,
    origin: {
      repository: "LawRefBook/Laws",
      path: "部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md",
      note: "节选第五章期间与送达",
    },
  },
  "samr-penalty-procedure": {
    file: "md/市场监督管理行政处罚程序规定(2022-09-29).md",
    kind: "markdown",
    partial: true,
    origin: {
      repository: "Theonefkguy/Chinese-Laws",
      path: "部门规章/市场监督管理总局/市场监督管理行政处罚程序规定(2022-09-29).md",
      note: "LawRefBook/Laws 未收录此规章；节选立案、告知、办案期限和期间条款",
    },
  },
  "shapotou-pilot-plan": {
    file: "docs/沙坡头区司法局三项制度试点工作方案.txt",
    kind: "document",
    origin: { note: "仅收录章节编号和标题" },
  },
};

function fail(message: string): never {
  console.error(`gen-laws: ${message}`);
  process.exit(1);
}

const catalogue = parseCsv(readFileSync(join(dataDir, "laws.csv"), "utf8"), "laws.csv").andThen((sheet) =>
  importSheet(LAWS_TABLE, sheet),
);
if (catalogue.isErr()) fail(`data/laws.csv: ${catalogue.error.message}`);

function build(meta: LawMeta): Law {
  const text = TEXTS[meta.id];
  if (text === undefined) return LawSchema.parse(meta);
  const source = readFileSync(join(dataDir, text.file), "utf8");
  const extra = { ...(text.partial ? { partial: true } : {}), origin: text.origin };
  const made =
    text.kind === "markdown"
      ? importLawMarkdown(source, { ...meta, ...extra })
      : importDocumentText(source, { ...meta, ...extra });
  if (made.isErr()) fail(`${text.file}: ${made.error.message}`);
  return made.value;
}

const laws = catalogue.value.map(build);
const used = new Set(Object.values(TEXTS).map((t) => t.file));
for (const dir of ["md", "docs"]) {
  for (const f of readdirSync(join(dataDir, dir))) {
    if (!used.has(`${dir}/${f}`)) fail(`data/${dir}/${f} is not listed in scripts/gen-laws.ts TEXTS`);
  }
}
for (const id of Object.keys(TEXTS)) {
  if (!catalogue.value.some((m) => m.id === id)) fail(`TEXTS names ${id}, which data/laws.csv does not list`);
}
const registry = createLawsRegistry(laws);
if (registry.isErr()) fail(registry.error.message);

function format(path: string, text: string): string {
  const r = spawnSync(biome, ["check", "--write", `--stdin-file-path=${path}`], { input: text, encoding: "utf8" });
  if (r.status !== 0) fail(`biome check ${path}: ${r.stderr}`);
  return r.stdout;
}

const HEADER = "// GENERATED by scripts/gen-laws.ts — do not edit by hand.";
const files = new Map<string, string>();
const modules: { name: string; file: string; law: Law }[] = [];
for (const [i, law] of laws.entries()) {
  const file = `${law.id}-${law.effectiveFrom}.ts`;
  const from = TEXTS[law.id]?.file;
  const body = `${HEADER}
// From data/laws.csv${from === undefined ? "" : ` and data/${from}`}. Re-run: node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-laws.ts
import type { Law } from "../../schema.js";

/** 《${law.title}》(${law.effectiveFrom} 起施行). */
export const LAW: Law = ${JSON.stringify(law)};
`;
  files.set(file, format(join(outDir, file), body));
  modules.push({ name: `law${i}`, file, law });
}
const index = `${HEADER}
// Re-run: node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-laws.ts
import type { Law } from "../../schema.js";
${modules.map((m) => `import { LAW as ${m.name} } from "./${m.file.replace(/\.ts$/, ".js")}";`).join("\n")}

/** Every law version the SDK ships, in catalogue order (data/laws.csv). */
export const GENERATED_LAWS: readonly Law[] = [${modules.map((m) => m.name).join(", ")}];
`;
files.set("index.ts", format(join(outDir, "index.ts"), index));

if (check) {
  const stale: string[] = [];
  for (const [file, text] of files) {
    const path = join(outDir, file);
    if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(file);
  }
  const extra = existsSync(outDir) ? readdirSync(outDir).filter((f) => !files.has(f)) : [];
  if (stale.length > 0 || extra.length > 0) {
    fail(
      `${relative(root, outDir)} is out of date (${[...stale, ...extra.map((f) => `${f} (left over)`)].join(", ")}): run node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-laws.ts`,
    );
  }
  console.log(`${relative(root, outDir)} is up to date (${laws.length} law versions)`);
} else {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [file, text] of files) writeFileSync(join(outDir, file), text);
  console.log(`wrote ${files.size} files to ${relative(root, outDir)} (${laws.length} law versions)`);
}
