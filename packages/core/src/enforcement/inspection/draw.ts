import { z } from "zod";
import { invalidInput, type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { type HashAlgorithm, HashAlgorithmNameSchema, hashAlgorithm, sha256, toHex } from "../../kernel/hash.js";
import { IdSchema, type RandomSource } from "../../kernel/ports.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { CivilDateSchema, InstantSchema } from "../../kernel/time.js";
import type { OfficerPolicyInput } from "../../registry/bodies/policy.js";
import type { BodiesRegistry } from "../../registry/bodies/registry.js";
import { DivisionCodeSchema } from "../../registry/bodies/schema.js";
import type { Organisation } from "../../registry/entities/parties.js";
import { InspectionItemSchema } from "../../registry/powers/schema.js";
import { inForce } from "../../registry/versions.js";
import { refuse } from "../guards.js";
import { entityPool, InspectionScopeSchema, inspectorPool, RecusalSchema, INSPECTION_SOURCES as SRC } from "./pools.js";

/** 抽取算法 — the name of the draw procedure recorded in each task, so a later version can still replay old draws. */
export const DRAW_ALGORITHM = "sanxiang.inspection.draw.v1";

/**
 * 抽查任务参数 — what a bureau decides before a draw (plain data): the task id, the items
 * of the random-inspection list (双随机抽查事项, one body), the date of the pools, when the
 * draw is made, the category and region the inspectors must cover, the entity scope, how
 * many entities (default: the highest item ratio of the pool, rounded up), how many
 * inspectors per entity (at least 2) and the recusals (回避).
 */
export const DrawInspectionInputSchema = z.object({
  /** 抽查任务编号. */
  taskId: IdSchema,
  /** 抽查事项 — one or more items of one body, in force on `date`. */
  items: z.array(InspectionItemSchema).min(1).readonly(),
  /** The date the pools are taken as of. */
  date: CivilDateSchema,
  /** 抽取时间. */
  drawnAt: InstantSchema,
  /** 执法类别 the inspectors' certificates must cover. */
  category: z.string().trim().min(1),
  /** 执法区域 the inspectors' certificates must cover. */
  regionCode: DivisionCodeSchema,
  /** 检查对象范围 — default: the organisations registered in `regionCode`. */
  scope: InspectionScopeSchema.optional(),
  /** 抽取检查对象数. */
  count: z.number().int().positive().optional(),
  /** 每户检查人员数 (at least 2). */
  inspectorsPerEntity: z.number().int().min(2).max(20).default(2),
  /** 回避名单. */
  recusals: z.array(RecusalSchema).readonly().default([]),
});
/** 抽查任务参数 (see {@link DrawInspectionInputSchema}). */
export type DrawInspectionInput = z.input<typeof DrawInspectionInputSchema>;

/** 抽取结果 — one drawn entity and the inspectors assigned to it. */
export const DrawAssignmentSchema = z.object({
  /** 统一社会信用代码. */
  uscc: z.string(),
  /** 执法检查人员. */
  officerIds: z.array(z.string()).readonly(),
});
/** 抽取结果 (see {@link DrawAssignmentSchema}). */
export type DrawAssignment = z.infer<typeof DrawAssignmentSchema>;

/**
 * 抽查任务已抽取 — the event of a draw: its parameters, the seed taken from the RandomSource
 * port, the pools in the order drawn from, and the result. Anyone holding it can re-run
 * the draw ({@link replayDraw}) and, with the registries, check the pools ({@link verifyDraw}).
 */
export const InspectionTaskDrawnSchema = z.object({
  type: z.literal("inspection.taskDrawn"),
  taskId: IdSchema,
  /** 抽查事项编码. */
  itemCodes: z.array(z.string()).min(1).readonly(),
  /** 检查主体. */
  bodyId: z.string(),
  date: CivilDateSchema,
  drawnAt: InstantSchema,
  category: z.string(),
  regionCode: z.string(),
  scope: InspectionScopeSchema,
  /** {@link DRAW_ALGORITHM}. */
  algorithm: z.literal(DRAW_ALGORITHM),
  /** The hash that expands the seed. */
  hash: HashAlgorithmNameSchema,
  /** 随机种子 — 32 bytes from the RandomSource port, hex. */
  seed: z.string().regex(/^[0-9a-f]{64}$/),
  /** 检查对象库 (USCC order). */
  entityPool: z.array(z.string()).readonly(),
  /** 执法检查人员库 (id order). */
  inspectorPool: z.array(z.string()).readonly(),
  recusals: z.array(RecusalSchema).readonly(),
  count: z.number().int().positive(),
  inspectorsPerEntity: z.number().int().min(2),
  assignments: z.array(DrawAssignmentSchema).readonly(),
});
/** 抽查任务已抽取 (see {@link InspectionTaskDrawnSchema}). */
export type InspectionTaskDrawn = z.infer<typeof InspectionTaskDrawnSchema>;

/** 两库 — what the pools are built from: the organisations and the bodies registry (not plain data). */
export interface DrawPools {
  /** Organisations, e.g. `entities.organisationsAt(date)`; filtered again by date, status and scope. */
  readonly organisations: readonly Organisation[];
  /** 执法主体及人员数据库. */
  readonly bodies: BodiesRegistry;
  /** Candidate inspectors (default: the officers of the items' body). */
  readonly officerIds?: readonly string[];
  /** The bureau's officer rules. */
  readonly officerPolicy?: OfficerPolicyInput;
  /** Hash that expands the seed (default SHA-256). */
  readonly hash?: HashAlgorithm;
}

// The label is ASCII: its bytes are its char codes (no TextEncoder in core's lib).
const LABEL = Uint8Array.from(DRAW_ALGORITHM, (c) => c.charCodeAt(0));

/** A deterministic integer stream: hash(seed ‖ label ‖ counter), 4 bytes at a time. */
function stream(seed: Uint8Array, hash: HashAlgorithm): (n: number) => number {
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const u32 = (): number => {
    if (pos + 4 > block.length) {
      const input = new Uint8Array(seed.length + LABEL.length + 4);
      input.set(seed, 0);
      input.set(LABEL, seed.length);
      new DataView(input.buffer).setUint32(seed.length + LABEL.length, counter++);
      block = hash.hash(input);
      pos = 0;
    }
    const v = new DataView(block.buffer, block.byteOffset + pos, 4).getUint32(0);
    pos += 4;
    return v;
  };
  // Uniform in [0, n) by rejection: no modulo bias.
  return (n) => {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const v = u32();
      if (v < limit) return v % n;
    }
  };
}

