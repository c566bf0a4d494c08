import { initialTransition, transition } from "xstate";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { ReviewContext } from "./context.js";
import { type ReviewEvent, ReviewEventSchema } from "./events.js";
import { REVIEW_STATE_NAMES, type ReviewSnapshot, type ReviewStateName, reviewMachine } from "./machine.js";

/**
 * 法制审核当前状态 — a review as the fold of its events: its stream id, version (the `seq` of
 * the last event), the machine snapshot, the state name and the context.
 */
export interface ReviewState {
  /** The review's stream id. */
  readonly reviewId: string;
  /** Stream version: number of events folded. */
  readonly version: number;
  /** The machine snapshot. */
  readonly snapshot: ReviewSnapshot;
  /** 审核状态. */
  readonly value: ReviewStateName;
  /** 审核情况. */
  readonly context: ReviewContext;
}

function stateOf(reviewId: string, version: number, snapshot: ReviewSnapshot): ReviewState {
  return { reviewId, version, snapshot, value: snapshot.value as ReviewStateName, context: snapshot.context };
}

/** 未送审 — a review before its first event. */
export function initialReviewState(reviewId: string): ReviewState {
  const [snapshot] = initialTransition(reviewMachine, { reviewId });
  return stateOf(reviewId, 0, snapshot);
}

/** The review event of a stored envelope (its `type` and `payload`), or `INVALID_INPUT`. */
export function reviewEventOf(event: CaseEvent): Result<ReviewEvent, SanxiangError> {
  const parsed = ReviewEventSchema.safeParse({ ...event.payload, type: event.type });
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `法制审核事件 ${event.caseId}#${event.seq}（${event.type}）的内容无效`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) },
    }),
  );
}

/**
 * 事件演进 — the review after one stored event, through the machine's pure `transition()`.
 * Refuses an event of another stream or out of sequence (`EVENT_SEQUENCE_INVALID`), a payload
 * that fails its schema (`INVALID_INPUT`) and an event the machine does not accept in the
 * state (`COMMAND_NOT_ALLOWED`): a stream that breaks the workflow does not fold.
 */
export function evolveReview(state: ReviewState, event: CaseEvent): Result<ReviewState, SanxiangError> {
  if (event.caseId !== state.reviewId || event.seq !== state.version + 1) {
    return err(
      sanxiangError("EVENT_SEQUENCE_INVALID", `法制审核 ${state.reviewId} 应接第 ${state.version + 1} 号事件`, {
        details: {
          reviewId: state.reviewId,
          expectedSeq: state.version + 1,
          got: { caseId: event.caseId, seq: event.seq },
        },
      }),
    );
  }
  const parsed = reviewEventOf(event);
  if (parsed.isErr()) return err(parsed.error);
  if (!state.snapshot.can(parsed.value)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `法制审核处于「${REVIEW_STATE_NAMES[state.value]}」状态，不能发生事件 ${event.type}（第 ${event.seq} 号）`,
        { details: { state: state.value, eventType: event.type, seq: event.seq } },
      ),
    );
  }
  const [next] = transition(reviewMachine, state.snapshot, parsed.value);
  return ok(stateOf(state.reviewId, event.seq, next));
}

/** 事件折叠 — the review `reviewId` after all its `events`, in order (see {@link evolveReview}). */
export function foldReview(reviewId: string, events: readonly CaseEvent[]): Result<ReviewState, SanxiangError> {
  let state = initialReviewState(reviewId);
  for (const e of events) {
    const next = evolveReview(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
