// 输出文件 — every file a command writes (`--out`, `casefile <out.json>`, `--html`, `registry
// export <file>`) goes through here, so that they all behave alike: an existing file is kept
// unless `--force` is given (a coded refusal, exit 2), and the bytes go to a temporary file
// beside the target that is renamed over it only when complete — a failure leaves no half file.
// A character device or a pipe (`/dev/stdout`, a FIFO) is written straight through: it is a
// stream, not a file to replace.
//
// Two kinds of failure: a path the operator cannot write to (a missing directory, no permission
// to create the temporary file) is refused as `INVALID_INPUT` before anything is written (exit
// 2); a write that fails once it has begun — disk full, quota, an I/O error, a file system gone
// read-only — is `OUTPUT_WRITE_FAILED` naming the file and the system's reason (exit 1), the
// target left as it was and the temporary file removed.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { type FileHandle, link, lstat, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { err, ok, type Result, SanxiangError, sanxiangError } from "@sanxiang/core";
import { onInterrupt } from "./interrupt.js";
import { describeFailure, isSystemError } from "./io.js";

/** Where an output goes, checked: the absolute path, the path as typed, and how to write it. */
export interface OutputTarget {
  /** The absolute path. */
  readonly path: string;
  /** The path as the operator typed it, for messages. */
  readonly shown: string;
  /** The option that named it (`out`, `html`, or a positional `file`), for the refusal's details. */
  readonly option: string;
  /** Whether an existing file may be replaced (`--force`). */
  readonly force: boolean;
  /** A device or pipe: written straight through, no temporary file. */
  readonly stream: boolean;
}

/** What deciding an output target needs: the working directory and whether `--force` was given. */
export interface OutputOptions {
  /** The directory a relative path is resolved against. */
  readonly cwd: string;
  /** `--force`: replace an existing file. */
  readonly force: boolean;
  /** The option that named the path (`out` by default), for messages and details. */
  readonly option?: string;
}

