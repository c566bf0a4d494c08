// Reading a file the operator names: only a regular file. A FIFO (named pipe) with no writer
// would block `readFile` forever, and a device could be endless (issue 13 §1.8, hostile pass:
// `registry import laws pipe.csv` hung).
import { constants } from "node:fs";
import { open } from "node:fs/promises";

/**
 * Reads a regular file whole. Opened without blocking (a FIFO with no writer opens at once),
 * then checked with `fstat` on the same handle (no swap between check and read): a directory
 * throws a system error `EISDIR`, any other non-regular file (FIFO, device, socket) `ENOTREG`;
 * other failures are `node:fs`'s own.
 */
export async function readRegularFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) {
      const code = s.isDirectory() ? "EISDIR" : "ENOTREG";
      throw Object.assign(new Error(`${code}: not a regular file, read '${path}'`), { code, path, syscall: "read" });
    }
    return await handle.readFile();
  } finally {
    await handle.close().catch(() => undefined);
  }
}
