// 公示网站整体替换 — `publish --out <dir>` must never leave the public site half written: a
// reader (the web server, `serve`, a crawler) sees the previous site or the new one, never a
// mixture, and a failure or Ctrl-C midway leaves the previous site exactly as it was.
//
// The new site is built in a staging directory beside the target (same parent, so the same file
// system): it starts as a copy of the previous site made of hard links (publish-site replaces
// every file by rename, never writes into one, so a link shared with the live site is never
// changed), which keeps the build incremental. Then the swap: the previous site is renamed
// to a backup name, the staging directory to the target, and the backup removed. The two renames
// are synchronous, so no signal handler runs between them; a crash (power loss, SIGKILL)
// between them leaves the backup, which the next `publish` puts back before anything else.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { chmod, copyFile, link, lstat, mkdir, readdir, readlink, realpath, rm, symlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { err, ok, type Result, type SanxiangError, sanxiangError } from "@sanxiang/core";
import { onInterrupt } from "./interrupt.js";
import { describeFailure, isSystemError } from "./io.js";
import { outputWriteFailed } from "./output.js";

/** A new site being built beside its target, to be swapped in whole or discarded. */
export interface StagedSite {
  /** The directory to build the new site in (a copy of the previous site, when there was one). */
  readonly dir: string;
  /** What was recovered from an earlier run that ended between its two renames, for the operator. */
  readonly recovered: readonly string[];
  /**
   * Puts the new site in place of the previous one (which is then removed). On failure the
   * previous site is put back as it was and the staging directory removed.
   */
  commit(): Promise<Result<void, SanxiangError>>;
  /** Discards the staging directory; the previous site is untouched. */
  abort(): Promise<void>;
}

/** The names this module gives its directories beside `<base>`: `.<base>.sanxiang-staging-<pid>-<hex>`. */
const LEFTOVER = /^\.(.+)\.sanxiang-(staging|previous)-(\d+)-[0-9a-f]+$/;

/** Whether a process with that id is running (it may still own a staging directory). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Best effort: a rename is durable once its directory is synced. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}

/**
 * What an earlier publish left beside `target` when it ended between its two renames (power
 * loss, SIGKILL): with the target missing, its previous site is renamed back; staging and
 * backup directories of processes no longer running are removed.
 */
async function recover(parent: string, base: string, target: string): Promise<string[]> {
  const notes: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  const mine = names
    .map((name) => ({ name, m: LEFTOVER.exec(name) }))
    .filter((x) => x.m !== null && x.m[1] === base && !running(Number(x.m[3])));
  const targetThere = await lstat(target).then(
    () => true,
    () => false,
  );
  const previous = mine.find((x) => x.m?.[2] === "previous");
  if (!targetThere && previous !== undefined) {
    renameSync(join(parent, previous.name), target);
    syncDir(parent);
    notes.push(`上次发布在替换途中中断：已恢复原站点 ${target}`);
  }
  for (const x of mine) {
    if (x === previous && !targetThere) continue;
    await rm(join(parent, x.name), { recursive: true, force: true });
    notes.push(`已删除上次发布遗留的${x.m?.[2] === "staging" ? "暂存" : "备份"}目录 ${x.name}`);
  }
  return notes;
}

/** How many links or copies run at once while cloning the previous site. */
const CLONE_CONCURRENCY = 32;

/**
 * Copies the tree `from` into the empty directory `to` as hard links (a file system without
 * them: copies), directories recreated with their modes, symlinks recreated; publish-site's
 * temporary files (`.sanxiang-site/tmp`) are left out.
 */
async function cloneTree(from: string, to: string): Promise<void> {
  const jobs: (() => Promise<void>)[] = [];
  const walk = async (src: string, dst: string, rel: string): Promise<void> => {
    for (const e of await readdir(src, { withFileTypes: true })) {
      const s = join(src, e.name);
      const d = join(dst, e.name);
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (r === ".sanxiang-site/tmp") continue;
      if (e.isDirectory()) {
        await mkdir(d);
        await chmod(d, statSync(s).mode & 0o7777);
        await walk(s, d, r);
      } else if (e.isSymbolicLink()) {
        jobs.push(async () => symlink(await readlink(s), d));
      } else if (e.isFile()) {
        jobs.push(() =>
          link(s, d).catch((x: NodeJS.ErrnoException) => {
            if (x.code === "EPERM" || x.code === "ENOTSUP" || x.code === "EOPNOTSUPP" || x.code === "EMLINK") {
              return copyFile(s, d);
            }
            throw x;
          }),
        );
      }
      // Sockets, devices, FIFOs have no place in a site: not carried over.
    }
  };
  await walk(from, to, "");
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure no job is started, and the clone returns once the running ones ended:
    // nothing of it is still creating links when the staging directory is removed.
    while (!failed && next < jobs.length) {
      const job = jobs[next++];
      if (job === undefined) continue;
      try {
        await job();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(CLONE_CONCURRENCY, jobs.length) }, worker));
  for (const r of results) if (r.status === "rejected") throw r.reason;
}

