import { describe, expectTypeOf, it } from "vitest";
import {
  type Actor,
  authorize,
  definePermissionPolicy,
  type Permission,
  type PermissionOverrides,
  type Role,
} from "./actors.js";

// Type tests only: nothing here runs the functions, it only asks the compiler.

describe("permission names are checked at compile time", () => {
  it("accepts the table's names", () => {
    expectTypeOf<"case.decide">().toExtend<Permission>();
    expectTypeOf<"disclosure.publish">().toExtend<Permission>();
    expectTypeOf(authorize).parameter(1).toEqualTypeOf<Permission>();
    expectTypeOf(authorize).toBeCallableWith({} as Actor, "case.decide");
  });

  it("rejects a misspelt permission", () => {
    expectTypeOf<"case.decied">().not.toExtend<Permission>();
    // @ts-expect-error — "case.decied" is not a permission
    expectTypeOf(authorize).toBeCallableWith({} as Actor, "case.decied");
    // @ts-expect-error — nor is an arbitrary string
    expectTypeOf(authorize).toBeCallableWith({} as Actor, "anything" as string);
  });

  it("rejects a misspelt permission or role in a policy", () => {
    expectTypeOf(definePermissionPolicy).toBeCallableWith({ "case.file": { roles: ["head"] } });
    // @ts-expect-error — unknown permission key
    expectTypeOf(definePermissionPolicy).toBeCallableWith({ "case.flie": { roles: ["head"] } });
    // @ts-expect-error — unknown role
    expectTypeOf(definePermissionPolicy).toBeCallableWith({ "case.file": { roles: ["admin"] } });
    expectTypeOf<{ "case.file": { roles: ["head"] } }>().toExtend<PermissionOverrides>();
  });

  it("roles are a closed union", () => {
    expectTypeOf<Role>().toEqualTypeOf<"officer" | "legalReviewer" | "head" | "publisher" | "supervisor" | "system">();
    expectTypeOf<Actor["roles"]>().toEqualTypeOf<readonly Role[]>();
  });
});
