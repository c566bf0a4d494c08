// Generates docs/commands.md: every command of every procedure — its fields (from the zod
// schemas), who may issue it (the permission tables and DEFAULT_PERMISSIONS), in which states
// it is accepted (the state machines), and the refusals it can return (ERROR_GUIDE; the
// command-specific codes from REFUSALS below). With --check nothing is written: the run fails
// when docs/commands.md differs, or when a command has no REFUSALS entry (test/generated.test.ts).
//
//   node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-commands.ts [--check]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  COMMAND_EVENTS,
  COMMAND_PERMISSIONS,
  DEFAULT_PERMISSIONS,
  DISCLOSURE_COMMAND_EVENTS,
  DISCLOSURE_COMMAND_PERMISSIONS,
  DISCLOSURE_STATE_NAMES,
  DISCLOSURE_STATES,
  DisclosureCommandSchema,
  disclosureEventsAcceptedIn,
  ERROR_CODES,
  eventsAcceptedIn,
  INSPECTION_PERMISSIONS,
  InspectionCommandSchema,
  PENALTY_STATE_NAMES,
  PENALTY_STATES,
  PenaltyCommandSchema,
  type Permission,
  REVIEW_COMMAND_EVENTS,
  REVIEW_COMMAND_PERMISSIONS,
  REVIEW_STATE_NAMES,
  REVIEW_STATES,
  ReviewCommandSchema,
  ROLE_NAMES,
  reviewEventsAcceptedIn,
  type SanxiangErrorCode,
  SeizureCommandSchema,
  SIMPLIFIED_PERMISSIONS,
  SimplifiedCommandSchema,
} from "@sanxiang/core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const output = resolve(root, "docs/commands.md");

/** Codes any command of a case procedure can return before its own rules run. */
const COMMON: readonly SanxiangErrorCode[] = [
  "INVALID_INPUT",
  "INSTANT_INVALID",
  "PERMISSION_DENIED",
  "COMMAND_NOT_ALLOWED",
];

/**
 * The refusals specific to each command (besides {@link COMMON}), read from its decider. A new
 * command needs its row here: `--check` fails without one. test/generated.test.ts checks that
 * each code named is raised in the procedure's source.
 */
