import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { checkInputTexts } from "../../kernel/input-text.js";
import { IdSchema } from "../../kernel/ports.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { InstantSchema } from "../../kernel/time.js";
import { refuse } from "../guards.js";
import { SIMPLIFIED_GUARD_SOURCES as SRC } from "./policy.js";

/** 决定书编号 — the number printed on a pre-printed on-the-spot decision form (编有号码). */
export const FormNumberSchema = z.string().trim().min(1).max(64);

/**
 * 决定书登记事件 — what happened to the bureau's pre-printed, numbered on-the-spot decision
 * forms (行政处罚法 Art. 52): `form.issued` 领用 (a batch handed to one officer),
 * `form.used` 使用 (filled in once, for one case), `form.voided` 作废登记 (with a reason). A
 * number is never issued twice and, once used or voided, never used again.
 */
export const FormRegisterEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("form.issued"),
    at: InstantSchema,
    officerId: IdSchema,
    numbers: z.array(FormNumberSchema).min(1).readonly(),
  }),
  z.object({
    type: z.literal("form.used"),
    at: InstantSchema,
    number: FormNumberSchema,
    officerId: IdSchema,
    caseId: IdSchema,
  }),
  z.object({
    type: z.literal("form.voided"),
    at: InstantSchema,
    number: FormNumberSchema,
    officerId: IdSchema,
    reason: z.string().trim().min(1),
  }),
]);
/** 决定书登记事件 (see {@link FormRegisterEventSchema}). */
export type FormRegisterEvent = z.infer<typeof FormRegisterEventSchema>;

/** 决定书状态 — one numbered form in the register. */
export interface FormEntry {
  /** The officer it was issued to (领用人). */
  readonly officerId: string;
  /** 未用 / 已用 / 作废. */
  readonly status: "issued" | "used" | "voided";
  /** The case it was used for. */
  readonly caseId?: string;
  /** 作废原因. */
  readonly voidReason?: string;
}

/** 决定书登记簿 — the fold of the register's events: each number's entry. */
export interface FormRegister {
  /** Entries by form number. */
  readonly forms: Readonly<Record<string, FormEntry>>;
}

/** The register before any form is issued. */
export const EMPTY_FORM_REGISTER: FormRegister = { forms: {} };

const invalid = (message: string, number: string, extra: Record<string, unknown> = {}) =>
  refuse("FORM_NUMBER_INVALID", message, SRC.form, { number, ...extra });

/**
 * 决定书可用 — may `officerId` fill in form `number` now? Refused (`FORM_NUMBER_INVALID`,
 * Art. 52) when the number was never issued, was issued to another officer, or was already
 * used or voided.
 */
export function checkFormUsable(
  register: FormRegister,
  number: string,
  officerId: string,
): Result<FormEntry, SanxiangError> {
  const entry = register.forms[number];
  if (entry === undefined) return err(invalid(`决定书编号 ${number} 未经登记领用`, number));
  if (entry.officerId !== officerId) {
    return err(invalid(`决定书编号 ${number} 未领用给该执法人员`, number, { issuedTo: entry.officerId }));
  }
  if (entry.status === "used") {
    return err(invalid(`决定书编号 ${number} 已用于案件 ${entry.caseId ?? ""}，不得重复使用`, number));
  }
  if (entry.status === "voided") return err(invalid(`决定书编号 ${number} 已作废，不得使用`, number));
  return ok(entry);
}

/**
 * 决定书登记 — the pure decider of the form register: given the register and an event an
 * app proposes, the same event when the register allows it, or the refusal. Issuing a
 * number already in the register, using or voiding a number not open to that officer, all
 * refuse with `FORM_NUMBER_INVALID`; a malformed event with `INVALID_INPUT`.
 */
export function decideFormEvent(
  register: FormRegister,
  input: z.input<typeof FormRegisterEventSchema>,
): Result<FormRegisterEvent, SanxiangError> {
  const texts = checkInputTexts(input, "决定书登记事件无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = FormRegisterEventSchema.safeParse(input);
  if (!parsed.success) {
    return err(sanxiangError("INVALID_INPUT", "决定书登记事件无效", { details: { issues: parsed.error.issues } }));
  }
  const e = parsed.data;
  if (e.type === "form.issued") {
    const seen = new Set<string>();
    for (const n of e.numbers) {
      if (register.forms[n] !== undefined || seen.has(n))
        return err(invalid(`决定书编号 ${n} 已登记，不得重复领用`, n));
      seen.add(n);
    }
    return ok(e);
  }
  const usable = checkFormUsable(register, e.number, e.officerId);
  return usable.isErr() ? err(usable.error) : ok(e);
}

/** 登记演进 — the register after `event` (pure; apply only events {@link decideFormEvent} accepted). */
export function evolveFormRegister(register: FormRegister, e: FormRegisterEvent): FormRegister {
  const forms = { ...register.forms };
  switch (e.type) {
    case "form.issued":
      for (const n of e.numbers) forms[n] = { officerId: e.officerId, status: "issued" };
      break;
    case "form.used":
      forms[e.number] = { officerId: e.officerId, status: "used", caseId: e.caseId };
      break;
    case "form.voided":
      forms[e.number] = { officerId: e.officerId, status: "voided", voidReason: e.reason };
      break;
  }
  return { forms };
}

/** The register as the fold of its events, oldest first. */
export function foldFormRegister(events: readonly FormRegisterEvent[]): FormRegister {
  return events.reduce(evolveFormRegister, EMPTY_FORM_REGISTER);
}
