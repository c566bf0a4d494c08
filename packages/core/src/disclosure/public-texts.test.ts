// Issue 13 §1.1 and §1.3: every text that reaches the public site is checked, whatever field it
// came from — the title, the body's name, correction notes, withdrawal reasons, not only the
// content — and an organisation party's key is published only when it is a valid USCC.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CaseParty } from "../enforcement/commands.js";
import { inMemoryEventStore } from "../enforcement/store.js";
import type { Actor } from "../kernel/actors.js";
import type { SanxiangError } from "../kernel/errors.js";
import { ok } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import { publicPartyOf, withPartyKeyNote } from "./after-common.js";
import type { DisclosureCommandInput } from "./commands.js";
import { decideDisclosure } from "./decide.js";
import type { DisclosureDraft } from "./draft.js";
import { type DisclosureState, evolveDisclosure, initialDisclosureState } from "./fold.js";
import { memoryPublisher } from "./memory-publisher.js";
import {
  checkPublishedItem,
  checkWithdrawalNotice,
  isPublicCreditCode,
  publicIdentifiersOf,
  publicTextsOfItem,
} from "./published-item.js";
import type { Publisher } from "./publisher.js";
import { DEFAULT_DISCLOSURE_POLICY } from "./rules.js";
import {
  type DisclosureContent,
  type PublishedItem,
  PublishedItemSchema,
  type WithdrawalNotice,
  WithdrawalNoticeSchema,
} from "./schema.js";
import { loadDisclosure, publishDisclosure } from "./service.js";
import {
  dctx,
  decisionContent,
  decisionDraft,
  disclosureId,
  hashOf,
  headActor,
  MOBILE,
  officerActor,
  publisherActor,
  RESIDENT_ID,
} from "./workflow-test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
/** A valid 统一社会信用代码 (GB 32100-2015 check character). */
const USCC = "91640502MA76XXXX1Q";

/** A valid 撤回公告 (withdrawal notice): the tests below change one field of it at a time. */
const WITHDRAWAL_NOTICE: WithdrawalNotice = {
  id: disclosureId,
  kind: "decision",
  title: "行政处罚决定",
  bodyName: "中卫市沙坡头区司法局",
  withdrawnAt: T("20"),
  reason: "原决定被撤销",
  source: { law: "行政处罚法", article: 48, paragraph: 2, section: "二", confidence: "C-law", url: "https://x.cn" },
};

// One content of each kind with every optional field present and every array non-empty: the
// test below checks against the schema that nothing is missing, so a new field must be added
// here, and is then probed like every other.
const MAXIMAL: readonly DisclosureContent[] = [
  {
    kind: "body",
    name: "某局",
    nature: "行政机关",
    authority: ["《某法》第一条"],
    categories: ["市场监管"],
    address: "某路1号",
    phone: "0955-7012345",
  },
  {
    kind: "officer",
    name: "张三",
    bodyName: "某局",
    certificateNumber: "640502190001",
    categories: ["市场监管"],
    post: "科员",
    validUntil: "2027-12-31",
  },
  {
    kind: "power",
    code: "330217001000",
    name: "对某行为的处罚",
    powerKind: "行政处罚",
    basis: ["《某法》第二条"],
    bodyName: "某局",
    unit: "执法科",
    supervision: "投诉举报",
    supervisionPhone: "0955-12315",
    accountability: ["不依法履职的"],
  },
  {
    kind: "serviceGuide",
    itemCode: "640500-001",
    name: "某许可",
    basis: ["《某条例》第三条"],
    acceptingBody: "政务大厅",
    approvingBody: "某局",
    conditions: ["有固定场所"],
    materials: ["申请书"],
    process: ["受理、审查、决定"],
    timeLimit: "20个工作日",
    supervision: "投诉举报",
    officeHours: "工作日9:00-17:00",
    address: "政务大厅3号窗口",
    phone: "0955-7012346",
  },
  {
    kind: "flowchart",
    name: "一般程序流程图",
    chart: {
      procedure: "penalty.ordinary",
      steps: [{ id: "filing", name: "立案" }],
      transitions: [{ from: "filing", to: "investigation", label: "立案" }],
    },
  },
  {
    kind: "inspectionItem",
    code: "JC-001",
    name: "某检查",
    subItem: "某子项",
    bodyName: "某局",
    targets: "经营者",
    basis: ["《某法》第四条"],
    methods: ["现场检查"],
    ratio: "5%",
    timesPerYear: 1,
  },
  {
    kind: "benchmark",
    name: "某违法行为",
    basis: ["《某法》第五条"],
    tiers: [{ circumstance: "轻微", penalty: "警告" }],
  },
  {
    kind: "enforcementAct",
    act: "现场检查",
    actOn: "2025-03-10",
    officers: [{ name: "张三", certificateNumber: "640502190001" }],
    documents: ["现场笔录"],
    party: { kind: "organisation", name: "某公司", creditCode: USCC },
  },
  {
    ...decisionContent,
    party: { kind: "organisation", name: "某公司", creditCode: USCC },
    facts: "经查，当事人未按规定办理变更登记。",
    confiscationFen: 100,
  },
];

