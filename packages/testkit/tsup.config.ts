import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    sample: "src/sample/index.ts",
    conformance: "src/conformance/index.ts",
    arbitraries: "src/arbitraries/index.ts",
  },
  external: ["vitest", "fast-check"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
});
