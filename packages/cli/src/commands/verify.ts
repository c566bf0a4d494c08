import {
  DIFFERENCE_WORDS,
  type EventStoreVerification,
  fromHex,
  type ProjectionDifference,
  parseSignatureAlgorithm,
  type SanxiangError,
  sanxiangError,
  testSigner,
  toHex,
  type VerifyProgress,
  verifyCaseFileJson,
  verifyEventStore,
} from "@sanxiang/core";
import { describeStore, storeSpecOf, withReadAhead, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { describeFailure } from "../io.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { nativeHashAlgorithm } from "../native-hash.js";
import { readRegularFile } from "../read-regular-file.js";
import { partLines } from "./casefile.js";

/** Exit code of `verify`: 0 valid, 1 invalid, 2 bad input (see the usage text). */
const INVALID = 1;

// A key the caller typed wrongly is bad input, not a forged file.
const BAD_INPUT_CODES = new Set(["SIGNING_KEY_INVALID", "SIGNATURE_ALGORITHM_UNSUPPORTED"]);

function badInput(ctx: CommandContext, e: SanxiangError): number {
  ctx.io.err(formatError(ctx.lang, e));
  return EXIT.usage;
}

/**
 * `sanxiang verify <casefile.json> --key <public-key-hex> [--algorithm ed25519|sm2]` —
 * verifies a case file (案卷) offline: the signed tree head, every entry's hash and every
 * inclusion proof. Exit 0 valid, 1 invalid (the failing entry is named), 2 bad input.
 */
export async function verifyCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  if (ctx.options.log === true) return verifyLogCommand(ctx);
  const [path, ...rest] = ctx.args;
  if (path === undefined || rest.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang verify <案卷.json> --key <公钥十六进制>",
        "usage: sanxiang verify <casefile.json> --key <public-key-hex>",
      ),
    );
  }
  const keyHex = ctx.options.key;
  if (typeof keyHex !== "string")
    throw new UsageError(t(lang, "缺少 --key <公钥十六进制>", "missing --key <public-key-hex>"));
  const algorithm = parseSignatureAlgorithm(
    typeof ctx.options.algorithm === "string" ? ctx.options.algorithm : "ed25519",
  );
  if (algorithm.isErr()) return badInput(ctx, algorithm.error);
  const publicKey = fromHex(keyHex.trim());
  if (publicKey.isErr()) return badInput(ctx, publicKey.error);

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(await readRegularFile(path)));
  } catch (e) {
    return badInput(
      ctx,
      sanxiangError(
        "INVALID_INPUT",
        `${t(lang, "无法读取案卷文件", "cannot read the case file")} ${describeFailure(e, path)}`,
        { details: { path } },
      ),
    );
  }

  const r = verifyCaseFileJson(value, { algorithm: algorithm.value, publicKey: publicKey.value });
  if (r.isErr()) {
    if (BAD_INPUT_CODES.has(r.error.code)) return badInput(ctx, r.error);
    ctx.io.out(t(lang, `案卷验证未通过：${path}\n`, `Case file INVALID: ${path}\n`));
    ctx.io.out(`  [${r.error.code}] ${r.error.message}\n`);
    return INVALID;
  }
  const v = r.value;
  const out = [
    t(lang, `案卷验证通过：${path}`, `Case file valid: ${path}`),
    t(lang, `  案件编号：${v.caseId}，卷内文件 ${v.entries} 件`, `  case ${v.caseId}, ${v.entries} entries`),
    partLines(lang, v).trimEnd(),
    v.attested
      ? t(lang, "  卷内备考签名有效：组成部分即机关签署的", "  attested: the parts are those the bureau signed")
      : t(
          lang,
          "  注意：案卷未附卷内备考签名，整条记录流（如公示）被删去无法离线发现",
          "  Note: no attestation; a stream left out whole (a disclosure, say) cannot be detected offline",
        ),
    t(
      lang,
      `  日志：${v.logId}，树大小 ${v.treeSize}，签名时间 ${v.timestamp}`,
      `  log ${v.logId}, tree size ${v.treeSize}, signed at ${v.timestamp}`,
    ),
    t(lang, `  密钥标识：${v.keyId}`, `  key id ${v.keyId}`),
    t(
      lang,
      "  签名有效；每件文件的哈希与其内容一致；每个包含性证明均导出已签名的树根。",
      "  The signature is valid; every entry's hash matches its event; every inclusion proof leads to the signed root.",
    ),
  ];
  const testKey = testSigner(algorithm.value).publicKey;
  if (toHex(testKey) === toHex(publicKey.value)) {
    out.push(
      t(
        lang,
        "  注意：该公钥是公开的测试密钥，案卷仅为示例数据，不具任何证明效力。",
        "  Note: this is the public TEST key; the case file is example data and proves nothing.",
      ),
    );
  }
  ctx.io.out(`${out.join("\n")}\n`);
  return EXIT.ok;
}

