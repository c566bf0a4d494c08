import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { SignedTreeHead } from "../kernel/tree-head.js";
import { type SignTreeHeadOptions, signAndSaveTreeHead } from "../recording/store-sign.js";
import type { ResolvedBureau } from "./config.js";

/** The bureau's signing of its log head (internal). */
export interface BureauSigning {
  /**
   * Signs the store's current head with the bureau's signer at the clock's time and keeps it;
   * `options.keyChange` declares that the signer is the bureau's new key (see
   * `SignTreeHeadOptions`).
   */
  signHead(options?: Pick<SignTreeHeadOptions, "keyChange">): Promise<Result<SignedTreeHead, SanxiangError>>;
  /**
   * The newest signed head, signed now when it does not cover the whole log and the bureau
   * has a signer; without a signer, the newest head there is (events after it are left out).
   */
  headCovering(): Promise<Result<SignedTreeHead, SanxiangError>>;
}

/** The signing helper of a bureau (internal). */
export function bureauSigning(b: ResolvedBureau): BureauSigning {
  const { store, signer, clock } = b.config;
  const signHead = async (
    options?: Pick<SignTreeHeadOptions, "keyChange">,
  ): Promise<Result<SignedTreeHead, SanxiangError>> => {
    if (signer === undefined) {
      return err(
        sanxiangError(
          "INVALID_INPUT",
          "局配置未提供签名器（signer），无法签名日志树头：请在 createBureau 中配置 signer",
          {
            details: { field: "signer" },
          },
        ),
      );
    }
    const keyChange = options?.keyChange === true ? { keyChange: true } : {};
    return signAndSaveTreeHead(store, signer, { logId: b.logId, timestamp: clock.now() }, keyChange);
  };
  return {
    signHead,
    headCovering: async () => {
      const latest = await store.latestSignedTreeHead();
      if (latest.isErr()) return err(latest.error);
      const head = await store.head();
      if (head.isErr()) return err(head.error);
      const sth = latest.value;
      if (sth !== null && sth.treeSize === head.value.position) return ok(sth);
      if (signer !== undefined) return signHead();
      if (sth !== null) return ok(sth);
      return err(
        sanxiangError(
          "LOG_TAIL_UNSIGNED",
          "日志尚无签名树头，无法组卷：请配置签名器（signer）或先签名树头（sanxiang sign）",
          {
            details: { position: head.value.position },
          },
        ),
      );
    },
  };
}
