import { existsSync, readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

const packages = readdirSync("packages").filter((d) => existsSync(`packages/${d}/package.json`));

// Packages whose tests run without per-file isolation (see `isolate` below).
const shared = new Set(["core", "testkit"]);

// Workspace packages resolve each other's source (not dist) through the custom export
// condition "@sanxiang/source"; Vite's defaults are re-listed after it.
const conditions = ["@sanxiang/source", "module", "node", "development|production"];
const resolve = { conditions };
const ssr = { resolve: { conditions, externalConditions: conditions } };

export default defineConfig({
  resolve,
  ssr,
  test: {
    projects: [
      // One project per package, so each runs with its own tsconfig for type tests.
      ...packages.map((name) => ({
        resolve,
        ssr,
        test: {
          name,
          root: `packages/${name}`,
          include: ["src/**/*.test.ts", "src/**/*.test-d.ts"],
          // Pure packages share one module graph per worker: each test file no longer re-evaluates
          // core (its zod schemas above all), which cut the core project's CPU time about 4×.
          // Nothing in them mocks modules or keeps state between files.
          isolate: !shared.has(name),
          // A limit for a loaded machine (property tests sign with SM2 in pure JS), not an assertion.
          testTimeout: 30_000,
          typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
        },
      })),
      {
        resolve,
        ssr,
        test: {
          name: "e2e",
          root: ".",
          include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
    ],
    // In CI a JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test/.tmp/vitest-report.json" },
    benchmark: { include: ["test/bench/**/*.bench.ts"] },
    coverage: { provider: "v8", include: ["packages/*/src/**/*.ts"], exclude: ["**/*.test.ts"] },
  },
});
