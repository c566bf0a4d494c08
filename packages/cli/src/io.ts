import type { Clock } from "@sanxiang/core";
import { systemClock } from "@sanxiang/store-sqlite";

/** Where a command writes and what it may read from its surroundings. */
export interface CliIo {
  /** Writes to standard output (text already ends in a newline when it should). */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /**
   * Whether standard error is a terminal: only then do long commands draw a progress bar
   * on it (never into a log file, a CI log or a test's captured output).
   */
  readonly errIsTTY?: boolean;
  /** The clock the command reads "today" from. */
  readonly clock: Clock;
  /** Environment variables (for `SANXIANG_LANG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory: the default registry lives in `<cwd>/.sanxiang`. */
  readonly cwd: string;
}

/**
 * 系统时钟 — the wall clock (`@sanxiang/store-sqlite`'s). Core never reads the wall clock
 * (time reaches it through the `Clock` port); the CLI is where the real time enters.
 */
export { systemClock };

// Output piped into a reader that stops early (`sanxiang demo | head`) closes the pipe: the
// next write fails with EPIPE, which Node raises as an unhandled 'error' event and a stack
// trace. The reader has all it wanted, so further output is dropped quietly; any other
// write failure is reported on standard error and fails the run.
let stdoutClosed = false;
let stdoutFailed = false;
let stdoutGuarded = false;
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (e.code === "EPIPE") return;
    stdoutFailed = true;
    process.stderr.write(
      `错误 [OUTPUT_WRITE_FAILED] 标准输出写入失败：${isSystemError(e) ? describeSystemError(e) : e.message}\n`,
    );
    process.exitCode = 1;
  });
}

/**
 * Whether a write to the real standard output failed other than by the reader closing the pipe
 * (`> /dev/full`: ENOSPC). The failure can be reported while the command still runs; the command
 * then fails (exit 1) whatever it would have returned, since what it printed was lost.
 */
export function stdoutWriteFailed(): boolean {
  return stdoutFailed;
}

/** The real process's standard streams, clock and environment. */
export function processIo(): CliIo {
  guardStdout();
  return {
    out: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    err: (t) => process.stderr.write(t),
    errIsTTY: process.stderr.isTTY === true,
    clock: systemClock,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A Node.js system error (`ENOENT`, `EACCES` …) as thrown by `node:fs` and `node:net`. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === "string" &&
    /^E[A-Z]+$/.test(String((e as NodeJS.ErrnoException).code))
  );
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "文件或目录不存在",
  EISDIR: "这是一个目录，不是文件",
  ENOTREG: "不是普通文件（命名管道、设备或套接字）",
  ENOTDIR: "路径中有一部分不是目录",
  EACCES: "没有访问权限",
  EPERM: "操作不被允许",
  EEXIST: "已存在",
  ENAMETOOLONG: "路径过长",
  ELOOP: "符号链接层数过多（可能成环）",
  ENOSPC: "磁盘空间不足",
  EROFS: "文件系统只读",
  EMFILE: "打开的文件过多",
  EBUSY: "文件正被占用",
  EIO: "读写设备出错",
  EDQUOT: "超出磁盘配额",
  EFBIG: "文件超出大小限制",
  ENOTEMPTY: "目录不为空",
  EXDEV: "不在同一文件系统",
  EADDRINUSE: "端口已被占用",
  EADDRNOTAVAIL: "本机没有该地址",
};

/** System errors that come from what the operator typed (a path, a port): exit 2, not 1. */
const INPUT_ERRNOS = new Set([
  "ENOENT",
  "EISDIR",
  "ENOTREG",
  "ENOTDIR",
  "EACCES",
  "EPERM",
  "EEXIST",
  "ENAMETOOLONG",
  "ELOOP",
  "EROFS",
  "EADDRINUSE",
  "EADDRNOTAVAIL",
]);

/** The Chinese reason for a system error, with its code: `文件或目录不存在（ENOENT）`. */
export function describeSystemError(e: NodeJS.ErrnoException & { code: string }): string {
  return `${FS_REASONS[e.code] ?? e.message}（${e.code}）`;
}

/** System calls whose failure means something could not be written out. */
const WRITE_SYSCALLS: ReadonlySet<string> = new Set([
  "write",
  "writev",
  "fsync",
  "fdatasync",
  "rename",
  "link",
  "symlink",
  "mkdir",
  "copyfile",
  "ftruncate",
]);

/**
 * The code a system error that escaped a command is printed with: `INVALID_INPUT` for one about
 * the operator's input ({@link isInputSystemError}: exit 2), `OUTPUT_WRITE_FAILED` for a failed
 * write, rename or directory creation (exit 1), else the system's own code (`EIO`, `EMFILE` …:
 * exit 1). The errno is printed in the reason either way.
 */
export function systemErrorCode(e: NodeJS.ErrnoException & { code: string }): string {
  if (isInputSystemError(e)) return "INVALID_INPUT";
  return typeof e.syscall === "string" && WRITE_SYSCALLS.has(e.syscall) ? "OUTPUT_WRITE_FAILED" : e.code;
}

/** True when a system error is about the operator's input (a missing path, a busy port). */
export function isInputSystemError(e: NodeJS.ErrnoException & { code: string }): boolean {
  return INPUT_ERRNOS.has(e.code);
}

/**
 * Why an I/O call failed, for the operator: the path and the Chinese reason of a system error
 * (`/x/y.json：文件或目录不存在（ENOENT）`), else the message; `path` names the file when the
 * error does not (a read of a directory).
 */
export function describeFailure(e: unknown, path?: string): string {
  const where = path ?? (isSystemError(e) && typeof e.path === "string" ? e.path : undefined);
  const why = isSystemError(e) ? describeSystemError(e) : e instanceof Error ? e.message : String(e);
  return where === undefined ? why : `${where}：${why}`;
}
