import type { DisclosureCommandInput, EarlyEndConditions } from "../disclosure/commands.js";
import type { DisclosureDraft } from "../disclosure/draft.js";
import type { DisclosureState } from "../disclosure/fold.js";
import {
  type DisclosureExecuteResult,
  type DisclosurePortResult,
  endDisclosureEarly,
  executeDisclosure,
  loadDisclosure,
  publishDisclosure,
  withdrawDisclosure,
} from "../disclosure/service.js";
import type { Actor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, type Result } from "../kernel/result.js";
import type { CivilDate } from "../kernel/time.js";
import { disclosureContext, type ResolvedBureau } from "./config.js";

/** 公示命令字段 — the fields of the disclosure command `T` (its `type` given by the method). */
export type DisclosureCommandFields<T extends DisclosureCommandInput["type"]> = Omit<
  Extract<DisclosureCommandInput, { type: T }>,
  "type"
>;

/**
 * 以某人身份办理公示 — the acts on one disclosure by one actor at the bureau's clock time:
 * the disclosure workflow's own decider and, for what the public sees, the Publisher port
 * first and the event after it.
 */
export interface ActingOnDisclosure {
  /** Any disclosure command recorded without the port (draft, withhold, revise, approve, correct, requireWithdrawal, forward). */
  execute(command: DisclosureCommandInput): Promise<Result<DisclosureExecuteResult, SanxiangError>>;
  /** 拟定公示信息. */
  draft(draft: DisclosureDraft): Promise<Result<DisclosureExecuteResult, SanxiangError>>;
  /** 修改拟公示内容. */
  revise(input: DisclosureCommandFields<"disclosure.revise">): Promise<Result<DisclosureExecuteResult, SanxiangError>>;
  /**
   * 负责人审定 — the head signs off the content being worked on. Its hash is the SDK's (as the
   * draft, revision or correction recorded it); pass `contentHash` — the hash of the content
   * the head was shown — to be refused (`DISCLOSURE_NOT_APPROVED`) if it changed since.
   */
  signOff(input?: { readonly contentHash?: string }): Promise<Result<DisclosureExecuteResult, SanxiangError>>;
  /** 发布 — through the bureau's publisher, then `disclosure.published`. */
  publish(): Promise<Result<DisclosurePortResult, SanxiangError>>;
  /** 纠错 — a new version of a published item, to be signed off and published again. */
  correct(
    input: DisclosureCommandFields<"disclosure.correct">,
  ): Promise<Result<DisclosureExecuteResult, SanxiangError>>;
  /** 撤回 — through the bureau's publisher, with the public reason. */
  withdraw(reason: string): Promise<Result<DisclosurePortResult, SanxiangError>>;
  /** 提前停止公示 — the head grants the party's application (through the publisher). */
  endEarly(application: {
    readonly conditions: EarlyEndConditions;
    readonly appliedOn?: CivilDate;
  }): Promise<Result<DisclosurePortResult, SanxiangError>>;
}

/** 公示 — one disclosure of the bureau (its own stream). */
export interface DisclosureHandle {
  /** The disclosure id. */
  readonly disclosureId: string;
  /** Acts by `actor`. */
  as(actor: Actor): ActingOnDisclosure;
  /** The disclosure as the fold of its stream. */
  state(): Promise<Result<DisclosureState, SanxiangError>>;
}

function noPublisher(): SanxiangError {
  return sanxiangError(
    "INVALID_INPUT",
    "局配置未提供公示渠道（publisher），无法发布、撤回或撤下：请在 createBureau 中配置 publisher",
    {
      details: { field: "publisher" },
    },
  );
}

/** The handle of disclosure `id` (internal: {@link Bureau.disclosure}). */
export function disclosureHandle(b: ResolvedBureau, id: string): DisclosureHandle {
  const { store, clock, publisher } = b.config;
  return {
    disclosureId: id,
    state: () => loadDisclosure(store, id),
    as: (actor) => {
      const ctx = () => disclosureContext(b, actor, clock.now());
      const run = (command: DisclosureCommandInput) => executeDisclosure(store, id, command, ctx());
      return {
        execute: run,
        draft: (draft) => run({ type: "disclosure.draft", draft }),
        revise: (input) => run({ type: "disclosure.revise", ...input }),
        signOff: async (input = {}) => {
          if (input.contentHash !== undefined)
            return run({ type: "disclosure.approve", contentHash: input.contentHash });
          const state = await loadDisclosure(store, id);
          if (state.isErr()) return err(state.error);
          const contentHash = state.value.context.contentHash;
          if (contentHash === undefined) {
            return err(
              sanxiangError("COMMAND_NOT_ALLOWED", `公示 ${id} 尚无拟公示内容，请先拟定（disclosure.draft）`, {
                details: { disclosureId: id, state: state.value.value },
              }),
            );
          }
          return run({ type: "disclosure.approve", contentHash });
        },
        publish: async () =>
          publisher === undefined ? err(noPublisher()) : publishDisclosure(store, publisher, id, ctx()),
        correct: (input) => run({ type: "disclosure.correct", ...input }),
        withdraw: async (reason) =>
          publisher === undefined ? err(noPublisher()) : withdrawDisclosure(store, publisher, id, reason, ctx()),
        endEarly: async (application) =>
          publisher === undefined ? err(noPublisher()) : endDisclosureEarly(store, publisher, id, application, ctx()),
      };
    },
  };
}
