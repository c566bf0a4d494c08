import { z } from "zod";
import { type DisclosureObligation, disclosureObligations } from "../disclosure/obligations.js";
import {
  type DrawInspectionInput,
  drawInspectionTask,
  type InspectionTaskDrawn,
} from "../enforcement/inspection/draw.js";
import { type OpenDeadline, openDeadlines } from "../enforcement/open-deadlines.js";
import type { FormRegister } from "../enforcement/simplified/forms.js";
import type { Actor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf } from "../kernel/time.js";
import type { SignedTreeHead } from "../kernel/tree-head.js";
import { checkEquipment, type EquipmentCheckInput, type EquipmentReport } from "../recording/equipment/check.js";
import { readAllProjectionRows } from "../recording/projection-read.js";
import {
  type EventStoreVerification,
  type VerifyEventStoreOptions,
  verifyEventStore,
} from "../recording/store-verify.js";
import type { ReviewDraftInput } from "../review/draft.js";
import type { ReviewGatePass } from "../review/gate.js";
import { type CaseHandle, caseHandle } from "./case.js";
import {
  actOf,
  type BureauConfig,
  configError,
  isRecord,
  notAnObject,
  type ResolvedBureau,
  resolveBureau,
} from "./config.js";
import { type DisclosureHandle, disclosureHandle } from "./disclosure.js";
import { type CaseView, executeFormEvent, loadCase, loadForms } from "./engine.js";
import { checkMajorDecisionIn } from "./major-decision.js";
import { type BureauProcedure, CASES_PROJECTION } from "./projection.js";
import { bureauSigning } from "./signing.js";

/** 案件清单条目 — one case of the bureau as the case list projection shows it. */
export interface CaseListEntry {
  /** The case. */
  readonly caseId: string;
  /** 程序. */
  readonly procedure: BureauProcedure;
  /** 立案 / 当场决定 / 检查立项 — when the case was opened. */
  readonly filedAt: string;
  /** 当事人名称, when the opening event names one. */
  readonly partyName?: string;
  /** 当事人类型. */
  readonly partyKind?: string;
  /** 统一社会信用代码 (inspections). */
  readonly uscc?: string;
  /** 执法类别. */
  readonly category?: string;
  /** 行政区划. */
  readonly regionCode?: string;
  /** 执法主体. */
  readonly bodyId?: string;
  /** The last event of the case: its type, `seq` and time. */
  readonly last: { readonly type: string; readonly seq: number; readonly at: string };
}

const OpenRow = z.object({
  caseId: z.string(),
  procedure: z.enum(["ordinary", "simplified", "inspection"]),
  filedAt: z.string(),
  partyName: z.string().optional(),
  partyKind: z.string().optional(),
  uscc: z.string().optional(),
  category: z.string().optional(),
  regionCode: z.string().optional(),
  bodyId: z.string().optional(),
});
const LastRow = z.object({ caseId: z.string(), type: z.string(), seq: z.number(), at: z.string() });

/** Options of {@link Bureau.deadlines}. */
export interface BureauDeadlineOptions {
  /** Only deadlines due on or before this day. */
  readonly dueBy?: CivilDate;
  /** Only overdue ones. */
  readonly overdueOnly?: boolean;
  /** Only streams whose id starts with this (one case: its id). */
  readonly streamPrefix?: string;
}

/** 以某人身份管理决定书登记簿 — issuing and voiding numbered forms (简易程序, 行政处罚法 Art. 52). */
export interface ActingOnForms {
  /** 领用 — numbered forms handed to an officer. */
  issue(input: {
    readonly officerId: string;
    readonly numbers: readonly string[];
  }): Promise<Result<FormRegister, SanxiangError>>;
  /** 作废登记 — a spoiled form, never used afterwards. */
  void(input: {
    readonly officerId: string;
    readonly number: string;
    readonly reason: string;
  }): Promise<Result<FormRegister, SanxiangError>>;
}

/**
 * 执法局 — the one entry point for apps: every case, review and disclosure of one bureau, acted
 * on through `as(actor)` at the bureau's clock time; the case list, deadlines and duties
 * from the store's projections; the log verified and its head signed. Built by
 * {@link createBureau}.
 */