export const REFUSALS: Readonly<Record<string, readonly SanxiangErrorCode[]>> = {
  // 普通程序 (packages/core/src/enforcement)
  "case.file": ["OFFICERS_INSUFFICIENT", "OFFICER_NOT_QUALIFIED", "LIMITATION_EXPIRED", "RECORDING_INCOMPLETE"],
  "officers.assign": ["OFFICERS_INSUFFICIENT", "OFFICER_NOT_QUALIFIED"],
  "investigation.record": ["OFFICERS_INSUFFICIENT", "OFFICER_NOT_QUALIFIED", "RECORDING_INCOMPLETE", "RECORD_CONFLICT"],
  "investigation.close": [],
  "notice.serve": [
    "OFFICERS_INSUFFICIENT",
    "OFFICER_NOT_QUALIFIED",
    "PENALTY_OUT_OF_RANGE",
    "RECORDING_INCOMPLETE",
    "CALENDAR_YEAR_UNKNOWN",
  ],
  "defence.receive": [],
  "defence.waive": ["RECORDING_INCOMPLETE"],
  "hearing.request": [],
  "hearing.notify": ["RECORDING_INCOMPLETE", "CALENDAR_YEAR_UNKNOWN"],
  "hearing.hold": ["RECORDING_INCOMPLETE"],
  "discussion.hold": ["DISCUSSION_QUORUM_NOT_MET", "ACTOR_NOT_REGISTERED", "OFFICER_NOT_QUALIFIED", "ROLE_NOT_BACKED"],
  "circumstances.record": [],
  "review.approve": ["REVIEW_NOT_APPROVED", "REVIEWER_RECUSAL_REQUIRED", "REGISTRY_NOT_FOUND", "OFFICER_NOT_QUALIFIED"],
  "case.decide": [
    "DECISION_WITHOUT_NOTICE",
    "STATEMENT_PERIOD_OPEN",
    "HEARING_PENDING",
    "PENALTY_INCREASED_AFTER_DEFENCE",
    "PENALTY_OUT_OF_RANGE",
    "REVIEW_NOT_APPROVED",
    "COLLECTIVE_DISCUSSION_REQUIRED",
    "BENCHMARK_NOT_APPLIED",
    "BENCHMARK_DEVIATION_UNRECORDED",
    "RECORDING_INCOMPLETE",
  ],
  "decision.serve": [
    "SERVICE_WITHOUT_CONSENT",
    "PUBLICATION_NOTICE_MISSING",
    "RECORDING_INCOMPLETE",
    "CALENDAR_YEAR_UNKNOWN",
  ],
  "payment.record": ["MONEY_INVALID"],
  "case.close": [],
  "case.archive": ["RECORDING_INCOMPLETE"],
  "preservation.approve": ["RECORD_CONFLICT"],
  "preservation.register": ["OFFICERS_INSUFFICIENT", "RECORDING_INCOMPLETE", "RECORD_CONFLICT"],
  "preservation.handle": ["RECORD_CONFLICT"],
  "coercion.act": ["COERCION_NOT_APPROVED", "COERCION_PERIOD_EXPIRED", "OFFICERS_INSUFFICIENT", "RECORDING_INCOMPLETE"],
  "transfer.report": ["RECORDING_INCOMPLETE"],
  "transfer.send": ["RECORDING_INCOMPLETE"],
  "transfer.answer": [],
  "period.exclude": [],
  "remedy.record": [],
  "service.consent": ["RECORDING_INCOMPLETE"],
  "payment.defer": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.demand": ["EXECUTION_PREMATURE", "EXECUTION_HALTED", "SERVICE_WITHOUT_CONSENT", "RECORDING_INCOMPLETE"],
  "execution.defence": ["RECORDING_INCOMPLETE"],
  "execution.decide": ["EXECUTION_PREMATURE", "EXECUTION_HALTED", "EXECUTION_MEANS_FORBIDDEN", "RECORDING_INCOMPLETE"],
  "execution.serve": ["EXECUTION_HALTED", "SERVICE_WITHOUT_CONSENT", "RECORDING_INCOMPLETE"],
  "execution.act": [
    "EXECUTION_PREMATURE",
    "EXECUTION_HALTED",
    "EXECUTION_MEANS_FORBIDDEN",
    "EXECUTION_AT_NIGHT_OR_HOLIDAY",
    "RECORDING_INCOMPLETE",
  ],
  "execution.apply": ["EXECUTION_PREMATURE", "EXECUTION_HALTED", "COURT_APPLICATION_LATE", "RECORDING_INCOMPLETE"],
  "payment.instalments": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.courtAccept": ["EXECUTION_HALTED"],
  "execution.courtRule": ["EXECUTION_HALTED"],
  "execution.courtReconsider": ["EXECUTION_HALTED", "COURT_APPLICATION_LATE"],
  "execution.suspend": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.resume": ["RECORDING_INCOMPLETE"],
  "execution.terminate": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.cease": ["EXECUTION_PREMATURE", "EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.relieveSurcharge": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.agreementBreach": ["EXECUTION_PREMATURE", "EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  "execution.courtStatement": ["EXECUTION_HALTED", "RECORDING_INCOMPLETE"],
  // 查封、扣押 (coercion.act's `seizure`, packages/core/src/enforcement/coercion)
  "seizure.approve": ["COERCION_NOT_APPROVED", "REVIEW_NOT_APPROVED", "INVALID_INPUT", "ROLE_NOT_BACKED"],
  "seizure.report": ["COERCION_NOT_APPROVED"],
  "seizure.execute": ["COERCION_NOT_APPROVED", "OFFICERS_INSUFFICIENT", "RECORDING_INCOMPLETE"],
  "seizure.extend": [
    "COERCION_NOT_APPROVED",
    "COERCION_PERIOD_EXPIRED",
    "INVALID_INPUT",
    "RECORDING_INCOMPLETE",
    "REVIEW_NOT_APPROVED",
    "ROLE_NOT_BACKED",
  ],
  "seizure.exclude": ["COERCION_PERIOD_EXPIRED"],
  "seizure.handle": ["COERCION_PERIOD_EXPIRED"],
  "seizure.release": [],
  // 简易程序 (packages/core/src/enforcement/simplified)
  "onSpot.decide": [
    "SIMPLIFIED_CAP_EXCEEDED",
    "FORM_NUMBER_INVALID",
    "OFFICERS_INSUFFICIENT",
    "DECISION_WITHOUT_NOTICE",
    "PENALTY_OUT_OF_RANGE",
    "BENCHMARK_NOT_APPLIED",
    "BENCHMARK_DEVIATION_UNRECORDED",
    "RECORDING_INCOMPLETE",
  ],
  "onSpot.collect": ["ON_SPOT_COLLECTION_NOT_ALLOWED"],
  "cash.handOver": [],
  "cash.deposit": [],
  "decision.file": [],
  // 双随机检查 (packages/core/src/enforcement/inspection)
  "inspection.open": [
    "INSPECTION_DRAW_MISMATCH",
    "OFFICERS_INSUFFICIENT",
    "ACTOR_NOT_REGISTERED",
    "OFFICER_NOT_QUALIFIED",
  ],
  "inspection.record": [
    "OFFICERS_INSUFFICIENT",
    "OFFICER_NOT_QUALIFIED",
    "ACTOR_NOT_REGISTERED",
    "NOT_ON_CASE_TEAM",
    "RECORDING_INCOMPLETE",
  ],
  "inspection.conclude": ["NOT_ON_CASE_TEAM"],
  "inspection.publish": ["NOT_ON_CASE_TEAM"],
  // 法制审核 (packages/core/src/review)
  "review.submit": ["REVIEW_MATERIALS_INCOMPLETE", "ACTOR_NOT_REGISTERED", "OFFICER_NOT_QUALIFIED", "NOT_ON_CASE_TEAM"],
  "review.assign": [
    "OFFICER_NOT_QUALIFIED",
    "REVIEWER_RECUSAL_REQUIRED",
    "REGISTRY_NOT_FOUND",
    "ACTOR_NOT_REGISTERED",
    "ROLE_NOT_BACKED",
  ],
  "review.extend": ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED"],
  "review.escalate": ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED"],
  "review.advise": ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED"],
  "review.conclude": ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED", "OFFICER_NOT_QUALIFIED", "REVIEWER_RECUSAL_REQUIRED"],
  "review.resubmit": ["REVIEW_MATERIALS_INCOMPLETE", "ACTOR_NOT_REGISTERED", "NOT_ON_CASE_TEAM"],
  "review.dispute": ["ACTOR_NOT_REGISTERED", "NOT_ON_CASE_TEAM"],
  "review.discuss": ["DISCUSSION_QUORUM_NOT_MET", "ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED"],
  // 行政执法公示 (packages/core/src/disclosure); the registry codes when the context has `bodies`
  "disclosure.draft": ["REDACTION_INCOMPLETE", "DISCLOSURE_WITHHELD", "ACTOR_NOT_REGISTERED"],
  "disclosure.withhold": ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED"],
  "disclosure.revise": ["REDACTION_INCOMPLETE", "ACTOR_NOT_REGISTERED"],
  "disclosure.approve": [
    "DISCLOSURE_SIGNOFF_INVALID",
    "ACTOR_NOT_REGISTERED",
    "ROLE_NOT_BACKED",
    "OFFICER_NOT_QUALIFIED",
  ],
  "disclosure.publish": [
    "DISCLOSURE_NOT_APPROVED",
    "DISCLOSURE_WITHHELD",
    "REDACTION_INCOMPLETE",
    "ACTOR_NOT_REGISTERED",
  ],
  "disclosure.correct": ["REDACTION_INCOMPLETE", "ACTOR_NOT_REGISTERED"],
  "disclosure.requireWithdrawal": [],
  "disclosure.withdraw": ["ACTOR_NOT_REGISTERED"],
  "disclosure.expire": [],
  "disclosure.forward": [],
  "disclosure.endEarly": [],
};

/** Where each procedure lives, for test/generated.test.ts. */
export const PROCEDURE_SOURCES: Readonly<Record<string, string>> = {
  ordinary: "packages/core/src/enforcement",
  seizure: "packages/core/src/enforcement/coercion",
  simplified: "packages/core/src/enforcement/simplified",
  inspection: "packages/core/src/enforcement/inspection",
  review: "packages/core/src/review",
  disclosure: "packages/core/src/disclosure",
};

interface Procedure {
  readonly key: keyof typeof PROCEDURE_SOURCES;
  readonly title: string;
  readonly intro: string;
  readonly schema: { toJSONSchema(params?: { io?: "input" | "output"; unrepresentable?: "any" | "throw" }): unknown };
  readonly permission: (type: string) => readonly Permission[] | undefined;
  readonly states?: (type: string) => readonly string[];
}

type Json = { readonly [k: string]: unknown };
const asJson = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

/** The command variants of a discriminated union, as JSON schema (the input side: defaults optional). */
function variants(schema: Procedure["schema"]): Json[] {
  const js = asJson(schema.toJSONSchema({ io: "input", unrepresentable: "any" }));
  const list = (js.oneOf ?? js.anyOf) as unknown[] | undefined;
  return (list ?? [js]).map(asJson);
}

function typeOf(s: Json): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(", ")}`;
  const alts = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (alts !== undefined) return alts.map((a) => typeOf(asJson(a))).join(" or ");
  switch (s.type) {
    case "array":
      return `list of ${typeOf(asJson(s.items))}`;
    case "object":
      return "object";
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "string": {
      if (typeof s.description === "string") return s.description;
      const pattern = typeof s.pattern === "string" ? ` matching \`${s.pattern}\`` : "";
      const min = typeof s.minLength === "number" && s.minLength > 0 ? ", not empty" : "";
      return `text${pattern}${min}`;
    }
    case undefined:
      return "any";
    default:
      return String(s.type);
  }
}

