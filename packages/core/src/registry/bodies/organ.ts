// 机关名称 — the one place an organ's name for people-facing text comes from: the bodies
// registry. Documents (法制审核意见书, 卷内目录), the public site's 主办单位 and the CLI take
// the name from here rather than building or hard-coding one, so an area
// (中卫市沙坡头区) or a short form (区财政局) is never printed where an organ is meant.
import type { SanxiangError } from "../../kernel/errors.js";
import type { Result } from "../../kernel/result.js";
import type { CivilDate } from "../../kernel/time.js";
import type { BodiesRegistry } from "./registry.js";

/**
 * 机关名称 — the full name of body `bodyId` in force on `date`, as the registry records it
 * (`中卫市沙坡头区市场监督管理局`): what a document prints as its organ, a site as its
 * 主办单位, a catalogue as its 责任者. `REGISTRY_NOT_FOUND` when no version of the body is in
 * force that day.
 */
export function organName(bodies: BodiesRegistry, bodyId: string, date: CivilDate): Result<string, SanxiangError> {
  return bodies.body(bodyId, date).map((b) => b.name);
}

/**
 * 人员姓名 — the name of officer `officerId` on `date` from the registry, or `undefined` when
 * the registry does not know the officer that day (the caller then prints no id in its
 * place, but says the name is not recorded).
 */
export function officerName(bodies: BodiesRegistry, officerId: string, date: CivilDate): string | undefined {
  const o = bodies.officer(officerId, date);
  return o.isOk() ? o.value.name : undefined;
}