/** Path problems the operator can fix (no permission in the parent, a name too long): input, exit 2. */
const PATH_ERRNOS: ReadonlySet<string> = new Set(["ENOENT", "ENOTDIR", "EACCES", "EPERM", "ENAMETOOLONG", "ELOOP"]);

/**
 * Starts building a new site for `target` (absolute; `shown` is the path as typed): recovers what
 * an interrupted earlier run left, creates the staging directory beside the target — the
 * previous site hard-linked into it — and registers its removal on SIGINT/SIGTERM. A parent
 * directory the operator cannot write to is `INVALID_INPUT` (exit 2); a full or failing disk
 * `OUTPUT_WRITE_FAILED` (exit 1); either way the previous site is untouched.
 */
export async function stageSite(target: string, shown: string): Promise<Result<StagedSite, SanxiangError>> {
  // A symlinked site (/var/www/site → /data/site) is replaced where it really is.
  const real = await realpath(target).catch(() => target);
  const parent = dirname(real);
  const base = basename(real);
  const tag = `${process.pid}-${randomBytes(6).toString("hex")}`;
  const staging = join(parent, `.${base}.sanxiang-staging-${tag}`);
  const backup = join(parent, `.${base}.sanxiang-previous-${tag}`);
  const failed = (e: unknown, what: string): SanxiangError =>
    isSystemError(e) && PATH_ERRNOS.has(e.code)
      ? sanxiangError(
          "INVALID_INPUT",
          `无法在 ${parent} 中${what}：${describeFailure(e, undefined)}（公示网站先在目标目录旁生成，再整体替换，需要对其上级目录有写权限）`,
          { details: { option: "out", path: shown, errno: e.code } },
        )
      : outputWriteFailed(shown, e, { option: "out", staging }, "原站点未改动，暂存目录已删除");
  let recovered: string[];
  try {
    recovered = await recover(parent, base, real);
  } catch (e) {
    return err(failed(e, "清理上次发布遗留的目录"));
  }
  const release = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  // Nothing is still writing into the staging directory when it is removed: the clone and
  // publish-site's build both return only once every file operation they started has ended.
  const abort = async () => {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    release();
  };
  const previous = await lstat(real).then(
    (s) => (s.isDirectory() ? s : undefined),
    () => undefined,
  );
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(staging);
    if (previous !== undefined) {
      await chmod(staging, previous.mode & 0o7777);
      await cloneTree(real, staging);
    }
  } catch (e) {
    await abort();
    return err(failed(e, "建立暂存目录"));
  }
  return ok({
    dir: staging,
    recovered,
    abort,
    commit: async () => {
      // Synchronous from here to the second rename: no signal handler runs in between.
      const hadPrevious = previous !== undefined;
      try {
        if (hadPrevious) renameSync(real, backup);
      } catch (e) {
        await abort();
        return err(outputWriteFailed(shown, e, { option: "out" }, "原站点未改动，暂存目录已删除"));
      }
      try {
        renameSync(staging, real);
      } catch (e) {
        let kept = "原站点未改动，暂存目录已删除";
        try {
          if (hadPrevious) renameSync(backup, real);
        } catch {
          // Still under its backup name, whole: the next publish renames it back (recover).
          kept = `原站点完整保留在 ${backup}，下次发布时自动恢复；暂存目录已删除`;
        }
        await abort();
        return err(outputWriteFailed(shown, e, { option: "out" }, kept));
      }
      syncDir(parent);
      release();
      if (hadPrevious) {
        const dropBackup = onInterrupt(() => rmSync(backup, { recursive: true, force: true }));
        // The site is published; a backup that cannot be removed is swept by the next publish.
        await rm(backup, { recursive: true, force: true }).catch(() => undefined);
        dropBackup();
      }
      return ok(undefined);
    },
  });
}
