import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { toHex } from "./hash.js";
import { createMerkleLog } from "./merkle-log.js";
import { testSigner, verificationKeyOf } from "./signer-verify.js";
import { sm3 } from "./sm3.js";
import { instantFromEpochMillis } from "./time.js";
import {
  parseTreeHeadBytes,
  type SignedTreeHead,
  serializeTreeHead,
  signedTreeHeadFromJson,
  signedTreeHeadSaveAction,
  signedTreeHeadToJson,
  signTreeHead,
  type TreeHeadStatement,
  verifySignedTreeHead,
} from "./tree-head.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const signer = testSigner();
const key = verificationKeyOf(signer);

function logWith(n: number) {
  const log = createMerkleLog();
  for (let i = 0; i < n; i++) log.append(utf8(`{"seq":${i}}`));
  return log;
}

const statementArb: fc.Arbitrary<TreeHeadStatement> = fc.record({
  version: fc.constant(1 as const),
  logId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/),
  treeSize: fc.maxSafeNat(),
  rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  hashAlgorithm: fc.constantFrom("sha256" as const, "sm3" as const),
  timestamp: fc.integer({ min: 0, max: 253402300799999 }).map(instantFromEpochMillis),
  signatureAlgorithm: fc.constantFrom("ed25519" as const, "sm2" as const),
});

describe("serializeTreeHead", () => {
  it("writes the layout of docs/signing.md", () => {
    const bytes = serializeTreeHead({
      version: 1,
      logId: "bureau-1",
      treeSize: 2 ** 32 + 5,
      rootHash: new Uint8Array(32).fill(0xab),
      hashAlgorithm: "sm3",
      timestamp: "2026-05-01T02:30:00.123Z",
      signatureAlgorithm: "ed25519",
    })._unsafeUnwrap();
    expect(toHex(bytes)).toBe(
      `${toHex(utf8("sanxiang/tree-head"))}010102` +
        `08${toHex(utf8("bureau-1"))}` +
        `${(1777602600123).toString(16).padStart(16, "0")}` +
        "0000000100000005" +
        `20${"ab".repeat(32)}`,
    );
  });

  test.prop([statementArb])("parses back to the same statement (so it is unambiguous)", (s) => {
    const parsed = parseTreeHeadBytes(serializeTreeHead(s)._unsafeUnwrap())._unsafeUnwrap();
    expect({ ...parsed, rootHash: toHex(parsed.rootHash) }).toEqual({ ...s, rootHash: toHex(s.rootHash) });
  });

  test.prop([statementArb, statementArb])("is injective: different statements give different bytes", (a, b) => {
    const same =
      JSON.stringify({ ...a, rootHash: toHex(a.rootHash) }) === JSON.stringify({ ...b, rootHash: toHex(b.rootHash) });
    const equalBytes = toHex(serializeTreeHead(a)._unsafeUnwrap()) === toHex(serializeTreeHead(b)._unsafeUnwrap());
    expect(equalBytes).toBe(same);
  });

  test.prop([statementArb, fc.nat(), fc.integer({ min: 1, max: 255 })])(
    "a changed byte parses to a different statement or not at all",
    (s, at, mask) => {
      const bytes = serializeTreeHead(s)._unsafeUnwrap();
      const original = toHex(bytes);
      bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ mask;
      const parsed = parseTreeHeadBytes(bytes);
      if (parsed.isOk()) expect(toHex(serializeTreeHead(parsed.value)._unsafeUnwrap())).not.toBe(original);
    },
  );

  it("refuses malformed statements with TREE_HEAD_MALFORMED", () => {
    const good: TreeHeadStatement = {
      version: 1,
      logId: "b",
      treeSize: 0,
      rootHash: new Uint8Array(32),
      hashAlgorithm: "sha256",
      timestamp: "2026-01-01T00:00:00Z",
      signatureAlgorithm: "ed25519",
    };
    const bad: Partial<Record<keyof TreeHeadStatement, unknown>>[] = [
      { rootHash: new Uint8Array(31) },
      { treeSize: -1 },
      { treeSize: 2 ** 53 },
      { logId: "中文" },
      { timestamp: "1969-12-31T23:59:59Z" },
      { timestamp: "2026-01-01T00:00:00.000Z" },
      { version: 2 },
    ];
    for (const change of bad) {
      const r = serializeTreeHead({ ...good, ...change } as TreeHeadStatement);
      expect(r._unsafeUnwrapErr().code, JSON.stringify(Object.keys(change))).toBe("TREE_HEAD_MALFORMED");
    }
    expect(parseTreeHeadBytes(new Uint8Array(10))._unsafeUnwrapErr().code).toBe("TREE_HEAD_MALFORMED");
  });
});

