// 默克尔前沿 — the right edge of an append-only Merkle log: for a log of n leaves, the roots of
// the complete subtrees its leaves decompose into (one per set bit of n, largest first). It
// is all a store must keep, beside the leaf hashes, to append more leaves and to know the
// current root (RFC 9162 §2.1.1): a few dozen hashes, rewritten in the same transaction as
// the events whose leaves changed it.
import { describeValue } from "./describe-value.js";
import type { SanxiangError } from "./errors.js";
import type { HashAlgorithmName } from "./hash.js";
import { type MerkleOptions, merkleEmptyRoot, merkleHashAlgorithm, merkleNodeHash } from "./merkle-hash.js";
import type { MerkleTreeHead } from "./merkle-log.js";
import type { MerkleNode } from "./merkle-subtree.js";
import { checkHash, isSafeCount, popCount, sizeInvalid } from "./merkle-util.js";
import { err, ok, type Result } from "./result.js";

/**
 * 默克尔前沿 — the compact state of a log of `treeSize` leaves: `nodes[i]` is the root of the
 * i-th complete subtree from the left, sizes the set bits of `treeSize` from the highest
 * down. `nodes.length` always equals the number of set bits of `treeSize`.
 */
export interface MerkleFrontier {
  /** Number of leaves. */
  readonly treeSize: number;
  /** Roots of the complete subtrees on the right edge, largest (leftmost) first. */
  readonly nodes: readonly Uint8Array[];
}

/** The frontier of the empty log. */
export function emptyMerkleFrontier(): MerkleFrontier {
  return { treeSize: 0, nodes: [] };
}

/** The tree head of a frontier: its size and root (the hash of "" for the empty log). */
export function frontierTreeHead(frontier: MerkleFrontier, options?: MerkleOptions): MerkleTreeHead {
  const hash = merkleHashAlgorithm(options);
  const { nodes } = frontier;
  let root = nodes.at(-1);
  for (let i = nodes.length - 2; i >= 0; i--) {
    root = merkleNodeHash(nodes[i] as Uint8Array, root as Uint8Array, { hash });
  }
  return {
    treeSize: frontier.treeSize,
    rootHash: root === undefined ? merkleEmptyRoot({ hash }) : root.slice(),
    hashAlgorithm: hash.name as HashAlgorithmName,
  };
}

/**
 * 追加叶子 — the frontier after appending `leafHashes` (each `merkleLeafHash` of a leaf, in
 * order). Pure: the input frontier is not changed. `MERKLE_HASH_INVALID` when a hash has the
 * wrong length, `MERKLE_TREE_SIZE_INVALID` when the frontier is malformed.
 */
export function extendMerkleFrontier(
  frontier: MerkleFrontier,
  leafHashes: readonly Uint8Array[],
  options?: MerkleOptions,
): Result<MerkleFrontier, SanxiangError> {
  return extend(frontier, leafHashes, options, undefined);
}

/**
 * 追加叶子并给出新完整子树 — {@link extendMerkleFrontier}, and the interior nodes (level ≥ 1)
 * the appended leaves complete, in the order they complete: what a store keeps beside the
 * leaf hashes so that inclusion proofs need no pass over the log (`EventStore.readMerkleNodes`).
 */
export function extendMerkleFrontierNodes(
  frontier: MerkleFrontier,
  leafHashes: readonly Uint8Array[],
  options?: MerkleOptions,
): Result<{ readonly frontier: MerkleFrontier; readonly nodes: readonly MerkleNode[] }, SanxiangError> {
  const nodes: MerkleNode[] = [];
  return extend(frontier, leafHashes, options, nodes).map((next) => ({ frontier: next, nodes }));
}

