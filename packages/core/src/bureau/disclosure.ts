import type { DisclosureCommandInput, EarlyEndConditions } from "../disclosure/commands.js";
import type { DisclosureDecideContext } from "../disclosure/decide.js";
import type { DisclosureDraft } from "../disclosure/draft.js";
import type { DisclosureState } from "../disclosure/fold.js";
import type { Publisher } from "../disclosure/publisher.js";
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
import { actOf, disclosureContext, isRecord, notAnObject, type ResolvedBureau } from "./config.js";

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
  const { store, publisher } = b.config;
  return {
    disclosureId: id,
    state: () => loadDisclosure(store, id),
    as: (actor) => {
      const ctx = (): Result<DisclosureDecideContext, SanxiangError> =>
        actOf(b, actor).map((a) => disclosureContext(b, a.actor, a.now));
      const run = async (command: DisclosureCommandInput) => {
        const c = ctx();
        return c.isErr() ? err(c.error) : executeDisclosure(store, id, command, c.value);
      };
      const port = async (
        step: (p: Publisher, c: DisclosureDecideContext) => Promise<Result<DisclosurePortResult, SanxiangError>>,
      ): Promise<Result<DisclosurePortResult, SanxiangError>> => {
        const c = ctx();
        if (c.isErr()) return err(c.error);
        return publisher === undefined ? err(noPublisher()) : step(publisher, c.value);
      };
      return {
        execute: run,
        draft: (draft) => run({ type: "disclosure.draft", draft }),
        revise: (input) => run({ ...input, type: "disclosure.revise" }),
        signOff: async (input = {}) => {
          if (!isRecord(input)) return err(notAnObject("审定参数", input));
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
        publish: () => port((p, c) => publishDisclosure(store, p, id, c)),
        correct: (input) => run({ ...input, type: "disclosure.correct" }),
        withdraw: (reason) => port((p, c) => withdrawDisclosure(store, p, id, reason, c)),
        endEarly: (application) => port((p, c) => endDisclosureEarly(store, p, id, application, c)),
      };
    },
  };
}
