import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import {
  type Actor,
  type BodiesRegistry,
  beforeDisclosureDrafts,
  chinaCalendar,
  civilDateOf,
  createBenchmarkRegistry,
  createBodiesRegistry,
  createBureau,
  createPowersRegistry,
  DEFAULT_DISCLOSURE_POLICY,
  type DisclosureDraft,
  type DisclosureObligation,
  disclosuresAgree,
  type EventStore,
  err,
  manualClock,
  ok,
  organName,
  type ProvenDisclosures,
  provenDisclosures,
  type Result,
  type SanxiangError,
  testSigner,
  toHex,
  verificationKeyOf,
} from "@sanxiang/core";
import { type SiteConfig, sitePublisher } from "@sanxiang/publish-site";
import { SAMPLE_BENCHMARK_REGISTRY_INPUT, SAMPLE_BODIES_DATA, SAMPLE_POWERS_DATA } from "@sanxiang/sample";
import { dutyLine } from "./commands/duties.js";
import { siteDirOf } from "./commands/publish.js";
import { runDemoCase, signDemoHead } from "./demo-case.js";
import { type StoreSpec, withStore } from "./event-store.js";
import { messageWithCitation } from "./format-error.js";
import { t } from "./i18n.js";
import type { CommandContext } from "./main.js";

// Enforcement disclosure (行政执法公示) in the demo, run as an app would — through
// createBureau, each act by `as(actor)` at the bureau's clock: the decision of the
// demo case is drafted from its events (redacted), stopped when published without the head's
// sign-off, signed off by the head of the deciding body, and published by the designated
// publisher to the public site through the Publisher port; the sample bureaus' bodies,
// officers, powers list, service guides, inspection items, benchmarks and flowcharts are
// published as 事前公开. Sample data: names, numbers and dates are invented.

/** The demo's log id (sample bureau), as its signed tree heads name it. */
const DEMO_LOG_ID = "EXAMPLE.spt-scjgj";

/** The demo's bureau: the sample 中卫市沙坡头区市场监督管理局 (body `spt-scjgj`). */
const DEMO_BODY_ID = "spt-scjgj";

/**
 * The demo's public site settings (sample bureau): the 主办单位 is the demo bureau's organ as
 * the sample bodies registry names it on `date` ({@link organName}) — an organ, never an area.
 */
export function demoSiteConfig(bodies: BodiesRegistry, date: string): Result<SiteConfig, SanxiangError> {
  return organName(bodies, DEMO_BODY_ID, date).map((organ) => ({
    title: "沙坡头区行政执法公示平台（示例）",
    bureauName: organ,
    baseUrl: "http://127.0.0.1:8080/",
  }));
}

const officer: Actor = { id: "spt-scj-01", name: "陈海龙", roles: ["officer"] };
// The bureau's designated 公示专员: a registered officer of the bureau (the registry checks who uploads).
const publisherActor: Actor = { id: "spt-scj-03", name: "吴鹏", roles: ["publisher"] };

/**
 * Who acts for body `bodyId` on `date`, from the sample registry (each body's disclosures
 * are drafted and uploaded by its own staff and signed off by its own head): its principal
 * (or presiding, else deputy) head, and one in-post officer who is not a head; `undefined`
 * when the registry records no head or no staff of the body.
 */
function actorsOf(bodies: BodiesRegistry, bodyId: string, date: string): { head: Actor; staff: Actor } | undefined {
  const people = bodies.officersOf(bodyId, date).filter((o) => o.status === "active");
  const head =
    people.find((o) => o.leadership === "principal" || o.leadership === "presiding") ??
    people.find((o) => o.leadership === "deputy");
  const staff = people.find((o) => o.leadership === undefined);
  if (head === undefined || staff === undefined) return undefined;
  return {
    head: { id: head.id, name: head.name, roles: ["head"], bodyId },
    staff: { id: staff.id, name: staff.name, roles: ["officer", "publisher"], bodyId },
  };
}

