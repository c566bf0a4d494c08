import { HashMD } from "@noble/hashes/_md.js";
import { clean, rotl } from "@noble/hashes/utils.js";
import type { HashAlgorithm, Hasher } from "./hash.js";

// SM3 (GB/T 32905-2016, identical to GM/T 0004-2012 and ISO/IEC 10118-3:2018), built on
// the Merkle–Damgård base class of @noble/hashes: SM3 pads exactly like SHA-256 (a 1 bit,
// zeros, the 64-bit big-endian bit length; 512-bit blocks), so the base class supplies
// buffering, padding and streaming and only the compression function lives here.

/** Initial value IV (GB/T 32905 §4.1). */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e] as const;

/** Round constants T_j <<< (j mod 32), precomputed (§4.2, §5.3.3). */
const T_ROTATED = /* @__PURE__ */ (() => {
  const t = new Uint32Array(64);
  for (let j = 0; j < 64; j++) t[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
  return t;
})();

/** Message expansion W_0..W_67 (§5.3.2); W'_j is derived on the fly as W_j ⊕ W_{j+4}. */
const W = /* @__PURE__ */ new Uint32Array(68);

/** Permutation P0 (§4.4). */
const p0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
/** Permutation P1 (§4.4). */
const p1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

class Sm3State extends HashMD<Sm3State> {
  private a = IV[0] | 0;
  private b = IV[1] | 0;
  private c = IV[2] | 0;
  private d = IV[3] | 0;
  private e = IV[4] | 0;
  private f = IV[5] | 0;
  private g = IV[6] | 0;
  private h = IV[7] | 0;

  constructor() {
    super(64, 32, 8, false);
  }

  protected get(): number[] {
    return [this.a, this.b, this.c, this.d, this.e, this.f, this.g, this.h];
  }

  protected set(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    this.e = e | 0;
    this.f = f | 0;
    this.g = g | 0;
    this.h = h | 0;
  }

  /** Compression function CF (§5.3.3) on one 512-bit block. */
  protected process(view: DataView, offset: number): void {
    for (let j = 0; j < 16; j++, offset += 4) W[j] = view.getUint32(offset, false);
    for (let j = 16; j < 68; j++) {
      const x = (W[j - 16] as number) ^ (W[j - 9] as number) ^ rotl(W[j - 3] as number, 15);
      W[j] = p1(x) ^ rotl(W[j - 13] as number, 7) ^ (W[j - 6] as number);
    }
    let { a, b, c, d, e, f, g, h } = this;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + (T_ROTATED[j] as number)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const wj = W[j] as number;
      const wj4 = W[j + 4] as number;
      // FF_j and GG_j: XOR for the first 16 rounds, majority / choice afterwards (§4.3).
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (wj ^ wj4)) | 0;
      const tt2 = (gg + h + ss1 + wj) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    this.set(a ^ this.a, b ^ this.b, c ^ this.c, d ^ this.d, e ^ this.e, f ^ this.f, g ^ this.g, h ^ this.h);
  }

  protected roundClean(): void {
    clean(W);
  }

  destroy(): void {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }

  _cloneInto(to?: Sm3State): Sm3State {
    const target = to ?? new Sm3State();
    target.set(...(this.get() as [number, number, number, number, number, number, number, number]));
    return this._cloneIntoMeta(target);
  }
}

/** Wraps the state so callers see only {@link Hasher}, not the @noble internals. */
function hasher(state: Sm3State): Hasher {
  const h: Hasher = {
    update(data) {
      state.update(data);
      return h;
    },
    digest: () => state.digest(),
  };
  return h;
}

/**
 * SM3 密码杂凑算法 — the Chinese national hash standard GB/T 32905-2016 (= GM/T 0004-2012),
 * 256-bit digest. Pure TypeScript, isomorphic, streaming: `create()` hashes input of any
 * length in bounded memory, chunked however the caller likes.
 *
 * @example
 * ```ts
 * sm3.hash(new TextEncoder().encode("abc")); // 66c7f0f4…8f4ba8e0 (GB/T 32905 Appendix A.1)
 * ```
 */
export const sm3: HashAlgorithm = {
  name: "sm3",
  outputLength: 32,
  hash: (data) => new Sm3State().update(data).digest(),
  create: () => hasher(new Sm3State()),
};