/** The first `k` of a partial Fisher–Yates shuffle of `pool`. */
function sample(pool: readonly string[], k: number, uniform: (n: number) => number): string[] {
  const a = [...pool];
  for (let i = 0; i < k; i++) {
    const j = i + uniform(a.length - i);
    const t = a[i] as string;
    a[i] = a[j] as string;
    a[j] = t;
  }
  return a.slice(0, k);
}

/** The parameters a draw is a pure function of. */
export type DrawParameters = Pick<
  InspectionTaskDrawn,
  "seed" | "hash" | "entityPool" | "inspectorPool" | "recusals" | "count" | "inspectorsPerEntity"
>;

/**
 * 重演抽取 — the assignments a draw's parameters give (pure): `count` entities sampled
 * without replacement from the entity pool, then for each, in drawn order,
 * `inspectorsPerEntity` inspectors sampled from the inspector pool less the officers recused
 * for the task or that entity. `OFFICERS_INSUFFICIENT` when too few remain (Art. 42),
 * `INVALID_INPUT` when the entity pool is smaller than `count`.
 */
export function runDraw(p: DrawParameters): Result<DrawAssignment[], SanxiangError> {
  const algo = hashAlgorithm(p.hash);
  if (algo.isErr()) return err(algo.error);
  if (p.count > p.entityPool.length) {
    return err(
      sanxiangError("INVALID_INPUT", `检查对象库仅有 ${p.entityPool.length} 户，不足抽取 ${p.count} 户`, {
        source: SRC.randomDraw,
        details: { pool: p.entityPool.length, count: p.count },
      }),
    );
  }
  const seed = new Uint8Array(32);
  for (let i = 0; i < 32; i++) seed[i] = Number.parseInt(p.seed.slice(2 * i, 2 * i + 2), 16);
  const uniform = stream(seed, algo.value);
  const entities = sample(p.entityPool, p.count, uniform);
  const out: DrawAssignment[] = [];
  for (const uscc of entities) {
    const recused = new Set(
      p.recusals.filter((r) => r.uscc === undefined || r.uscc.toUpperCase() === uscc).map((r) => r.officerId),
    );
    const eligible = p.inspectorPool.filter((o) => !recused.has(o));
    if (eligible.length < p.inspectorsPerEntity) {
      return err(
        refuse(
          "OFFICERS_INSUFFICIENT",
          `对 ${uscc} 可选派的执法检查人员仅 ${eligible.length} 人（已排除回避人员），不足 ${p.inspectorsPerEntity} 人`,
          SRC.twoInspectors,
          { uscc, eligible: eligible.length, required: p.inspectorsPerEntity },
        ),
      );
    }
    out.push({ uscc, officerIds: sample(eligible, p.inspectorsPerEntity, uniform).sort() });
  }
  return ok(out);
}

/**
 * 随机抽取检查对象和执法检查人员 — the 双随机 draw (优化营商环境条例 Art. 54): builds the
 * entity pool (organisations in force and 存续 on `date`, in scope) and the inspector pool
 * (officers who may inspect in the category and region on `date`), takes a 32-byte seed
 * from `random`, draws with {@link runDraw}, and returns the task event. Recused officers
 * (行政处罚法 Art. 43) are never drawn for the entity concerned.
 */