/**
 * `sanxiang verify --log [--store …] [--key <public-key-hex> [--algorithm …]] [--require-signed]
 * [--skip-projections]` — verifies the whole store: every stored event against its leaf hash
 * (hashed natively), the streams, the Merkle root against the store's head, every kept signed
 * head against the recomputed log (and, with `--key`, its signature), and every projection row
 * against a replay of the log. Events no signed head covers are a warning, a failure with
 * `--require-signed` (the nightly job's setting). A progress bar goes to stderr when it is a
 * terminal. Exit 0 valid, 1 invalid, 2 bad input.
 */
async function verifyLogCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  if (ctx.args.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang verify --log [--store …] [--key <公钥十六进制>] [--require-signed] [--skip-projections]",
        "usage: sanxiang verify --log [--store …] [--key <public-key-hex>] [--require-signed] [--skip-projections]",
      ),
    );
  }
  let key: { algorithm: "ed25519" | "sm2"; publicKey: Uint8Array } | undefined;
  if (typeof ctx.options.key === "string") {
    const algorithm = parseSignatureAlgorithm(
      typeof ctx.options.algorithm === "string" ? ctx.options.algorithm : "ed25519",
    );
    if (algorithm.isErr()) return badInput(ctx, algorithm.error);
    const publicKey = fromHex(ctx.options.key.trim());
    if (publicKey.isErr()) return badInput(ctx, publicKey.error);
    key = { algorithm: algorithm.value, publicKey: publicKey.value };
  }
  const requireSigned = ctx.options["require-signed"] === true;
  const projections = ctx.options["skip-projections"] !== true;
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return badInput(ctx, spec.error);
  // The pages read on a second thread while this one checks them (SQLite: see withReadAhead).
  return withStore(ctx, withReadAhead(spec.value), async (store) => {
    const bar = ctx.io.errIsTTY === true ? progressBar(ctx) : undefined;
    const r = await verifyEventStore(store, {
      hash: nativeHashAlgorithm(store.hashAlgorithm),
      projections,
      ...(key === undefined ? {} : { key }),
      ...(bar === undefined ? {} : { onProgress: bar.update }),
    });
    bar?.clear();
    const where = describeStore(spec.value);
    if (r.isErr()) {
      if (BAD_INPUT_CODES.has(r.error.code)) return badInput(ctx, r.error);
      ctx.io.out(t(lang, `日志验证未通过：${where}\n`, `Log INVALID: ${where}\n`));
      ctx.io.out(`  [${r.error.code}] ${r.error.message}\n`);
      for (const line of differenceLines(lang, r.error)) ctx.io.out(`    ${line}\n`);
      return INVALID;
    }
    const v = r.value;
    const out = [
      t(lang, `日志验证通过：${where}`, `Log valid: ${where}`),
      t(
        lang,
        `  事件 ${v.events} 件，事件流 ${v.cases} 个（案件、法制审核、公示）；每件事件的内容与其叶子哈希一致，各事件流序号连续`,
        `  ${v.events} events in ${v.cases} streams (cases, reviews, disclosures); every event matches its leaf hash; every stream is unbroken`,
      ),
      t(
        lang,
        `  根哈希（${v.treeHead.hashAlgorithm}）：${toHex(v.treeHead.rootHash)}`,
        `  root (${v.treeHead.hashAlgorithm}): ${toHex(v.treeHead.rootHash)}`,
      ),
      ...(v.merkleNodes === null
        ? []
        : [
            t(
              lang,
              `  默克尔子树 ${v.merkleNodes} 个：存储的每个子树哈希与由叶子哈希重算的一致（案卷的包含性证明取自其中）`,
              `  ${v.merkleNodes} stored Merkle subtrees: each equals the one recomputed from the leaf hashes (case files' inclusion proofs are taken from them)`,
            ),
          ]),
      headsLine(lang, v.signedTreeHeads),
      v.projections === null
        ? t(lang, "  投影：未核对（--skip-projections）", "  projections: not checked (--skip-projections)")
        : t(
            lang,
            `  投影 ${v.projections.length} 个与事件日志的重放一致：${v.projections.map((p) => `${p.name}（${p.rows} 行）`).join("、")}`,
            `  ${v.projections.length} projections equal a replay of the log: ${v.projections.map((p) => `${p.name} (${p.rows} rows)`).join(", ")}`,
          ),
    ];
    const tail = v.unsignedTail;
    if (tail !== null) {
      out.push(
        t(
          lang,
          `  警告：第 ${tail.fromPosition}–${tail.toPosition} 号共 ${tail.events} 件事件尚无签名树头覆盖：若它们连同哈希与日志头被改写，本次验证无法发现。请用 sanxiang sign 签署当前日志头。`,
          `  WARNING: events ${tail.fromPosition}–${tail.toPosition} (${tail.events}) are covered by no signed tree head: a rewrite of them, hashes and head included, cannot be detected. Sign the current head with sanxiang sign.`,
        ),
      );
    }
    if (tail !== null && requireSigned) {
      out[0] = t(
        lang,
        `日志验证未通过（--require-signed：有事件未被签名树头覆盖）：${where}`,
        `Log INVALID (--require-signed: events not covered by a signed head): ${where}`,
      );
      ctx.io.out(`${out.join("\n")}\n`);
      return INVALID;
    }
    ctx.io.out(`${out.join("\n")}\n`);
    return EXIT.ok;
  });
}

