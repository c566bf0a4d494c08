import { z } from "zod";
import { EffectiveSchema } from "../versions.js";
import { validateResidentId } from "./resident-id.js";
import { type UsccOptions, validateUscc } from "./uscc.js";

/** A unified social credit code, checked and normalised (see {@link validateUscc}). */
export function usccSchema(options: UsccOptions = {}) {
  return z.string().transform((s, ctx) => {
    const r = validateUscc(s, options);
    if (r.isOk()) return r.value.code;
    ctx.addIssue({ code: "custom", message: r.error.message });
    return z.NEVER;
  });
}

/**
 * A resident ID number, checked (checksum, birth date exists) and normalised (see
 * {@link validateResidentId}). The not-in-the-future check needs a reference date, which
 * a stored record does not have: pass `asOf` when one is known.
 */
export function residentIdSchema(asOf: string | null = null) {
  return z.string().transform((s, ctx) => {
    const r = validateResidentId(s, { asOf });
    if (r.isOk()) return r.value.id;
    ctx.addIssue({ code: "custom", message: r.error.message });
    return z.NEVER;
  });
}

/** 经营状态 — registration status of an organisation in one version of its record. */
export const OrganisationStatusSchema = z.enum(["active", "revoked", "deregistered"]);
/** 经营状态: `active` 存续, `revoked` 吊销, `deregistered` 注销. */
export type OrganisationStatus = z.infer<typeof OrganisationStatusSchema>;

/** Chinese labels of {@link OrganisationStatus}, as in the sheets. */
export const ORGANISATION_STATUS_LABELS: Readonly<Record<OrganisationStatus, string>> = {
  active: "存续",
  revoked: "吊销",
  deregistered: "注销",
};

/** Division code (GB/T 2260), six digits. */
const RegionCodeSchema = z.string().regex(/^\d{6}$/, "行政区划代码应为 6 位数字");

/**
 * 法人和其他组织 — an organisation party, as registered: one version of its registration
 * (name, legal representative, address…) in force from `effectiveFrom` until
 * `effectiveUntil`. A change of registration is a new version with the same USCC;
 * deregistration ends the last version. `options` are the USCC options (pilot codes).
 */
export function organisationSchema(options: UsccOptions = {}) {
  return EffectiveSchema.extend({
    /** Discriminator (defaults, so sheets need no column for it). */
    kind: z.literal("organisation").default("organisation"),
    /** 统一社会信用代码 — the key of the party. */
    uscc: usccSchema(options),
    /** 名称. */
    name: z.string().trim().min(1, "名称不能为空"),
    /** 法定代表人（负责人、经营者）. */
    legalRepresentative: z.string().trim().min(1, "法定代表人不能为空"),
    /** 住所（经营场所）. */
    address: z.string().trim().min(1, "住所不能为空"),
    /** 所在行政区划 — where the organisation is, e.g. `640502` 沙坡头区. */
    regionCode: RegionCodeSchema,
    /** 联系电话. */
    phone: z.string().trim().min(1).optional(),
    /** 经营状态. */
    status: OrganisationStatusSchema.default("active"),
  });
}

/** 法人和其他组织 (see {@link organisationSchema}); strict USCC check. */
export const OrganisationSchema = organisationSchema();
/** 法人和其他组织 — one registration version of an organisation party. */
export type Organisation = z.infer<typeof OrganisationSchema>;

/** 自然人 — a natural-person party, identified by the resident ID number. */
export const NaturalPersonSchema = z.object({
  /** Discriminator (defaults, so sheets need no column for it). */
  kind: z.literal("person").default("person"),
  /** 公民身份号码 — the key of the party (lifelong and unique, 居民身份证法 Art. 3). */
  idNumber: residentIdSchema(),
  /** 姓名. */
  name: z.string().trim().min(1, "姓名不能为空"),
  /** 住址. */
  address: z.string().trim().min(1, "住址不能为空"),
  /** 联系电话. */
  phone: z.string().trim().min(1).optional(),
});
/** 自然人 (see {@link NaturalPersonSchema}). */
export type NaturalPerson = z.infer<typeof NaturalPersonSchema>;

/** 当事人 — a party of a case: an organisation or a natural person. */
export const PartySchema = z.discriminatedUnion("kind", [OrganisationSchema, NaturalPersonSchema]);
/** 当事人 (see {@link PartySchema}). */
export type Party = z.infer<typeof PartySchema>;

/** 当事人类型. */
export const PartyKindSchema = z.enum(["organisation", "person"]);
/** 当事人类型: `organisation` 法人和其他组织, `person` 自然人. */
export type PartyKind = z.infer<typeof PartyKindSchema>;

/** Chinese labels of {@link PartyKind}, as in the sheets. */
export const PARTY_KIND_LABELS: Readonly<Record<PartyKind, string>> = {
  organisation: "法人和其他组织",
  person: "自然人",
};

/** 当事人标识 — a reference to a party: its kind and its USCC or resident ID number. */
export const PartyRefSchema = z.object({
  /** Organisation or natural person. */
  kind: PartyKindSchema,
  /** The USCC (organisation) or resident ID number (person), normalised. */
  id: z.string().min(1),
});
/** 当事人标识 (see {@link PartyRefSchema}). */
export type PartyRef = z.infer<typeof PartyRefSchema>;

/** The reference of a party. */
export function partyRef(party: Party): PartyRef {
  return party.kind === "organisation"
    ? { kind: "organisation", id: party.uscc }
    : { kind: "person", id: party.idNumber };
}

/** A map key for a party reference (`organisation:9164…`, `person:6405…`). */
export function partyKey(ref: PartyRef): string {
  return `${ref.kind}:${ref.id}`;
}