const itemOf = (content: DisclosureContent): PublishedItem => ({
  id: `gs-${content.kind}-1`,
  kind: content.kind,
  phase: content.kind === "decision" ? "after" : content.kind === "enforcementAct" ? "during" : "before",
  title: "某局公示信息",
  bodyId: "spt",
  bodyName: "中卫市沙坡头区司法局",
  content,
  contentHash: hashOf(content),
  contentHashAlgorithm: "sm3",
  version: 2,
  publishedAt: "2025-03-11T02:00:00Z",
  updatedAt: "2025-03-12T02:00:00Z",
  corrections: [{ at: "2025-03-12T02:00:00Z", reason: "更正文字错误" }],
  publicUntil: "2028-03-11",
  source: {
    law: "国办发〔2018〕118号",
    article: 1,
    paragraph: 1,
    item: 1,
    section: "二（三）",
    confidence: "C-law",
    url: "https://example.gov.cn/a",
  },
});

type Path = readonly (string | number)[];

function pathText(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s === "" ? k : `${s}.${k}`), "");
}

/** Every leaf of a value: path and value. */
function leavesOf(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
  }
  return [{ path, value }];
}

/** Every leaf path a schema allows, arrays as index 0, the discriminated union by `kind`. */
function schemaLeaves(schema: z.ZodType, path: Path, kind: string, out: Set<string>): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case "readonly":
    case "optional":
    case "nullable":
    case "default":
      schemaLeaves(def.innerType as z.ZodType, path, kind, out);
      return;
    case "object":
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        schemaLeaves(v, [...path, k], kind, out);
      }
      return;
    case "array":
      schemaLeaves(def.element as z.ZodType, [...path, 0], kind, out);
      return;
    case "union": {
      const options = def.options as z.ZodType[];
      const chosen = options.filter((o) => {
        const inner = (o as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; shape?: unknown } } })._zod
          .def;
        const obj = inner.type === "readonly" ? (inner.innerType as unknown as typeof o) : o;
        const shape = (obj as unknown as { _zod: { def: { shape?: Record<string, z.ZodType> } } })._zod.def.shape;
        const lit = shape?.kind as unknown as { _zod: { def: { type: string; values?: unknown[] } } } | undefined;
        return lit === undefined || lit._zod.def.type !== "literal" || lit._zod.def.values?.includes(kind) === true;
      });
      for (const o of chosen) schemaLeaves(o, path, kind, out);
      return;
    }
    default:
      out.add(pathText(path));
  }
}

function setAt<T>(value: T, path: Path, leaf: unknown): T {
  if (path.length === 0) return leaf as T;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v)) as T;
  const o = value as Record<string, unknown>;
  return { ...o, [head as string]: setAt(o[head as string], rest, leaf) } as T;
}

const findingPaths = (e: SanxiangError): string[] =>
  ((e.details?.findings ?? []) as { path: string }[]).map((f) => f.path);

