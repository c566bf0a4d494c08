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
 * 签名并保存树头 — signs the store's current head for `input.logId` at `input.timestamp`
 * and keeps it in the store. The head is the store's own (its frontier), so a bureau
 * publishes what the store holds; run {@link verifyEventStore} first to be sure that is
 * what its events say.
 *
 * Refused with `TREE_HEAD_CONFLICT`, nothing kept, when the newest kept head would be
 * contradicted (the store's own rule, `signedTreeHeadSaveAction`, does not check signatures):
 * - it is of the same size and does not verify under the signer's key (`details.reason:
 *   "otherKey"`) — a wrong key file must not replace (nor seem to re-sign) the bureau's head.
 *   There is no recorded key rotation: a bureau that changed its key signs with the new one
 *   once the log has grown (the old heads stay, verified under the old key);
 * - it is of a smaller size, verifies under the signer's key and is dated after
 *   `input.timestamp` (`details.reason: "timestampOrder"`): heads are dated in the order the
 *   log grew, as {@link verifyEventStore} checks.
 *
 * `options` are those of verifying under the signer's key (an SM2 signer's `sm2UserId`).
 */
export async function signAndSaveTreeHead(
  store: EventStore,
  signer: Signer,
  input: TreeHeadSigningInput,
  options: VerifySignatureOptions = {},
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
  options: VerifySignatureOptions,
): SanxiangError | undefined {
  const ownKey = verifySignedTreeHead(kept, verificationKeyOf(signer), options).isOk();
  if (kept.treeSize === next.treeSize && !ownKey) {
    return sanxiangError(
      "TREE_HEAD_CONFLICT",
      `存储中大小为 ${kept.treeSize} 的签名树头（密钥标识 ${kept.keyId}，签署于 ${kept.timestamp}）不能由本次签名所用的密钥（密钥标识 ${signer.keyId}）验证，不予替换：请确认所用私钥是本局的签名私钥；若本局已更换密钥，请在日志记录新的事件后再用新密钥签名（原树头保留）`,
      {
        details: {
          reason: "otherKey",
          treeSize: kept.treeSize,
          keptKeyId: kept.keyId,
          keptTimestamp: kept.timestamp,
          keyId: signer.keyId,
        },
      },
    );
  }
  if (kept.treeSize < next.treeSize && ownKey && epochMillis(kept.timestamp) > epochMillis(next.timestamp)) {
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