const cell = (s: string): string => s.replaceAll("|", "\\|").replaceAll("\n", " ");

/** Rows `name | type | required` for an object schema, nested objects (and lists of them) flattened. */
function fieldRows(s: Json, prefix: string, depth: number): string[] {
  const props = asJson(s.properties);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const rows: string[] = [];
  for (const [name, raw] of Object.entries(props)) {
    if (prefix === "" && name === "type") continue;
    const p = asJson(raw);
    const path = `${prefix}${name}`;
    const def = p.default === undefined ? "" : ` (default \`${JSON.stringify(p.default)}\`)`;
    const desc = typeof p.description === "string" && p.type !== "string" ? ` — ${p.description}` : "";
    const req = required.has(name) && p.default === undefined ? "yes" : "no";
    rows.push(`| \`${path}\` | ${cell(typeOf(p) + def + desc)} | ${req} |`);
    if (depth < 3 && p.type === "object") rows.push(...fieldRows(p, `${path}.`, depth + 1));
    const items = asJson(p.items);
    if (depth < 3 && p.type === "array" && items.type === "object")
      rows.push(...fieldRows(items, `${path}[].`, depth + 1));
  }
  return rows;
}

function who(perms: readonly Permission[] | undefined): string {
  if (perms === undefined || perms.length === 0) return "—";
  return perms
    .map((p) => {
      const rule = DEFAULT_PERMISSIONS[p];
      const roles = rule.roles.map((r) => `${r}（${ROLE_NAMES[r]}）`).join(", ");
      return `permission \`${p}\` (${rule.description}): ${roles}`;
    })
    .join("; or ");
}

