// The generated references are current and complete: docs/errors.md (every error code, what
// it means and what to do) and docs/commands.md (every command of every procedure), and every
// error code the code base can raise is a code of ERROR_CODES listed in docs/errors.md.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { ERROR_CODES, ERROR_GUIDE } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { PROCEDURE_SOURCES, REFUSALS } from "../scripts/gen-commands.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

function sources(dir: string, recursive = true): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && e.name !== "node_modules" && e.name !== "dist") out.push(...sources(p));
    } else if (/\.tsx?$/.test(e.name) && !/\.test(-d)?\.ts$/.test(e.name) && !e.name.includes("test-fixtures")) {
      out.push(p);
    }
  }
  return out;
}

const packageSources = readdirSync(join(root, "packages")).flatMap((p) => {
  try {
    return sources(join(root, "packages", p, "src"));
  } catch {
    return [];
  }
});

/** `"CODE"` as the code of a raised error: `sanxiangError("X"`, `refuse("X"`, `new SanxiangError({ code: "X"`. */
const RAISED =
  /(?:sanxiangError|refuse|fileFailure)\(\s*"([A-Z][A-Z0-9_]+)"|new SanxiangError\(\{\s*code:\s*"([A-Z][A-Z0-9_]+)"/g;

describe("docs/errors.md", () => {
  it("is generated from ERROR_CODES and ERROR_GUIDE", async () => {
    const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", "scripts/gen-errors.ts", "--check"], {
      cwd: root,
    });
    expect(stdout).toContain("is up to date");
  });

  it("has a section for every code, with what it means and what to do", () => {
    const md = readFileSync(join(root, "docs/errors.md"), "utf8");
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      expect(md, code).toContain(`\n## ${code}\n`);
      expect(ERROR_GUIDE[code].meaning.length, code).toBeGreaterThan(10);
      expect(ERROR_GUIDE[code].action.length, code).toBeGreaterThan(5);
    }
  });

  it("lists every code the code base raises (every package's sources)", () => {
    const md = readFileSync(join(root, "docs/errors.md"), "utf8");
    const raised = new Map<string, string>();
    for (const file of packageSources) {
      for (const m of readFileSync(file, "utf8").matchAll(RAISED)) {
        const code = m[1] ?? m[2];
        if (code !== undefined && !raised.has(code)) raised.set(code, relative(root, file));
      }
    }
    // The scan finds the codes (a check that it is not vacuous).
    expect(raised.has("REVIEW_NOT_APPROVED")).toBe(true);
    expect(raised.has("INVALID_INPUT")).toBe(true);
    const notListed = [...raised].filter(([code]) => !(code in ERROR_CODES) || !md.includes(`\n## ${code}\n`));
    expect(notListed).toEqual([]);
  });
});

describe("docs/commands.md", () => {
  it("is generated from the command schemas, with a refusals row for every command", async () => {
    const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", "scripts/gen-commands.ts", "--check"], {
      cwd: root,
    });
    expect(stdout).toContain("is up to date");
  });

  it("names, for each command, only codes its procedure's sources raise", () => {
    const text = Object.fromEntries(
      Object.entries(PROCEDURE_SOURCES).map(([k, dir]) => [
        k,
        sources(join(root, dir), k !== "ordinary")
          .map((f) => readFileSync(f, "utf8"))
          .join("\n"),
      ]),
    );
    const procedureOf = (type: string): string => {
      const prefix = type.split(".")[0] ?? "";
      if (prefix === "seizure") return "seizure";
      if (["onSpot", "cash"].includes(prefix) || type === "decision.file") return "simplified";
      if (prefix === "inspection" || prefix === "review" || prefix === "disclosure") return prefix;
      return "ordinary";
    };
    // What every decider calls: the guards, the registries (officers, reviewers), the recording rules, the kernel.
    const shared = ["packages/core/src/registry", "packages/core/src/recording", "packages/core/src/kernel"]
      .flatMap((d) => sources(join(root, d)))
      .concat(sources(join(root, "packages/core/src/enforcement"), false))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const wrong: string[] = [];
    for (const [type, codes] of Object.entries(REFUSALS)) {
      // The ordinary procedure calls into the others (coercion.act, the review gate, the quorum).
      const own = procedureOf(type) === "ordinary" ? Object.values(text).join("\n") : (text[procedureOf(type)] ?? "");
      const all = `${own}\n${shared}`;
      for (const c of codes) if (!all.includes(`"${c}"`)) wrong.push(`${type}: ${c}`);
    }
    expect(wrong).toEqual([]);
  });
});
