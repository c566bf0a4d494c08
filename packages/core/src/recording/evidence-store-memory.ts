import { sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import { err, ok } from "../kernel/result.js";
import type { ContentHash } from "./evidence.js";
import {
  checkEvidenceHash,
  checkEvidencePutOptions,
  type EvidenceStore,
  type EvidenceStoreCapabilities,
  guardEvidencePut,
  ingestEvidence,
} from "./evidence-store.js";

/** Options of {@link memoryEvidenceStore}. */
export interface MemoryEvidenceStoreOptions {
  /** Algorithms the store holds, the default first (default `["sha256", "sm3"]`). */
  readonly algorithms?: readonly HashAlgorithmName[];
  /** Largest content accepted, in bytes (default: no limit). */
  readonly maxSize?: number;
  /**
   * The map that holds the bytes, keyed `"<algorithm>:<hex>"` (default: a new one). Tests
   * pass their own to read stored bytes behind the store's back, or to change them and see
   * `verify` notice.
   */
  readonly backing?: Map<string, Uint8Array>;
  /** Size of the chunks `get` yields (default 64 KiB). */
  readonly chunkSize?: number;
}

/** The key of `hash` in a {@link MemoryEvidenceStoreOptions.backing} map: `"<algorithm>:<hex>"`. */
export function memoryEvidenceKey(hash: ContentHash): string {
  return `${hash.algorithm}:${hash.hex}`;
}

/**
 * 内存证据存储 — the reference {@link EvidenceStore}: bytes in a map, hashed with core's
 * pure-JS SHA-256 and SM3. Not durable (`capabilities.durable: false`); meant for tests,
 * demos and browsers. Passes the conformance suite of `@sanxiang/testkit` like every adapter.
 */
export function memoryEvidenceStore(options: MemoryEvidenceStoreOptions = {}): EvidenceStore {
  const bytes = options.backing ?? new Map<string, Uint8Array>();
  const chunkSize = options.chunkSize ?? 64 * 1024;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`memoryEvidenceStore: bad chunkSize`);
  const capabilities: EvidenceStoreCapabilities = {
    algorithms: [...(options.algorithms ?? ["sha256", "sm3"])],
    durable: false,
    maxSize: options.maxSize ?? null,
  };
  if (capabilities.algorithms.length === 0) throw new RangeError("memoryEvidenceStore: no hash algorithm");

  async function* chunksOf(stored: Uint8Array): AsyncIterable<Uint8Array> {
    for (let at = 0; at < stored.byteLength; at += chunkSize) yield stored.slice(at, at + chunkSize);
  }

  const lookup = (value: unknown) => checkEvidenceHash(value).map((hash) => bytes.get(memoryEvidenceKey(hash)));

  return {
    specificationVersion: "v1",
    capabilities,

    put: guardEvidencePut(async (content, putOptions) => {
      const checked = checkEvidencePutOptions(putOptions, capabilities);
      if (checked.isErr()) return err(checked.error);
      const parts: Uint8Array[] = [];
      const ingested = await ingestEvidence(
        content,
        { ...checked.value, maxSize: capabilities.maxSize },
        { write: (chunk) => void parts.push(chunk.slice()) },
      );
      if (ingested.isErr()) return err(ingested.error);
      const { hash, size } = ingested.value;
      const key = memoryEvidenceKey(hash);
      // Checked after hashing, with no await in between: of concurrent puts of the same
      // bytes exactly one creates.
      if (bytes.has(key)) return ok({ hash, size, created: false });
      const whole = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        whole.set(p, at);
        at += p.byteLength;
      }
      bytes.set(key, whole);
      return ok({ hash, size, created: true });
    }),

    async get(hash) {
      return lookup(hash).map((stored) => (stored === undefined ? null : chunksOf(stored)));
    },

    async stat(hash) {
      return lookup(hash).map((stored) => (stored === undefined ? null : { size: stored.byteLength }));
    },

    async has(hash) {
      return lookup(hash).map((stored) => stored !== undefined);
    },

    async verify(value) {
      const checked = checkEvidenceHash(value);
      if (checked.isErr()) return err(checked.error);
      const hash = checked.value;
      const stored = bytes.get(memoryEvidenceKey(hash));
      if (stored === undefined) {
        return err(
          sanxiangError("EVIDENCE_NOT_FOUND", `证据不存在：${hash.algorithm}:${hash.hex}`, { details: { hash } }),
        );
      }
      const ingested = await ingestEvidence(stored, { algorithm: hash.algorithm }, { write: () => undefined });
      if (ingested.isErr()) return err(ingested.error);
      const actual = ingested.value.hash;
      if (actual.hex !== hash.hex) {
        return err(
          sanxiangError(
            "EVIDENCE_TAMPERED",
            `证据 ${hash.algorithm}:${hash.hex} 的内容与其哈希不符，可能已损坏或被篡改`,
            {
              details: { hash, actual, size: stored.byteLength },
            },
          ),
        );
      }
      return ok({ hash, size: stored.byteLength });
    },

    async *list() {
      for (const key of [...bytes.keys()]) {
        const [algorithm, hex] = key.split(":");
        const hash = checkEvidenceHash({ algorithm, hex });
        if (hash.isOk()) yield hash.value;
      }
    },
  };
}
