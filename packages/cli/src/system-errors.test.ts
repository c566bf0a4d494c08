// A system error that escapes a command is printed in the coded form every refusal uses:
// INVALID_INPUT for what the operator typed (exit 2), OUTPUT_WRITE_FAILED for a failed write
// (exit 1), the system's own code otherwise — the errno always kept in the reason.
import { describe, expect, it } from "vitest";
import { describeSystemError, isInputSystemError, systemErrorCode } from "./io.js";

const systemError = (code: string, syscall: string, path = "/tmp/x"): NodeJS.ErrnoException & { code: string } =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });

describe("systemErrorCode", () => {
  it("names the operator's input for a missing, unreadable or wrong-kind path, whatever the call", () => {
    for (const [code, syscall] of [
      ["ENOENT", "open"],
      ["EISDIR", "read"],
      ["ENOTDIR", "scandir"],
      ["EACCES", "open"],
      ["EACCES", "rename"],
      ["EROFS", "write"],
      ["EADDRINUSE", "listen"],
    ] as const) {
      const e = systemError(code, syscall);
      expect(systemErrorCode(e), `${code} ${syscall}`).toBe("INVALID_INPUT");
      expect(isInputSystemError(e)).toBe(true);
    }
  });

  it("names a failed write, rename, link or directory creation OUTPUT_WRITE_FAILED", () => {
    for (const [code, syscall] of [
      ["ENOSPC", "write"],
      ["EIO", "fsync"],
      ["EDQUOT", "write"],
      ["EFBIG", "write"],
      ["ENOSPC", "mkdir"],
      ["EIO", "rename"],
      ["EMLINK", "link"],
      ["ENOSPC", "copyfile"],
    ] as const) {
      expect(systemErrorCode(systemError(code, syscall)), `${code} ${syscall}`).toBe("OUTPUT_WRITE_FAILED");
    }
  });

  it("keeps the system's code for other failures (a read's I/O error, too many open files), with the errno in the reason", () => {
    const read = systemError("EIO", "read");
    expect(systemErrorCode(read)).toBe("EIO");
    expect(describeSystemError(read)).toContain("（EIO）");
    expect(systemErrorCode(systemError("EMFILE", "open"))).toBe("EMFILE");
    expect(systemErrorCode(Object.assign(new Error("x"), { code: "ENOSPC" }))).toBe("ENOSPC");
  });
});
