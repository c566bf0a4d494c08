import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CivilDate } from "../../kernel/time.js";
import { checkVersions, versionAt } from "../versions.js";
import type { PowerKind } from "./kinds.js";
import {
  type InspectionItem,
  InspectionItemSchema,
  type PowerItem,
  PowerItemSchema,
  type ServiceGuide,
  ServiceGuideSchema,
} from "./schema.js";

/** 权责清单数据 — items, service guides and random-inspection items. */
export const PowersDataSchema = z.object({
  /** 权责清单事项 versions. */
  items: z.array(PowerItemSchema),
  /** 服务指南 versions. */
  guides: z.array(ServiceGuideSchema).default([]),
  /** 随机抽查事项 versions. */
  inspections: z.array(InspectionItemSchema).default([]),
});
/** 权责清单数据 (see {@link PowersDataSchema}). */
export type PowersData = z.infer<typeof PowersDataSchema>;
/** What {@link createPowersRegistry} accepts. */
export type PowersDataInput = z.input<typeof PowersDataSchema>;

/** Filters of {@link PowersRegistry.items}. */
export interface PowerItemFilter {
  /** Only this kind. */
  readonly kind?: PowerKind;
  /** Only items of this body. */
  readonly bodyId?: string;
}

/** 权责清单数据库 — queries as of a date. */
export interface PowersRegistry {
  /** The records it was built from (for export). */
  readonly data: PowersData;
  /** The item's version in force on `date`, or `REGISTRY_NOT_FOUND`. */
  item(code: string, date: CivilDate): Result<PowerItem, SanxiangError>;
  /** Items in force on `date`, by code, optionally filtered by kind and body. */
  items(date: CivilDate, filter?: PowerItemFilter): PowerItem[];
  /** The service guide of an item in force on `date`, or `REGISTRY_NOT_FOUND`. */
  guide(itemCode: string, date: CivilDate): Result<ServiceGuide, SanxiangError>;
  /** Random-inspection items in force on `date` (of one body when given), by code. */
  inspections(date: CivilDate, bodyId?: string): InspectionItem[];
  /** The random-inspection item's version in force on `date`, or `REGISTRY_NOT_FOUND`. */
  inspection(code: string, date: CivilDate): Result<InspectionItem, SanxiangError>;
}

/** Options of {@link createPowersRegistry}. */
export interface PowersRegistryOptions {
  /**
   * The bodies the items name, when known: each item's and inspection item's body must be
   * in force on the day the version takes effect (e.g. a bodies registry's `body`).
   */
  readonly body?: (id: string, date: CivilDate) => Result<unknown, SanxiangError>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function inForceAll<T extends { effectiveFrom: string; effectiveUntil?: string | undefined }>(
  groups: Map<string, T[]>,
  date: CivilDate,
): T[] {
  return [...groups.keys()].sort().flatMap((k) => versionAt(groups.get(k) ?? [], date) ?? []);
}

function validate(
  data: PowersData,
  groups: readonly [string, Map<string, { effectiveFrom: string; effectiveUntil?: string | undefined }[]>][],
  options: PowersRegistryOptions,
): Result<true, SanxiangError> {
  for (const [what, group] of groups) {
    for (const [code, versions] of group) {
      const r = checkVersions(`${what} ${code}`, versions);
      if (r.isErr()) return r;
    }
  }
  const codes = new Set(data.items.map((i) => i.code));
  for (const g of data.guides) {
    if (!codes.has(g.itemCode)) {
      return err(
        sanxiangError("REGISTRY_NOT_FOUND", `服务指南「${g.name}」所属事项 ${g.itemCode} 不在权责清单中`, {
          details: { itemCode: g.itemCode },
        }),
      );
    }
  }
  const lookup = options.body;
  if (lookup !== undefined) {
    for (const x of [...data.items, ...data.inspections]) {
      const r = lookup(x.bodyId, x.effectiveFrom);
      if (r.isErr()) {
        return err(
          sanxiangError(
            "REGISTRY_NOT_FOUND",
            `事项 ${x.code}「${x.name}」的实施主体 ${x.bodyId} 在 ${x.effectiveFrom} 无有效记录`,
            {
              details: { code: x.code, bodyId: x.bodyId, date: x.effectiveFrom },
              cause: r.error,
            },
          ),
        );
      }
    }
  }
  return ok(true);
}

/**
 * 建立权责清单数据库 — validates items, guides and inspection items (schemas; versions of
 * one code that do not overlap; guides of listed items; with `options.body`, bodies in
 * force when each version takes effect) and returns the registry, or the first problem
 * (`INVALID_INPUT`, `REGISTRY_CONFLICT`, `REGISTRY_NOT_FOUND`).
 */
export function createPowersRegistry(
  input: PowersDataInput,
  options: PowersRegistryOptions = {},
): Result<PowersRegistry, SanxiangError> {
  const parsed = PowersDataSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return err(
      sanxiangError("INVALID_INPUT", `权责清单数据无效：${issues.map((i) => `${i.path}：${i.message}`).join("；")}`, {
        details: { issues },
      }),
    );
  }
  const data = parsed.data;
  const items = groupBy(data.items, (i) => i.code);
  const guides = groupBy(data.guides, (g) => g.itemCode);
  const inspections = groupBy(data.inspections, (i) => i.code);
  const valid = validate(
    data,
    [
      ["权责清单事项", items],
      ["服务指南", guides],
      ["随机抽查事项", inspections],
    ],
    options,
  );
  if (valid.isErr()) return err(valid.error);

  const missing = (what: string, code: string, date: CivilDate) =>
    sanxiangError("REGISTRY_NOT_FOUND", `${what} ${code} 在 ${date} 无有效记录`, { details: { code, date } });
  const at = <T extends { effectiveFrom: string; effectiveUntil?: string | undefined }>(
    group: Map<string, T[]>,
    what: string,
    code: string,
    date: CivilDate,
  ): Result<T, SanxiangError> => {
    const v = versionAt(group.get(code) ?? [], date);
    return v === undefined ? err(missing(what, code, date)) : ok(v);
  };

  return ok({
    data,
    item: (code, date) => at(items, "权责清单事项", code, date),
    items: (date, filter = {}) =>
      inForceAll(items, date).filter(
        (i) =>
          (filter.kind === undefined || i.kind === filter.kind) &&
          (filter.bodyId === undefined || i.bodyId === filter.bodyId),
      ),
    guide: (itemCode, date) => at(guides, "服务指南", itemCode, date),
    inspections: (date, bodyId) =>
      inForceAll(inspections, date).filter((i) => bodyId === undefined || i.bodyId === bodyId),
    inspection: (code, date) => at(inspections, "随机抽查事项", code, date),
  });
}