function refusal(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

/** The `--force` hint of a refused output: one wording for every command. */
export function existsMessage(shown: string): string {
  return `${shown} 已存在：如需覆盖请加 --force`;
}

/**
 * Checks an output file before anything is done (nothing is recorded, nothing written): an
 * existing regular file needs `--force`; a directory (or anything else that is not a file) is
 * refused; a device or pipe is accepted as a stream. The refusal is `INVALID_INPUT` (exit 2).
 */
export async function outputFile(given: string, o: OutputOptions): Promise<Result<OutputTarget, SanxiangError>> {
  const option = o.option ?? "out";
  const path = resolve(o.cwd, given);
  const details = { option, path: given };
  const target = { path, shown: given, option, force: o.force };
  const link = await lstat(path).catch(() => undefined);
  if (link === undefined) return ok({ ...target, stream: false });
  const info = link.isSymbolicLink() ? await stat(path).catch(() => undefined) : link;
  if (info !== undefined && (info.isCharacterDevice() || info.isFIFO())) return ok({ ...target, stream: true });
  if (!link.isFile() && !(link.isSymbolicLink() && info?.isFile() === true)) {
    const what = (info ?? link).isDirectory() ? "（这是一个目录）" : "";
    return err(refusal(`${given} 已存在且不是普通文件${what}，不能写入`, { ...details, reason: "notAFile" }));
  }
  if (!o.force) return err(refusal(existsMessage(given), { ...details, reason: "exists" }));
  return ok({ ...target, stream: false });
}

/**
 * Writes every byte of `chunk`: one `write(2)` may write fewer bytes than asked (a disk filling
 * up, a file-size limit), and the rest must be written — or its failure seen — before the file
 * counts as complete.
 */
async function writeAll(handle: FileHandle, chunk: string | Uint8Array): Promise<void> {
  let rest = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  while (rest.byteLength > 0) {
    const { bytesWritten } = await handle.write(rest, 0, rest.byteLength);
    if (bytesWritten <= 0) throw Object.assign(new Error("EIO: write returned no bytes"), { code: "EIO" });
    rest = rest.subarray(bytesWritten);
  }
}

/** An output being written: chunks in, then `commit` (renamed into place) or `abort` (removed). */
export interface PendingOutput {
  /**
   * Appends bytes. A failed write rejects with a coded `OUTPUT_WRITE_FAILED` (a
   * `SanxiangError`) naming the file and the system's reason; the caller then calls `abort`.
   */
  write(chunk: string | Uint8Array): Promise<void>;
  /**
   * Makes what was written durable (flushed to the disk and closed) without putting it in
   * place yet: where a full or failing disk shows. `commit` does it when not done.
   */
  settle(): Promise<Result<void, SanxiangError>>;
  /** Puts the complete file in place; refuses (and removes the temporary file) if it cannot. */
  commit(): Promise<Result<void, SanxiangError>>;
  /** Discards what was written. */
  abort(): Promise<void>;
}

/**
 * System errors that mean the path itself cannot be written by this operator (a missing or
 * non-directory parent, no permission to create a file there, a name too long): when creating
 * the temporary file they are the operator's input, refused before anything happened (exit 2).
 * Anything else — and any failure once writing has begun — is the system's (exit 1).
 */
const PATH_ERRNOS: ReadonlySet<string> = new Set([
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "EACCES",
  "EPERM",
  "ENAMETOOLONG",
  "ELOOP",
  "EEXIST",
]);

/**
 * 输出文件写入失败 — a write that failed after the checks (disk full, quota, I/O error, a file
 * system turned read-only, permission lost): `OUTPUT_WRITE_FAILED` naming the file and the
 * system's reason, exit 1. `kept` says what became of the target: a file is left as it was
 * (and the temporary file removed); a device or pipe was being written straight through.
 */
export function outputWriteFailed(
  shown: string,
  e: unknown,
  details: Record<string, unknown> = {},
  kept = "原有内容未改动，临时文件已删除",
): SanxiangError {
  if (SanxiangError.isInstance(e)) return e;
  return sanxiangError("OUTPUT_WRITE_FAILED", `写入 ${describeFailure(e, shown)}${kept === "" ? "" : `；${kept}`}`, {
    details: { path: shown, ...details, ...(isSystemError(e) ? { errno: e.code } : {}) },
    cause: e,
  });
}

function writeFailure(target: OutputTarget, e: unknown): SanxiangError {
  return outputWriteFailed(
    target.shown,
    e,
    { option: target.option },
    target.stream ? "" : target.force ? "原有文件未改动，临时文件已删除" : "临时文件已删除",
  );
}

/** A failure to create the temporary file (or open a stream): the path's fault, or the system's. */
function openFailure(target: OutputTarget, e: unknown): SanxiangError {
  if (isSystemError(e) && PATH_ERRNOS.has(e.code)) {
    return refusal(`无法写入 ${describeFailure(e, target.shown)}`, {
      option: target.option,
      path: target.shown,
      errno: e.code,
    });
  }
  return writeFailure(target, e);
}

/**
 * Opens an output for writing: a temporary file beside the target (created now, so a target that
 * cannot be written is refused before the command records anything), renamed over it on commit.
 * Without `--force` the commit links rather than renames, so a file that appeared meanwhile is
 * still not replaced.
 */
export async function beginOutput(target: OutputTarget): Promise<Result<PendingOutput, SanxiangError>> {
  if (target.stream) {
    let handle: FileHandle;
    try {
      handle = await open(target.path, "w");
    } catch (e) {
      return err(openFailure(target, e));
    }
    return ok({
      write: async (chunk) => {
        try {
          await writeAll(handle, chunk);
        } catch (e) {
          throw writeFailure(target, e);
        }
      },
      settle: async () => ok(undefined),
      commit: async () => {
        try {
          await handle.close();
          return ok(undefined);
        } catch (e) {
          return err(writeFailure(target, e));
        }
      },
      abort: async () => {
        await handle.close().catch(() => undefined);
      },
    });
  }
  const part = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString("hex")}.part`);
  let handle: FileHandle;
  try {
    handle = await open(part, "wx");
  } catch (e) {
    return err(openFailure(target, e));
  }
  // Ctrl-C before the rename: the temporary file goes with the process (interrupt.ts).
  const release = onInterrupt(() => rmSync(part, { force: true }));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const abort = async () => {
    await close().catch(() => undefined);
    await rm(part, { force: true });
    release();
  };
  const settle = async (): Promise<Result<void, SanxiangError>> => {
    if (closed) return ok(undefined);
    try {
      await handle.sync();
      await close();
      return ok(undefined);
    } catch (e) {
      await abort();
      return err(writeFailure(target, e));
    }
  };
  return ok({
    write: async (chunk) => {
      try {
        await writeAll(handle, chunk);
      } catch (e) {
        throw writeFailure(target, e);
      }
    },
    settle,
    commit: async () => {
      const settled = await settle();
      if (settled.isErr()) return settled;
      try {
        if (target.force) await rename(part, target.path);
        else await linkNew(part, target.path);
        release();
        return ok(undefined);
      } catch (e) {
        await abort();
        if ((e as NodeJS.ErrnoException).code === "EEXIST") {
          return err(
            refusal(existsMessage(target.shown), { option: target.option, path: target.shown, reason: "exists" }),
          );
        }
        return err(writeFailure(target, e));
      }
    },
    abort,
  });
}

/**
 * Puts `part` at `path` without replacing a file that appeared meanwhile: a hard link (which
 * fails with `EEXIST`), then the temporary name removed. A file system without hard links (FAT,
 * some network mounts) falls back to a rename once `path` is checked absent.
 */
async function linkNew(part: string, path: string): Promise<void> {
  try {
    await link(part, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw e;
    const there = await lstat(path).then(
      () => true,
      (x: NodeJS.ErrnoException) => {
        if (x.code === "ENOENT") return false;
        throw x;
      },
    );
    if (there) throw Object.assign(new Error(`EEXIST: ${path}`), { code: "EEXIST", path });
    await rename(part, path);
    return;
  }
  await rm(part, { force: true });
}

/** Writes a whole output at once (temporary file, then rename); a failure leaves nothing behind. */
export async function writeOutput(
  target: OutputTarget,
  data: string | Uint8Array,
): Promise<Result<void, SanxiangError>> {
  const pending = await beginOutput(target);
  if (pending.isErr()) return err(pending.error);
  try {
    await pending.value.write(data);
  } catch (e) {
    await pending.value.abort();
    return err(writeFailure(target, e));
  }
  return pending.value.commit();
}

/** Checks the target and writes it: {@link outputFile} then {@link writeOutput}. */
export async function writeOutputFile(
  given: string,
  data: string | Uint8Array,
  o: OutputOptions,
): Promise<Result<OutputTarget, SanxiangError>> {
  const target = await outputFile(given, o);
  if (target.isErr()) return err(target.error);
  const written = await writeOutput(target.value, data);
  return written.isErr() ? err(written.error) : ok(target.value);
}

/**
 * Checks an output directory: one that does not exist yet or is empty is fine; one holding files
 * needs `--force`, unless `own` recognises them as this command's earlier output (a published
 * site updated in place); a path that is not a directory is refused.
 */
export async function outputDir(
  given: string,
  o: OutputOptions & { readonly own?: (entries: readonly string[]) => boolean },
): Promise<Result<string, SanxiangError>> {
  const option = o.option ?? "out";
  const path = resolve(o.cwd, given);
  const details = { option, path: given };
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : e));
  if (info instanceof Error) return err(refusal(`无法使用目录 ${describeFailure(info, given)}`, details));
  if (info === undefined) return ok(path);
  if (!info.isDirectory())
    return err(refusal(`${given} 已存在且不是目录，不能写入`, { ...details, reason: "notADirectory" }));
  const entries = await readdir(path).catch((e: NodeJS.ErrnoException) => e);
  if (entries instanceof Error) return err(refusal(`无法使用目录 ${describeFailure(entries, given)}`, details));
  if (entries.length === 0 || o.force || o.own?.(entries) === true) return ok(path);
  return err(refusal(`${given} 已有文件：如需覆盖请加 --force`, { ...details, reason: "exists" }));
}

/**
 * Creates an output directory (and its parents): a path that cannot be made (a file in the way,
 * no permission) is a refusal naming it (`INVALID_INPUT`); a full or failing disk is
 * `OUTPUT_WRITE_FAILED`.
 */
export async function makeOutputDir(path: string, shown: string): Promise<Result<void, SanxiangError>> {
  try {
    await mkdir(path, { recursive: true });
    return ok(undefined);
  } catch (e) {
    if (isSystemError(e) && !PATH_ERRNOS.has(e.code)) {
      return err(outputWriteFailed(shown, e, {}, ""));
    }
    return err(refusal(`无法创建目录 ${describeFailure(e, shown)}`, { path: shown }));
  }
}

/** One file of a command that writes several (`casefile <out.json> --html <page>`). */
export interface OutputPart {
  /** The path as typed. */
  readonly given: string;
  /** The option that named it. */
  readonly option: string;
  /** The bytes. */
  readonly data: string | Uint8Array;
}

/**
 * Writes several outputs as one: every target is checked first (one refused: nothing written),
 * every temporary file written and flushed to the disk, then each renamed into place.
 */
export async function writeOutputFiles(
  parts: readonly OutputPart[],
  o: Omit<OutputOptions, "option">,
): Promise<Result<void, SanxiangError>> {
  const targets: OutputTarget[] = [];
  for (const p of parts) {
    const target = await outputFile(p.given, { ...o, option: p.option });
    if (target.isErr()) return err(target.error);
    if (targets.some((t) => t.path === target.value.path)) {
      return err(refusal(`${p.given} 被指定了两次`, { option: p.option, path: p.given }));
    }
    targets.push(target.value);
  }
  const pending: PendingOutput[] = [];
  const abortAll = async () => {
    for (const q of pending) await q.abort();
  };
  for (const [i, target] of targets.entries()) {
    const begun = await beginOutput(target);
    if (begun.isErr()) {
      await abortAll();
      return err(begun.error);
    }
    pending.push(begun.value);
    try {
      await begun.value.write(parts[i]?.data ?? "");
    } catch (e) {
      await abortAll();
      return err(writeFailure(target, e));
    }
  }
  // Every file flushed to the disk before any is put in place: a full or failing disk refuses
  // them all, never leaving one replaced and the next not.
  for (const q of pending) {
    const settled = await q.settle();
    if (settled.isErr()) {
      await abortAll();
      return settled;
    }
  }
  for (const q of pending) {
    const done = await q.commit();
    if (done.isErr()) {
      await abortAll();
      return done;
    }
  }
  return ok(undefined);
}
