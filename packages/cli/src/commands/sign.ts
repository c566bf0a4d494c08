import {
  ed25519Signer,
  fromHex,
  IdSchema,
  parseSignatureAlgorithm,
  type Signer,
  signAndSaveTreeHead,
  sm2Signer,
  toHex,
} from "@sanxiang/core";
import { describeStore, storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { readRegularFile } from "../read-regular-file.js";
import { unreadableKeyFile } from "./casefile.js";

/**
 * `sanxiang sign --key-file <secret-key-file> --log-id <id> [--algorithm ed25519|sm2] [--new-key] [--store …]`
 * — signs the store's current log head with the bureau's key and keeps it in the store: the
 * head every later case file is proved against, and what the bureau publishes. The key file
 * holds the secret key in hex (Ed25519: 32 bytes; SM2: the 32-byte private key). A key other
 * than the one that signed the newest kept head is refused (`TREE_HEAD_CONFLICT`, reason
 * `otherKey`) unless `--new-key` declares the bureau's key change (and the log has grown).
 */
export async function signCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const keyFile = ctx.options["key-file"];
  const logId = ctx.options["log-id"];
  if (ctx.args.length > 0 || typeof keyFile !== "string" || typeof logId !== "string") {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang sign --key-file <私钥文件> --log-id <日志标识> [--algorithm ed25519|sm2] [--new-key] [--store …]",
        "usage: sanxiang sign --key-file <secret-key-file> --log-id <log-id> [--algorithm ed25519|sm2] [--new-key] [--store …]",
      ),
    );
  }
  if (!IdSchema.safeParse(logId).success) {
    throw new UsageError(t(lang, `日志标识无效：${logId}`, `invalid log id: ${logId}`));
  }
  const algorithm = parseSignatureAlgorithm(
    typeof ctx.options.algorithm === "string" ? ctx.options.algorithm : "ed25519",
  );
  if (algorithm.isErr()) {
    ctx.io.err(formatError(lang, algorithm.error));
    return EXIT.usage;
  }
  let secretHex: string;
  try {
    secretHex = new TextDecoder().decode(await readRegularFile(keyFile)).trim();
  } catch (e) {
    ctx.io.err(formatError(lang, unreadableKeyFile(lang, keyFile, e)));
    return EXIT.usage;
  }
  let signer: Signer;
  if (algorithm.value === "sm2") {
    const s = sm2Signer(secretHex);
    if (s.isErr()) {
      ctx.io.err(formatError(lang, s.error));
      return EXIT.usage;
    }
    signer = s.value;
  } else {
    const bytes = fromHex(secretHex);
    const s = bytes.andThen((b) => ed25519Signer(b));
    if (s.isErr()) {
      ctx.io.err(formatError(lang, s.error));
      return EXIT.usage;
    }
    signer = s.value;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    ctx.io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  return withStore(ctx, spec.value, async (store) => {
    const keyChange = ctx.options["new-key"] === true ? { keyChange: true } : {};
    const sth = await signAndSaveTreeHead(store, signer, { logId, timestamp: ctx.io.clock.now() }, keyChange);
    if (sth.isErr()) {
      ctx.io.err(formatError(lang, sth.error));
      return EXIT.failure;
    }
    const h = sth.value;
    ctx.io.out(
      t(
        lang,
        `已签名并保存树头${"keyChange" in keyChange ? "（已声明更换密钥）" : ""}：${describeStore(spec.value)}\n  日志 ${h.logId}，树大小 ${h.treeSize}，根哈希 ${toHex(h.rootHash)}\n  签名时间 ${h.timestamp}，算法 ${h.signatureAlgorithm}，公钥 ${toHex(signer.publicKey)}\n`,
        `Signed and kept the tree head${"keyChange" in keyChange ? " (key change declared)" : ""}: ${describeStore(spec.value)}\n  log ${h.logId}, size ${h.treeSize}, root ${toHex(h.rootHash)}\n  signed at ${h.timestamp}, ${h.signatureAlgorithm}, public key ${toHex(signer.publicKey)}\n`,
      ),
    );
    return EXIT.ok;
  });
}