function headsLine(lang: CommandContext["lang"], heads: EventStoreVerification["signedTreeHeads"]): string {
  if (heads.length === 0) return t(lang, "  签名树头：无", "  signed tree heads: none");
  const sizes =
    heads.length <= 6 ? heads.map((h) => h.treeSize).join("、") : `${heads[0]?.treeSize}…${heads.at(-1)?.treeSize}`;
  const given = heads.some((h) => h.source === "given");
  const other = heads.filter((h) => h.signature === "otherKey");
  const otherIds = [...new Set(other.map((h) => h.keyId))].map((id) => id.slice(0, 16));
  const logIds = [...new Set(heads.map((h) => h.logId))];
  const signature = heads.every((h) => h.signature === "unchecked")
    ? t(lang, "未给公钥，签名未验", "no key given: signatures not checked")
    : other.length === 0
      ? t(lang, "签名均有效", "every signature is valid")
      : t(
          lang,
          `其余签名有效；其中 ${other.length} 个由其他密钥（标识 ${otherIds.join("…、")}…）签署，无法用所给公钥验证，不计入签名覆盖`,
          `the others' signatures are valid; ${other.length} were signed by another key (id ${otherIds.join("…, ")}…), cannot be checked with the key given and cover nothing`,
        );
  return t(
    lang,
    `  签名树头 ${heads.length} 个（大小 ${sizes}${given ? "，含所给树头" : ""}；日志标识 ${logIds.join("、")}）均与重算的日志一致，${signature}`,
    `  ${heads.length} signed tree heads (sizes ${sizes}${given ? ", the given one included" : ""}; log ids ${logIds.join(", ")}) match the recomputed log; ${signature}`,
  );
}

/** Each projection difference of a `PROJECTION_MISMATCH`, one line each. */
function differenceLines(lang: CommandContext["lang"], e: SanxiangError): string[] {
  if (e.code !== "PROJECTION_MISMATCH") return [];
  const list = (e.details?.differences ?? []) as readonly ProjectionDifference[];
  const total = typeof e.details?.total === "number" ? e.details.total : list.length;
  const english = {
    altered: "row altered",
    extra: "extra row: not in the replay",
    missing: "missing row: in the replay",
  };
  const lines = list.map((d) =>
    t(
      lang,
      `投影 ${d.projection} 的行 ${d.key}：${DIFFERENCE_WORDS[d.kind]}${d.fields === undefined ? "" : `（${d.fields.join("、")}）`}`,
      `projection ${d.projection}, row ${d.key}: ${english[d.kind]}${d.fields === undefined ? "" : ` (${d.fields.join(", ")})`}`,
    ),
  );
  if (total > list.length)
    lines.push(t(lang, `另有 ${total - list.length} 处差异未列出`, `${total - list.length} more not listed`));
  return lines;
}

/** A one-line progress bar on stderr: events done / total and the rate, redrawn once a page. */
function progressBar(ctx: CommandContext): { update: (p: VerifyProgress) => void; clear: () => void } {
  const started = performance.now();
  let drawn = false;
  return {
    update: (p) => {
      const seconds = (performance.now() - started) / 1000;
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
      const text =
        p.phase === "log"
          ? t(
              ctx.lang,
              `验证日志 ${bar} ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} 件，每秒 ${Math.round(p.done / Math.max(seconds, 0.001)).toLocaleString("en-US")} 件`,
              `verifying the log ${bar} ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} events, ${Math.round(p.done / Math.max(seconds, 0.001)).toLocaleString("en-US")}/s`,
            )
          : t(
              ctx.lang,
              `核对投影 ${bar} ${p.done} / ${p.total} 个`,
              `checking projections ${bar} ${p.done} / ${p.total}`,
            );
      ctx.io.err(`\r\x1b[K${text}`);
      drawn = true;
    },
    clear: () => {
      if (drawn) ctx.io.err("\r\x1b[K");
    },
  };
}
