// Child process of source-errors.test.ts: runs one put from a failing source (argv[3])
// against a store in argv[2], waits for any late stream error, and prints the outcome as
// JSON. An unheard stream 'error' crashes this process — which is what the parent checks.
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fsEvidenceStore } from "./index.js";

const [dir, name] = process.argv.slice(2);
if (dir === undefined || name === undefined) throw new Error("usage: source-child <dir> <case>");
const missing = join(dir, "..", "no-such-video.mp4");

const sources: Record<string, () => { content: unknown; options?: unknown }> = {
  "missing file": () => ({ content: createReadStream(missing) }),
  "a directory": () => ({ content: createReadStream(dir) }),
  "Readable failing after the first chunk": () => {
    let reads = 0;
    return {
      content: new Readable({
        read() {
          if (reads++ === 0) this.push(Buffer.from("first chunk of the video"));
          else this.destroy(Object.assign(new Error("connection reset"), { code: "ECONNRESET" }));
        },
      }),
    };
  },
  "Readable failing before it is read": () => {
    const r = new Readable({ read() {} });
    setImmediate(() => r.destroy(new Error("device unplugged")));
    return { content: r };
  },
  "web ReadableStream that errors": () => {
    let pulls = 0;
    return {
      content: new ReadableStream<Uint8Array>({
        pull(c) {
          if (pulls++ === 0) c.enqueue(new Uint8Array(1000));
          else c.error(new Error("fetch body aborted"));
        },
      }),
    };
  },
  "async iterable that throws": () => ({
    content: (async function* () {
      yield new Uint8Array(10);
      throw new Error("upload refused");
    })(),
  }),
  "destroyed stream": () => {
    const s = createReadStream(process.execPath);
    s.destroy();
    return { content: s };
  },
  "missing file, malformed options": () => ({ content: createReadStream(missing), options: { algorithm: "md5" } }),
  "missing file, announced hash": () => ({
    content: createReadStream(missing),
    options: { expected: { algorithm: "sha256", hex: "0".repeat(64) }, expectedSize: 10 },
  }),
};

const make = sources[name];
if (make === undefined) throw new Error(`unknown case ${name}`);
const store = fsEvidenceStore({ dir });
const { content, options } = make();
const r = await (store.put as (c: unknown, o: unknown) => ReturnType<typeof store.put>)(content, options);
// Time for a late 'error' (a file open failing after put returned) to crash us, if unheard.
await new Promise((resolve) => setTimeout(resolve, 100));
const files = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
process.stdout.write(
  `${JSON.stringify({
    outcome: r.isOk() ? "Ok" : `Err ${r.error.code}`,
    message: r.isErr() ? r.error.message : null,
    details: r.isErr() ? (r.error.details ?? null) : null,
    files,
  })}\n`,
);
