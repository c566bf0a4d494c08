// The evidence-store conformance suite against the filesystem store, reading the files on
// disk as the independent channel and flipping a byte of a file to check `verify`; then
// what only a filesystem store has to get right.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ContentHash } from "@sanxiang/core";
import { evidenceStoreSuite } from "@sanxiang/testkit/conformance";
import { afterAll, describe, expect, test } from "vitest";
import { type FsEvidenceStore, fsEvidenceStore } from "./index.js";

const root = await mkdtemp(join(tmpdir(), "sanxiang-evidence-fs-"));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `store-${++n}`);

async function readRaw(store: FsEvidenceStore, hash: ContentHash): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(store.pathOf(hash)));
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return null;
    throw e;
  }
}

/** All files under `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

for (const hash of ["sha256", "sm3"] as const) {
  describe(`fsEvidenceStore (default ${hash})`, () => {
    evidenceStoreSuite(
      { test, expect },
      {
        factory: async () => fsEvidenceStore({ dir: freshDir(), hash }),
        readBack: readRaw,
        corrupt: async (store, h, index) => {
          const path = store.pathOf(h);
          const bytes = await readFile(path);
          const at = (index ?? Number.parseInt(h.hex.slice(0, 8), 16)) % bytes.length;
          bytes[at] = (bytes[at] ?? 0) ^ 0x80;
          await chmod(path, 0o644);
          await writeFile(path, bytes);
        },
        additionalTests: ({ runner, hashOf, listKeys, outcome }) => {
          runner.test(
            "fs: the file lies at dir/<alg>/<aa>/<bb>/<hex>, read-only; nothing else is left behind",
            async () => {
              const store = fsEvidenceStore({ dir: freshDir(), hash });
              const data = Uint8Array.of(1, 2, 3, 4);
              const h = hashOf(data, hash);
              await store.put(data);
              await store.put(data);
              expect(await tree(store.dir)).toEqual([join(hash, h.hex.slice(0, 2), h.hex.slice(2, 4), h.hex)]);
              expect((await stat(store.pathOf(h))).mode & 0o777).toBe(0o444);
            },
          );

          runner.test("fs: a second put of the same bytes does not rewrite the file", async () => {
            const store = fsEvidenceStore({ dir: freshDir(), hash });
            const data = Uint8Array.of(9, 8, 7);
            const { hash: h } = (await store.put(data))._unsafeUnwrap();
            const before = await stat(store.pathOf(h));
            const again = (await store.put(data))._unsafeUnwrap();
            const after = await stat(store.pathOf(h));
            expect(again.created).toBe(false);
            expect([after.ino, after.mtimeMs, after.nlink]).toEqual([before.ino, before.mtimeMs, before.nlink]);
          });

          runner.test(
            "fs: temporary files and strays are never listed nor found; old ones are swept on open",
            async () => {
              const dir = freshDir();
              const data = Uint8Array.of(5, 5, 5);
              const h = hashOf(data, hash);
              const first = fsEvidenceStore({ dir, hash });
              await first.put(Uint8Array.of(1));
              // What a crash leaves: a half-written temporary file, old and young; strays.
              await writeFile(join(dir, ".tmp", "123-old.part"), data.subarray(0, 2));
              await writeFile(join(dir, ".tmp", "124-young.part"), data.subarray(0, 1));
              const old = new Date(Date.parse("2020-01-01T00:00:00Z"));
              await utimes(join(dir, ".tmp", "123-old.part"), old, old);
              await mkdir(dirname(first.pathOf(h)), { recursive: true });
              await writeFile(`${first.pathOf(h)}.part`, data);
              await writeFile(join(dir, hash, "README"), "not evidence");
              const reopened = fsEvidenceStore({ dir, hash });
              expect(await listKeys(reopened)).toEqual([`${hash}:${hashOf(Uint8Array.of(1), hash).hex}`]);
              expect((await reopened.has(h))._unsafeUnwrap()).toBe(false);
              expect(outcome(await reopened.put(data))).toBe("Ok");
              expect((await readdir(join(dir, ".tmp"))).sort()).toEqual(["124-young.part"]);
            },
          );

          runner.test("fs: a directory that cannot be made is EVIDENCE_STORE_FAILED with errno and cause", async () => {
            const file = join(root, `plain-file-${++n}`);
            await writeFile(file, "not a directory");
            const store = fsEvidenceStore({ dir: join(file, "evidence"), hash });
            const r = await store.put(Uint8Array.of(1));
            expect(outcome(r)).toBe("Err EVIDENCE_STORE_FAILED");
            const e = r._unsafeUnwrapErr();
            expect(e.details).toMatchObject({ errno: "ENOTDIR" });
            expect((e.cause as { code?: string }).code).toBe("ENOTDIR");
            // Lookups in a store that cannot exist find nothing rather than fail.
            expect((await store.has(hashOf(Uint8Array.of(1), hash)))._unsafeUnwrap()).toBe(false);
          });

          runner.test(
            "fs: concurrent puts of the same content from two store objects on one directory: one file",
            async () => {
              const dir = freshDir();
              const a = fsEvidenceStore({ dir, hash });
              const b = fsEvidenceStore({ dir, hash });
              const data = new Uint8Array(300_000).map((_, i) => i & 0xff);
              const rs = await Promise.all([a.put(data), b.put(data), a.put(data), b.put(data)]);
              expect(rs.map((r) => r._unsafeUnwrap().created).filter(Boolean)).toHaveLength(1);
              expect(await tree(dir)).toEqual([
                join(hash, ...((h) => [h.slice(0, 2), h.slice(2, 4), h])(hashOf(data, hash).hex)),
              ]);
              expect(outcome(await b.verify(hashOf(data, hash)))).toBe("Ok");
            },
          );

          runner.test("fs: pathOf refuses a hash that would leave the directory", () => {
            const store = fsEvidenceStore({ dir: freshDir(), hash });
            expect(() => store.pathOf({ algorithm: "sha256", hex: `../../${"0".repeat(58)}` })).toThrow(RangeError);
          });
        },
      },
    );
  });
}
