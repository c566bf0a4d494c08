// 身份核验 in the disclosure workflow (issue 15 §3): with the registry in the context, the
// sign-off is a registered head's of the disclosing body (谁履职、谁公示, pilot plan 二（一）（2）),
// the upload a registered, in-post member of its staff; a claimed role the registry does not
// back is refused with a code that names the officer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../kernel/actors.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import type { DisclosureCommandInput } from "./commands.js";
import { decideDisclosure } from "./decide.js";
import { type DisclosureState, evolveDisclosure, initialDisclosureState } from "./fold.js";
import {
  calendar,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  officerActor,
  publisherActor,
  systemActor,
} from "./workflow-test-fixtures.js";

const body = (id: string, name: string) => ({
  id,
  name,
  kind: "agency" as const,
  authority: [{ law: "律师法", article: 52, paragraph: 1 }],
  regionCode: "640502",
  categories: ["律师管理"],
  effectiveFrom: "2019-01-01",
});
const officer = (id: string, name: string, bodyId: string, n: number, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  bodyId,
  certificateNumber: `6405021900${String(n).padStart(2, "0")}`,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil: "2028-12-31",
  status: "active" as const,
  effectiveFrom: "2019-01-01",
  ...extra,
});

/** h heads spt, d is its deputy, p and a are its staff, s is suspended, x heads another body. */
const bodies = createBodiesRegistry({
  issuers: [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }],
  bodies: [body("spt", "中卫市沙坡头区司法局"), body("zw", "中卫市司法局")],
  officers: [
    officer("h", "局长", "spt", 1, { leadership: "principal" }),
    officer("d", "副局长", "spt", 2, { leadership: "deputy" }),
    officer("p", "公示员", "spt", 3),
    officer("a", "甲", "spt", 4),
    officer("s", "停职人员", "spt", 5, { status: "suspended", leadership: "deputy" }),
    officer("x", "他局局长", "zw", 6, { leadership: "principal" }),
  ],
})._unsafeUnwrap();

const T = (day: string) => `2025-03-${day}T02:00:00Z`;

function act(state: DisclosureState, cmd: DisclosureCommandInput, actor: Actor, now = T("11"), registry = true) {
  return decideDisclosure(state, cmd, { actor, now, calendar, ...(registry ? { bodies } : {}) });
}

function drafted(): DisclosureState {
  let s = initialDisclosureState(disclosureId);
  const r = act(s, { type: "disclosure.draft", draft: decisionDraft }, officerActor, T("10"));
  for (const e of r._unsafeUnwrap()) s = evolveDisclosure(s, e)._unsafeUnwrap();
  return s;
}

const approve: DisclosureCommandInput = { type: "disclosure.approve", contentHash: hashOf(decisionContent) };

describe("disclosure sign-off by a registered head of the disclosing body", () => {
  it("the principal or a deputy head of record signs off", () => {
    expect(act(drafted(), approve, headActor).isOk()).toBe(true);
    expect(act(drafted(), approve, { id: "d", name: "副局长", roles: ["head"] }).isOk()).toBe(true);
  });

  it("a staff member claiming head is ROLE_NOT_BACKED, naming the officer and citing the sign-off rule", () => {
    const fake: Actor = { id: "p", name: "公示员", roles: ["head"], bodyId: "spt" };
    const e = act(drafted(), approve, fake)._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.message).toContain("公示员（p）");
    expect(e.details).toMatchObject({ actorId: "p", claimed: "head" });
    expect(e.source).toMatchObject({ section: "二（一）（2）" });
  });

  it("a head absent from the registry, or of another body, is ACTOR_NOT_REGISTERED", () => {
    const ghost: Actor = { id: "ghost", name: "无名", roles: ["head"], bodyId: "spt" };
    expect(act(drafted(), approve, ghost)._unsafeUnwrapErr()).toMatchObject({
      code: "ACTOR_NOT_REGISTERED",
      details: { reason: "notInRegistry" },
    });
    // Claiming spt does not help: the registry says x belongs to zw.
    const x: Actor = { id: "x", name: "他局局长", roles: ["head"], bodyId: "spt" };
    expect(act(drafted(), approve, x)._unsafeUnwrapErr()).toMatchObject({
      code: "ACTOR_NOT_REGISTERED",
      details: { reason: "otherBody", bodyId: "spt" },
    });
  });

  it("a suspended head is OFFICER_NOT_QUALIFIED", () => {
    const e = act(drafted(), approve, { id: "s", name: "停职人员", roles: ["head"] })._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.details).toMatchObject({ reason: "statusNotActive", status: "suspended" });
  });

  it("without a registry only the claimed body is compared (standalone use)", () => {
    const fake: Actor = { id: "p", name: "公示员", roles: ["head"], bodyId: "spt" };
    expect(act(drafted(), approve, fake, T("11"), false).isOk()).toBe(true);
  });
});

describe("disclosure drafting and upload by registered staff", () => {
  it("an unregistered drafter is refused and the platform's job needs no record", () => {
    let s = initialDisclosureState(disclosureId);
    const stranger: Actor = { id: "q", name: "外来人员", roles: ["officer"] };
    expect(act(s, { type: "disclosure.draft", draft: decisionDraft }, stranger, T("10"))._unsafeUnwrapErr().code).toBe(
      "ACTOR_NOT_REGISTERED",
    );
    for (const e of act(s, { type: "disclosure.draft", draft: decisionDraft }, officerActor, T("10"))._unsafeUnwrap()) {
      s = evolveDisclosure(s, e)._unsafeUnwrap();
    }
    for (const e of act(s, approve, headActor)._unsafeUnwrap()) s = evolveDisclosure(s, e)._unsafeUnwrap();
    const publish: DisclosureCommandInput = { type: "disclosure.publish", channel: "website" };
    expect(act(s, publish, { id: "x", name: "他局局长", roles: ["publisher"] })._unsafeUnwrapErr().code).toBe(
      "ACTOR_NOT_REGISTERED",
    );
    for (const e of act(s, publish, publisherActor)._unsafeUnwrap()) s = evolveDisclosure(s, e)._unsafeUnwrap();
    // The platform's scheduled job records the withdrawal duty without a registry record.
    const withdraw: DisclosureCommandInput = {
      type: "disclosure.requireWithdrawal",
      cause: "revoked",
      changedOn: "2025-03-11",
    };
    expect(act(s, withdraw, systemActor).isOk()).toBe(true);
  });
});

describe("property: no sign-off by anyone the registry does not record as an in-post head of the body", () => {
  const ids = ["h", "d", "p", "a", "s", "x", "ghost"];
  const roleSets: Role[][] = [["head"], ["head", "publisher"], ["officer", "head"]];
  it("holds for every registered or unknown actor, whatever body they claim", () => {
    const base = drafted();
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...roleSets),
        fc.constantFrom<string | undefined>(undefined, "spt", "zw"),
        (id, roles, claimed) => {
          const actor: Actor = { id, name: `人员${id}`, roles, ...(claimed === undefined ? {} : { bodyId: claimed }) };
          const r = act(base, approve, actor);
          const o = bodies.officer(id, "2025-03-11");
          const backed =
            o.isOk() &&
            o.value.bodyId === "spt" &&
            o.value.status === "active" &&
            o.value.leadership !== undefined &&
            (claimed === undefined || claimed === "spt");
          expect(r.isOk()).toBe(backed);
          if (r.isOk()) expect(r.value[0]?.payload).toMatchObject({ approverId: id });
          else expect(r.error.details).toMatchObject({ actorId: id });
        },
      ),
      { numRuns: 120 },
    );
  });
});
