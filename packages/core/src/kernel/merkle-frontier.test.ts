import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  decodeMerkleFrontier,
  emptyMerkleFrontier,
  encodeMerkleFrontier,
  extendMerkleFrontier,
  frontierTreeHead,
  merkleLeafHash,
  merkleRoot,
} from "./merkle.js";
import { sm3 } from "./sm3.js";

const leaves = fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 });

describe("Merkle frontier (RFC 9162 §2.1.1 MTH over the right edge)", () => {
  test.prop([leaves, fc.nat()])("extending in any batches gives the reference root", (data, cut) => {
    const hashes = data.map((d) => merkleLeafHash(d));
    const k = data.length === 0 ? 0 : cut % (data.length + 1);
    const a = extendMerkleFrontier(emptyMerkleFrontier(), hashes.slice(0, k))._unsafeUnwrap();
    const b = extendMerkleFrontier(a, hashes.slice(k))._unsafeUnwrap();
    const head = frontierTreeHead(b);
    expect(head.treeSize).toBe(data.length);
    expect(head.rootHash).toEqual(merkleRoot(data));
    expect(b.nodes).toHaveLength([...data.length.toString(2)].filter((c) => c === "1").length);
  });

  test.prop([leaves])("encode / decode round-trips", (data) => {
    const f = extendMerkleFrontier(
      emptyMerkleFrontier(),
      data.map((d) => merkleLeafHash(d)),
    )._unsafeUnwrap();
    const back = decodeMerkleFrontier(f.treeSize, encodeMerkleFrontier(f))._unsafeUnwrap();
    expect(back).toEqual(f);
  });

  test("SM3 logs use SM3 nodes", () => {
    const data = [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)];
    const f = extendMerkleFrontier(
      emptyMerkleFrontier(),
      data.map((d) => merkleLeafHash(d, { hash: sm3 })),
      { hash: sm3 },
    )._unsafeUnwrap();
    const head = frontierTreeHead(f, { hash: sm3 });
    expect(head.hashAlgorithm).toBe("sm3");
    expect(head.rootHash).toEqual(merkleRoot(data, { hash: sm3 }));
  });

  test("malformed frontiers and hashes are refused, not trusted", () => {
    const leaf = merkleLeafHash(Uint8Array.of(1));
    expect(extendMerkleFrontier({ treeSize: 3, nodes: [leaf] }, [leaf])._unsafeUnwrapErr().code).toBe(
      "MERKLE_TREE_SIZE_INVALID",
    );
    expect(extendMerkleFrontier(emptyMerkleFrontier(), [Uint8Array.of(1, 2)])._unsafeUnwrapErr().code).toBe(
      "MERKLE_HASH_INVALID",
    );
    expect(decodeMerkleFrontier(3, new Uint8Array(32))._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(decodeMerkleFrontier(-1, new Uint8Array(0))._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
  });
});
