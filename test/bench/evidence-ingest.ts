// Evidence ingest benchmark: fsEvidenceStore.put of a large file (streamed from disk)
// against `sha256sum` of the same file, measured in the same run; and the peak growth of
// the process's resident memory during the put. No assertion: it prints figures for
// docs/benchmarks.md.
//
//   node --conditions=@sanxiang/source --import tsx test/bench/evidence-ingest.ts [sizeMiB]
//
// The file is made of a 1 MiB random block repeated with a counter in each copy, so no
// two MiB are equal and nothing compresses; the page cache is warm for both (the file
// was just written, and each side reads it more than once): the figures compare hashing
// and writing, not the disk's read speed.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fsEvidenceStore } from "@sanxiang/evidence-fs";

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] ?? 1024);
if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new Error("usage: evidence-ingest.ts [sizeMiB]");

const dir = await mkdtemp(join(tmpdir(), "sanxiang-bench-evidence-"));
const file = join(dir, "evidence.bin");
try {
  const block = randomBytes(MiB);
  const out = await open(file, "w");
  for (let i = 0; i < sizeMiB; i++) {
    block.writeUInt32BE(i, 0);
    await out.write(block);
  }
  await out.sync();
  await out.close();

  const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

  function sha256sum(): { s: number; hex: string } {
    const t = process.hrtime.bigint();
    const hex = execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0] ?? "";
    return { s: seconds(t), hex };
  }

  /** The least a durable put must do besides hashing: copy the file and fsync the copy. */
  function ddCopy(): number {
    const t = process.hrtime.bigint();
    execFileSync("dd", [`if=${file}`, `of=${join(dir, "copy.bin")}`, "bs=1M", "conv=fsync"], { stdio: "ignore" });
    const s = seconds(t);
    execFileSync("rm", ["-f", join(dir, "copy.bin")]);
    return s;
  }

  const base1 = sha256sum();
  const dd1 = ddCopy();

  /** One put into a fresh store, timed, with the peak growth of RSS sampled every 5 ms. */
  async function timedPut(name: string, highWaterMark?: number) {
    const store = fsEvidenceStore({ dir: join(dir, name) });
    // Open the store (directories, temp sweep) before timing.
    await store.has({ algorithm: "sha256", hex: "0".repeat(64) });
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 5);
    const t = process.hrtime.bigint();
    const put = await store.put(createReadStream(file, highWaterMark === undefined ? {} : { highWaterMark }));
    const s = seconds(t);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    if (put.isErr()) throw put.error;
    return { store, hash: put.value.hash, s, rssGrowth: (rssPeak - rssBefore) / MiB, rssBefore: rssBefore / MiB };
  }

  const put64k = await timedPut("store-64k");
  const base2 = sha256sum();
  const put1m = await timedPut("store-1m", MiB);

  const tv = process.hrtime.bigint();
  const verified = await put64k.store.verify(put64k.hash);
  const verifyS = seconds(tv);
  if (verified.isErr()) throw verified.error;

  const base3 = sha256sum();
  const dd2 = ddCopy();
  const ddS = Math.min(dd1, dd2);
  if (base1.hex !== put64k.hash.hex || base1.hex !== put1m.hash.hex) throw new Error("hash differs from sha256sum");
  const baseS = Math.min(base1.s, base2.s, base3.s);
  const rate = (s: number) => `${(sizeMiB / s).toFixed(0)} MiB/s`;
  const ratio = (s: number) => `${(baseS / s).toFixed(2)}×`;
  const runs = [base1, base2, base3].map((b) => b.s.toFixed(2)).join(" s, ");

  console.log(
    `evidence ingest, ${sizeMiB} MiB, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`| operation | time | throughput | vs. sha256sum | peak RSS growth |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  console.log(`| \`sha256sum\` (baseline, best of 3: ${runs} s) | ${baseS.toFixed(2)} s | ${rate(baseS)} | 1 | |`);
  for (const [label, p] of [
    ["`put(createReadStream(file))` (64 KiB chunks): hash + write + fsync", put64k],
    ["`put(createReadStream(file, { highWaterMark: 1 MiB }))`", put1m],
  ] as const) {
    console.log(`| ${label} | ${p.s.toFixed(2)} s | ${rate(p.s)} | ${ratio(p.s)} | ${p.rssGrowth.toFixed(1)} MiB |`);
  }
  console.log(
    `| \`dd bs=1M conv=fsync\` copy (second baseline: the I/O alone, best of 2: ${dd1.toFixed(2)} s, ${dd2.toFixed(2)} s) | ${ddS.toFixed(2)} s | ${rate(ddS)} | ${ratio(ddS)} | |`,
  );
  console.log(
    `| \`verify\` (re-hash, 256 KiB reads) | ${verifyS.toFixed(2)} s | ${rate(verifyS)} | ${ratio(verifyS)} | |`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
