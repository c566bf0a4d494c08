// The stored-row decoders return a Result for any input (issue 13 §1.11, hostile pass over
// every package's decode*: decodeStoredEvent threw on a row whose fields throw when read,
// decodeMerkleFrontier on a size without a usable toString or a Proxy for bytes).
import { describe, expect, it } from "vitest";
import { sha256 } from "../kernel/hash.js";
import { decodeMerkleFrontier } from "../kernel/merkle-frontier.js";
import { decodeStoredEvent } from "./store-support.js";

const boom = () => {
  throw new Error("hostile value: reading it throws");
};
const HOSTILE: Readonly<Record<string, () => unknown>> = {
  "Object.create(null)": () => Object.create(null),
  "a Proxy whose every trap throws": () =>
    new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom }),
  "a revoked Proxy": () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  "a getter that throws": () =>
    Object.defineProperty({ position: 1, leafHash: new Uint8Array(32) }, "json", { get: boom }),
  "a symbol": () => Symbol("s"),
  "a BigInt": () => 3n,
};

describe("stored-row decoders on hostile input", () => {
  it.each(Object.keys(HOSTILE))("decodeStoredEvent(%s): STORE_CORRUPT, never a throw", (what) => {
    const r = decodeStoredEvent((HOSTILE[what] as () => never)(), sha256);
    expect(r.isErr() && r.error.code).toBe("STORE_CORRUPT");
  });

  it.each(Object.keys(HOSTILE))("decodeMerkleFrontier with %s as size or bytes: an Err, never a throw", (what) => {
    const make = HOSTILE[what] as () => never;
    expect(decodeMerkleFrontier(make(), new Uint8Array(0)).isErr()).toBe(true);
    expect(decodeMerkleFrontier(1, make()).isErr()).toBe(true);
  });

  it("still decodes a sound frontier", () => {
    const bytes = new Uint8Array(32).fill(7);
    expect(decodeMerkleFrontier(1, bytes)._unsafeUnwrap()).toEqual({ treeSize: 1, nodes: [bytes] });
  });
});