export function drawInspectionTask(
  input: DrawInspectionInput,
  random: RandomSource,
  pools: DrawPools,
): Result<InspectionTaskDrawn, SanxiangError> {
  const parsed = DrawInspectionInputSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("抽查任务参数无效", parsed.error.issues));
  const d = parsed.data;
  const first = d.items[0];
  if (first === undefined) return err(invalidInput("抽查任务应至少包含一个抽查事项", []));
  const bodyId = first.bodyId;
  for (const item of d.items) {
    if (item.bodyId !== bodyId || !inForce(item, d.date)) {
      return err(
        sanxiangError("INVALID_INPUT", `抽查事项 ${item.code} 不属于同一检查主体或在 ${d.date} 未生效`, {
          source: SRC.randomDraw,
          details: { code: item.code, bodyId: item.bodyId, expectedBodyId: bodyId },
        }),
      );
    }
  }
  const scope = d.scope ?? { regionCodes: [d.regionCode], exclude: [] };
  const entities = entityPool(pools.organisations, d.date, scope);
  if (entities.length === 0) {
    return err(sanxiangError("INVALID_INPUT", "检查对象库为空", { source: SRC.randomDraw, details: { scope } }));
  }
  const ratio = Math.max(...d.items.map((i) => i.ratioBasisPoints));
  const count = d.count ?? Math.max(1, Math.ceil((entities.length * ratio) / 10_000));
  const inspectors = inspectorPool(
    pools.bodies,
    { category: d.category, regionCode: d.regionCode, bodyId },
    d.date,
    pools.officerIds,
    pools.officerPolicy,
  );
  const seedBytes = new Uint8Array(32);
  random.fill(seedBytes);
  const params: DrawParameters = {
    seed: toHex(seedBytes),
    hash: (pools.hash ?? sha256).name,
    entityPool: entities,
    inspectorPool: inspectors.officerIds,
    recusals: d.recusals.map((r) => (r.uscc === undefined ? r : { ...r, uscc: r.uscc.toUpperCase() })),
    count,
    inspectorsPerEntity: d.inspectorsPerEntity,
  };
  const assignments = runDraw(params);
  if (assignments.isErr()) return err(assignments.error);
  return ok({
    type: "inspection.taskDrawn",
    taskId: d.taskId,
    itemCodes: d.items.map((i) => i.code),
    bodyId,
    date: d.date,
    drawnAt: d.drawnAt,
    category: d.category,
    regionCode: d.regionCode,
    scope,
    algorithm: DRAW_ALGORITHM,
    ...params,
    assignments: assignments.value,
  });
}

const mismatch = (message: string, details: Record<string, unknown>) =>
  err(sanxiangError("INSPECTION_DRAW_MISMATCH", message, { source: SRC.randomDraw, details }));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * 重演抽取并核对 — re-runs a recorded draw from its own seed and pools: `ok(true)` when it
 * gives the recorded assignments, otherwise `INSPECTION_DRAW_MISMATCH` (or the task's schema
 * error). Needs no registry: a third party can run it on the published task.
 */
export function replayDraw(task: InspectionTaskDrawn): Result<true, SanxiangError> {
  const parsed = InspectionTaskDrawnSchema.safeParse(task);
  if (!parsed.success) return err(invalidInput("抽查任务记录无效", parsed.error.issues));
  const again = runDraw(parsed.data);
  if (again.isErr()) return err(again.error);
  if (!same(again.value, parsed.data.assignments)) {
    return mismatch(`抽查任务 ${task.taskId} 按记录的种子重演，结果与记录不一致`, { taskId: task.taskId });
  }
  return ok(true);
}

/**
 * 核验抽取 — {@link replayDraw}, and also rebuilds both pools from `pools` as of the task's
 * date and checks they are the pools recorded (an entity or inspector left out or slipped in
 * shows up here). `INSPECTION_DRAW_MISMATCH` names which pool differs.
 */
export function verifyDraw(task: InspectionTaskDrawn, pools: DrawPools): Result<true, SanxiangError> {
  const replay = replayDraw(task);
  if (replay.isErr()) return replay;
  const entities = entityPool(pools.organisations, task.date, task.scope);
  if (!same(entities, task.entityPool)) {
    return mismatch(`抽查任务 ${task.taskId} 的检查对象库与名录库不一致`, { taskId: task.taskId, pool: "entities" });
  }
  const inspectors = inspectorPool(
    pools.bodies,
    { category: task.category, regionCode: task.regionCode, bodyId: task.bodyId },
    task.date,
    pools.officerIds,
    pools.officerPolicy,
  );
  if (!same(inspectors.officerIds, task.inspectorPool)) {
    return mismatch(`抽查任务 ${task.taskId} 的执法检查人员库与人员库不一致`, {
      taskId: task.taskId,
      pool: "inspectors",
    });
  }
  return ok(true);
}
