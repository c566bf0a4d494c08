// Failures the filesystem causes — disk full mid-write, permission refused, a failing
// fsync — injected by wrapping node:fs/promises (the tests run as root, where permissions
// do not bite, and a full disk cannot be made on demand). Each is EVIDENCE_STORE_FAILED
// with the errno and the original error, and leaves the store as it was.
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SanxiangError } from "@sanxiang/core";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { fsEvidenceStore } from "./index.js";

type Fault = "write" | "open" | "sync" | "link" | null;
const fault: { kind: Fault; errno: string } = { kind: null, errno: "ENOSPC" };

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const failure = () => Object.assign(new Error(`${fault.errno}: injected`), { code: fault.errno });
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const isTemp = String(args[0]).endsWith(".part");
      if (fault.kind === "open" && isTemp) throw failure();
      const fh = await actual.open(...args);
      if (!isTemp) return fh;
      let written = 0;
      return new Proxy(fh, {
        get(target, prop, receiver) {
          if (prop === "write" && fault.kind === "write") {
            return async (...w: unknown[]) => {
              // A disk with room for 100 kB: what fits goes through, then the disk is full.
              const length = typeof w[2] === "number" ? w[2] : (w[0] as Uint8Array).byteLength;
              if (written + length > 100_000) throw failure();
              const r = await (target.write as (...a: unknown[]) => Promise<{ bytesWritten: number }>)(...w);
              written += r.bytesWritten;
              return r;
            };
          }
          if (prop === "sync" && fault.kind === "sync") return async () => Promise.reject(failure());
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
    link: async (...args: Parameters<typeof actual.link>) => {
      if (fault.kind === "link") throw failure();
      return actual.link(...args);
    },
  };
});

const root = await fsp.mkdtemp(join(tmpdir(), "sanxiang-evidence-faults-"));
afterAll(() => fsp.rm(root, { recursive: true, force: true }));
afterEach(() => {
  fault.kind = null;
});
let n = 0;

async function files(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

async function* chunks(total: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < total; at += 65_536) yield new Uint8Array(Math.min(65_536, total - at)).fill(at & 0xff);
}

describe("filesystem failures", () => {
  const cases: [Fault, string][] = [
    ["write", "ENOSPC"],
    ["write", "EIO"],
    ["open", "EACCES"],
    ["open", "EROFS"],
    ["sync", "EIO"],
    ["link", "EACCES"],
  ];
  for (const [kind, errno] of cases) {
    it(`${errno} on ${kind} → EVIDENCE_STORE_FAILED (errno, cause), no file left, earlier evidence intact`, async () => {
      const dir = join(root, `store-${++n}`);
      const store = fsEvidenceStore({ dir });
      const kept = (await store.put(Uint8Array.of(1, 2, 3)))._unsafeUnwrap().hash;
      const before = await files(dir);
      fault.kind = kind;
      fault.errno = errno;
      const r = await store.put(chunks(1_000_000));
      fault.kind = null;
      expect(r.isErr()).toBe(true);
      const e = r._unsafeUnwrapErr() as SanxiangError;
      expect(e.code).toBe("EVIDENCE_STORE_FAILED");
      expect(e.details).toMatchObject({ errno });
      expect((e.cause as { code?: string }).code).toBe(errno);
      expect(await files(dir)).toEqual(before);
      expect((await store.verify(kept)).isOk()).toBe(true);
      // The store works again once the disk does.
      expect((await store.put(chunks(1_000_000)))._unsafeUnwrap().created).toBe(true);
    });
  }

  it("a filesystem without hard links (link → EPERM) falls back to rename: stored once, verified", async () => {
    const dir = join(root, `store-${++n}`);
    const store = fsEvidenceStore({ dir });
    fault.kind = "link";
    fault.errno = "EPERM";
    const first = (await store.put(chunks(200_000)))._unsafeUnwrap();
    const second = (await store.put(chunks(200_000)))._unsafeUnwrap();
    fault.kind = null;
    expect([first.created, second.created]).toEqual([true, false]);
    expect(await files(dir)).toHaveLength(1);
    expect((await store.verify(first.hash)).isOk()).toBe(true);
  });

  it("a message officers can read names the cause in Chinese", async () => {
    const store = fsEvidenceStore({ dir: join(root, `store-${++n}`) });
    fault.kind = "write";
    fault.errno = "ENOSPC";
    const e = (await store.put(chunks(500_000)))._unsafeUnwrapErr();
    expect(e.message).toContain("磁盘空间不足");
  });
});