export interface Bureau {
  /** 执法主体. */
  readonly bodyId: string;
  /** The log id its signed heads carry. */
  readonly logId: string;
  /** One case (ordinary, simplified or inspection: the stream's first event says which). */
  case(caseId: string): CaseHandle;
  /** One disclosure (事前 / 事后 / 检查结果公示 …) by its id. */
  disclosure(disclosureId: string): DisclosureHandle;
  /** 案件清单 and 案件视图. */
  readonly cases: {
    /** Every case, oldest filing first (the store must keep {@link bureauProjections}). */
    list(): Promise<Result<readonly CaseListEntry[], SanxiangError>>;
    /** One case as the fold of its stream. */
    view(caseId: string): Promise<Result<CaseView, SanxiangError>>;
  };
  /** 期限清单 — open statutory deadlines of cases, measures and reviews as of today (the clock's day). */
  deadlines(options?: BureauDeadlineOptions): Promise<Result<readonly OpenDeadline[], SanxiangError>>;
  /** 公示义务 — open disclosure duties as of today, overdue first. */
  duties(): Promise<Result<readonly DisclosureObligation[], SanxiangError>>;
  /** 校验 — the Merkle log, every signed head and the projections (see `verifyEventStore`). */
  verify(options?: VerifyEventStoreOptions): Promise<Result<EventStoreVerification, SanxiangError>>;
  /**
   * 签名树头 — signs the log's current head with the bureau's signer and keeps it. Refused
   * (`TREE_HEAD_CONFLICT`, `details.reason: "otherKey"`) when the newest kept head was signed
   * by another key, unless `options.keyChange` declares that the signer is the bureau's new
   * key (see `SignTreeHeadOptions`).
   */
  signHead(options?: { readonly keyChange?: boolean }): Promise<Result<SignedTreeHead, SanxiangError>>;
  /**
   * 双随机抽取 — draws a random-inspection task with the bureau's random source from the
   * entities and bodies registries (`date` and `drawnAt` default to the clock's). Open each
   * drawn entity's case with `case(id).as(officer).execute({ type: "inspection.open", task, uscc })`.
   */
  drawInspection(
    input: Omit<DrawInspectionInput, "date" | "drawnAt"> & Partial<Pick<DrawInspectionInput, "date" | "drawnAt">>,
  ): Result<InspectionTaskDrawn, SanxiangError>;
  /** 决定书登记簿. */
  readonly forms: {
    /** Acts by `actor`. */
    as(actor: Actor): ActingOnForms;
    /** The register as the fold of its stream. */
    register(): Promise<Result<FormRegister, SanxiangError>>;
  };
  /** 执法记录仪配备检查 under the bureau's equipment ratios. */
  equipment(input: EquipmentCheckInput): Result<EquipmentReport, SanxiangError>;
  /**
   * 重大执法决定审核检查 — the legal-review gate for any decision kind the catalogue knows
   * (处罚, 行政强制, 行政许可), for an app that makes the decision outside the SDK's
   * procedures (a 许可 in its licensing system): parses the draft, finds the reviews of
   * `draft.caseId` and the approvals its case records, and passes when the decision is not
   * major or a passed review approved exactly it; else `REVIEW_NOT_APPROVED` naming why
   * (`details.why`) and the next step — the app then does not decide. Reads only.
   */
  checkMajorDecision(draft: ReviewDraftInput): Promise<Result<ReviewGatePass, SanxiangError>>;
}