function extend(
  frontier: MerkleFrontier,
  leafHashes: readonly Uint8Array[],
  options: MerkleOptions | undefined,
  completed: MerkleNode[] | undefined,
): Result<MerkleFrontier, SanxiangError> {
  const valid = checkFrontier(frontier, options);
  if (valid.isErr()) return err(valid.error);
  const hash = merkleHashAlgorithm(options);
  // The stack holds (subtree size, root); appending a leaf pushes (1, h) and merges equal sizes.
  const sizes = subtreeSizes(frontier.treeSize);
  const stack = frontier.nodes.map((node, i) => ({ size: sizes[i] as number, node }));
  let leafIndex = frontier.treeSize;
  for (const leaf of leafHashes) {
    const checked = checkHash(leaf, hash.outputLength, "leafHash");
    if (checked.isErr()) return err(checked.error);
    let top: { size: number; node: Uint8Array } = { size: 1, node: leaf.slice() };
    let level = 0;
    for (let below = stack.at(-1); below !== undefined && below.size === top.size; below = stack.at(-1)) {
      stack.pop();
      top = { size: below.size * 2, node: merkleNodeHash(below.node, top.node, { hash }) };
      level++;
      completed?.push({ level, index: Math.floor(leafIndex / top.size), hash: top.node });
    }
    stack.push(top);
    leafIndex++;
  }
  return ok({ treeSize: frontier.treeSize + leafHashes.length, nodes: stack.map((s) => s.node) });
}

function subtreeSizes(treeSize: number): number[] {
  const sizes: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(treeSize, 1))); bit >= 1; bit /= 2) {
    if (Math.floor(treeSize / bit) % 2 === 1) sizes.push(bit);
  }
  return sizes;
}

function checkFrontier(frontier: MerkleFrontier, options?: MerkleOptions): Result<true, SanxiangError> {
  const { treeSize, nodes } = frontier;
  if (!isSafeCount(treeSize)) return err(sizeInvalid(`默克尔前沿的叶子数 ${treeSize} 无效`, { treeSize }));
  const want = popCount(treeSize);
  if (nodes.length !== want) {
    return err(
      sizeInvalid(`${treeSize} 个叶子的默克尔前沿应有 ${want} 个节点，实有 ${nodes.length} 个`, {
        treeSize,
        want,
        have: nodes.length,
      }),
    );
  }
  const length = merkleHashAlgorithm(options).outputLength;
  for (const node of nodes) {
    const checked = checkHash(node, length, "frontier node");
    if (checked.isErr()) return err(checked.error);
  }
  return ok(true);
}

/**
 * 编码前沿 — the frontier's nodes as one byte string (their concatenation), for a store to
 * keep in one column beside the tree size. {@link decodeMerkleFrontier} reverses it.
 */
export function encodeMerkleFrontier(frontier: MerkleFrontier): Uint8Array {
  const length = frontier.nodes[0]?.length ?? 0;
  const out = new Uint8Array(length * frontier.nodes.length);
  frontier.nodes.forEach((node, i) => {
    out.set(node, i * length);
  });
  return out;
}

/**
 * 解码前沿 — the frontier of `treeSize` leaves from {@link encodeMerkleFrontier}'s bytes.
 * `MERKLE_TREE_SIZE_INVALID` / `MERKLE_HASH_INVALID` when the bytes cannot be that
 * frontier (a store reports that as corruption).
 */
export function decodeMerkleFrontier(
  treeSize: number,
  bytes: Uint8Array,
  options?: MerkleOptions,
): Result<MerkleFrontier, SanxiangError> {
  const length = merkleHashAlgorithm(options).outputLength;
  if (!isSafeCount(treeSize)) {
    return err(
      sizeInvalid(`默克尔前沿的叶子数 ${describeValue(treeSize)} 无效`, { treeSize: describeValue(treeSize) }),
    );
  }
  const count = popCount(treeSize);
  // isView first: it reads no trap of a Proxy, so a hostile value is refused, never thrown.
  if (!ArrayBuffer.isView(bytes) || !(bytes instanceof Uint8Array)) {
    return err(
      sizeInvalid(`默克尔前沿应为字节，实为 ${describeValue(bytes)}`, { treeSize, have: describeValue(bytes) }),
    );
  }
  if (bytes.length !== count * length) {
    return err(
      sizeInvalid(`${treeSize} 个叶子的默克尔前沿应为 ${count * length} 字节，实为 ${bytes.length} 字节`, {
        treeSize,
        want: count * length,
        have: bytes.length,
      }),
    );
  }
  const nodes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) nodes.push(bytes.slice(i * length, (i + 1) * length));
  return ok({ treeSize, nodes });
}
