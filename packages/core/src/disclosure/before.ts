import type { SanxiangError } from "../kernel/errors.js";
import type { Id } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource } from "../kernel/source.js";
import { type CivilDate, compareCivilDates } from "../kernel/time.js";
import { SAMR_TIER_FORMULA, type TierFormula } from "../registry/benchmarks/formula.js";
import type { BenchmarkRegistry } from "../registry/benchmarks/registry.js";
import { type Benchmark, type BenchmarkTier, PENALTY_KIND_LABELS, TIER_LABELS } from "../registry/benchmarks/schema.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { BODY_KIND_LABELS, type Body } from "../registry/bodies/schema.js";
import { POWER_KIND_LABELS } from "../registry/powers/kinds.js";
import type { PowersRegistry } from "../registry/powers/registry.js";
import { tierFineInStatuteWords } from "./benchmark-wording.js";
import { buildDraft, type DisclosureDraft, type DraftInput } from "./draft.js";
import { PROCEDURE_NAMES, procedureFlowcharts } from "./flowchart.js";
import type { DisclosurePolicy } from "./rules.js";

/** What {@link beforeDisclosureDrafts} drafts from. */
export interface BeforeDisclosureInput {
  /** 执法主体及人员数据库. */
  readonly bodies: BodiesRegistry;
  /** 权责清单、服务指南、随机抽查事项. */
  readonly powers: PowersRegistry;
  /** 裁量基准库 (行政处罚法 Art. 34), when the bureau keeps one. */
  readonly benchmarks?: BenchmarkRegistry;
  /** The day the registries are read at. */
  readonly asOf: CivilDate;
  /** The resolved disclosure policy. */
  readonly policy: DisclosurePolicy;
  /**
   * The body that publishes what belongs to no single body (benchmarks, flowcharts);
   * default the first 行政机关 in force (by id), else the first body.
   */
  readonly publisherBodyId?: Id;
  /** Draft the procedure flowcharts (default true). */
  readonly flowcharts?: boolean;
  /**
   * The tier formula that resolves a tier left to it, so the published range is the one that
   * applies (default {@link SAMR_TIER_FORMULA}, the bureau's review policy should pass its own).
   */
  readonly tierFormula?: TierFormula;
}

/**
 * Writes a tier's penalty as the published benchmark states it: the tier, the kinds, and the
 * fine in the statute's words, resolved from the tier's own terms or the formula (issue 16:
 * "罚款按裁量公式计算" published no range).
 */
function tierPenalty(bm: Benchmark, t: BenchmarkTier, formula: TierFormula): string {
  const kinds = t.kinds === undefined ? "" : t.kinds.map((k) => PENALTY_KIND_LABELS[k]).join("、");
  const fine = t.fine.mode === "none" ? "" : (tierFineInStatuteWords(bm, t.tier, formula) ?? "");
  return [`${TIER_LABELS[t.tier]}`, [kinds, fine].filter((s) => s.length > 0).join("，")]
    .filter((s) => s.length > 0)
    .join("：");
}

function publisherOf(input: BeforeDisclosureInput, inForce: readonly Body[]): Body | undefined {
  if (input.publisherBodyId !== undefined) return inForce.find((b) => b.id === input.publisherBodyId);
  const sorted = [...inForce].sort((a, b) => a.id.localeCompare(b.id));
  return sorted.find((b) => b.kind === "agency") ?? sorted[0];
}

/**
 * 事前公开草稿 — the before-enforcement disclosures read from the registries on `asOf`
 * (国办发〔2018〕118号 二（四）强化事前公开): every body in force; its officers who may act (status 在岗
 * and certificate valid on `asOf`) with name, 执法证号, categories and validity; the powers
 * list; the service guides; the random-inspection items; the discretion benchmarks
 * (行政处罚法 Art. 34); and the procedure flowcharts generated from the machines. Each draft
 * counts its deadline from the day its version took effect (政府信息公开条例 Art. 26: 20
 * working days after the information is made or changed). Contact numbers the registries
 * hold as public (a body's phone, a supervision phone, a guide's office phone) and
 * certificate numbers are kept; any other personal data in free text is redacted.
 */
