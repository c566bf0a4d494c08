// Public disclosure site benchmark — a script, not a vitest bench (it writes 100k+ files).
// Run from the repository root:
//
//   node_modules/.bin/tsx --conditions=@sanxiang/source test/bench/publish-site.ts [--items 100000] [--dir /tmp]
//
// SYNTHETIC data: generated decisions and before-enforcement items, invented names and
// numbers, shaped like a district bureau's disclosures; nothing here is a real case.
//
// 1. Full build: `buildSite` of `--items` disclosures (≈ 96% decisions over 2019-01..2026-10,
//    the rest officers, powers, guides, inspection items, benchmarks, flowcharts, bodies) into
//    an empty directory. Baseline, same run: the same site files (same paths, same bytes,
//    read back and held in memory before the clock starts) written with a plain
//    `fs.writeFile` loop, 16 at a time (the concurrency the site writer uses).
// 2. One-item update: a correction (version 2) of one decision, through `sitePublisher.publish`
//    on the built site, and through `buildSite` with the full item list again. Baseline:
//    rewriting the files the update wrote (same paths and bytes) with the same loop.
// No assertion on time: figures go to docs/benchmarks.md.

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFile } from "node:fs";
import { mkdir } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  type ACTION_CATEGORIES,
  canonicalJsonBytes,
  DISCLOSURE_KIND_PHASES,
  type DisclosureContent,
  type PublishedItem,
  type RuleSource,
  toHex,
} from "@sanxiang/core";
import { buildSite, sitePublisher } from "@sanxiang/publish-site";

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const TOTAL = Number(arg("items", "100000"));
const BASE_DIR = arg("dir", tmpdir());
const SITE = {
  title: "沙坡头区行政执法公示平台（合成数据）",
  bureauName: "沙坡头区人民政府（合成数据）",
  baseUrl: "https://gs.example.cn/",
};
const SOURCE_DECISION: RuleSource = { law: "行政处罚法", article: 48, paragraph: 1, confidence: "C-law" };
const SOURCE_BEFORE: RuleSource = { law: "国办发〔2018〕118号", section: "二（一）", confidence: "C" };

// Deterministic pseudo-random numbers (mulberry32), so every run builds the same site.
let seed = 20261127;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const SHOPS = ["商贸", "餐饮", "建材", "物流", "食品", "药房", "汽修", "农资", "文化传媒", "电子科技"];
const MATTERS = [
  "销售过期食品",
  "未取得许可从事经营",
  "虚假宣传",
  "超范围经营",
  "未按规定公示信息",
  "违规倾倒建筑垃圾",
  "占道经营",
];
const AGENCIES = ["沙坡头区市场监督管理局", "沙坡头区综合执法局", "沙坡头区生态环境分局", "沙坡头区交通运输局"];

const hashOf = (c: DisclosureContent) => toHex(createHash("sha256").update(canonicalJsonBytes(c)).digest());

function item(id: string, title: string, content: DisclosureContent, day: string, bodyName: string): PublishedItem {
  return {
    id,
    kind: content.kind,
    phase: DISCLOSURE_KIND_PHASES[content.kind],
    title,
    bodyId: "body-synthetic",
    bodyName,
    content,
    contentHash: hashOf(content),
    version: 1,
    publishedAt: `${day}T02:00:00Z`,
    updatedAt: `${day}T02:00:00Z`,
    corrections: [],
    ...(content.kind === "decision" ? { publicUntil: "2026-12-31" } : {}),
    source: content.kind === "decision" ? SOURCE_DECISION : SOURCE_BEFORE,
  };
}

function decisionContent(
  n: number,
  decidedOn: string,
  category: (typeof ACTION_CATEGORIES)[number],
): DisclosureContent {
  const person = rand() < 0.3;
  const agency = pick(AGENCIES);
  return {
    kind: "decision",
    category,
    documentNumber: `沙${category === "penalty" ? "罚" : "决"}〔${decidedOn.slice(0, 4)}〕${n}号`,
    agencyName: `${agency}（合成）`,
    party: person
      ? { kind: "person", name: `${pick(SURNAMES)}某` }
      : {
          kind: "organisation",
          name: `中卫市${pick(SURNAMES)}${pick(SURNAMES)}${pick(SHOPS)}有限公司（合成）`,
          creditCode: `91640500MA${String(n).padStart(8, "0")}`,
        },
    matter: pick(MATTERS),
    basis: ["《中华人民共和国行政处罚法》第二十八条", "《中华人民共和国食品安全法》第一百二十四条"],
    conclusion: "警告，并处罚款",
    fineFen: Math.floor(rand() * 5000) * 100 + 10_000,
    decidedOn,
  };
}