describe("signTreeHead / verifySignedTreeHead", () => {
  const at = { logId: "sps-sfj", timestamp: "2026-05-01T02:30:00.000Z" };

  it("signs a log's head and verifies it, for Ed25519 and SM2, SHA-256 and SM3", async () => {
    for (const algorithm of ["ed25519", "sm2"] as const) {
      const s = testSigner(algorithm);
      const log = createMerkleLog({ hash: sm3 });
      log.append(utf8("event"));
      const sth = (await signTreeHead(log.treeHead(), at, s))._unsafeUnwrap();
      expect(sth.timestamp).toBe("2026-05-01T02:30:00Z");
      expect(sth.keyId).toBe(s.keyId);
      expect(verifySignedTreeHead(sth, verificationKeyOf(s), { hashAlgorithm: "sm3" })._unsafeUnwrap()).toBe(true);
    }
  });

  it("refuses an algorithm mismatch with TREE_HEAD_ALGORITHM_MISMATCH", async () => {
    const sth = (await signTreeHead(logWith(3).treeHead(), at, signer))._unsafeUnwrap();
    const sm2Key = verificationKeyOf(testSigner("sm2"));
    expect(verifySignedTreeHead(sth, sm2Key)._unsafeUnwrapErr().code).toBe("TREE_HEAD_ALGORITHM_MISMATCH");
    expect(verifySignedTreeHead(sth, key, { hashAlgorithm: "sm3" })._unsafeUnwrapErr().code).toBe(
      "TREE_HEAD_ALGORITHM_MISMATCH",
    );
    const relabelled = { ...sth, signatureAlgorithm: "sm2" as const };
    expect(verifySignedTreeHead(relabelled, sm2Key)._unsafeUnwrapErr().code).toBe("SIGNATURE_INVALID");
  });

  it("refuses a malformed head with TREE_HEAD_MALFORMED and a bad log id before signing", async () => {
    const sth = (await signTreeHead(logWith(1).treeHead(), at, signer))._unsafeUnwrap();
    const broken = { ...sth, rootHash: sth.rootHash.subarray(1) };
    expect(verifySignedTreeHead(broken, key)._unsafeUnwrapErr().code).toBe("TREE_HEAD_MALFORMED");
    const r = await signTreeHead(logWith(1).treeHead(), { ...at, logId: "bad id" }, signer);
    expect(r._unsafeUnwrapErr().code).toBe("TREE_HEAD_MALFORMED");
    const rejecting = { ...signer, publicKey: signer.publicKey, sign: () => Promise.reject(new Error("KMS down")) };
    expect((await signTreeHead(logWith(1).treeHead(), at, rejecting))._unsafeUnwrapErr().code).toBe("SIGNER_FAILED");
  });

  test.prop([
    fc.integer({ min: 0, max: 40 }),
    fc.constantFrom("ed25519" as const, "sm2" as const),
    fc.nat(),
    fc.integer({ min: 1, max: 255 }),
  ])(
    "flipping any byte of signature or root, or changing the tree size, fails verification",
    async (n, algorithm, pos, mask) => {
      const s = testSigner(algorithm);
      const sth = (await signTreeHead(logWith(n).treeHead(), at, s))._unsafeUnwrap();
      const k = verificationKeyOf(s);
      const flip = (bytes: Uint8Array): Uint8Array => {
        const copy = bytes.slice();
        copy[pos % copy.length] = (copy[pos % copy.length] ?? 0) ^ mask;
        return copy;
      };
      const variants: SignedTreeHead[] = [
        { ...sth, signature: flip(sth.signature) },
        { ...sth, rootHash: flip(sth.rootHash) },
        { ...sth, treeSize: sth.treeSize === 0 ? 1 : sth.treeSize ^ (mask & 0x3f || 1) },
        { ...sth, logId: `${sth.logId}x` },
        { ...sth, timestamp: "2026-05-01T02:30:00.001Z" },
      ];
      for (const v of variants) expect(verifySignedTreeHead(v, k)._unsafeUnwrapErr().code).toBe("SIGNATURE_INVALID");
    },
  );
});