const errLink = (c: SanxiangErrorCode): string => `[\`${c}\`](errors.md#${c.toLowerCase()})`;

const ordinaryStates = (type: string): string[] => {
  const event = (COMMAND_EVENTS as Readonly<Record<string, string>>)[type];
  return PENALTY_STATES.filter((s) => event !== undefined && eventsAcceptedIn(s).includes(event)).map(
    (s) => `\`${s}\`（${PENALTY_STATE_NAMES[s]}）`,
  );
};
const reviewStates = (type: string): string[] => {
  const event = (REVIEW_COMMAND_EVENTS as Readonly<Record<string, string>>)[type];
  return REVIEW_STATES.filter((s) => event !== undefined && reviewEventsAcceptedIn(s).includes(event)).map(
    (s) => `\`${s}\`（${REVIEW_STATE_NAMES[s]}）`,
  );
};
const disclosureStates = (type: string): string[] => {
  const event = (DISCLOSURE_COMMAND_EVENTS as Readonly<Record<string, string>>)[type];
  return DISCLOSURE_STATES.filter((s) => event !== undefined && disclosureEventsAcceptedIn(s).includes(event)).map(
    (s) => `\`${s}\`（${DISCLOSURE_STATE_NAMES[s]}）`,
  );
};

const one = (p: Permission | undefined): readonly Permission[] | undefined => (p === undefined ? undefined : [p]);
const lookup = <T>(table: unknown, type: string): T | undefined => (table as Readonly<Record<string, T>>)[type];

