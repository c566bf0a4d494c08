// What a type-checker loads for `@sanxiang/core/calendar`: the built declarations of the entry
// (both conditions of the exports map) and every declaration file they import, followed
// through the shared chunks. None of them may import zod or xstate, or name a zod type:
// without `skipLibCheck` a consumer pays for checking every declaration file its program
// reaches, and zod's are most of that (docs/benchmarks.md, "Type-checking cost"). The
// calendar's data types are plain TypeScript for this reason (type tests in
// packages/core/src/calendar/schema.test-d.ts hold them equal to the schemas), and its zod
// schemas are on their own subpath, `@sanxiang/core/calendar/schema`.
//
// Reads the built package (`pnpm build` first), as test/bundle-size.test.ts does.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const coreDir = resolve(import.meta.dirname, "..", "packages", "core");

type Conditions = { import: { types: string }; require: { types: string } };
const exportsMap = (
  JSON.parse(readFileSync(join(coreDir, "package.json"), "utf8")) as {
    exports: Record<string, Conditions>;
  }
).exports;

/** Declaration text with its comments removed (doc comments may name zod; code may not). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

interface Chain {
  /** Every declaration file reached, the entry first. */
  files: string[];
  /** Every bare module specifier imported along the way. */
  externals: Set<string>;
  /** Relative imports that name no file. */
  missing: string[];
}

/** Follows `import`, `export … from` and `import("…")` from a built `.d.ts` / `.d.cts`. */
function chain(entry: string): Chain {
  const files: string[] = [];
  const externals = new Set<string>();
  const missing: string[] = [];
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const text = code(readFileSync(file, "utf8"));
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
      const specifier = m[1] as string;
      if (!specifier.startsWith(".")) {
        externals.add(specifier);
        continue;
      }
      // tsup names the chunks' declarations by their JavaScript: x.js → x.d.ts, x.cjs → x.d.cts.
      const target = join(dirname(file), specifier)
        .replace(/\.js$/, ".d.ts")
        .replace(/\.cjs$/, ".d.cts");
      if (existsSync(target)) todo.push(target);
      else missing.push(`${target} ← ${file}`);
    }
  }
  return { files, externals, missing };
}

const isZod = (specifier: string) => specifier === "zod" || specifier.startsWith("zod/");
/** A zod type or namespace named in declarations (`z.ZodObject`, `ZodType`, `z.infer`). */
const ZOD_NAME = /\bZod[A-Z]\w*|\bz\.(?:infer|input|output|core)\b|\bzod\b/;

describe("@sanxiang/core/calendar declarations reach no zod", () => {
  const calendar = exportsMap["./calendar"] as Conditions;
  const entries = [calendar.import.types, calendar.require.types].map((p) => join(coreDir, p));

  it("is built (pnpm build)", () => {
    for (const entry of entries) expect(existsSync(entry), `${entry} missing: run pnpm build`).toBe(true);
  });

  it.each(entries.map((e) => [e.replace(`${coreDir}/`, ""), e]))(
    "%s and every declaration file it imports: no zod, no xstate, no zod type names",
    (_name, entry) => {
      const c = chain(entry);
      expect(c.missing).toEqual([]);
      expect(c.files.length).toBeGreaterThan(1);
      expect([...c.externals].filter((s) => isZod(s) || s === "xstate")).toEqual([]);
      for (const file of c.files) {
        const hit = ZOD_NAME.exec(code(readFileSync(file, "utf8")));
        expect(hit?.[0], `${file} names zod`).toBeUndefined();
      }
      // What the calendar's declarations do use: its own data types, plain.
      const text = c.files.map((f) => readFileSync(f, "utf8")).join("\n");
      expect(text).toMatch(/interface NoticeYear\b/);
      expect(text).toMatch(/interface RuleSource\b/);
    },
  );

  // The same walk finds zod where it is: the schemas' own subpath and the root entry. Without
  // this the checks above could pass on a walk that follows nothing.
  it.each(["./calendar/schema", "."])("%s does reach zod (the walk finds it where it is)", (key) => {
    const conditions = exportsMap[key] as Conditions;
    for (const types of [conditions.import.types, conditions.require.types]) {
      const c = chain(join(coreDir, types));
      expect(c.missing).toEqual([]);
      expect([...c.externals].some(isZod), types).toBe(true);
      expect(
        c.files.some((f) => ZOD_NAME.test(code(readFileSync(f, "utf8")))),
        types,
      ).toBe(true);
    }
  });
});
