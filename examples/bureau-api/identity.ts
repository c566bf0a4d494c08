// Who acts: the platform authenticates people (login, 数字证书, the unified identity service)
// and its gateway forwards the authenticated officer's id in a header; this service maps it
// through the bureau's bodies-and-officers registry to the SDK's Actor. Authorisation is the
// SDK's: it checks the claimed role, the certificate, the post and the case team on the day.
import {
  type Actor,
  type BodiesRegistry,
  type CivilDate,
  err,
  IdSchema,
  ok,
  type Result,
  ROLE_NAMES,
  type Role,
  type SanxiangError,
  sanxiangError,
} from "@sanxiang/core";
import { badField } from "./problem.js";

/** Header carrying the authenticated officer's registry id (set by the platform's gateway, never by a browser). */
export const OFFICER_HEADER = "X-Officer-Id";
/** Header naming the role the officer acts in (default `officer`); the SDK checks the registry backs it. */
export const ROLE_HEADER = "X-Acting-As";

/** 可声明的角色 — the roles a person may act in over HTTP (`system` is the platform's own jobs, not a person's). */
export const PERSON_ROLES: readonly Role[] = ["officer", "head", "legalReviewer", "publisher", "supervisor"];

/**
 * 身份映射 — the acting person from the request headers, as the registry knows them on `today`:
 * their name, body and certificate from the registry (never from the request), the role
 * they claim from {@link ROLE_HEADER}. A missing or malformed header is `INVALID_INPUT`
 * naming it; an id absent from the registry that day, or registered with another body, is
 * `ACTOR_NOT_REGISTERED` naming the id — before anything is read or written.
 */
export function actorOf(
  header: (name: string) => string | undefined,
  bodies: BodiesRegistry,
  bodyId: string,
  today: CivilDate,
): Result<Actor, SanxiangError> {
  const id = header(OFFICER_HEADER);
  if (id === undefined || id.trim() === "") {
    return err(badField(`header.${OFFICER_HEADER}`, "缺失：应由平台在完成身份认证后填写执法人员在数据库中的编号"));
  }
  if (!IdSchema.safeParse(id).success) {
    return err(badField(`header.${OFFICER_HEADER}`, "不是有效的人员编号", id));
  }
  const claimed = header(ROLE_HEADER) ?? "officer";
  const role = PERSON_ROLES.find((r) => r === claimed);
  if (role === undefined) {
    return err(
      badField(
        `header.${ROLE_HEADER}`,
        `为「${claimed}」，应为以下之一：${PERSON_ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join("、")}`,
        claimed,
        PERSON_ROLES,
      ),
    );
  }
  const officer = bodies.officer(id, today);
  if (officer.isErr() || officer.value.bodyId !== bodyId) {
    return err(
      sanxiangError(
        "ACTOR_NOT_REGISTERED",
        `人员 ${id} 在 ${today} 不是本机关（${bodyId}）执法主体及人员数据库中登记的人员，不能以本机关名义办理。下一步：由本机关将其录入人员数据库，或由本机关登记的人员办理`,
        { details: { actorId: id, bodyId, date: today } },
      ),
    );
  }
  const o = officer.value;
  return ok({ id: o.id, name: o.name, roles: [role], bodyId: o.bodyId, certificateNumber: o.certificateNumber });
}