const procedures: readonly Procedure[] = [
  {
    key: "ordinary",
    title: "Ordinary procedure (普通程序) — `decide` / `execute`",
    intro:
      "The case of 行政处罚法 Chapter V Section 3: filing to archiving, with service and execution. [enforcement.md](enforcement.md) walks it.",
    schema: PenaltyCommandSchema,
    permission: (t) => one(lookup<Permission>(COMMAND_PERMISSIONS, t)),
    states: ordinaryStates,
  },
  {
    key: "seizure",
    title: "Sealing and seizure (查封、扣押) — the `seizure` of `coercion.act`",
    intro:
      'Sent inside an ordinary case as `{ type: "coercion.act", seizure: { … } }` (行政强制法 Chapter III). `seizure.approve` and `seizure.extend` are acts of the head (负责人, `head`) whatever the table says (行政强制法 Arts. 18, 25); the rest need `case.investigate`. [coercion.md](coercion.md) walks it.',
    schema: SeizureCommandSchema,
    permission: () => ["case.investigate"],
  },
  {
    key: "simplified",
    title: "Simplified procedure (简易程序) — `decideSimplified`",
    intro:
      "On-the-spot decisions (行政处罚法 Arts. 51–52) and on-the-spot collection (Arts. 68–71). [simplified.md](simplified.md) walks it.",
    schema: SimplifiedCommandSchema,
    permission: (t) => one(lookup<Permission>(SIMPLIFIED_PERMISSIONS, t)),
  },
  {
    key: "inspection",
    title: "Random inspection (双随机检查) — `decideInspection`",
    intro:
      "An inspection task drawn by `drawInspection`, recorded and concluded. [inspection.md](inspection.md) walks it.",
    schema: InspectionCommandSchema,
    permission: (t) => one(lookup<Permission>(INSPECTION_PERMISSIONS, t)),
  },
  {
    key: "review",
    title: "Legal review (法制审核) — `decideReview`",
    intro: "The review of a major decision (行政处罚法 Art. 58), in its own stream. [review.md](review.md) walks it.",
    schema: ReviewCommandSchema,
    permission: (t) => one(lookup<Permission>(REVIEW_COMMAND_PERMISSIONS, t)),
    states: reviewStates,
  },
  {
    key: "disclosure",
    title: "Disclosure (行政执法公示) — `decideDisclosure`",
    intro:
      "Drafting, the head's sign-off, publication, correction and withdrawal of public information. [disclosure.md](disclosure.md) walks it.",
    schema: DisclosureCommandSchema,
    permission: (t) => lookup<readonly Permission[]>(DISCLOSURE_COMMAND_PERMISSIONS, t),
    states: disclosureStates,
  },
];

