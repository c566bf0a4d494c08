import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  authorize,
  DEFAULT_PERMISSION_POLICY,
  DEFAULT_PERMISSIONS,
  definePermissionPolicy,
  hasRole,
  PERMISSIONS,
  type Permission,
  PermissionOverridesSchema,
  parseActor,
  permissionsOf,
  ROLE_NAMES,
  type Role,
  RoleSchema,
} from "./actors.js";
import { SanxiangError } from "./errors.js";

const ROLES = RoleSchema.options;
const actor = (roles: Role[], id = "officer-1"): Actor => ({ id, name: "张三", roles });

describe("ActorSchema / parseActor", () => {
  it("accepts a valid actor", () => {
    const a = parseActor({ id: "off-42", name: "李四", roles: ["officer", "publisher"], bodyId: "body-1" });
    expect(a._unsafeUnwrap().roles).toEqual(["officer", "publisher"]);
  });

  it.each([
    [{ id: "off-42", name: "李四", roles: [] }, "roles"],
    [{ id: "off-42", name: "李四", roles: ["admin"] }, "roles.0"],
    [{ id: "", name: "李四", roles: ["officer"] }, "id"],
    [{ id: "off-42", name: "  ", roles: ["officer"] }, "name"],
    [{ id: "off-42", roles: ["officer"] }, "name"],
    [null, ""],
  ])("refuses %j with ACTOR_INVALID at %s", (value, path) => {
    const e = parseActor(value)._unsafeUnwrapErr();
    expect(e.code).toBe("ACTOR_INVALID");
    const issues = (e.details?.issues ?? []) as { path: string }[];
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it("hasRole", () => {
    expect(hasRole(actor(["officer", "head"]), "head")).toBe(true);
    expect(hasRole(actor(["officer"]), "head")).toBe(false);
  });
});

describe("the default permission table", () => {
  it("gives every row roles, a Chinese description, and has a Chinese name for every role", () => {
    for (const p of PERMISSIONS) {
      const rule = DEFAULT_PERMISSION_POLICY.rules[p];
      expect(rule.roles.length, p).toBeGreaterThan(0);
      expect(rule.description, p).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.overridden).toBe(false);
    }
    for (const r of ROLES) expect(ROLE_NAMES[r]).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<[Permission, Role, boolean]>([
    ["case.file", "officer", true],
    ["case.file", "publisher", false],
    ["case.decide", "head", true],
    ["case.decide", "officer", false],
    ["case.decide", "legalReviewer", false],
    ["case.decideOnSpot", "officer", true],
    ["review.submit", "officer", true],
    ["review.conclude", "legalReviewer", true],
    ["review.conclude", "head", false],
    ["review.conclude", "officer", false],
    ["review.assign", "head", true],
    ["disclosure.draft", "officer", true],
    ["disclosure.approve", "head", true],
    ["disclosure.approve", "publisher", false],
    ["disclosure.publish", "publisher", true],
    ["disclosure.publish", "head", false],
    ["disclosure.publish", "officer", false],
    ["disclosure.withdraw", "publisher", true],
    ["supervision.read", "supervisor", true],
    ["supervision.read", "officer", false],
    ["system.runJobs", "system", true],
    ["system.runJobs", "head", false],
    ["evidence.record", "system", true],
  ])("%s by %s → %s", (permission, role, allowed) => {
    expect(authorize(actor([role]), permission).isOk()).toBe(allowed);
  });

  it("refuses with PERMISSION_DENIED naming the required role and the rule", () => {
    const e = authorize(actor(["officer"]), "review.conclude")._unsafeUnwrapErr();
    expect(SanxiangError.isInstance(e)).toBe(true);
    expect(e.code).toBe("PERMISSION_DENIED");
    expect(e.message).toBe(
      "无权出具法制审核意见：须由法制审核人员执行，张三的身份为执法人员（依据：《行政处罚法》第五十八条）",
    );
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 58 });
    expect(e.details).toMatchObject({
      permission: "review.conclude",
      actorId: "officer-1",
      actorRoles: ["officer"],
      requiredRoles: ["legalReviewer"],
    });
  });

  it("cites the pilot plan for publishing only after the head signs off (谁履职、谁公示)", () => {
    const e = authorize(actor(["head"]), "disclosure.publish")._unsafeUnwrapErr();
    expect(e.message).toContain("须由公示发布人员执行");
    expect(e.message).toContain("二（一）（2）");
    expect(authorize(actor(["publisher"]), "disclosure.approve")._unsafeUnwrapErr().source?.section).toBe(
      "二（一）（2）",
    );
  });

  it("cites Art. 57 for decisions by the head", () => {
    const e = authorize(actor(["officer", "legalReviewer"]), "case.decide")._unsafeUnwrapErr();
    expect(e.message).toContain("须由机关负责人执行");
    expect(e.message).toContain("执法人员、法制审核人员");
    expect(e.message).toContain("《行政处罚法》第五十七条第一款");
  });

  it("refuses an actor with no roles at all (input that skipped the schema)", () => {
    expect(authorize(actor([]), "case.file")._unsafeUnwrapErr().message).toContain("无角色");
  });

  it("throws on an unknown permission (a programmer error, never a grant)", () => {
    expect(() => authorize(actor(["head"]), "case.flie" as Permission)).toThrow(/unknown permission/);
  });

  it("permissionsOf lists what an actor may do", () => {
    expect(permissionsOf(actor(["publisher"]))).toEqual([
      "disclosure.draft",
      "disclosure.publish",
      "disclosure.correct",
      "disclosure.withdraw",
    ]);
    expect(permissionsOf(actor(ROLES.slice()))).toEqual(PERMISSIONS);
  });
});

describe("definePermissionPolicy", () => {
  it("lets a bureau change a row by configuration, keeping the rest", () => {
    const policy = definePermissionPolicy({
      "case.close": { roles: ["officer", "head"] },
      "disclosure.publish": {
        roles: ["publisher", "officer"],
        description: "上传公示信息",
        source: { law: "某局行政执法公示办法", article: 9 },
      },
    });
    expect(authorize(actor(["officer"]), "case.close").isOk()).toBe(false);
    expect(authorize(actor(["officer"]), "case.close", policy).isOk()).toBe(true);
    expect(policy.rules["case.close"]).toMatchObject({ description: "批准结案", overridden: true });
    expect(authorize(actor(["officer"]), "disclosure.publish", policy).isOk()).toBe(true);
    const e = authorize(actor(["head"]), "disclosure.publish", policy)._unsafeUnwrapErr();
    expect(e.message).toBe(
      "无权上传公示信息：须由公示发布人员或执法人员执行，张三的身份为机关负责人（依据：《某局行政执法公示办法》第九条）",
    );
    expect(e.details?.overridden).toBe(true);
    // Untouched rows and the default policy are unchanged.
    expect(policy.rules["case.decide"]).toEqual(DEFAULT_PERMISSION_POLICY.rules["case.decide"]);
    expect(DEFAULT_PERMISSION_POLICY.rules["disclosure.publish"].roles).toEqual(["publisher"]);
    expect(DEFAULT_PERMISSIONS["disclosure.publish"].roles).toEqual(["publisher"]);
  });

  it.each([
    [{ "case.flie": { roles: ["head"] } }],
    [{ "case.file": { roles: [] } }],
    [{ "case.file": { roles: ["admin"] } }],
    [{ "case.file": { roles: ["head"], extra: 1 } }],
    [{ "case.file": "head" }],
  ])("refuses bad configuration %j with INVALID_INPUT", (overrides) => {
    expect(PermissionOverridesSchema.safeParse(overrides).success).toBe(false);
    try {
      definePermissionPolicy(overrides as never);
      expect.unreachable();
    } catch (e) {
      expect(SanxiangError.isInstance(e) && e.code).toBe("INVALID_INPUT");
    }
  });
});

describe("authorize — properties", () => {
  const permission = fc.constantFrom(...PERMISSIONS);
  const roles = fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: ROLES.length });
  const overrides = fc.dictionary(
    permission,
    fc.record({ roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: ROLES.length }) }),
  );

  test.prop([overrides, permission, roles])(
    "an actor with none of the allowed roles is always refused; adding one always permits",
    (changes, p, held) => {
      const policy = definePermissionPolicy(changes);
      const allowed = policy.rules[p].roles;
      const without = held.filter((r) => !allowed.includes(r));
      const r = authorize(actor(without), p, policy);
      expect(r.isErr() && r.error.code === "PERMISSION_DENIED").toBe(true);
      for (const extra of allowed) {
        expect(authorize(actor([...without, extra]), p, policy).isOk()).toBe(true);
      }
    },
  );

  test.prop([permission, roles, roles])("adding roles never takes a permission away", (p, a, b) => {
    if (authorize(actor(a), p).isOk()) expect(authorize(actor([...a, ...b]), p).isOk()).toBe(true);
  });
});