export function beforeDisclosureDrafts(input: BeforeDisclosureInput): Result<DisclosureDraft[], SanxiangError> {
  const { asOf, policy } = input;
  const bodies = input.bodies.bodies(asOf);
  const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
  const specs: DraftInput[] = [];
  const ctx = (publicIdentifiers: readonly (string | undefined)[]) => ({
    policy: policy.redaction,
    publicIdentifiers: publicIdentifiers.filter((s): s is string => s !== undefined),
  });

  for (const b of bodies) {
    specs.push({
      content: {
        kind: "body",
        name: b.name,
        nature: BODY_KIND_LABELS[b.kind],
        authority: b.authority.map(formatSource),
        categories: b.categories,
        ...(b.address === undefined ? {} : { address: b.address }),
        ...(b.phone === undefined ? {} : { phone: b.phone }),
      },
      key: b.id,
      title: b.name,
      bodyId: b.id,
      bodyName: b.name,
      startOn: b.effectiveFrom,
      redaction: ctx([b.phone]),
    });
    for (const o of input.bodies.officersOf(b.id, asOf)) {
      if (o.status !== "active" || compareCivilDates(o.validUntil, asOf) < 0) continue;
      specs.push({
        content: {
          kind: "officer",
          name: o.name,
          bodyName: b.name,
          certificateNumber: o.certificateNumber,
          categories: o.categories,
          ...(o.post === undefined ? {} : { post: o.post }),
          validUntil: o.validUntil,
        },
        key: o.id,
        title: `${o.name}（${b.name}）`,
        bodyId: b.id,
        bodyName: b.name,
        startOn: o.effectiveFrom,
        redaction: ctx([o.certificateNumber]),
      });
    }
  }

  for (const item of input.powers.items(asOf)) {
    const name = bodyName.get(item.bodyId);
    if (name === undefined) continue;
    specs.push({
      content: {
        kind: "power",
        code: item.code,
        name: item.name,
        powerKind: POWER_KIND_LABELS[item.kind],
        basis: item.basis.map(formatSource),
        bodyName: name,
        unit: item.unit,
        supervision: item.supervision,
        ...(item.supervisionPhone === undefined ? {} : { supervisionPhone: item.supervisionPhone }),
        accountability: item.accountability,
      },
      key: item.code,
      title: item.name,
      bodyId: item.bodyId,
      bodyName: name,
      startOn: item.effectiveFrom,
      redaction: ctx([item.supervisionPhone]),
    });
    const guide = input.powers.guide(item.code, asOf);
    if (guide.isOk()) {
      const g = guide.value;
      specs.push({
        content: {
          kind: "serviceGuide",
          itemCode: g.itemCode,
          name: g.name,
          basis: g.basis.map(formatSource),
          acceptingBody: g.acceptingBody,
          approvingBody: g.approvingBody,
          conditions: g.conditions,
          materials: g.materials,
          process: g.process,
          timeLimit: g.timeLimit,
          supervision: g.supervision,
          officeHours: g.officeHours,
          address: g.address,
          phone: g.phone,
        },
        key: g.itemCode,
        title: `${g.name}服务指南`,
        bodyId: item.bodyId,
        bodyName: name,
        startOn: g.effectiveFrom,
        redaction: ctx([g.phone]),
      });
    }
  }

  for (const i of input.powers.inspections(asOf)) {
    const name = bodyName.get(i.bodyId);
    if (name === undefined) continue;
    specs.push({
      content: {
        kind: "inspectionItem",
        code: i.code,
        name: i.name,
        ...(i.subItem === undefined ? {} : { subItem: i.subItem }),
        bodyName: name,
        targets: i.targets,
        basis: i.basis.map(formatSource),
        methods: i.methods,
        ratio: `${i.ratioBasisPoints / 100}%`,
        timesPerYear: i.timesPerYear,
      },
      key: i.code,
      title: i.subItem === undefined ? i.name : `${i.name}（${i.subItem}）`,
      bodyId: i.bodyId,
      bodyName: name,
      startOn: i.effectiveFrom,
      redaction: ctx([]),
    });
  }

  const publisher = publisherOf(input, bodies);
  const formula = input.tierFormula ?? SAMR_TIER_FORMULA;
  if (publisher !== undefined) {
    for (const bm of input.benchmarks?.inForce(asOf) ?? []) {
      const tiers =
        bm.tiers.length > 0
          ? bm.tiers.map((t) => ({ circumstance: t.description, penalty: tierPenalty(bm, t, formula) }))
          : [
              {
                circumstance: "依裁量公式确定",
                penalty: bm.statutory.kinds.map((k) => PENALTY_KIND_LABELS[k]).join("、"),
              },
            ];
      specs.push({
        content: { kind: "benchmark", name: bm.name, basis: bm.penaltyBasis.map(formatSource), tiers },
        key: bm.code,
        title: `${bm.name}裁量基准`,
        bodyId: publisher.id,
        bodyName: publisher.name,
        startOn: bm.effectiveFrom,
        redaction: ctx([]),
      });
    }
    if (input.flowcharts !== false) {
      for (const [procedure, chart] of Object.entries(procedureFlowcharts())) {
        const name = PROCEDURE_NAMES[procedure] ?? procedure;
        specs.push({
          content: { kind: "flowchart", name, chart },
          key: `${publisher.id}.${procedure}`,
          title: name,
          bodyId: publisher.id,
          bodyName: publisher.name,
          // The machines carry no effective date: the flowchart counts from the day it is drawn.
          startOn: asOf,
          redaction: ctx([]),
        });
      }
    }
  }

  const drafts: DisclosureDraft[] = [];
  for (const spec of specs) {
    const d = buildDraft(spec, policy);
    if (d.isErr()) return err(d.error);
    drafts.push(d.value);
  }
  return ok(drafts);
}