/** What the demo shows of disclosure. */
export interface DisclosureDemo {
  /** The decision's disclosure id. */
  readonly decisionId: string;
  /** Its draft: title, redactions, rule. */
  readonly draft: DisclosureDraft;
  /** Its publication deadline (届满日) and the rule's source. */
  readonly due: string | undefined;
  /** The refusal of publishing before the sign-off. */
  readonly refused: SanxiangError;
  /** Where the publisher put it. */
  readonly location: string | undefined;
  /** Before-enforcement items published now (0 when an earlier run already published them). */
  readonly beforePublished: number;
  /** Before-enforcement items already public from an earlier run. */
  readonly beforeKept: number;
  /** Before-enforcement items of a body with no head on record to sign them off (left unpublished). */
  readonly beforeWaiting: number;
  /** Open disclosure duties of the store on the demo's today, overdue first. */
  readonly obligations: readonly DisclosureObligation[];
  /** The site's directory. */
  readonly siteDir: string;
  /** What the signed log proves public, once the demo signed its head (agreeing with the projection). */
  readonly proof: ProvenDisclosures;
}

/**
 * Runs the disclosure part of the demo in `store` for the demo case `caseId` and publishes
 * to the site in `siteDir`.
 */
export async function runDisclosureDemo(
  store: EventStore,
  caseId: string,
  siteDir: string,
  today: string,
): Promise<Result<DisclosureDemo, SanxiangError>> {
  const calendar = chinaCalendar();
  const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA);
  if (bodies.isErr()) return err(bodies.error);
  const powers = createPowersRegistry(SAMPLE_POWERS_DATA);
  if (powers.isErr()) return err(powers.error);
  const benchmarks = createBenchmarkRegistry(SAMPLE_BENCHMARK_REGISTRY_INPUT);
  if (benchmarks.isErr()) return err(benchmarks.error);
  const site = demoSiteConfig(bodies.value, "2026-03-02");
  if (site.isErr()) return err(site.error);
  const publisher = sitePublisher({ outDir: siteDir, site: site.value });
  const policy = DEFAULT_DISCLOSURE_POLICY;
  // The bureau signs its log head with the public test key here; a real bureau loads its own.
  const signer = testSigner();
  const clock = manualClock("2026-03-11T06:00:00Z");
  const made = createBureau({
    bodyId: DEMO_BODY_ID,
    logId: DEMO_LOG_ID,
    store,
    publisher,
    signer,
    clock,
    registries: { bodies: bodies.value, powers: powers.value, benchmarks: benchmarks.value },
    calendar,
    policies: { disclosure: policy },
  });
  if (made.isErr()) return err(made.error);
  const bureau = made.value;

  // 事后公开: the decision, drafted by the bureau from the case's own events.
  const decision = await bureau
    .case(caseId)
    .disclosure.as(officer)
    .draft({ documentNumber: `沙市监罚决〔2026〕${caseId.slice(-3)}号` });
  if (decision.isErr()) return err(decision.error);
  const d = decision.value;
  const drafted = await d.state();
  if (drafted.isErr()) return err(drafted.error);
  const draft = drafted.value.context.draft;
  if (draft === undefined) throw new Error("the decision disclosure has no draft");
  const due = drafted.value.context.due?.due;
  // The shortcut the pilot plan forbids: uploading before the head signed off (负责人审定).
  clock.set("2026-03-11T07:00:00Z");
  const early = await d.as(publisherActor).publish();
  if (early.isOk()) throw new Error("the workflow published a disclosure nobody signed off");
  clock.set("2026-03-12T02:00:00Z");
  const deciding = actorsOf(bodies.value, draft.bodyId, "2026-03-12");
  if (deciding === undefined) throw new Error(`the sample registry has no head and staff for ${draft.bodyId}`);
  const approved = await d.as(deciding.head).signOff();
  if (approved.isErr()) return err(approved.error);
  clock.set("2026-03-12T03:00:00Z");
  const published = await d.as(publisherActor).publish();
  if (published.isErr()) return err(published.error);

  // 事前公开: the registries as they stood when the case began, each drafted, signed off by
  // the head of its body and published.
  const before = beforeDisclosureDrafts({
    bodies: bodies.value,
    powers: powers.value,
    benchmarks: benchmarks.value,
    asOf: "2026-03-02",
    policy,
  });
  if (before.isErr()) return err(before.error);
  let beforePublished = 0;
  let beforeKept = 0;
  let beforeWaiting = 0;
  for (const item of before.value) {
    const b = bureau.disclosure(item.disclosureId);
    const existing = await b.state();
    if (existing.isErr()) return err(existing.error);
    if (existing.value.version > 0) {
      beforeKept++;
      continue;
    }
    // 谁履职、谁公示: a body's own head signs its items off; a body with no head on record
    // cannot, so its items wait — counted, never published by another.
    const people = actorsOf(bodies.value, item.bodyId, "2026-03-02");
    if (people === undefined) {
      beforeWaiting++;
      continue;
    }
    clock.set("2026-03-02T01:00:00Z");
    const r1 = await b.as(people.staff).draft(item);
    if (r1.isErr()) return err(r1.error);
    clock.set("2026-03-02T02:00:00Z");
    const r2 = await b.as(people.head).signOff();
    if (r2.isErr()) return err(r2.error);
    clock.set("2026-03-02T03:00:00Z");
    const r3 = await b.as(people.staff).publish();
    if (r3.isErr()) return err(r3.error);
    beforePublished++;
  }

  // The site's content is then what the signed log proves — never the projection, which is
  // only compared with it.
  // Signed after the review section's head (04-28): heads are dated in the order the log grew.
  const sth = await signDemoHead(store, clock, "2026-04-28T09:00:00Z", bureau);
  if (sth.isErr()) return err(sth.error);
  clock.set(`${today}T04:00:00Z`);
  const obligations = await bureau.duties();
  if (obligations.isErr()) return err(obligations.error);
  const proven = await provenDisclosures(store, { key: verificationKeyOf(signer), unsignedTail: "refuse" });
  if (proven.isErr()) return err(proven.error);
  const proof = disclosuresAgree(proven.value);
  if (proof.isErr()) return err(proof.error);
  return ok({
    proof: proof.value,
    decisionId: d.disclosureId,
    draft,
    due,
    refused: early.error,
    location: published.value.receipt.location,
    beforePublished,
    beforeKept,
    beforeWaiting,
    obligations: [...obligations.value],
    siteDir,
  });
}

