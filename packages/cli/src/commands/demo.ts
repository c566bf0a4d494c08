import { join } from "node:path";
import {
  amountText,
  amountWithCapitalsText,
  chinaCalendar,
  civilDateOf,
  computeDeadline,
  createMerkleLog,
  formatSource,
  formatYuan,
  isoWeekday,
  merkleLeafHash,
  PENALTY_STATE_NAMES,
  percentOf,
  rangeInStatuteWords,
  STAGE_NAMES,
  STATUTORY_PERIODS,
  type StatutoryPeriodId,
  TIER_LABELS,
  testSigner,
  toChineseUppercase,
  toHex,
  verifyCaseFile,
  verifyConsistency,
  verifyInclusion,
} from "@sanxiang/core";
import { runDemoCase } from "../demo-case.js";
import { demoCliSection } from "../demo-cli.js";
import { demoDisclosureSection, demoSiteDir } from "../demo-disclosure.js";
import { demoReviewSection } from "../demo-review.js";
import { holidayEnglish, PENALTY_STATE_EN, periodEnglish, rangeEnglish, STAGE_EN, TIER_EN } from "../english.js";
import { describeStore, type StoreSpec, storeSpecOf, withStore } from "../event-store.js";
import { messageWithCitation } from "../format-error.js";
import { type Lang, t, weekdayName } from "../i18n.js";
import { type CommandContext, EXIT, exitCodeOf, formatError } from "../main.js";
import { buildRegistries, sampleData } from "../registry-store.js";

const storeKind = (kind: StoreSpec["kind"], lang: Lang): string =>
  kind === "sqlite"
    ? t(lang, "内嵌 SQLite", "embedded SQLite")
    : kind === "postgres"
      ? "PostgreSQL"
      : t(lang, "内存，进程结束即丢弃", "in memory, gone when the process ends");

const encoder = new TextEncoder();
const utf8ToBytes = (s: string): Uint8Array => encoder.encode(s);

/** The sample case the demo walks: fixed dates, so its deadlines are reproducible. */
const SAMPLE_STEPS: readonly {
  readonly rule: StatutoryPeriodId;
  readonly on: string;
  readonly zh: string;
  readonly en: string;
}[] = [
  { rule: "penalty.decision", on: "2026-09-28", zh: "立案", en: "case filed" },
  { rule: "coercion.seizure", on: "2026-09-29", zh: "扣押涉案物品", en: "goods seized" },
  { rule: "penalty.hearingRequest", on: "2026-09-30", zh: "送达行政处罚告知书", en: "prior notice served" },
  {
    rule: "penalty.service",
    on: "2026-10-09",
    zh: "宣告处罚决定（当事人不在场）",
    en: "decision announced, party absent",
  },
  { rule: "disclosure.licencePenalty", on: "2026-10-09", zh: "作出处罚决定", en: "decision made" },
  { rule: "penalty.payment", on: "2026-10-12", zh: "当事人收到决定书", en: "party receives the decision" },
];

const FINE_FEN = 1_200_000; // 12,000 yuan

function hex(bytes: Uint8Array): string {
  return `${toHex(bytes).slice(0, 16)}…`;
}

function heading(lang: Lang, zh: string, en: string): string {
  return `\n${t(lang, zh, en)}\n${"-".repeat(40)}\n`;
}

/**
 * `sanxiang demo`: the work calendar, a sample case's statutory deadlines with their
 * sources, the fine in upper-case Chinese, and the Merkle log proving every step.
 */
