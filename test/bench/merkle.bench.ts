// Merkle log throughput against raw SHA-256 measured in the same run: vitest prints each
// bench's ratio to the fastest of its describe block. No assertion on time.
//
// The baseline is core's `sha256` port, a direct call into @noble/hashes' sha256 (the
// library is a dependency of core, not of the workspace root this file resolves from).
import { createMerkleLog, MerkleLog, merkleLeafHash, sha256, verifyInclusion } from "@sanxiang/core";
import { bench, describe } from "vitest";

const N = 10_000;
const encoder = new TextEncoder();
// Event-sized payloads (~200 bytes of JSON), as the case log will append.
const payloads = Array.from({ length: N }, (_, i) =>
  encoder.encode(
    JSON.stringify({
      type: "case.evidence.recorded",
      caseId: `C-2026-${String(i).padStart(6, "0")}`,
      seq: i,
      at: "2026-03-01T08:00:00.000Z",
      actor: { id: "officer-0042", role: "执法人员" },
      payload: { kind: "audio-video", sha256: "ab".repeat(16) },
    }),
  ),
);

describe(`append ${N} event payloads`, () => {
  bench("raw SHA-256 of each payload (baseline)", () => {
    for (const p of payloads) sha256.hash(p);
  });

  bench("MerkleLog.append (leaf hash + interior nodes)", () => {
    const log = createMerkleLog();
    for (const p of payloads) log.append(p);
  });

  bench("MerkleLog.fromLeafHashes (interior nodes only)", () => {
    MerkleLog.fromLeafHashes(leafHashes);
  });
});

const log = createMerkleLog();
for (const p of payloads) log.append(p);
const leafHashes = payloads.map((p) => merkleLeafHash(p));
const root = log.root();
const proofs = payloads.map((_, i) => log.inclusionProof(i)._unsafeUnwrap());
// The irreducible work of verification: one SHA-256 of a 65-byte node per proof hash.
const nodeBuffers = proofs.flatMap((proof) => proof.map(() => new Uint8Array(65)));

describe(`inclusion proofs for ${N} leaves (tree of ${N})`, () => {
  bench("raw SHA-256 of each payload (baseline)", () => {
    for (const p of payloads) sha256.hash(p);
  });

  bench(`raw SHA-256 of the ${nodeBuffers.length} 65-byte nodes the proofs hash`, () => {
    for (const b of nodeBuffers) sha256.hash(b);
  });

  bench("verifyInclusion of every leaf", () => {
    for (let i = 0; i < N; i++) {
      const r = verifyInclusion({
        leafHash: leafHashes[i] as Uint8Array,
        index: i,
        treeSize: N,
        proof: proofs[i] as Uint8Array[],
        root,
      });
      if (r.isErr()) throw r.error;
    }
  });

  bench("verifyInclusion of every leaf, hashing the payload too", () => {
    for (let i = 0; i < N; i++) {
      const leafHash = merkleLeafHash(payloads[i] as Uint8Array);
      const r = verifyInclusion({ leafHash, index: i, treeSize: N, proof: proofs[i] as Uint8Array[], root });
      if (r.isErr()) throw r.error;
    }
  });

  bench("MerkleLog.inclusionProof of every leaf (lookups, no full rehash)", () => {
    for (let i = 0; i < N; i++) log.inclusionProof(i);
  });
});