function casesList(b: ResolvedBureau): Bureau["cases"]["list"] {
  return async () => {
    const { store } = b.config;
    if (!store.projections.some((p) => p.name === CASES_PROJECTION)) {
      return err(
        sanxiangError(
          "INVALID_INPUT",
          `事件存储未维护案件清单投影 ${CASES_PROJECTION}：请用 bureauProjections() 打开存储（例如 memoryEventStore({ projections: bureauProjections() })）`,
          { details: { projection: CASES_PROJECTION } },
        ),
      );
    }
    const rows = await readAllProjectionRows(store, CASES_PROJECTION);
    if (rows.isErr()) return err(rows.error);
    const last = new Map<string, z.infer<typeof LastRow>>();
    const opened: z.infer<typeof OpenRow>[] = [];
    for (const row of rows.value) {
      const schema = row.key.startsWith("open/") ? OpenRow : LastRow;
      const parsed = schema.safeParse(row.value);
      if (!parsed.success) {
        return err(
          sanxiangError("STORE_CORRUPT", `案件清单中的记录 ${row.key} 格式错误`, { details: { key: row.key } }),
        );
      }
      if (row.key.startsWith("open/")) opened.push(parsed.data as z.infer<typeof OpenRow>);
      else last.set(row.key.slice("last/".length), parsed.data as z.infer<typeof LastRow>);
    }
    const out: CaseListEntry[] = [];
    for (const o of opened.sort((x, y) => (x.filedAt < y.filedAt ? -1 : x.filedAt > y.filedAt ? 1 : 0))) {
      const l = last.get(o.caseId);
      if (l === undefined) {
        return err(
          sanxiangError("STORE_CORRUPT", `案件清单缺少案件 ${o.caseId} 的最后一步`, { details: { caseId: o.caseId } }),
        );
      }
      const { caseId: _c, ...lastStep } = l;
      out.push({ ...(stripUndefined(o) as Omit<CaseListEntry, "last">), last: lastStep });
    }
    return ok(out);
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * 建局 — the one entry point for apps. Takes every port once (event store, evidence store,
 * publisher, signer, clock, ids, hash, random source), the registries, the calendar and the
 * policies; returns the {@link Bureau}, or `INVALID_INPUT` naming what is wrong with the
 * configuration (a missing port, a body not in the registry, a disclosure or equipment
 * policy that does not resolve).
 *
 * The bureau adds no rule: each act is the procedure's own decider (`decide`,
 * `decideSimplified`, `decideInspection`, `decideReview`, `decideDisclosure`) given the
 * context built from this configuration, and the events it returns are appended as they
 * are. Pure like the rest of core: all I/O goes through the ports.
 */
export function createBureau(config: BureauConfig): Result<Bureau, SanxiangError> {
  const resolved = resolveBureau(config);
  if (resolved.isErr()) return err(resolved.error);
  const b = resolved.value;
  const signing = bureauSigning(b);
  const today = () => civilDateOf(config.clock.now());
  return ok({
    bodyId: config.bodyId,
    logId: b.logId,
    case: (caseId) => caseHandle(b, signing, caseId),
    disclosure: (id) => disclosureHandle(b, id),
    cases: { list: casesList(b), view: (caseId) => loadCase(b, caseId) },
    deadlines: async (options = {}) => openDeadlines(config.store, { ...options, today: today() }),
    duties: () =>
      disclosureObligations({ store: config.store, calendar: config.calendar, policy: b.disclosure, today: today() }),
    verify: (options) => verifyEventStore(config.store, options),
    signHead: (options) => signing.signHead(options),
    drawInspection: (input) => {
      if (!isRecord(input)) return err(notAnObject("抽查任务参数", input));
      const { random, registries } = config;
      if (random === undefined) return err(configError("未提供随机源（random），无法双随机抽取", { field: "random" }));
      if (registries.entities === undefined) {
        return err(
          configError("未提供市场主体数据库（registries.entities），无法建立检查对象库", {
            field: "registries.entities",
          }),
        );
      }
      const date = input.date ?? today();
      const officers = b.policies.officers;
      return drawInspectionTask({ ...input, date, drawnAt: input.drawnAt ?? config.clock.now() }, random, {
        organisations: registries.entities.organisationsAt(date),
        bodies: registries.bodies,
        ...(officers === undefined ? {} : { officerPolicy: officers }),
        ...(config.hash === undefined ? {} : { hash: config.hash }),
      });
    },
    forms: {
      as: (actor) => {
        const form = async (
          input: unknown,
          event: (at: string) => Parameters<typeof executeFormEvent>[2],
        ): Promise<Result<FormRegister, SanxiangError>> => {
          const act = actOf(b, actor);
          if (act.isErr()) return err(act.error);
          if (!isRecord(input)) return err(notAnObject("决定书登记参数", input));
          return executeFormEvent(b, act.value.actor, event(act.value.now));
        };
        return {
          issue: (input) =>
            form(input, (at) => ({
              ...input,
              numbers: Array.isArray(input.numbers) ? [...input.numbers] : input.numbers,
              type: "form.issued",
              at,
            })),
          void: (input) => form(input, (at) => ({ ...input, type: "form.voided", at })),
        };
      },
      register: async () => (await loadForms(b)).map((f) => f.register),
    },
    equipment: (input) => checkEquipment(input, b.policies.equipment),
    checkMajorDecision: (draft) => checkMajorDecisionIn(b, draft),
  });
}
