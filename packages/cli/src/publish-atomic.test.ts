// `publish --out <dir>` replaces the public site whole: the new site is built beside the target
// and swapped in, so a reader never sees half a site, and a failure or Ctrl-C midway leaves the
// previous site byte-identical and no staging directory behind.
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "./cli.test-support.js";

/** Fail publish-site's n-th file rename (its atomic writes), or the swap's rename of the staging directory. */
const fault = vi.hoisted(() => ({ renamesLeft: -1, swap: false }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const enospc = (path: string) =>
    Object.assign(new Error(`ENOSPC: no space left on device, rename '${path}'`), {
      code: "ENOSPC",
      errno: -28,
      syscall: "rename",
      path,
    });
  const rename = (from: string, to: string, cb: (e: NodeJS.ErrnoException | null) => void) => {
    if (fault.renamesLeft === 0) {
      fault.renamesLeft = -1;
      cb(enospc(to));
      return;
    }
    if (fault.renamesLeft > 0) fault.renamesLeft -= 1;
    real.rename(from, to, cb);
  };
  const renameSync = (from: string, to: string) => {
    if (fault.swap && from.includes(".sanxiang-staging-")) {
      fault.swap = false;
      throw enospc(to);
    }
    real.renameSync(from, to);
  };
  const mocked = { ...real, rename, renameSync };
  return { ...mocked, default: mocked };
});

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const mainTs = fileURLToPath(new URL("./main.ts", import.meta.url));

let dir: string;
let demoDb: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-publish-atomic-"));
  const demo = await runCli(["demo"], { cwd: dir });
  expect(demo.code).toBe(0);
  demoDb = join(dir, ".sanxiang", "demo", "events.db");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  fault.renamesLeft = -1;
  fault.swap = false;
});

let runs = 0;
/** A fresh working directory holding a copy of the demo's signed store. */
function fresh(): { cwd: string; db: string } {
  runs += 1;
  const cwd = join(dir, `run-${runs}`);
  mkdirSync(cwd);
  const db = join(cwd, "events.db");
  copyFileSync(demoDb, db);
  return { cwd, db };
}

const publish = (cwd: string, db: string, ...more: string[]) =>
  runCli(["publish", "--out", "site", "--store", db, "--sample", "--body", "spt-scjgj", ...more], { cwd });

/** Every file under `root` with its bytes (and every directory), to compare a site before and after. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = `${rel}/${name}`;
      if (statSync(p).isDirectory()) {
        files.set(`${r}/`, "");
        walk(p, r);
      } else files.set(r, readFileSync(p, "base64"));
    }
  };
  walk(root, "");
  return files;
}

/** Staging or backup directories left beside the site. */
const leftovers = (cwd: string): string[] => readdirSync(cwd).filter((n) => /\.sanxiang-(staging|previous)-/.test(n));