const missing: string[] = [];
const lines: string[] = [
  "# Commands reference",
  "",
  "<!-- GENERATED by scripts/gen-commands.ts from the command schemas, permission tables and state machines — do not edit by hand. -->",
  "",
  "Every command of every procedure: its fields, who may issue it, the states that accept it,",
  "and the refusals it can return. A command is a plain object with a `type`; `at` (when the",
  "act happened, a UTC instant) may be left out and is then the context's `now`. Refusals are",
  "`SanxiangError`s with a stable `code` — [the error codes](errors.md) say what each means and",
  "what to do. Every command can also be refused with",
  `${COMMON.map(errLink).join(", ")}; with a registry, an actor not registered, a role the`,
  "registry does not back or an officer outside the case team is refused too ([bodies and powers](bodies-and-powers.md)).",
  "",
  "An *identifier* starts with a letter or digit and holds letters, digits and `_ . : -`, at",
  "most 128 characters; amounts are integer fen (分).",
  "",
  "Every string of a command's data, at any depth (and the keys of its maps), is checked before",
  "the command's schema: one holding a control character other than tab and line breaks (C0,",
  "DEL, C1), a bidirectional embedding, override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) or",
  "U+FEFF is refused `INVALID_INPUT` naming the field (`details.path`), the character",
  "(`details.codePoint`, `U+202E`) and its place (`details.at`, 0-based, in characters), and",
  "nothing is recorded (`checkInputTexts`; `决定\\u202e0005` would show as 决定5000). Events",
  "recorded before are history: they load and verify as they are.",
  "",
  "Roles are those of the default permission table (`DEFAULT_PERMISSIONS`, [rules](rules.md#permissions-权限--default_permissions));",
  "a bureau may change them with `definePermissionPolicy`.",
  "",
  "From the command line every command here runs through `createBureau` as",
  "`sanxiang case <case-id> do <type> --as <officer-id> --data '<fields as JSON>'` (the fields of",
  "its table without `type`; a `seizure.*` step also carries `measureId`; `disclosure.*` other than",
  "the decision's draft takes the disclosure's id as `<case-id>`), and",
  "`sanxiang case <case-id> commands` lists what the case's state accepts now — see the",
  "[CLI's README](../packages/cli/README.md#acting-on-a-case).",
  "",
];
for (const p of procedures) {
  lines.push(`## ${p.title}`, "", p.intro, "");
  for (const v of variants(p.schema)) {
    const type = String(asJson(asJson(v.properties).type).const ?? "?");
    const refusals = REFUSALS[type];
    if (refusals === undefined) missing.push(type);
    lines.push(`### \`${type}\``, "");
    const head = p.key === "seizure" && (type === "seizure.approve" || type === "seizure.extend");
    lines.push(
      `- **Who:** ${head ? "the head（负责人, role `head`）, checked by the seizure rules (行政强制法 Arts. 18, 25)" : who(p.permission(type))}`,
    );
    if (p.states !== undefined) {
      const states = p.states(type);
      lines.push(`- **Accepted in:** ${states.length === 0 ? "—" : states.join(", ")}`);
    }
    lines.push(
      `- **Refusals besides the common ones:** ${refusals === undefined || refusals.length === 0 ? "—" : refusals.map(errLink).join(", ")}`,
    );
    const rows = fieldRows(v, "", 0);
    lines.push("");
    if (rows.length === 0) lines.push("No fields besides `type`.");
    else lines.push("| field | type | required |", "| --- | --- | --- |", ...rows);
    lines.push("");
  }
}
for (const [type, codes] of Object.entries(REFUSALS)) {
  for (const c of codes) if (!(c in ERROR_CODES)) throw new Error(`REFUSALS["${type}"]: unknown code ${c}`);
}
const text = lines.join("\n");

if (process.argv.includes("--check")) {
  if (missing.length > 0) {
    console.error(`scripts/gen-commands.ts: no REFUSALS row for ${missing.join(", ")}`);
    process.exit(1);
  }
  if (!existsSync(output) || readFileSync(output, "utf8") !== text) {
    console.error(
      `${output} is out of date: run node_modules/.bin/tsx --conditions=@sanxiang/source scripts/gen-commands.ts`,
    );
    process.exit(1);
  }
  console.log(`${output} is up to date`);
} else if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (missing.length > 0) console.warn(`warning: no REFUSALS row for ${missing.join(", ")}`);
  writeFileSync(output, text);
  console.log(`wrote ${output}`);
}
