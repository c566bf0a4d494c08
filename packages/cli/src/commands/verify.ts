import { readFile } from "node:fs/promises";
import {
  fromHex,
  parseSignatureAlgorithm,
  type SanxiangError,
  testSigner,
  toHex,
  verifyCaseFileJson,
  verifyEventStore,
} from "@sanxiang/core";
import { describeStore, storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";

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
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    ctx.io.err(
      `${t(lang, "错误：无法读取案卷文件", "error: cannot read the case file")} ${path}: ${(e as Error).message}\n`,
    );
    return EXIT.usage;
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
 * `sanxiang verify --log [--store …] [--key <public-key-hex> [--algorithm …]]` — verifies the
 * whole store: every stored event against its leaf hash, the streams, the Merkle root
 * against the store's head, the kept signed heads against the recomputed log (and, with
 * `--key`, their signatures). Exit 0 valid, 1 invalid, 2 bad input.
 */
async function verifyLogCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  if (ctx.args.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang verify --log [--store …] [--key <公钥十六进制>]",
        "usage: sanxiang verify --log [--store …] [--key <public-key-hex>]",
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
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return badInput(ctx, spec.error);
  return withStore(ctx, spec.value, async (store) => {
    const r = await verifyEventStore(store, key === undefined ? {} : { key });
    const where = describeStore(spec.value);
    if (r.isErr()) {
      if (BAD_INPUT_CODES.has(r.error.code)) return badInput(ctx, r.error);
      ctx.io.out(t(lang, `日志验证未通过：${where}\n`, `Log INVALID: ${where}\n`));
      ctx.io.out(`  [${r.error.code}] ${r.error.message}\n`);
      return INVALID;
    }
    const v = r.value;
    const heads = v.signedTreeHeads.map((h) =>
      h.signatureChecked
        ? t(lang, `大小 ${h.treeSize}（签名有效）`, `size ${h.treeSize} (signature valid)`)
        : t(
            lang,
            `大小 ${h.treeSize}（未给公钥，签名未验）`,
            `size ${h.treeSize} (no key given: signature not checked)`,
          ),
    );
    ctx.io.out(
      [
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
        t(
          lang,
          `  签名树头：${heads.length === 0 ? "无" : heads.join("；")}`,
          `  signed tree heads: ${heads.length === 0 ? "none" : heads.join("; ")}`,
        ),
      ].join("\n") + "\n",
    );
    return EXIT.ok;
  });
}