function synthetic(total: number): PublishedItem[] {
  const items: PublishedItem[] = [];
  const before = Math.round(total * 0.04);
  for (let i = 0; i < before; i++) {
    const r = i % 10;
    const id = `before-${i}`;
    const day = "2025-01-02";
    if (r < 5) {
      items.push(
        item(
          id,
          `执法人员 ${pick(SURNAMES)}某${i}`,
          {
            kind: "officer",
            name: `${pick(SURNAMES)}某${i}`,
            bodyName: `${pick(AGENCIES)}（合成）`,
            certificateNumber: `6405${String(i).padStart(7, "0")}`,
            categories: ["市场监管"],
          },
          day,
          "沙坡头区人民政府（合成数据）",
        ),
      );
    } else if (r < 8) {
      items.push(
        item(
          id,
          `权责事项 ${i}`,
          {
            kind: "power",
            code: `3302${String(i).padStart(8, "0")}`,
            name: `对${pick(MATTERS)}的行政处罚（${i}）`,
            powerKind: "行政处罚",
            basis: ["《中华人民共和国行政处罚法》第二十八条"],
            bodyName: `${pick(AGENCIES)}（合成）`,
            unit: "执法稽查科",
            supervision: "上级机关监督、社会监督",
            accountability: ["不履行或者不正确履行行政职责的"],
          },
          day,
          "沙坡头区人民政府（合成数据）",
        ),
      );
    } else if (r === 8) {
      items.push(
        item(
          id,
          `随机抽查事项 ${i}`,
          {
            kind: "inspectionItem",
            code: `SJ-${i}`,
            name: `${pick(SHOPS)}经营者监督检查`,
            bodyName: `${pick(AGENCIES)}（合成）`,
            targets: "辖区经营者",
            basis: ["《中华人民共和国行政处罚法》第五十四条"],
            methods: ["现场检查"],
            ratio: "5%",
            timesPerYear: 1,
          },
          day,
          "沙坡头区人民政府（合成数据）",
        ),
      );
    } else {
      items.push(
        item(
          id,
          `裁量基准 ${i}`,
          {
            kind: "benchmark",
            name: `${pick(MATTERS)}（${i}）`,
            basis: ["《中华人民共和国行政处罚法》第三十四条"],
            tiers: [
              { circumstance: "初次违法", penalty: "警告" },
              { circumstance: "再次违法", penalty: "罚款一千元以上一万元以下" },
            ],
          },
          day,
          "沙坡头区人民政府（合成数据）",
        ),
      );
    }
  }
  // Decisions spread over 2019-01 .. 2026-10, mostly penalties.
  const weights: [(typeof ACTION_CATEGORIES)[number], number][] = [
    ["penalty", 0.7],
    ["licence", 0.15],
    ["inspection", 0.07],
    ["coercion", 0.05],
    ["expropriation", 0.01],
    ["other", 0.02],
  ];
  for (let n = 1; items.length < total; n++) {
    let x = rand();
    let category: (typeof ACTION_CATEGORIES)[number] = "other";
    for (const [c, w] of weights) {
      if (x < w) {
        category = c;
        break;
      }
      x -= w;
    }
    const month = Math.floor(rand() * 94); // 2019-01 .. 2026-10
    const y = 2019 + Math.floor(month / 12);
    const m = String((month % 12) + 1).padStart(2, "0");
    const d = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
    const decidedOn = `${y}-${m}-${d}`;
    const content = decisionContent(n, decidedOn, category);
    items.push(
      item(
        `dec-${n}`,
        `行政决定（${(content as { documentNumber: string }).documentNumber}）`,
        content,
        decidedOn,
        `${pick(AGENCIES)}（合成）`,
      ),
    );
  }
  return items;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function writeLoop(root: string, files: readonly (readonly [string, Buffer])[]): Promise<void> {
  const dirs = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const [path, bytes] = files[next++] as readonly [string, Buffer];
      const target = join(root, path);
      const dir = dirname(target);
      if (!dirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      await new Promise<void>((resolve, reject) => writeFile(target, bytes, (e) => (e ? reject(e) : resolve())));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

const base = mkdtempSync(join(BASE_DIR, "sanxiang-site-bench-"));
try {
  console.log(
    `publish-site bench: ${TOTAL.toLocaleString("en-US")} SYNTHETIC disclosures, ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}, in ${base}`,
  );
  const t0 = performance.now();
  const items = synthetic(TOTAL);
  console.log(`generated in ${s(performance.now() - t0)} (not timed)`);
  const now = "2026-11-27T00:00:00Z";
  const site = join(base, "site");

  // 1. Full build.
  let t = performance.now();
  const cpu = process.cpuUsage();
  const full = (await buildSite({ outDir: site, site: SITE, items, withdrawals: [], now }))._unsafeUnwrap();
  const fullMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(
    `full build CPU time (main process, all threads): user ${s(used.user / 1000)}, system ${s(used.system / 1000)}`,
  );
  const files = full.written.map((p) => [p, readFileSync(join(site, p))] as const);
  const bytes = files.reduce((a, [, b]) => a + b.byteLength, 0);
  t = performance.now();
  const baseCpu = process.cpuUsage();
  await writeLoop(join(base, "baseline"), files);
  const baseFullMs = performance.now() - t;
  const baseUsed = process.cpuUsage(baseCpu);
  console.log(`baseline CPU time: user ${s(baseUsed.user / 1000)}, system ${s(baseUsed.system / 1000)}`);
  console.log(
    `full build: ${full.written.length.toLocaleString("en-US")} files, ${(bytes / 1e6).toFixed(0)} MB: buildSite ${s(fullMs)}, baseline writeFile ${s(baseFullMs)}, ratio ${ratio(fullMs, baseFullMs)}`,
  );

  // Search payload: what a citizen's browser downloads for a search (measured from the
  // files just written, not estimated): every shard (no filter), and one category in one
  // year (the 范围 / 年份 filters).
  const sizeOf = new Map(files.map(([p, b]) => [p, b.byteLength] as const));
  const shardList = JSON.parse(String(files.find(([p]) => p === "search/shards.json")?.[1] ?? "{}")) as {
    shards: { file: string; phase: string; category?: string; month?: string }[];
  };
  const shardBytes = (list: typeof shardList.shards) =>
    list.reduce((a, e) => a + (sizeOf.get(`search/${e.file}`) ?? 0), 0);
  const bySelection = new Map<string, typeof shardList.shards>();
  for (const e of shardList.shards) {
    if (e.category === undefined || e.month === undefined) continue;
    const k = `${e.category} ${e.month.slice(0, 4)}`;
    bySelection.set(k, [...(bySelection.get(k) ?? []), e]);
  }
  const selections = [...bySelection.entries()].map(([k, l]) => [k, shardBytes(l), l.length] as const);
  selections.sort((a, b) => b[1] - a[1]);
  const [largest] = selections;
  console.log(
    `search payload: all ${shardList.shards.length} shards ${(shardBytes(shardList.shards) / 1e6).toFixed(1)} MB; largest category-year selection (${largest?.[0]}) ${((largest?.[1] ?? 0) / 1e6).toFixed(2)} MB in ${largest?.[2]} shards; median ${((selections[Math.floor(selections.length / 2)]?.[1] ?? 0) / 1e6).toFixed(2)} MB`,
  );

  // 2. One-item update: a correction of one decision in a busy month.
  const target = items.find(
    (i) => i.kind === "decision" && i.content.kind === "decision" && i.content.category === "penalty",
  );
  if (target === undefined || target.content.kind !== "decision") throw new Error("no decision");
  const content: DisclosureContent = {
    ...target.content,
    conclusion: "警告（更正：罚款数额依复核结果调整）",
    fineFen: 20_000,
  };
  const corrected: PublishedItem = {
    ...target,
    content,
    contentHash: hashOf(content),
    version: 2,
    updatedAt: "2026-11-20T02:00:00Z",
    corrections: [{ at: "2026-11-20T02:00:00Z", reason: "罚款数额计算有误，依复核结果更正" }],
  };
  const publisher = sitePublisher({ outDir: site, site: SITE, clock: () => now });
  t = performance.now();
  const receipt = (await publisher.publish(corrected))._unsafeUnwrap();
  const pubMs = performance.now() - t;
  if (!receipt.changed) throw new Error("publish did not change anything");

  // The same update through buildSite with the whole list (version 3, so it is a change again).
  const content3: DisclosureContent = { ...content, conclusion: "警告（再次更正）" };
  const third: PublishedItem = {
    ...corrected,
    content: content3,
    contentHash: hashOf(content3),
    version: 3,
    updatedAt: "2026-11-21T02:00:00Z",
  };
  const items3 = items.map((i) => (i.id === third.id ? third : i));
  t = performance.now();
  const rebuild = (await buildSite({ outDir: site, site: SITE, items: items3, withdrawals: [], now }))._unsafeUnwrap();
  const rebuildMs = performance.now() - t;
  const changed = rebuild.written.map((p) => [p, readFileSync(join(site, p))] as const);
  t = performance.now();
  await writeLoop(join(base, "baseline"), changed);
  const baseUpdMs = performance.now() - t;
  console.log(`one-item update: files rewritten: ${rebuild.written.join(", ")}`);
  console.log(
    `one-item update: sitePublisher.publish ${s(pubMs)}, buildSite (full list) ${s(rebuildMs)}, baseline rewrite of the same ${changed.length} files ${s(baseUpdMs)}; ratios ${ratio(pubMs, baseUpdMs)} / ${ratio(rebuildMs, baseUpdMs)}`,
  );
  console.log(`unchanged files counted by the incremental buildSite: ${rebuild.unchanged.toLocaleString("en-US")}`);
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
