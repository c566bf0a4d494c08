// 跨省推送 — the deciding bureau's `disclosure.forward` and the receiving bureau's draft
// (市场监督管理行政处罚信息公示规定 Art. 10).

import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import type { Id } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import type { CivilDate, Instant } from "../kernel/time.js";
import type { DisclosureCommand } from "./commands.js";
import type { DisclosureContext } from "./context.js";
import { type DisclosureDraft, DisclosureDraftSchema, disclosureIdFor } from "./draft.js";
import type { DisclosureEvent } from "./events.js";
import { crossProvinceOf, type ForwardedInformation } from "./routing.js";
import type { DisclosureRule } from "./rule-schema.js";
import { type DisclosurePolicy, disclosureRuleFor } from "./rules.js";
import { DISCLOSURE_KIND_PHASES } from "./schema.js";

function refuse(message: string, source: RuleSource, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("COMMAND_NOT_ALLOWED", `${message}（依据：${formatSource(source)}）`, { source, details });
}

/**
 * 跨省案件不得由本机关发布 — the refusal of `disclosure.publish` for a cross-province draft: the
 * deciding bureau pushes the information, the registration-place bureau publishes it (Art. 10);
 * `undefined` when the draft is not cross-province.
 */
export function crossProvincePublishRefusal(draft: DisclosureDraft, rule: DisclosureRule): SanxiangError | undefined {
  const route = crossProvinceOf(draft.routing);
  if (route === undefined) return undefined;
  return refuse(
    `当事人登记地在${route.registeredIn}，本项信息应推送至${route.forwardTo}，由其公示，本机关不发布`,
    rule.crossProvince?.source ?? rule.source,
    { registeredIn: route.registeredIn, forwardTo: route.forwardTo },
  );
}

/**
 * 跨省推送 — the `disclosure.forwarded` event of a signed-off cross-province draft: to the
 * registration-place bureau the draft names, via the provincial bureau the command names, with
 * exactly the signed-off content. The caller has checked the sign-off (the head signs off
 * what leaves the bureau). A draft without cross-province routing, or a rule without
 * `crossProvince` → `COMMAND_NOT_ALLOWED` with the source.
 */
export function forwardEvent(
  cmd: Extract<DisclosureCommand, { type: "disclosure.forward" }>,
  at: Instant,
  c: DisclosureContext,
  draft: DisclosureDraft,
  rule: DisclosureRule,
  hashAlgorithm: HashAlgorithmName = "sha256",
): Result<DisclosureEvent, SanxiangError> {
  const route = crossProvinceOf(draft.routing);
  if (route === undefined || rule.crossProvince === undefined) {
    return err(
      refuse(
        route === undefined
          ? "本项公示不是跨省推送（当事人登记地与本机关在同一省份），由本机关发布"
          : `「${rule.name}」的公示规则没有跨省推送`,
        rule.crossProvince?.source ?? rule.source,
      ),
    );
  }
  const content = c.content;
  const contentHash = c.contentHash;
  if (content === undefined || contentHash === undefined)
    return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚无拟公示信息"));
  const information: ForwardedInformation = {
    disclosureId: c.disclosureId,
    title: draft.title,
    bodyId: draft.bodyId,
    bodyName: draft.bodyName,
    content,
    contentHash,
    ...(hashAlgorithm === "sha256" ? {} : { contentHashAlgorithm: hashAlgorithm }),
    startOn: draft.startOn,
    ...(draft.penaltyKinds === undefined ? {} : { penaltyKinds: draft.penaltyKinds }),
    ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
  };
  return ok({
    type: "disclosure.forwarded",
    at,
    to: route.forwardTo,
    via: cmd.via,
    registeredIn: route.registeredIn,
    information,
    kind: draft.kind,
    ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
  });
}

/** What {@link receivedDisclosureDraft} needs besides the information received. */
export interface ReceivedDraftInput {
  /** 协助公示的市场监督管理部门 — the receiving (registration-place) bureau. */
  readonly bodyId: Id;
  /** Its name. */
  readonly bodyName: string;
  /** 推送来源 — the deciding bureau (or the provincial bureau that passed it on). */
  readonly from: string;
  /** 收到之日 — the deadline counts from it. */
  readonly receivedOn: CivilDate;
  /** The key of the receiving stream's id (default `received-<sender's disclosure id>`). */
  readonly key?: string;
}

/**
 * 协助公示草稿 — the receiving bureau's draft of forwarded information (Art. 10): the same
 * content and decision day, its own body, routing `received` (the deadline counts from
 * `receivedOn`: `crossProvince.receivedPeriodId` of its rule), the rule of the policy. It is
 * then signed off and published as usual. The case id stays in the information only (the
 * case is the sender's). A draft that fails its schema → `INVALID_INPUT`.
 */
export function receivedDisclosureDraft(
  information: ForwardedInformation,
  input: ReceivedDraftInput,
  policy: DisclosurePolicy,
): Result<DisclosureDraft, SanxiangError> {
  const content = information.content;
  const rule = disclosureRuleFor(policy, {
    kind: content.kind,
    ...(content.kind === "decision" ? { category: content.category } : {}),
  });
  const draft = {
    disclosureId: disclosureIdFor(content.kind, input.key ?? `received-${information.disclosureId}`),
    kind: content.kind,
    phase: DISCLOSURE_KIND_PHASES[content.kind],
    title: information.title,
    bodyId: input.bodyId,
    bodyName: input.bodyName,
    content,
    redactions: [],
    ruleId: rule.id,
    startOn: information.startOn,
    ...(information.penaltyKinds === undefined ? {} : { penaltyKinds: information.penaltyKinds }),
    routing: { received: { from: input.from, receivedOn: input.receivedOn } },
    source: rule.source,
  };
  const parsed = DisclosureDraftSchema.safeParse(draft);
  if (!parsed.success) return err(invalidInput(`协助公示草稿「${information.title}」无效`, parsed.error.issues));
  return ok(parsed.data);
}
