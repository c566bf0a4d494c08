// 公示条目 — what a publication makes of the signed-off content, and the redaction context the
// checks use (the numbers public by law are never personal data).
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import type { DisclosureContext } from "./context.js";
import type { RedactionContext } from "./redaction.js";
import type { DisclosureRule } from "./rule-schema.js";
import { type DisclosurePolicy, publicUntil } from "./rules.js";
import type { DisclosureContent, PublishedItem } from "./schema.js";

/**
 * 法定公开的号码 — the numbers in a content that are public by law and must not be taken for
 * personal data: officers' 执法证号 (shown during enforcement, published beforehand), the
 * party's 统一社会信用代码, and the body's own 监督电话 / 办公电话.
 */
export function publicIdentifiersOf(content: DisclosureContent): string[] {
  switch (content.kind) {
    case "officer":
      return [content.certificateNumber];
    case "enforcementAct":
      return [
        ...content.officers.map((o) => o.certificateNumber),
        ...(content.party?.creditCode === undefined ? [] : [content.party.creditCode]),
      ];
    case "decision":
      return content.party.creditCode === undefined ? [] : [content.party.creditCode];
    case "body":
      return content.phone === undefined ? [] : [content.phone];
    case "power":
      return content.supervisionPhone === undefined ? [] : [content.supervisionPhone];
    case "serviceGuide":
      return [content.phone];
    case "flowchart":
    case "inspectionItem":
    case "benchmark":
      return [];
  }
}

/**
 * The redaction context of a content: the policy's fields, its party, the other persons named
 * in `ctx`, and the numbers public by law ({@link publicIdentifiersOf}).
 */
export function redactionContextOf(
  content: DisclosureContent,
  policy: DisclosurePolicy,
  ctx: { readonly otherPersons?: readonly string[] | undefined },
): RedactionContext {
  const party = content.kind === "decision" || content.kind === "enforcementAct" ? content.party : undefined;
  return {
    policy: policy.redaction,
    ...(party === undefined ? {} : { party: { kind: party.kind, name: party.name } }),
    ...(ctx.otherPersons === undefined ? {} : { otherPersons: ctx.otherPersons }),
    publicIdentifiers: publicIdentifiersOf(content),
  };
}

/**
 * 拟公示条目 — the public item a publication of the signed-off content at `at` makes: the
 * next version (1, then one more per correction, with the correction's public note), first
 * published at the first publication, public until the rule's publicity period ends
 * (counted from the first publication). `hashAlgorithm` names the hash port `contentHash` was
 * made with (recorded on the item unless SHA-256, so the site can check it).
 */
export function nextPublishedItem(
  c: DisclosureContext,
  at: Instant,
  rule: DisclosureRule,
  hashAlgorithm: HashAlgorithmName = "sha256",
): Result<PublishedItem, SanxiangError> {
  const draft = c.draft;
  const content = c.content;
  const hash = c.contentHash;
  if (draft === undefined || content === undefined || hash === undefined) {
    return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚无拟公示信息"));
  }
  const previous = c.published;
  const publishedAt = previous?.publishedAt ?? at;
  const until = publicUntil(
    rule,
    civilDateOf(publishedAt),
    content,
    draft.penaltyKinds === undefined ? {} : { penaltyKinds: draft.penaltyKinds },
  );
  const corrections = previous === undefined ? [] : [...previous.corrections];
  if (previous !== undefined) corrections.push({ at, reason: c.correctionReason ?? "更正" });
  return ok({
    id: c.disclosureId,
    kind: draft.kind,
    phase: draft.phase,
    title: draft.title,
    bodyId: draft.bodyId,
    bodyName: draft.bodyName,
    content,
    contentHash: hash,
    ...(hashAlgorithm === "sha256" ? {} : { contentHashAlgorithm: hashAlgorithm }),
    version: (previous?.version ?? 0) + 1,
    publishedAt,
    updatedAt: at,
    corrections,
    ...(until === undefined ? {} : { publicUntil: until }),
    source: draft.source,
  });
}