export async function demoCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const out = io.out;
  const cal = chinaCalendar();
  const today = civilDateOf(io.clock.now());

  out(
    t(
      lang,
      "三项 sanxiang 演示：行政执法三项制度 SDK\n",
      "sanxiang demo: the three systems of administrative law enforcement\n",
    ),
  );
  out(t(lang, `今天（北京时间）：${today}\n`, `Today (China time): ${today}\n`));

  // 1. The work calendar.
  out(heading(lang, "一、工作日历（国务院办公厅节假日安排）", "1. Work calendar (State Council holiday notices)"));
  out(
    t(
      lang,
      `已载入 ${cal.coverage.years[0]}–${cal.coverage.years.at(-1)} 年通知，覆盖 ${cal.coverage.from} 至 ${cal.coverage.to}\n`,
      `Notices ${cal.coverage.years[0]}–${cal.coverage.years.at(-1)} loaded, covering ${cal.coverage.from} to ${cal.coverage.to}\n`,
    ),
  );
  for (const date of ["2026-10-01", "2026-10-10", "2026-10-12", "2026-02-16", "2027-03-01"]) {
    const info = cal.dayInfo(date);
    const what = info.match(
      (d) =>
        d.working
          ? d.kind === "makeUpWorkday"
            ? t(lang, "工作日（调休上班）", "working day (make-up)")
            : t(lang, "工作日", "working day")
          : d.kind === "holiday"
            ? t(
                lang,
                `休息·${d.holiday ?? "节假日"}`,
                `day off (${d.holiday === undefined ? "holiday" : holidayEnglish(d.holiday)})`,
              )
            : t(lang, "休息·周末", "day off (weekend)"),
      (e) =>
        t(
          lang,
          `无法判断：该年放假安排尚未载入（${e.code}）`,
          `unknown: that year's holiday notice is not loaded yet [${e.code}]`,
        ),
    );
    out(`  ${date} ${weekdayName(lang, isoWeekday(date))}  ${what}\n`);
  }

  // 2. Statutory deadlines of a sample penalty case.
  out(heading(lang, "二、示例案件的法定期限", "2. Statutory deadlines of a sample case"));
  for (const step of SAMPLE_STEPS) {
    const r = computeDeadline(step.rule, step.on, cal);
    if (r.isErr()) {
      out(`  ${step.on} ${t(lang, step.zh, step.en)}: [${r.error.code}] ${r.error.message}\n`);
      continue;
    }
    const d = r.value;
    const roll =
      d.rolledOverFrom === undefined
        ? ""
        : t(lang, `（${d.rolledOverFrom} 非工作日，顺延）`, ` (rolled over from ${d.rolledOverFrom})`);
    out(
      `  ${step.on} ${t(lang, step.zh, step.en)} → ${t(lang, d.name, periodEnglish(step.rule, d.name))} ${d.amount}${d.unit === "workday" ? t(lang, "个工作日", " working days") : t(lang, "日", " days")} → ${d.due}${roll}\n`,
    );
    out(`      ${t(lang, "依据：", "source: ")}${formatSource(d.source)}\n`);
  }
  const surcharge = percentOf(FINE_FEN, 300, "down");
  out(
    t(
      lang,
      `  罚款：${amountWithCapitalsText(FINE_FEN)}；到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款（每日${surcharge.map((f) => amountText(f)).unwrapOr("—")}），加处罚款的数额不得超出罚款的数额（《行政处罚法》第七十二条第一款第（一）项）\n`,
      `  Fine: ¥${formatYuan(FINE_FEN)} (in capitals on the decision: ${toChineseUppercase(FINE_FEN)}); paid late, 3% of the fine is added each day (¥${surcharge.map((f) => formatYuan(f)).unwrapOr("?")}), never more than the fine itself (《行政处罚法》第七十二条第一款第（一）项)\n`,
    ),
  );

  // 3. Every step as a leaf of the Merkle log.
  out(
    heading(lang, "三、默克尔日志（RFC 6962）：全过程留痕、可回溯", "3. Merkle log (RFC 6962): every step traceable"),
  );
  const log = createMerkleLog();
  const events = SAMPLE_STEPS.map((s, i) => JSON.stringify({ seq: i + 1, on: s.on, step: s.zh, rule: s.rule }));
  for (const e of events) log.append(utf8ToBytes(e));
  const fiveRoot = log.rootAt(5)._unsafeUnwrap();
  const head = log.treeHead();
  out(
    t(
      lang,
      `  已记录 ${head.treeSize} 个事件，树根 ${hex(head.rootHash)}（${head.hashAlgorithm}）\n`,
      `  ${head.treeSize} events recorded, root ${hex(head.rootHash)} (${head.hashAlgorithm})\n`,
    ),
  );

  const index = 2;
  const proof = log.inclusionProof(index)._unsafeUnwrap();
  // What a third party holding only the signed head checks: this record, at this index.
  const proveRecord = (record: string) =>
    verifyInclusion({
      leafHash: merkleLeafHash(utf8ToBytes(record)),
      index,
      treeSize: head.treeSize,
      proof,
      root: head.rootHash,
    });
  const inclusion = proveRecord(events[index] ?? "");
  out(
    t(
      lang,
      `  包含性证明：第 ${index + 1} 个事件「${SAMPLE_STEPS[index]?.zh}」，${proof.length} 个哈希 → ${inclusion.isOk() ? "验证通过" : `验证失败（${inclusion.error.code}）`}\n`,
      `  Inclusion proof of event ${index + 1} (${SAMPLE_STEPS[index]?.en}), ${proof.length} hashes → ${inclusion.isOk() ? "verified" : inclusion.error.code}\n`,
    ),
  );
  const consistency = verifyConsistency({
    oldSize: 5,
    newSize: head.treeSize,
    oldRoot: fiveRoot,
    newRoot: head.rootHash,
    proof: log.consistencyProof(5)._unsafeUnwrap(),
  });
  out(
    t(
      lang,
      `  一致性证明：5 个事件时的树是现在的树的前缀 → ${consistency.isOk() ? "验证通过" : `验证失败（${consistency.error.code}）`}\n`,
      `  Consistency proof: the 5-event tree is a prefix of today's → ${consistency.isOk() ? "verified" : consistency.error.code}\n`,
    ),
  );
  const tampered = (events[index] ?? "").replace("2026-09-30", "2026-10-08");
  const forged = proveRecord(tampered);
  out(
    t(
      lang,
      `  篡改检测：把该事件日期改为 2026-10-08 → ${forged.isErr() ? `验证失败，篡改被发现（${forged.error.code}）` : "未发现（错误！）"}\n`,
      `  Tampering: change that event's date to 2026-10-08 → ${forged.isErr() ? `rejected [${forged.error.code}]` : "not detected (wrong!)"}\n`,
    ),
  );

  // 4. The sample bureaus' databases and a penalty recommendation from their benchmarks.
  out(
    heading(lang, "四、五类数据库与裁量建议（示例局）", "4. The five databases and a recommendation (sample bureaus)"),
  );
  const registries = buildRegistries(sampleData());
  if (registries.isErr()) {
    out(`  ${registries.error.message}${t(lang, `（${registries.error.code}）`, ` [${registries.error.code}]`)}\n`);
    return EXIT.failure;
  }
  const reg = registries.value;
  const bodies = reg.bodies.bodies(today);
  out(
    t(
      lang,
      `  执法主体 ${bodies.length} 个，权责事项 ${reg.powers.items(today).length} 项，裁量基准 ${reg.benchmarks.inForce(today).length} 条\n`,
      `  ${bodies.length} bodies, ${reg.powers.items(today).length} power items, ${reg.benchmarks.inForce(today).length} benchmarks in force\n`,
    ),
  );
  const code = "SPT-SC-JG-07-A";
  const rec = reg.benchmarks.recommend(code, today, ["price-repeat"], { illegalGains: 500_000 });
  if (rec.isOk()) {
    const r = rec.value;
    out(
      t(
        lang,
        `  违法行为 ${code}（违法所得${amountText(500_000)}，情节：屡查屡犯）→ ${TIER_LABELS[r.tier]}：${rangeInStatuteWords(r.range)}\n`,
        `  Violation ${code} (illegal gains ¥5,000.00, repeated) → ${TIER_EN[r.tier]} tier: ${rangeEnglish(r.range)}\n`,
      ),
    );
    // Each article once, in the order the reasons cite them.
    for (const s of [...new Set(r.explanation.map((e) => formatSource(e.source)))].slice(0, 3)) out(`      ${s}\n`);
  } else {
    out(`  ${rec.error.message}${t(lang, `（${rec.error.code}）`, ` [${rec.error.code}]`)}\n`);
  }

  // 5. A whole ordinary penalty case through the procedure, and its case file (案卷),
  // which a third party verifies offline with the bureau's public key.
  out(
    heading(
      lang,
      "五、一件普通程序案件：全过程记录与案卷（示例数据）",
      "5. An ordinary case, recorded end to end, and its case file (sample data)",
    ),
  );
  const spec = storeSpecOf(ctx, join(".sanxiang", "demo"));
  if (spec.isErr()) {
    ctx.io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  // The site's directory is settled before anything is stored: a refused --site changes nothing.
  const siteDir = await demoSiteDir(ctx, spec.value);
  if (siteDir.isErr()) {
    ctx.io.err(formatError(lang, siteDir.error));
    return exitCodeOf(siteDir.error);
  }
  const demoCase = await withStore(
    ctx,
    spec.value,
    async (store) => {
      const r = await runDemoCase(store);
      if (r.isErr()) out(`  ${r.error.message}${t(lang, `（${r.error.code}）`, ` [${r.error.code}]`)}\n`);
      return r.isOk() ? r.value : EXIT.failure;
    },
    { create: true },
  );
  if (typeof demoCase === "number") return demoCase;
  const c = demoCase;
  const where = describeStore(spec.value);
  out(
    t(
      lang,
      `  存储：${where}（${storeKind(spec.value.kind, lang)}；事件、默克尔日志与投影在同一事务中写入）\n`,
      `  Store: ${where} (${storeKind(spec.value.kind, lang)}; events, Merkle log and projections written in one transaction)\n`,
    ),
  );
  for (const { step, state } of c.states) {
    out(
      `  ${step.at.slice(0, 10)} ${t(lang, step.label, step.labelEn)} → ${t(lang, PENALTY_STATE_NAMES[state.value], PENALTY_STATE_EN[state.value])}\n`,
    );
    if (step.command.type === "notice.serve") {
      out(
        t(
          lang,
          `      （此前试图未经告知直接作出决定 → 被拒绝：${messageWithCitation("zh", c.refused)}（${c.refused.code}））\n`,
          `      (an attempt to decide before the party was notified was refused: the party must first be told the facts, grounds and rights${c.refused.source === undefined ? "" : ` (${formatSource(c.refused.source)})`} [${c.refused.code}])\n`,
        ),
      );
    }
  }
  const last = c.states.at(-1)?.state;
  for (const d of Object.values(last?.context.deadlines ?? {})) {
    if (d === undefined) continue;
    const period = STATUTORY_PERIODS.find((p) => p.id === d.ruleId);
    const name = t(
      lang,
      period?.name ?? "法定期限",
      period === undefined ? "statutory period" : periodEnglish(period.id, period.name),
    );
    out(
      t(
        lang,
        `  ${name}：届满日 ${d.due}（${formatSource(d.source)}）\n`,
        `  ${name}: due ${d.due} (${formatSource(d.source)})\n`,
      ),
    );
  }
  const file = c.caseFile;
  const signer = testSigner();
  const verified = verifyCaseFile(file, { algorithm: signer.algorithm, publicKey: signer.publicKey });
  out(
    t(
      lang,
      `  案卷 ${file.caseId}：卷内 ${file.catalogue.length} 件，按阶段排列（${[...new Set(file.catalogue.map((e) => STAGE_NAMES[e.stage]))].join(" → ")}）\n`,
      `  Case file ${file.caseId}: ${file.catalogue.length} entries in stage order (${[...new Set(file.catalogue.map((e) => STAGE_EN[e.stage]))].join(" → ")})\n`,
    ),
  );
  out(
    t(
      lang,
      `  签名树头（${signer.algorithm}，公开的测试密钥，树大小 ${file.signedTreeHead.treeSize}）；逐件包含性证明 → ${verified.isOk() ? "验证通过" : `验证失败（${verified.error.code}）`}\n`,
      `  Signed tree head (${signer.algorithm}, the public test key, size ${file.signedTreeHead.treeSize}); every entry's inclusion proof → ${verified.isOk() ? "verified" : `failed [${verified.error.code}]`}\n`,
    ),
  );
  if (verified.isErr()) return EXIT.failure;
  // A memory store is gone after the demo: nothing to point the next commands at.
  const given = typeof ctx.options.store === "string" ? ctx.options.store : ctx.io.env.SANXIANG_STORE;
  const storeFlag =
    spec.value.kind === "memory" ? undefined : ` --store ${spec.value.kind === "postgres" ? `"${given}"` : where}`;
  if (storeFlag !== undefined)
    out(
      t(
        lang,
        `  导出本案案卷：sanxiang casefile ${c.caseId} case.json${storeFlag}\n  验证整个日志：sanxiang verify --log${storeFlag} --key ${toHex(signer.publicKey)}\n`,
        `  Export this case file: sanxiang casefile ${c.caseId} case.json${storeFlag}\n  Verify the whole log: sanxiang verify --log${storeFlag} --key ${toHex(signer.publicKey)}\n`,
      ),
    );

  if (!(await demoReviewSection(ctx, spec.value, storeFlag))) return EXIT.failure;
  if (!(await demoDisclosureSection(ctx, spec.value, c.caseId, siteDir.value))) return EXIT.failure;
  if (!(await demoCliSection(ctx, spec.value))) return EXIT.failure;

  out(
    t(
      lang,
      "\n试试：sanxiang deadline 2026-09-30 7 --workdays；sanxiang registry check --sample；sanxiang penalty recommend SPT-SC-JG-07-A --gains 5000 --sample\n",
      "\nTry: sanxiang deadline 2026-09-30 7 --workdays; sanxiang registry check --sample; sanxiang penalty recommend SPT-SC-JG-07-A --gains 5000 --sample\n",
    ),
  );
  return inclusion.isOk() && consistency.isOk() && forged.isErr() ? EXIT.ok : EXIT.failure;
}