describe("JSON form", () => {
  it("round-trips through JSON text and still verifies", async () => {
    for (const algorithm of ["ed25519", "sm2"] as const) {
      const s = testSigner(algorithm);
      const sth = (
        await signTreeHead(logWith(5).treeHead(), { logId: "b", timestamp: "2026-01-01T00:00:00Z" }, s)
      )._unsafeUnwrap();
      const json = signedTreeHeadToJson(sth);
      expect(json.rootHash).toMatch(/^[0-9a-f]{64}$/);
      const back = signedTreeHeadFromJson(JSON.parse(JSON.stringify(json)))._unsafeUnwrap();
      expect(signedTreeHeadToJson(back)).toEqual(json);
      expect(verifySignedTreeHead(back, verificationKeyOf(s)).isOk()).toBe(true);
    }
  });

  it("refuses malformed JSON with TREE_HEAD_MALFORMED", async () => {
    const sth = (
      await signTreeHead(logWith(2).treeHead(), { logId: "b", timestamp: "2026-01-01T00:00:00Z" }, signer)
    )._unsafeUnwrap();
    const json = signedTreeHeadToJson(sth);
    for (const bad of [
      null,
      {},
      { ...json, rootHash: json.rootHash.toUpperCase() },
      { ...json, rootHash: "abc" },
      { ...json, version: 2 },
    ]) {
      expect(signedTreeHeadFromJson(bad)._unsafeUnwrapErr().code).toBe("TREE_HEAD_MALFORMED");
    }
  });
});

describe("signedTreeHeadSaveAction — one root per size, a later signing of it replaces the kept head", () => {
  const head = (size: number, rootByte: number, ms: number, alg: "sha256" | "sm3" = "sha256"): SignedTreeHead => ({
    version: 1,
    logId: "bureau-1",
    treeSize: size,
    rootHash: new Uint8Array(32).fill(rootByte),
    hashAlgorithm: alg,
    timestamp: instantFromEpochMillis(ms),
    signatureAlgorithm: "ed25519",
    signature: new Uint8Array(64),
    keyId: "k",
  });

  it("insert, replace, keep, and the two refusals", () => {
    expect(signedTreeHeadSaveAction(head(3, 1, 10), 3, undefined)._unsafeUnwrap()).toBe("insert");
    expect(signedTreeHeadSaveAction(head(3, 1, 20), 3, head(3, 1, 10))._unsafeUnwrap()).toBe("replace");
    expect(signedTreeHeadSaveAction(head(3, 1, 10), 3, head(3, 1, 10))._unsafeUnwrap()).toBe("keep");
    expect(signedTreeHeadSaveAction(head(3, 1, 5), 3, head(3, 1, 10))._unsafeUnwrap()).toBe("keep");
    expect(signedTreeHeadSaveAction(head(4, 1, 10), 3, undefined)._unsafeUnwrapErr().code).toBe(
      "MERKLE_TREE_SIZE_INVALID",
    );
    expect(signedTreeHeadSaveAction(head(3, 2, 20), 3, head(3, 1, 10))._unsafeUnwrapErr().code).toBe(
      "TREE_HEAD_CONFLICT",
    );
    expect(signedTreeHeadSaveAction(head(3, 1, 20, "sm3"), 3, head(3, 1, 10))._unsafeUnwrapErr().code).toBe(
      "TREE_HEAD_CONFLICT",
    );
  });

  test.prop([fc.nat(5), fc.nat(5), fc.nat(3), fc.nat(3), fc.nat(100), fc.nat(100)])(
    "whatever the order of saves, the kept head of a size is the latest signing of its first root",
    (size, logSize, rootA, rootB, msA, msB) => {
      const a = head(size, rootA, msA);
      const b = head(size, rootB, msB);
      const first = signedTreeHeadSaveAction(a, logSize, undefined);
      if (size > logSize) {
        expect(first.isErr()).toBe(true);
        return;
      }
      expect(first._unsafeUnwrap()).toBe("insert");
      const second = signedTreeHeadSaveAction(b, logSize, a);
      if (rootA !== rootB) expect(second._unsafeUnwrapErr().code).toBe("TREE_HEAD_CONFLICT");
      else expect(second._unsafeUnwrap()).toBe(msB > msA ? "replace" : "keep");
    },
  );
});
