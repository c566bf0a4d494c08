// Child process of crash.test.ts: stores pseudo-random evidence into the directory given
// as argv[2] until killed, printing `ack <algorithm>:<hex> <size>` only after each put
// resolved. The parent kills it with SIGKILL at a random moment and checks every
// acknowledged put afterwards.
import { fsEvidenceStore } from "./index.js";

const [dir, seedText] = process.argv.slice(2);
if (dir === undefined) throw new Error("usage: crash-child <dir> <seed>");
let seed = Number(seedText ?? 1) >>> 0 || 1;
const next = (): number => {
  // xorshift32: reproducible content for a given seed.
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed;
};

async function* content(size: number, chunk: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < size; at += chunk) {
    const part = new Uint8Array(Math.min(chunk, size - at));
    for (let i = 0; i < part.length; i += 4) {
      const v = next();
      part[i] = v & 0xff;
      part[i + 1] = (v >> 8) & 0xff;
      part[i + 2] = (v >> 16) & 0xff;
      part[i + 3] = v >>> 24;
    }
    yield part;
    // Let the event loop turn between chunks, so a kill often lands mid-file.
    await new Promise((r) => setImmediate(r));
  }
}

const store = fsEvidenceStore({ dir, tempMaxAgeMs: 0 });
process.stdout.write("ready\n");
for (;;) {
  const size = next() % 300_000;
  const algorithm = next() % 4 === 0 ? "sm3" : "sha256";
  const r = await store.put(content(size, 1 + (next() % 65_536)), { algorithm });
  if (r.isErr()) {
    process.stdout.write(`error ${r.error.code} ${r.error.message}\n`);
    process.exit(2);
  }
  process.stdout.write(`ack ${r.value.hash.algorithm}:${r.value.hash.hex} ${r.value.size}\n`);
}