/**
 * The site directory of the demo: `--site <dir>` (a new or empty directory, or a site built
 * before; anything else needs `--force`), else a fresh temporary directory for a memory store
 * (a memory store's demo leaves nothing in the working directory; the output names the
 * directory), else beside the
 * demo's store in `./.sanxiang/demo/site`.
 */
export async function demoSiteDir(ctx: CommandContext, spec: StoreSpec): Promise<Result<string, SanxiangError>> {
  const given = ctx.options.site;
  if (typeof given === "string") return siteDirOf(ctx, given, "site");
  if (spec.kind === "memory") return ok(await mkdtemp(join(tmpdir(), "sanxiang-demo-site-")));
  return ok(join(ctx.io.cwd, ".sanxiang", "demo", "site"));
}

/**
 * Section 7 of the demo: the demo case's decision disclosed (drafted from its events,
 * refused before the sign-off, signed off, published to the site), the sample bureaus'
 * before-enforcement items published, the open disclosure duties with their deadlines, and
 * where to open the site. False when something failed (already printed).
 */
export async function demoDisclosureSection(
  ctx: CommandContext,
  spec: StoreSpec,
  caseId: string,
  siteDir: string,
): Promise<boolean> {
  const { lang } = ctx;
  const out = ctx.io.out;
  out(
    `\n${t(lang, "七、行政执法公示（国办发〔2018〕118号、行政处罚法第四十八条，示例数据）", "7. Enforcement disclosure (国办发〔2018〕118号, 行政处罚法 Art. 48, sample data)")}\n${"-".repeat(40)}\n`,
  );
  const today = civilDateOf(ctx.io.clock.now());
  const r = await withStore(ctx, spec, async (store) => {
    // A memory store starts empty each time it is opened: run the demo case in it again.
    const held = await store.load(caseId);
    if (held.isErr()) return err(held.error);
    if (held.value.length > 0) return runDisclosureDemo(store, caseId, siteDir, today);
    const again = await runDemoCase(store);
    return again.isErr() ? err(again.error) : runDisclosureDemo(store, again.value.caseId, siteDir, today);
  });
  if (typeof r === "number") return false;
  if (r.isErr()) {
    out(`  ${r.error.message}（${r.error.code}）\n`);
    return false;
  }
  const d = r.value;
  const content = d.draft.content;
  out(
    t(
      lang,
      `  由案件事件生成事后公开草稿：${d.draft.title}\n`,
      `  Post-decision draft from the case's events (published in Chinese): ${d.draft.title}\n`,
    ),
  );
  if (content.kind === "decision") {
    const summary = `${content.documentNumber} · ${content.agencyName} · ${content.party.name} · ${content.conclusion}`;
    out(t(lang, `    ${summary}\n`, `    Number, organ, party, conclusion: ${summary}\n`));
  }
  out(
    t(
      lang,
      `    脱敏 ${d.draft.redactions.length} 处；应公示截止日 ${d.due ?? "—"}（作出决定之日起七个工作日，国办发〔2018〕118号）\n`,
      `    ${d.draft.redactions.length} redactions; publish by ${d.due ?? "—"} (7 working days from the decision, 国办发〔2018〕118号)\n`,
    ),
  );
  out(
    t(
      lang,
      `  未经负责人审定即发布 → 被拒绝：${messageWithCitation("zh", d.refused)}（${d.refused.code}）\n`,
      `  Uploading before the head's sign-off → refused [${d.refused.code}]\n`,
    ),
  );
  out(
    t(
      lang,
      `  负责人审定（绑定内容哈希）→ 公示发布人员发布至公示网站：${d.location ?? d.decisionId}\n`,
      `  Head signs off (bound to the content hash) → published to the public site: ${d.location ?? d.decisionId}\n`,
    ),
  );
  out(
    t(
      lang,
      `  事前公开（执法主体、执法人员及执法证号、权责清单、服务指南、随机抽查事项、裁量基准、执法流程图）：本次发布 ${d.beforePublished} 项${d.beforeKept > 0 ? `，已公示 ${d.beforeKept} 项` : ""}\n`,
      `  Before-enforcement items (bodies, officers with certificate numbers, powers list, service guides, inspection items, benchmarks, flowcharts): ${d.beforePublished} published now${d.beforeKept > 0 ? `, ${d.beforeKept} already public` : ""}\n`,
    ),
  );
  const overdue = d.obligations.filter((o) => o.overdue);
  out(
    t(
      lang,
      `  待履行的公示义务（截至 ${today}）：${d.obligations.length} 项，其中逾期 ${overdue.length} 项\n`,
      `  Open disclosure duties (as of ${today}): ${d.obligations.length}, ${overdue.length} overdue\n`,
    ),
  );
  for (const o of d.obligations.slice(0, 3)) out(`    ${dutyLine(lang, o)}\n`);
  if (overdue.length > 0) {
    out(
      t(
        lang,
        "    （第六节的重大案件已作出决定但尚未公示：逾期的公示义务列在这里，不会被静默丢弃）\n",
        "    (section 6's major case was decided but not disclosed: overdue duties are listed here, never dropped)\n",
      ),
    );
  }
  const p = d.proof;
  out(
    t(
      lang,
      `  签名树头覆盖全部 ${p.log.treeSize} 个事件（公开的测试密钥）；由签名日志证明：已公示 ${p.items.length} 项、撤回公告 ${p.withdrawals.length} 项，每项均有负责人对其内容哈希的审定，公示投影与日志一致\n`,
      `  The signed tree head covers all ${p.log.treeSize} events (the public test key); the signed log proves ${p.items.length} published items and ${p.withdrawals.length} withdrawal notices, each signed off by the head for its content hash; the disclosures projection agrees\n`,
    ),
  );
  const rel = relative(ctx.io.cwd, siteDir) || ".";
  const key = toHex(verificationKeyOf(testSigner()).publicKey);
  const storeArg =
    spec.kind === "memory"
      ? ""
      : ` --store ${spec.kind === "sqlite" ? (spec.path ?? join(spec.dir ?? ".", "events.db")) : "…"}`;
  out(
    t(
      lang,
      `  公示网站：${join(siteDir, "index.html")}\n  浏览（含站内搜索）：sanxiang serve ${rel}\n  由签名日志重新生成：sanxiang publish --out ./site${storeArg} --key ${key} --require-signed --body ${DEMO_BODY_ID} --sample\n  全部公示义务：sanxiang duties${storeArg}；全部未届满期限（案件、法制审核、公示）：sanxiang deadlines${storeArg}\n`,
      `  Public site: ${join(siteDir, "index.html")}\n  Browse (with search): sanxiang serve ${rel}\n  Rebuild from the signed log: sanxiang publish --out ./site${storeArg} --key ${key} --require-signed --body ${DEMO_BODY_ID} --sample\n  Every disclosure duty: sanxiang duties${storeArg}; every open deadline (cases, reviews, disclosures): sanxiang deadlines${storeArg}\n`,
    ),
  );
  return true;
}
