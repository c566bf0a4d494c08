// 跨省推送 — the route of a SAMR penalty whose party is registered in another province
// (市场监督管理行政处罚信息公示规定 Art. 10), as the draft states it.
import { z } from "zod";
import { HashAlgorithmNameSchema } from "../kernel/hash.js";
import { IdSchema } from "../kernel/ports.js";
import { CivilDateSchema } from "../kernel/time.js";
import { PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import { DisclosureContentSchema } from "./schema.js";

/**
 * 公示路径 — how a decision reaches the public when it is not simply published by the bureau
 * that drafts it (市场监督管理行政处罚信息公示规定 Art. 10):
 * - `crossProvince`: the deciding bureau, whose party is registered (登记地/住所地) in another
 *   province, pushes (推送) the information through its provincial bureau to the
 *   registration-place bureau instead of publishing it — its duty is to forward;
 * - `received`: the registration-place bureau drafts from the information it received; its
 *   deadline counts from `receivedOn`.
 */
export const DisclosureRoutingSchema = z.union([
  z
    .object({
      crossProvince: z
        .object({
          /** 当事人登记地（住所地）所在省份, e.g. `浙江省`. */
          registeredIn: z.string().trim().min(1),
          /** 登记地市场监督管理部门 — the bureau that will publish. */
          forwardTo: z.string().trim().min(1),
        })
        .strict()
        .readonly(),
    })
    .strict()
    .readonly(),
  z
    .object({
      received: z
        .object({
          /** 推送来源 — the deciding bureau (or the provincial bureau that passed it on). */
          from: z.string().trim().min(1),
          /** 收到之日 — the receiving bureau's deadline counts from it. */
          receivedOn: CivilDateSchema,
        })
        .strict()
        .readonly(),
    })
    .strict()
    .readonly(),
]);
/** 公示路径 (see {@link DisclosureRoutingSchema}). */
export type DisclosureRouting = z.infer<typeof DisclosureRoutingSchema>;

/** The cross-province route of a routing, if it is one. */
export function crossProvinceOf(
  routing: DisclosureRouting | undefined,
): Extract<DisclosureRouting, { crossProvince: unknown }>["crossProvince"] | undefined {
  return routing !== undefined && "crossProvince" in routing ? routing.crossProvince : undefined;
}

/** The receipt of a routing, if the draft was received from another province's bureau. */
export function receivedOf(
  routing: DisclosureRouting | undefined,
): Extract<DisclosureRouting, { received: unknown }>["received"] | undefined {
  return routing !== undefined && "received" in routing ? routing.received : undefined;
}

/**
 * 推送的行政处罚信息 — what `disclosure.forwarded` hands to the registration-place bureau:
 * exactly the content the deciding bureau's head signed off, with its hash, the decision day
 * and where it comes from, so the receiving bureau can draft from it
 * (`receivedDisclosureDraft`) and anyone can check it against the sender's log.
 */
export const ForwardedInformationSchema = z
  .object({
    /** The sender's disclosure stream. */
    disclosureId: IdSchema,
    /** Title (redacted). */
    title: z.string().trim().min(1),
    /** 作出决定的市场监督管理部门. */
    bodyId: IdSchema,
    /** Its name. */
    bodyName: z.string().trim().min(1),
    /** The signed-off content, redacted. */
    content: DisclosureContentSchema,
    /** Its hash (what the head signed off). */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The hash algorithm, when not SHA-256. */
    contentHashAlgorithm: HashAlgorithmNameSchema.optional(),
    /** 作出决定之日. */
    startOn: CivilDateSchema,
    /** The penalty kinds of the decision. */
    penaltyKinds: z.array(PenaltyKindSchema).readonly().optional(),
    /** The case it comes from. */
    caseId: IdSchema.optional(),
  })
  .readonly();
/** 推送的行政处罚信息 (see {@link ForwardedInformationSchema}). */
export type ForwardedInformation = z.infer<typeof ForwardedInformationSchema>;
