// 签名树头 — signing the store's current head and keeping it, refused when it would
// contradict the newest kept head (a wrong key, a clock gone back).
import type { SanxiangError } from "../kernel/errors.js";
import { sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Signer } from "../kernel/signer.js";
import { type VerifySignatureOptions, verificationKeyOf } from "../kernel/signer-verify.js";
import { epochMillis } from "../kernel/time.js";
import {
  type SignedTreeHead,
  signTreeHead,
  type TreeHeadSigningInput,
  verifySignedTreeHead,
} from "../kernel/tree-head.js";
import type { EventStore } from "./event-store.js";

/**
 * 签名树头选项 — how {@link signAndSaveTreeHead} signs: the options of verifying under the
 * signer's key (an SM2 signer's `sm2UserId`), and whether the bureau declares a key change.
 */
export interface SignTreeHeadOptions extends VerifySignatureOptions {
  /**
   * 更换密钥 — the bureau declares that it signs with a new key: the newest kept head was
   * signed by the previous key and does not verify under the signer's. Without it such a
   * head is refused (`TREE_HEAD_CONFLICT`, `details.reason: "otherKey"`), whatever the size,
   * since a wrong key file looks just the same. With it, the head is signed once the log has
   * grown past the newest kept head (the old heads stay, verified under the old key); it is
   * refused when the newest kept head verifies under the signer's key (`INVALID_INPUT`,
   * `details.reason: "sameKey"`: there is no key change to declare), so that the declaration
   * cannot be left on for every signing.
   */
  readonly keyChange?: boolean;
}

/**
 * 签名并保存树头 — signs the store's current head for `input.logId` at `input.timestamp`
 * and keeps it in the store. The head is the store's own (its frontier), so a bureau
 * publishes what the store holds; run {@link verifyEventStore} first to be sure that is
 * what its events say.
 *
 * Refused with `TREE_HEAD_CONFLICT`, nothing kept, when the newest kept head would be
 * contradicted (the store's own rule, `signedTreeHeadSaveAction`, does not check signatures):
 * - it does not verify under the signer's key (`details.reason: "otherKey"`) — a wrong key
 *   file must neither replace (nor seem to re-sign) the bureau's head nor start a chain of
 *   heads that {@link verifyEventStore} would only find covering nothing. A bureau that
 *   changed its key says so (`options.keyChange`) and signs with the new key once the log
 *   has grown (the old heads stay, verified under the old key); a head of the same size is
 *   refused even then;
 * - it is of a smaller size, verifies under the signer's key (or a key change is declared)
 *   and is dated after `input.timestamp` (`details.reason: "timestampOrder"`): heads are
 *   dated in the order the log grew, as {@link verifyEventStore} checks.
 *
 * A declared key change while the newest kept head verifies under the signer's key is
 * `INVALID_INPUT` (`details.reason: "sameKey"`). Nothing is kept when refused.
 */
export async function signAndSaveTreeHead(
  store: EventStore,
  signer: Signer,
  input: TreeHeadSigningInput,
  options: SignTreeHeadOptions = {},
): Promise<Result<SignedTreeHead, SanxiangError>> {
  const head = await store.head();
  if (head.isErr()) return err(head.error);
  const signed = await signTreeHead(head.value.treeHead, input, signer);
  if (signed.isErr()) return err(signed.error);
  const latest = await store.latestSignedTreeHead();
  if (latest.isErr()) return err(latest.error);
  if (latest.value !== null) {
    const refused = contradictsKept(latest.value, signed.value, signer, options);
    if (refused !== undefined) return err(refused);
  }
  const saved = await store.saveSignedTreeHead(signed.value);
  return saved.isErr() ? err(saved.error) : ok(signed.value);
}

/** Why saving `next` (signed by `signer`) would contradict the newest kept head, if it would. */
function contradictsKept(
  kept: SignedTreeHead,
  next: SignedTreeHead,
  signer: Signer,
  options: SignTreeHeadOptions,
): SanxiangError | undefined {
  // Only `true` declares a key change (a hostile or mistyped value declares nothing).
  const given: SignTreeHeadOptions = typeof options === "object" && options !== null ? options : {};
  const { keyChange: declared, ...verifyOptions } = given;
  const keyChange = declared === true;
  const ownKey = verifySignedTreeHead(kept, verificationKeyOf(signer), verifyOptions).isOk();
  if (ownKey && keyChange) {
    return sanxiangError(
      "INVALID_INPUT",
      `声明了更换密钥，但存储中最新的签名树头（大小 ${kept.treeSize}，密钥标识 ${kept.keyId}）正是由本次签名所用的密钥签署的：密钥并未更换，请去掉更换密钥的声明后再签名`,
      {
        details: { field: "keyChange", reason: "sameKey", treeSize: kept.treeSize, keyId: signer.keyId },
      },
    );
  }
  if (!ownKey && (kept.treeSize === next.treeSize || !keyChange)) {
    const how =
      kept.treeSize === next.treeSize
        ? keyChange
          ? "更换密钥后，请在日志记录新的事件后再用新密钥签名（原树头保留）"
          : "请确认所用私钥是本局的签名私钥；若本局已更换密钥，请在日志记录新的事件后声明更换密钥再用新密钥签名（原树头保留）"
        : "请确认所用私钥是本局的签名私钥；若本局确已更换密钥，请声明更换密钥（命令行 sanxiang sign --new-key，接口选项 keyChange）后再签名，原树头保留并仍由原密钥验证";
    return sanxiangError(
      "TREE_HEAD_CONFLICT",
      `本次签名所用的密钥（密钥标识 ${signer.keyId}）与签署最新签名树头的密钥不同：存储中大小为 ${kept.treeSize} 的签名树头（密钥标识 ${kept.keyId}，签署于 ${kept.timestamp}）不能由该密钥验证，不予签名：${how}`,
      {
        details: {
          reason: "otherKey",
          treeSize: kept.treeSize,
          keptKeyId: kept.keyId,
          keptTimestamp: kept.timestamp,
          keyId: signer.keyId,
          keyChange,
        },
      },
    );
  }
  if (kept.treeSize < next.treeSize && epochMillis(kept.timestamp) > epochMillis(next.timestamp)) {
    return sanxiangError(
      "TREE_HEAD_CONFLICT",
      `签名时间 ${next.timestamp} 早于存储中大小为 ${kept.treeSize} 的签名树头的签署时间 ${kept.timestamp}：树头时间应随日志增长而不减，请检查签名时钟`,
      {
        details: {
          reason: "timestampOrder",
          treeSize: next.treeSize,
          timestamp: next.timestamp,
          previousTreeSize: kept.treeSize,
          previousTimestamp: kept.timestamp,
        },
      },
    );
  }
  return undefined;
}
