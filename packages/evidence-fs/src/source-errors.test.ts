// Sources that fail (§5 of issue 13): `put(createReadStream(path))` of a path that does not
// exist crashed the process with an unheard stream 'error'. Each case runs in its own child
// process, so a crash fails the test (exit code, stderr) instead of taking the runner down:
// every stream error, from every kind of source, is a typed Err that names the source, and
// leaves no temporary file behind.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = await mkdtemp(join(tmpdir(), "sanxiang-evidence-sources-"));
const bundle = join(root, "child.mjs");
afterAll(() => rm(root, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [join(import.meta.dirname, "source-child.test-support.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@sanxiang/source"],
    outfile: bundle,
    logLevel: "silent",
  });
}, 60_000);

interface ChildResult {
  readonly code: number | null;
  readonly stderr: string;
  readonly result?: {
    outcome: string;
    message: string | null;
    details: Record<string, unknown> | null;
    files: string[];
  };
}

let n = 0;
function run(name: string): Promise<ChildResult> {
  const dir = join(root, `store-${++n}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, dir, name], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop();
      resolve({ code, stderr, ...(line ? { result: JSON.parse(line) } : {}) });
    });
  });
}

describe("fsEvidenceStore.put from a source that fails: a typed Err, never a crash, nothing left behind", () => {
  const cases: [string, string][] = [
    ["missing file", "Err EVIDENCE_STORE_FAILED"],
    ["a directory", "Err EVIDENCE_STORE_FAILED"],
    ["Readable failing after the first chunk", "Err EVIDENCE_STORE_FAILED"],
    ["Readable failing before it is read", "Err EVIDENCE_STORE_FAILED"],
    ["web ReadableStream that errors", "Err EVIDENCE_STORE_FAILED"],
    ["async iterable that throws", "Err EVIDENCE_STORE_FAILED"],
    ["destroyed stream", "Err EVIDENCE_STORE_FAILED"],
    ["missing file, malformed options", "Err INVALID_INPUT"],
    ["missing file, announced hash", "Err EVIDENCE_STORE_FAILED"],
  ];
  for (const [name, expected] of cases) {
    it(`${name} → ${expected}`, async () => {
      const { code, stderr, result } = await run(name);
      expect(`exit ${code}${code === 0 ? "" : `: ${stderr}`}`).toBe("exit 0");
      expect(result?.outcome).toBe(expected);
      // No temporary file (.tmp/*.part) nor anything else is left in the store.
      expect(result?.files).toEqual([]);
      if (expected === "Err EVIDENCE_STORE_FAILED") {
        expect(result?.details?.stage).toBe("source");
        expect(result?.message).not.toContain(".part");
      }
    }, 30_000);
  }

  it("a missing file: three runs of three, each names the file (ENOENT), never the temporary file", async () => {
    for (let i = 0; i < 3; i++) {
      const { code, stderr, result } = await run("missing file");
      expect(`exit ${code}${code === 0 ? "" : `: ${stderr}`}`).toBe("exit 0");
      expect(result?.message).toContain("no-such-video.mp4");
      expect(result?.message).toContain("文件不存在");
      expect(result?.details).toMatchObject({ stage: "source", errno: "ENOENT" });
      expect(String(result?.details?.source)).toMatch(/no-such-video\.mp4$/);
    }
  }, 60_000);
});