describe("publish --out swaps the new site in whole", () => {
  it("a successful re-publish replaces the site (a new directory), leaving nothing beside it", async () => {
    const { cwd, db } = fresh();
    expect((await publish(cwd, db)).code).toBe(0);
    const site = join(cwd, "site");
    const before = statSync(site).ino;
    const again = await publish(cwd, db, "--title", "新的公示平台标题");
    expect(again.err).toBe("");
    expect(again.code).toBe(0);
    expect(readFileSync(join(site, "index.html"), "utf8")).toContain("新的公示平台标题");
    expect(statSync(site).ino).not.toBe(before);
    expect(leftovers(cwd)).toEqual([]);
    // Unchanged pages are carried over, not rewritten: the build stays incremental.
    const same = await publish(cwd, db, "--title", "新的公示平台标题");
    expect(same.out).toContain("写入 0 个文件，删除 0 个");
    // A symlinked site is replaced where it lives; the link stays a link.
    const link = join(cwd, "public");
    renameSync(site, join(cwd, "real-site"));
    symlinkSync("real-site", link);
    const linked = await runCli(["publish", "--out", "public", "--store", db, "--sample", "--body", "spt-scjgj"], {
      cwd,
    });
    expect(linked.code).toBe(0);
    expect(readFileSync(join(cwd, "real-site", "index.html"), "utf8")).not.toContain("新的公示平台标题");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(leftovers(cwd)).toEqual([]);
  }, 60_000);

  it("a disk failure midway through the build: OUTPUT_WRITE_FAILED, exit 1, the previous site byte-identical", async () => {
    const { cwd, db } = fresh();
    expect((await publish(cwd, db)).code).toBe(0);
    const before = snapshot(join(cwd, "site"));
    fault.renamesLeft = 20; // 20 pages land in the staging directory, the 21st fails
    const r = await publish(cwd, db, "--title", "改版后的标题");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^错误 \[OUTPUT_WRITE_FAILED\] 写入 site\/\S+：磁盘空间不足（ENOSPC）；原站点未改动，暂存目录已删除\n$/,
    );
    expect(snapshot(join(cwd, "site"))).toEqual(before);
    expect(leftovers(cwd)).toEqual([]);
    // A first publication that fails leaves no site at all.
    const other = fresh();
    fault.renamesLeft = 5;
    expect((await publish(other.cwd, other.db)).code).toBe(1);
    expect(existsSync(join(other.cwd, "site"))).toBe(false);
    expect(leftovers(other.cwd)).toEqual([]);
  }, 60_000);

  it("a failure at the swap itself puts the previous site back as it was", async () => {
    const { cwd, db } = fresh();
    expect((await publish(cwd, db)).code).toBe(0);
    const before = snapshot(join(cwd, "site"));
    fault.swap = true;
    const r = await publish(cwd, db, "--title", "改版后的标题");
    expect(r.code).toBe(1);
    expect(r.err).toContain("[OUTPUT_WRITE_FAILED] 写入 site");
    expect(snapshot(join(cwd, "site"))).toEqual(before);
    expect(leftovers(cwd)).toEqual([]);
  }, 60_000);

  it("a run killed between its two renames: the next publish puts the previous site back first", async () => {
    const { cwd, db } = fresh();
    expect((await publish(cwd, db)).code).toBe(0);
    // What SIGKILL between the renames leaves: the site under its backup name, a staging directory.
    // 4194305 is above Linux's largest process id: never a running process.
    renameSync(join(cwd, "site"), join(cwd, ".site.sanxiang-previous-4194305-abcdef"));
    mkdirSync(join(cwd, ".site.sanxiang-staging-4194305-abcdef"));
    const r = await publish(cwd, db);
    expect(r.code).toBe(0);
    expect(r.err).toContain("上次发布在替换途中中断：已恢复原站点");
    expect(r.out).toContain("写入 0 个文件"); // the restored site was the current one
    expect(leftovers(cwd)).toEqual([]);
  }, 60_000);
});

describe("publish --out interrupted", () => {
  it("SIGINT while the new site is being built: exit 130, the previous site byte-identical, no staging directory", async () => {
    const { cwd, db } = fresh();
    expect((await publish(cwd, db)).code).toBe(0);
    // A large previous site, so that the run is surely still building when the signal comes.
    const bulk = join(cwd, "site", "bulk");
    mkdirSync(bulk);
    for (let i = 0; i < 30_000; i++) writeFileSync(join(bulk, `${i}.html`), `<p>${i}</p>`);
    const before = snapshot(join(cwd, "site"));
    const script = `import { main } from ${JSON.stringify(mainTs)}; process.exitCode = await main(process.argv.slice(1));`;
    const watcher = watch(cwd);
    const staged = new Promise<void>((seen) =>
      watcher.on("change", (_, name) => {
        if (String(name).includes(".sanxiang-staging-")) seen();
      }),
    );
    const child = spawn(
      process.execPath,
      [
        "--conditions=@sanxiang/source",
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        script,
        "--",
        "publish",
        "--out",
        join(cwd, "site"),
        "--store",
        db,
        "--sample",
        "--body",
        "spt-scjgj",
        "--title",
        "中断的发布",
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString("utf8");
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
    await staged;
    watcher.close();
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(err).toContain("已中断（SIGINT）");
    expect(leftovers(cwd)).toEqual([]);
    expect(snapshot(join(cwd, "site"))).toEqual(before);
  }, 120_000);
});