describe("the public texts of a published item are enumerated in one place (issue 13 §1.1)", () => {
  it("the maximal samples hold every field the schema allows, and pass the check as they are", () => {
    for (const content of MAXIMAL) {
      const item = itemOf(content);
      expect(PublishedItemSchema.safeParse(item).success).toBe(true);
      const fromSchema = new Set<string>();
      schemaLeaves(PublishedItemSchema, [], content.kind, fromSchema);
      const fromSample = new Set(leavesOf(item).map((l) => pathText(l.path)));
      expect([...fromSchema].sort()).toEqual([...fromSample].sort());
      expect(checkPublishedItem(item).isOk()).toBe(true);
    }
  });

  // Every string field of the schema that can hold a resident ID number is caught there, at
  // its own path: a new text field the enumeration does not cover fails here.
  it("a resident ID number in ANY string field that admits it is refused, at that field's path", () => {
    const probed = new Set<string>();
    for (const content of MAXIMAL) {
      const item = itemOf(content);
      for (const leaf of leavesOf(item)) {
        if (typeof leaf.value !== "string") continue;
        const bad = setAt(item, leaf.path, RESIDENT_ID);
        if (!PublishedItemSchema.safeParse(bad).success) continue;
        const r = checkPublishedItem(bad);
        const path = pathText(leaf.path);
        expect(r.isErr(), path).toBe(true);
        expect(r._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
        expect(findingPaths(r._unsafeUnwrapErr()), path).toContain(path);
        probed.add(path);
      }
    }
    // Non-vacuity: the fields the hostile run used, and identifiers that were trusted before.
    for (const p of [
      "id",
      "title",
      "bodyId",
      "bodyName",
      "corrections[0].reason",
      "content.facts",
      "content.documentNumber",
      "content.party.creditCode",
      "content.certificateNumber",
      "content.officers[0].certificateNumber",
      "source.law",
    ]) {
      expect(probed).toContain(p);
    }
  });

  it("publicTextsOfItem lists exactly the strings of the item that are not values (enums, dates, instants, hashes)", () => {
    const item = itemOf(MAXIMAL[MAXIMAL.length - 1] as DisclosureContent);
    const texts = publicTextsOfItem(item).map((t) => t.path);
    const strings = leavesOf(item)
      .filter((l) => typeof l.value === "string")
      .map((l) => pathText(l.path));
    const values = strings.filter((p) => !texts.includes(p));
    expect(values.sort()).toEqual(
      [
        "kind",
        "phase",
        "contentHash",
        "contentHashAlgorithm",
        "publishedAt",
        "updatedAt",
        "publicUntil",
        "corrections[0].at",
        "content.kind",
        "content.category",
        "content.decidedOn",
        "content.party.kind",
        "source.confidence",
      ].sort(),
    );
  });

  it("every string field of a withdrawal notice that admits a resident ID number is refused", () => {
    expect(checkWithdrawalNotice(WITHDRAWAL_NOTICE).isOk()).toBe(true);
    const probed: string[] = [];
    for (const leaf of leavesOf(WITHDRAWAL_NOTICE)) {
      const bad = setAt(WITHDRAWAL_NOTICE, leaf.path, RESIDENT_ID);
      if (typeof leaf.value !== "string" || !WithdrawalNoticeSchema.safeParse(bad).success) continue;
      const r = checkWithdrawalNotice(bad);
      expect(findingPaths(r._unsafeUnwrapErr())).toContain(pathText(leaf.path));
      probed.push(pathText(leaf.path));
    }
    expect(probed).toEqual(expect.arrayContaining(["id", "title", "bodyName", "reason", "source.law"]));
  });
});

interface Walk {
  state: DisclosureState;
  events: CaseEvent[];
}

function step(w: Walk, cmd: DisclosureCommandInput, now: string, actor: Actor): void {
  const r = decideDisclosure(w.state, cmd, dctx(now, actor));
  if (r.isErr()) throw new Error(`${cmd.type}: ${r.error.code} ${r.error.message}`);
  for (const e of r.value) w.state = evolveDisclosure(w.state, e)._unsafeUnwrap();
  w.events.push(...r.value);
}

function refusal(w: Walk, cmd: DisclosureCommandInput, now: string, actor: Actor): SanxiangError {
  const r = decideDisclosure(w.state, cmd, dctx(now, actor));
  if (r.isOk()) throw new Error(`${cmd.type} was accepted`);
  return r.error;
}

function drafted(draft: DisclosureDraft = decisionDraft): Walk {
  const w: Walk = { state: initialDisclosureState(disclosureId), events: [] };
  step(w, { type: "disclosure.draft", draft }, T("10", "08"), officerActor);
  return w;
}

function published(): Walk {
  const w = drafted();
  step(w, { type: "disclosure.approve", contentHash: hashOf(decisionContent) }, T("11"), headActor);
  step(w, { type: "disclosure.publish", channel: "政府网站" }, T("12"), publisherActor);
  return w;
}

describe("no public text holds a control or bidirectional-override character (政府信息公开条例 Art. 6)", () => {
  const UNSAFE = [
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u200e",
    "\u061c",
    "\u0000",
    "\u001b",
    "\u0007",
    "\u007f",
    "\u0085",
    "\u000b",
  ];
  it("in ANY string field of an item, each is refused as INVALID_INPUT naming the path, the character and where", () => {
    let probed = 0;
    for (const content of MAXIMAL) {
      const item = itemOf(content);
      for (const leaf of leavesOf(item)) {
        if (typeof leaf.value !== "string") continue;
        for (const ch of UNSAFE) {
          const bad = setAt(item, leaf.path, `公示${ch}内容`);
          if (!PublishedItemSchema.safeParse(bad).success) continue;
          const texts = publicTextsOfItem(bad).map((t) => t.path);
          const path = pathText(leaf.path);
          if (!texts.includes(path)) continue; // a value (enum, date, hash): not a public text
          const r = checkPublishedItem(bad);
          expect(r.isErr(), `${path} ${JSON.stringify(ch)}`).toBe(true);
          const e = r._unsafeUnwrapErr();
          expect(e.code).toBe("INVALID_INPUT");
          expect(e.source).toMatchObject({ law: "政府信息公开条例", article: 6 });
          expect(e.details).toMatchObject({
            path,
            codePoint: `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
            at: 2,
          });
          probed++;
        }
      }
    }
    expect(probed).toBeGreaterThan(100);
  });

  it("tab and line breaks, and every other character of ordinary text, stay allowed", () => {
    const item = itemOf(MAXIMAL[0] as DisclosureContent);
    expect(checkPublishedItem({ ...item, title: "行政处罚决定书\n第一页\t（一）\r\n（二）" }).isOk()).toBe(true);
    // Zero-width and other format characters are not refused here (the detector strips them to look for numbers).
    expect(checkPublishedItem({ ...item, title: "行政\u200b处罚" }).isOk()).toBe(true);
  });

  it("a withdrawal reason with a right-to-left override is refused", () => {
    expect(checkWithdrawalNotice(WITHDRAWAL_NOTICE).isOk()).toBe(true);
    const r = checkWithdrawalNotice({ ...WITHDRAWAL_NOTICE, reason: "决定已被撤销\u202e1234" });
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(r._unsafeUnwrapErr().details).toMatchObject({ path: "reason", codePoint: "U+202E" });
  });
});

describe("the workflow checks every public text (issue 13 §1.1)", () => {
  it("sign-off refuses a title or body name holding a resident ID, a mobile or a bank account", () => {
    for (const [field, value] of [
      ["title", `行政处罚决定（当事人身份证${RESIDENT_ID}）`],
      ["title", `行政处罚决定 联系电话${MOBILE}`],
      ["bodyName", `中卫市沙坡头区司法局 银行账号为6222021234567890123`],
    ] as const) {
      const w = drafted({ ...decisionDraft, [field]: value });
      const e = refusal(w, { type: "disclosure.approve", contentHash: hashOf(decisionContent) }, T("11"), headActor);
      expect(e.code).toBe("REDACTION_INCOMPLETE");
      expect(findingPaths(e)).toContain(field);
    }
  });

  it("a correction's public note (更正说明) is checked when the correction is recorded", () => {
    const w = published();
    const corrected = { ...decisionContent, conclusion: "罚款人民币4,000.00元" };
    const e = refusal(
      w,
      {
        type: "disclosure.correct",
        content: corrected,
        reason: `当事人（手机 ${MOBILE.slice(0, 3)} ${MOBILE.slice(3, 7)} ${MOBILE.slice(7)}）申请更正`,
      },
      T("13"),
      publisherActor,
    );
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(findingPaths(e)).toEqual(["reason"]);
    step(w, { type: "disclosure.correct", content: corrected, reason: "罚款数额更正" }, T("13"), publisherActor);
    expect(w.state.value).toBe("correcting");
  });

  it("a withdrawal reason (撤回理由) with a resident ID written with full-width spaces is refused", () => {
    const w = published();
    const spaced = `${RESIDENT_ID.slice(0, 6)}\u3000${RESIDENT_ID.slice(6, 14)}\u3000${RESIDENT_ID.slice(14)}`;
    const e = refusal(w, { type: "disclosure.withdraw", reason: `复议撤销，申请人${spaced}` }, T("14"), publisherActor);
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(findingPaths(e)).toEqual(["reason"]);
    step(w, { type: "disclosure.withdraw", reason: "原决定经复议被撤销" }, T("14"), publisherActor);
    expect(w.state.value).toBe("withdrawn");
  });

  // A stream signed off before these checks (or by code that skipped them): its publication
  // is refused by the decider, so publishDisclosure never reaches the Publisher port.
  it("publication refuses an item whose title leaks, before the Publisher port is called", async () => {
    const store = inMemoryEventStore();
    const draft = { ...decisionDraft, title: `行政处罚决定（家住中卫市某路3号）` };
    const w = drafted(draft);
    const approved: CaseEvent = {
      caseId: disclosureId,
      seq: 2,
      type: "disclosure.approved",
      at: T("11"),
      actor: { id: headActor.id, roles: [...headActor.roles] },
      stage: "decision",
      payload: { at: T("11"), approverId: headActor.id, contentHash: hashOf(decisionContent) },
    };
    (await store.append(disclosureId, 0, [...w.events, approved]))._unsafeUnwrap();
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("approved");
    const inner = memoryPublisher();
    let calls = 0;
    const spy: Publisher = {
      ...inner,
      publish: (item) => {
        calls++;
        return inner.publish(item);
      },
    };
    const r = await publishDisclosure(store, spy, disclosureId, dctx(T("12"), publisherActor));
    expect(r._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
    expect(findingPaths(r._unsafeUnwrapErr())).toEqual(["title"]);
    expect(calls).toBe(0);
    expect((await loadDisclosure(store, disclosureId))._unsafeUnwrap().value).toBe("approved");
  });
});

describe("an organisation party's key is its credit code only when it is a valid USCC (issue 13 §1.3)", () => {
  const soleTrader: CaseParty = { kind: "organisation", name: "某某便利店（个体工商户）", partyId: RESIDENT_ID };

  it("a valid USCC is published and public; a resident ID or any other key is neither", () => {
    expect(isPublicCreditCode(USCC)).toBe(true);
    expect(publicPartyOf({ kind: "organisation", name: "某公司", partyId: USCC })).toEqual({
      kind: "organisation",
      name: "某公司",
      creditCode: USCC,
    });
    expect(publicPartyOf(soleTrader)).toEqual({ kind: "organisation", name: "某某便利店（个体工商户）" });
    expect(publicPartyOf({ kind: "organisation", name: "某公司", partyId: "91640502MA76XXXX1A" })).not.toHaveProperty(
      "creditCode",
    );
  });

  it("a resident ID in creditCode is not a public identifier: it is found in creditCode and everywhere else", () => {
    const content: DisclosureContent = {
      ...decisionContent,
      party: { kind: "organisation", name: "某某便利店", creditCode: RESIDENT_ID },
      facts: `经营者（${RESIDENT_ID}）销售过期食品`,
    };
    expect(publicIdentifiersOf(content)).toEqual([decisionContent.documentNumber]);
    const r = checkPublishedItem(itemOf(content));
    expect(findingPaths(r._unsafeUnwrapErr()).sort()).toEqual(["content.facts", "content.party.creditCode"]);
  });

  it("the draft of a sole trader keyed by the operator's ID records why no credit code is published", () => {
    const draft = withPartyKeyNote(
      ok({ ...decisionDraft, content: { ...decisionContent, party: publicPartyOf(soleTrader) } }),
      soleTrader,
      DEFAULT_DISCLOSURE_POLICY,
    )._unsafeUnwrap();
    expect(draft.redactions).toContainEqual({ path: "party.creditCode", field: "residentId", count: 1 });
    expect(JSON.stringify(draft)).not.toContain(RESIDENT_ID);
    // A valid code adds no note.
    const plain = withPartyKeyNote(ok(decisionDraft), { ...soleTrader, partyId: USCC }, DEFAULT_DISCLOSURE_POLICY);
    expect(plain._unsafeUnwrap().redactions).toEqual([]);
  });
});
