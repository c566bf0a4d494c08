import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidInput } from "./errors.js";
import { describeIssue, pathInWords } from "./input-issues.js";

const schema = z.strictObject({
  kind: z.enum(["audio", "video"]),
  name: z.string().min(1),
  count: z.number().int().min(1).max(10),
  items: z.array(z.object({ id: z.string() })).min(1),
  note: z
    .string()
    .refine((s) => s.startsWith("备注"), { message: "应以「备注」开头" })
    .optional(),
});
const issuesOf = (value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues;
};

describe("pathInWords", () => {
  it("writes keys and indexes as an officer reads them", () => {
    expect(pathInWords([])).toBe("输入本身");
    expect(pathInWords(["records", 0, "kind"])).toBe("records 第 1 项的 kind");
    expect(pathInWords(["party", "name"])).toBe("party 的 name");
    expect(pathInWords([2])).toBe("第 3 项");
  });
});

describe("invalidInput names the value given and what is allowed", () => {
  const input = { kind: "photo", name: "", count: 11, items: [{ id: 7 }], note: "无", extra: 1 };
  const e = invalidInput("配置无效", issuesOf(input), input);
  const issues = (e.details?.issues ?? []) as { path: string; message: string }[];
  const byPath = new Map(issues.map((i) => [i.path, i.message]));

  it("an enum: the value and the options", () => {
    expect(byPath.get("kind")).toBe('为 "photo"，应为以下之一："audio"、"video"');
  });
  it("bounds: empty text, a number above its maximum", () => {
    expect(byPath.get("name")).toBe('为 ""，不得为空');
    expect(byPath.get("count")).toBe("为 11，应不大于 10");
  });
  it("a type: the value and the type expected; a refinement keeps its own Chinese rule", () => {
    expect(byPath.get("items.0.id")).toBe("为 7，应为文本");
    expect(byPath.get("note")).toBe('为 "无"，应以「备注」开头');
  });
  it("unknown keys are named, and the message starts with what was being checked", () => {
    expect(byPath.get("")).toContain("extra");
    expect(e.message.startsWith("配置无效：")).toBe(true);
    expect(e.message).toContain('kind 为 "photo"');
  });
  it("a missing field is 缺失; without the input only the rule is said", () => {
    const missing = invalidInput("配置无效", issuesOf({}), {});
    expect(missing.message).toContain("kind 缺失，应为以下之一");
    const bare = invalidInput("配置无效", issuesOf({}));
    expect(bare.message).toContain("kind：应为以下之一");
  });
  it("more than five issues: five are spelled out and the count given", () => {
    const many = z.array(z.number()).safeParse(["a", "b", "c", "d", "e", "f", "g"]);
    const m = invalidInput("列表无效", many.success ? [] : many.error.issues, ["a", "b", "c", "d", "e", "f", "g"]);
    expect(m.message).toContain("第 5 项");
    expect(m.message).not.toContain("第 6 项");
    expect(m.message).toContain("等共 7 处问题");
    expect(m.details?.issues).toHaveLength(7);
  });
});

describe("describeIssue never throws and stays JSON-safe", () => {
  test.prop([fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withBoxedValues: true })])(
    "for any input (property)",
    (value) => {
      const e = invalidInput("配置无效", issuesOf(value), value);
      expect(typeof e.message).toBe("string");
      expect(() => JSON.stringify(e.toJSON())).not.toThrow();
    },
  );

  it("for a Proxy whose traps throw", () => {
    const hostile = new Proxy(
      {},
      {
        has() {
          throw new Error("boom");
        },
        get() {
          throw new Error("boom");
        },
      },
    );
    const i = describeIssue({ path: ["kind"], message: "x", code: "invalid_value", values: ["a"] }, hostile);
    expect(i).toMatchObject({ path: "kind", value: "[unreadable value]", message: '无法读取，应为 "a"' });
  });
});
