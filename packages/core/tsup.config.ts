import { readFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * zod as a namespace import in the build. `import { z } from "zod"` binds zod's `z` object,
 * which a bundler must keep whole (≈ 443 KiB minified, every locale included) because the
 * object is one value; `import * as z from "zod"` (the form zod 4 documents) lets a bundler
 * keep only the schema builders the code calls (≈ 93 KiB for the calendar entry). Same module,
 * same names, same types: only the binding changes, so the sources may use either form.
 */
const zodNamespaceImports: EsbuildPlugin = {
  name: "zod-namespace-imports",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source.replace(/^import \{ z \} from "zod";$/gm, 'import * as z from "zod";');
      return { contents, loader: "ts" };
    });
  },
};

/**
 * One entry per system (`@sanxiang/core/calendar`, …) besides the root, the laws data and the
 * calendar's schemas (`@sanxiang/core/calendar/schema`). Keep in step with `exports` in
 * package.json and with packages/core/typedoc.json.
 */
export const SUBPATHS = [
  "kernel",
  "calendar",
  "registry",
  "recording",
  "review",
  "enforcement",
  "disclosure",
  "bureau",
] as const;

export default defineConfig({
  entry: {
    index: "src/index.ts",
    laws: "src/laws.ts",
    // The calendar's zod schemas, apart from `calendar` so its declarations reach no zod.
    "calendar/schema": "src/calendar/schema.ts",
    ...Object.fromEntries(SUBPATHS.map((s) => [s, `src/${s}/index.ts`])),
  },
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  // Shared chunks in CommonJS too: without it each .cjs entry carries its own copy of what
  // it uses, and \`require("@sanxiang/core/calendar")\` and \`require("@sanxiang/core")\` would
  // hand out different functions and classes.
  splitting: true,
  esbuildPlugins: [zodNamespaceImports],
});
