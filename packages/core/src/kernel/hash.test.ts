import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { fromHex, hashAlgorithm, sha256, toHex } from "./hash.js";
import { sm3 } from "./sm3.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const nodeSha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

describe("sha256", () => {
  it("matches the FIPS 180-4 examples", () => {
    expect(toHex(sha256.hash(utf8("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256.hash(new Uint8Array()))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(toHex(sha256.hash(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  test.prop([fc.uint8Array({ maxLength: 600 })])("agrees with node:crypto", (data) => {
    expect(toHex(sha256.hash(data))).toBe(nodeSha256(data));
  });

  test.prop([fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat({ max: 600 }), { maxLength: 12 })])(
    "streaming in arbitrary chunks equals one-shot",
    (data, cuts) => {
      const h = sha256.create();
      let from = 0;
      for (const c of [...cuts].sort((a, b) => a - b)) {
        const to = Math.min(c, data.length);
        h.update(data.subarray(from, Math.max(from, to)));
        from = Math.max(from, to);
      }
      h.update(data.subarray(from));
      expect(toHex(h.digest())).toBe(toHex(sha256.hash(data)));
    },
  );
});

describe("hashAlgorithm", () => {
  it("finds the built-ins by name", () => {
    expect(hashAlgorithm("sha256")._unsafeUnwrap()).toBe(sha256);
    expect(hashAlgorithm("sm3")._unsafeUnwrap()).toBe(sm3);
  });

  it.each([["md5"], ["SHA256"], ["sha-256"], [""], [undefined], [42]])("refuses %j", (name) => {
    const e = hashAlgorithm(name)._unsafeUnwrapErr();
    expect(e.code).toBe("HASH_ALGORITHM_UNSUPPORTED");
    expect(e.message).toContain("不支持的哈希算法");
  });
});

describe("hex", () => {
  test.prop([fc.uint8Array({ maxLength: 100 })])("fromHex(toHex(b)) = b, and agrees with Buffer", (bytes) => {
    expect(toHex(bytes)).toBe(Buffer.from(bytes).toString("hex"));
    expect(fromHex(toHex(bytes))._unsafeUnwrap()).toEqual(bytes);
    expect(fromHex(toHex(bytes).toUpperCase())._unsafeUnwrap()).toEqual(bytes);
  });

  it.each([["abc"], ["0g"], ["0x00"], ["00 11"], [null]])("refuses %j", (value) => {
    expect(fromHex(value)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});
