import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./hash.js";
import { seededRandom } from "./ports.js";
import { callSigner, type Signer, signingKeyId } from "./signer.js";
import { ed25519Signer, ed25519Verifier, generateEd25519SecretKey } from "./signer-ed25519.js";
import { testSigner, verificationKeyOf, verifierFor, verifySignature } from "./signer-verify.js";

const hex = (s: string): Uint8Array => fromHex(s)._unsafeUnwrap();

// RFC 8032 §7.1, TEST 1–3 (secret key, public key, message, signature).
const RFC8032 = [
  {
    name: "TEST 1",
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    name: "TEST 2",
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    name: "TEST 3",
    secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature:
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
] as const;

/** Node's KeyObject for a raw Ed25519 seed (PKCS#8 prefix of RFC 8410). */
const nodeKey = (seed: Uint8Array) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der",
    type: "pkcs8",
  });

describe("ed25519Signer", () => {
  for (const v of RFC8032) {
    it(`matches RFC 8032 §7.1 ${v.name}`, async () => {
      const signer = ed25519Signer(hex(v.secret))._unsafeUnwrap();
      expect(toHex(signer.publicKey)).toBe(v.public);
      expect(signer.algorithm).toBe("ed25519");
      expect(signer.specificationVersion).toBe(1);
      expect(toHex(await signer.sign(hex(v.message)))).toBe(v.signature);
      expect(ed25519Verifier.verify(hex(v.message), hex(v.signature), hex(v.public))._unsafeUnwrap()).toBe(true);
    });
  }

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 })])(
    "agrees with node:crypto both ways",
    async (seed, message) => {
      const signer = ed25519Signer(seed)._unsafeUnwrap();
      const key = nodeKey(seed);
      const spki = createPublicKey(key).export({ format: "der", type: "spki" });
      expect(toHex(signer.publicKey)).toBe(toHex(spki.subarray(spki.length - 32)));
      const ours = await signer.sign(message);
      expect(toHex(ours)).toBe(toHex(nodeSign(null, message, key)));
      expect(nodeVerify(null, message, createPublicKey(key), ours)).toBe(true);
    },
  );

  it("refuses a secret key of the wrong length with SIGNING_KEY_INVALID", () => {
    expect(ed25519Signer(new Uint8Array(31))._unsafeUnwrapErr().code).toBe("SIGNING_KEY_INVALID");
  });

  it("copies the key and hands out copies of the public key", async () => {
    const seed = hex(RFC8032[0].secret);
    const signer = ed25519Signer(seed)._unsafeUnwrap();
    seed.fill(0);
    signer.publicKey.fill(0);
    expect(toHex(signer.publicKey)).toBe(RFC8032[0].public);
    expect(toHex(await signer.sign(new Uint8Array()))).toBe(RFC8032[0].signature);
  });

  it("generates keys only from the RandomSource port", () => {
    expect(toHex(generateEd25519SecretKey(seededRandom(7)))).toBe(toHex(generateEd25519SecretKey(seededRandom(7))));
    expect(toHex(generateEd25519SecretKey(seededRandom(7)))).not.toBe(toHex(generateEd25519SecretKey(seededRandom(8))));
  });
});

describe("ed25519Verifier", () => {
  const v = RFC8032[2];
  it("refuses bad keys and bad signatures with distinct codes", () => {
    const msg = hex(v.message);
    expect(ed25519Verifier.verify(msg, hex(v.signature), new Uint8Array(31))._unsafeUnwrapErr().code).toBe(
      "SIGNING_KEY_INVALID",
    );
    expect(ed25519Verifier.verify(msg, new Uint8Array(63), hex(v.public))._unsafeUnwrapErr().code).toBe(
      "SIGNATURE_INVALID",
    );
    // A y ≥ p is not a canonical point encoding.
    expect(ed25519Verifier.verify(msg, hex(v.signature), new Uint8Array(32).fill(0xff))._unsafeUnwrapErr().code).toBe(
      "SIGNING_KEY_INVALID",
    );
  });

  it("refuses S + L (a malleated signature: RFC 8032 §5.1.7 requires S < L)", () => {
    const sig = hex(v.signature);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = s * 256n + BigInt(sig[i] as number);
    let t = s + L;
    for (let i = 32; i < 64; i++, t /= 256n) sig[i] = Number(t % 256n);
    expect(ed25519Verifier.verify(hex(v.message), sig, hex(v.public))._unsafeUnwrapErr().code).toBe(
      "SIGNATURE_INVALID",
    );
  });

  test.prop([fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 255 })])(
    "flipping any byte of message or signature fails verification",
    async (message, at, mask) => {
      const signer = testSigner();
      const sig = await signer.sign(message);
      const badSig = sig.slice();
      badSig[at % badSig.length] = (badSig[at % badSig.length] ?? 0) ^ mask;
      expect(verifySignature(message, badSig, verificationKeyOf(signer))._unsafeUnwrapErr().code).toBe(
        "SIGNATURE_INVALID",
      );
      if (message.length > 0) {
        const badMsg = message.slice();
        badMsg[at % badMsg.length] = (badMsg[at % badMsg.length] ?? 0) ^ mask;
        expect(verifySignature(badMsg, sig, verificationKeyOf(signer)).isErr()).toBe(true);
      }
    },
  );
});

describe("verifySignature and the port helpers", () => {
  it("refuses an unknown algorithm with SIGNATURE_ALGORITHM_UNSUPPORTED", () => {
    const key = { algorithm: "rsa" as "ed25519", publicKey: new Uint8Array(32) };
    expect(verifySignature(new Uint8Array(), new Uint8Array(64), key)._unsafeUnwrapErr().code).toBe(
      "SIGNATURE_ALGORITHM_UNSUPPORTED",
    );
    expect(verifierFor("ecdsa")._unsafeUnwrapErr().code).toBe("SIGNATURE_ALGORITHM_UNSUPPORTED");
  });

  it("derives key ids from algorithm and public key", () => {
    const signer = testSigner();
    expect(signer.keyId).toBe(signingKeyId("ed25519", signer.publicKey));
    expect(signer.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(signingKeyId("sm2", signer.publicKey)).not.toBe(signer.keyId);
  });

  it("the test signers are the same on every run", () => {
    expect(toHex(testSigner().publicKey)).toBe(toHex(testSigner().publicKey));
    expect(toHex(testSigner("sm2").publicKey)).toBe(toHex(testSigner("sm2").publicKey));
    expect(testSigner("sm2").algorithm).toBe("sm2");
  });

  it("callSigner turns a rejecting, throwing or misbehaving adapter into SIGNER_FAILED", async () => {
    const base = testSigner();
    const adapter = (sign: Signer["sign"]): Signer => ({ ...base, publicKey: base.publicKey, sign });
    const rejecting = await callSigner(
      adapter(() => Promise.reject(new Error("HSM offline"))),
      new Uint8Array(),
    );
    expect(rejecting._unsafeUnwrapErr().code).toBe("SIGNER_FAILED");
    expect(rejecting._unsafeUnwrapErr().cause).toBeInstanceOf(Error);
    const throwing = await callSigner(
      adapter(() => {
        throw new Error("sync");
      }),
      new Uint8Array(),
    );
    expect(throwing._unsafeUnwrapErr().code).toBe("SIGNER_FAILED");
    const wrongType = await callSigner(
      adapter(() => Promise.resolve("sig" as unknown as Uint8Array)),
      new Uint8Array(),
    );
    expect(wrongType._unsafeUnwrapErr().code).toBe("SIGNER_FAILED");
  });
});
