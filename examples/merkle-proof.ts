// An append-only Merkle log (RFC 6962): a third party holding only a tree head checks that
// a record is in the log, that the log only grew, and that a changed record is caught.
import assert from "node:assert/strict";
import { createMerkleLog, merkleLeafHash, toHex, verifyConsistency, verifyInclusion } from "@sanxiang/core";

const utf8 = (s: string) => new TextEncoder().encode(s);
const events = ["立案", "调查取证", "告知", "听证", "决定", "送达", "执行", "结案"].map((step, i) =>
  JSON.stringify({ seq: i + 1, step }),
);

const log = createMerkleLog();
for (const e of events.slice(0, 5)) log.append(utf8(e));
const oldHead = log.treeHead(); // published after five events
for (const e of events.slice(5)) log.append(utf8(e));
const head = log.treeHead();
console.log(`tree of ${head.treeSize} events, root ${toHex(head.rootHash)}`);

// Inclusion: event 4 (听证) is in the tree the bureau signed.
const index = 3;
const inclusion = verifyInclusion({
  leafHash: merkleLeafHash(utf8(events[index] ?? "")),
  index,
  treeSize: head.treeSize,
  proof: log.inclusionProof(index)._unsafeUnwrap(),
  root: head.rootHash,
});
assert.ok(inclusion.isOk());
console.log("inclusion: ok");

// Consistency: the tree of five is a prefix of the tree of eight — nothing was rewritten.
const consistency = verifyConsistency({
  oldSize: oldHead.treeSize,
  newSize: head.treeSize,
  oldRoot: oldHead.rootHash,
  newRoot: head.rootHash,
  proof: log.consistencyProof(oldHead.treeSize)._unsafeUnwrap(),
});
assert.ok(consistency.isOk());
console.log("consistency: ok");

// Tampering: the same proof for an edited record no longer reaches the signed root.
const forged = verifyInclusion({
  leafHash: merkleLeafHash(utf8(JSON.stringify({ seq: 4, step: "听证（已放弃）" }))),
  index,
  treeSize: head.treeSize,
  proof: log.inclusionProof(index)._unsafeUnwrap(),
  root: head.rootHash,
});
assert.ok(forged.isErr());
console.log("tampered:", forged.error.code);
