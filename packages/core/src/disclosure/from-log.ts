// 由日志证明的公示信息 — what the public may see, read from the signed log itself and never from a
// projection. The `disclosures` projection is a convenience a store keeps beside the log; its
// rows are not covered by any hash (changing a published decision and recomputing its content
// hash needs no key), so a site built from them publishes whatever the database says. Here the
// log is read page by page, every leaf is recomputed and the root compared with the store's
// head and with the newest signed tree head; every disclosure stream is folded through the
// workflow machine; only what the fold proves signed off and published is returned — and the
// projection rows are compared with it, each disagreement reported with a code.
import { PROJECTIONS } from "../enforcement/projections.js";
import { canonicalJson } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, type HashAlgorithmName, hashAlgorithm, toHex } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { VerificationKey } from "../kernel/signer.js";
import type { Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import {
  applyProjectionWrites,
  compareCodePoints,
  PROJECTION_QUERY_LIMIT,
  type Projection,
  type ProjectionRow,
  projectEvent,
} from "../recording/projection.js";
import { verifyEventStore } from "../recording/store-verify.js";
import { DISCLOSURE_EVENT_NAMES } from "./events.js";
import { type DisclosureState, evolveDisclosure, initialDisclosureState } from "./fold.js";
import { DISCLOSURE_STATE_NAMES, type DisclosureStateName } from "./machine.js";
import { disclosureContentHash, type PublishedItem, type WithdrawalNotice } from "./schema.js";

/** Options of {@link provenDisclosures}. */
export interface ProvenDisclosuresOptions {
  /**
   * The bureau's key (验证公钥): with it, every kept signed tree head naming it must verify,
   * and only heads signed with it cover the log; without it every head's root is compared
   * with the log and its signature is not checked.
   */
  readonly key?: VerificationKey;
  /**
   * The bureau's hash port for content hashes, when it is not the SDK's own implementation of
   * the algorithm an item names (e.g. SM3 in a hardware module). Items naming another
   * algorithm are checked with the SDK's.
   */
  readonly hash?: HashAlgorithm;
  /**
   * 未签名尾部 — what to do with disclosure events after the newest signed tree head:
   * `"report"` (default) publishes them and lists them in {@link ProvenDisclosures.unsigned};
   * `"refuse"` fails with `LOG_TAIL_UNSIGNED` while any disclosure event is not covered by a
   * signed head (run `signAndSaveTreeHead`, `sanxiang sign`, first).
   */
  readonly unsignedTail?: "report" | "refuse";
}

/** 负责人审定 as the log proves it: the `disclosure.approved` event a publication rests on. */
export interface ProvenSignOff {
  /** Who signed off (`approverId`, equal to the event's actor). */
  readonly approverId: string;
  /** When. */
  readonly at: Instant;
  /** The content hash signed off — equal to the published item's. */
  readonly contentHash: string;
  /** Global position of the `disclosure.approved` event in the log. */
  readonly position: number;
}

/** 已证明的公示条目 — one item the log proves public now, with its proof. */
export interface ProvenItem {
  /** The item as published (the signed-off content; its hash recomputed and equal). */
  readonly item: PublishedItem;
  /** 公示渠道 recorded with the publication. */
  readonly channel: string;
  /** Where the public found it, when the Publisher said. */
  readonly location?: string;
  /** Global position of the `disclosure.published` event of this version. */
  readonly position: number;
  /** The sign-off the publication rests on. */
  readonly signOff: ProvenSignOff;
  /** A signed tree head covers the publication (and so the sign-off before it). */
  readonly signed: boolean;
}

/** 已证明的撤回公告 — one withdrawal notice the log proves, with its position. */
export interface ProvenWithdrawal {
  /** The public notice. */
  readonly notice: WithdrawalNotice;
  /** Global position of the `disclosure.withdrawn` event. */
  readonly position: number;
  /** A signed tree head covers it. */
  readonly signed: boolean;
}

/**
 * The codes of {@link DisclosureDiscrepancy}:
 * - `PROJECTION_ROW_ALTERED` — the row of a disclosure the log shows public differs from the
 *   row its events write (another item, content, hash, version, status, channel, sort key or
 *   position);
 * - `PROJECTION_ROW_INSERTED` — a row no signed-off, published stream backs (no stream, never
 *   published, or already expired or ended early);
 * - `PROJECTION_ROW_DELETED` — the log shows an item or a withdrawal notice public, and there
 *   is no row;
 * - `DISCLOSURE_STREAM_INVALID` — a disclosure stream whose events do not fold through the
 *   workflow (e.g. a publication with no sign-off of its hash, appended around the workflow);
 *   nothing of it is published;
 * - `CONTENT_HASH_MISMATCH` — a publication whose content does not hash to the hash signed
 *   off; it is not published.
 */
export type DisclosureDiscrepancyCode =
  | "PROJECTION_ROW_ALTERED"
  | "PROJECTION_ROW_INSERTED"
  | "PROJECTION_ROW_DELETED"
  | "DISCLOSURE_STREAM_INVALID"
  | "CONTENT_HASH_MISMATCH";

/** 不一致 — one disagreement between the log and the `disclosures` projection, or within the log. */
export interface DisclosureDiscrepancy {
  /** What disagrees. */
  readonly code: DisclosureDiscrepancyCode;
  /** The disclosure (stream id, = the row key). */
  readonly disclosureId: string;
  /** The case the disclosure comes from, when the log names one. */
  readonly caseId?: string;
  /** What an operator reads (Chinese). */
  readonly message: string;
  /** The global position of the event concerned, when there is one. */
  readonly position?: number;
  /** The underlying error (for `DISCLOSURE_STREAM_INVALID`). */
  readonly cause?: SanxiangError;
}

/** The largest signed tree head that covers the log (root matched; given a key, signed with it). */
export interface ProvenSignedTreeHead {
  /** 日志标识. */
  readonly logId: string;
  /** Events it covers (positions 1 … treeSize). */
  readonly treeSize: number;
  /** When it was signed. */
  readonly timestamp: Instant;
  /** The signature was verified with `options.key`. */
  readonly signatureChecked: boolean;
}

/**
 * 未签名尾部 — the events after the newest signed tree head (all of them when there is none):
 * they check against the store's head, but no signature vouches for them yet.
 */
export interface DisclosureUnsignedTail {
  /** First position not covered. */
  readonly from: number;
  /** Last position (the log's size). */
  readonly to: number;
  /** Disclosures with at least one event in the tail, in order of their first such event. */
  readonly disclosures: readonly string[];
}

/** 由日志证明的公示信息 — what {@link provenDisclosures} found. */
export interface ProvenDisclosures {
  /** Items public now, by first publication then id. */
  readonly items: readonly ProvenItem[];
  /** 撤回公告, by withdrawal time then id. */
  readonly withdrawals: readonly ProvenWithdrawal[];
  /** The log read: its size, root (hex) and hash algorithm, recomputed and equal to the store's head. */
  readonly log: { readonly treeSize: number; readonly rootHash: string; readonly hashAlgorithm: HashAlgorithmName };
  /** The largest covering signed tree head (every kept head was checked); `null` when none covers the log. */
  readonly signedTreeHead: ProvenSignedTreeHead | null;
  /** Events no signed head covers yet; `null` when the newest signed head covers the whole log. */
  readonly unsigned: DisclosureUnsignedTail | null;
  /** Disclosure streams folded. */
  readonly streams: number;
  /**
   * Whether the store keeps the `disclosures` projection and its rows were compared (false:
   * the store has no such projection; nothing to compare).
   */
  readonly projectionCompared: boolean;
  /**
   * False when some rows could not be listed one by one (more than 10 000 rows sharing one
   * sort key): every row the log expects was still looked up by key, but an inserted row
   * among those may go unreported. What is published never depends on the rows.
   */
  readonly projectionScanComplete: boolean;
  /** Every disagreement found; empty when the projection agrees with the log. */
  readonly discrepancies: readonly DisclosureDiscrepancy[];
}

/** The Chinese wording of each {@link DisclosureDiscrepancyCode}, as operators read it. */
export const DISCLOSURE_DISCREPANCY_NAMES: Readonly<Record<DisclosureDiscrepancyCode, string>> = {
  PROJECTION_ROW_ALTERED: "公示投影行被改动",
  PROJECTION_ROW_INSERTED: "公示投影中有日志未证明的行",
  PROJECTION_ROW_DELETED: "公示投影缺少日志已证明的行",
  DISCLOSURE_STREAM_INVALID: "公示事件流不符合公示流程",
  CONTENT_HASH_MISMATCH: "公示内容与审定的内容哈希不符",
};

/** How many times the projection is read again when the log grew while it was read. */
const SETTLE_ROUNDS = 5;

/** What the fold of one disclosure stream keeps besides its state. */
interface Tracker {
  state: DisclosureState;
  caseId?: string;
  /** The `disclosure.approved` in force (cleared like the context's approval). */
  approval?: ProvenSignOff | undefined;
  /** The last publication: its event, position and the sign-off it rests on. */
  publication?: { readonly event: CaseEvent; readonly position: number; readonly signOff: ProvenSignOff };
  /** The withdrawal, once withdrawn. */
  withdrawal?: { readonly event: CaseEvent; readonly position: number };
  invalid?: { readonly error: SanxiangError; readonly position: number };
}

const DISCLOSURE_TYPES = new Set(Object.keys(DISCLOSURE_EVENT_NAMES));
/** States in which the last published version is what the public sees. */
const SHOWN: ReadonlySet<DisclosureStateName> = new Set([
  "published",
  "correcting",
  "correctionApproved",
  "withdrawalDue",
]);

const stringOf = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * 由签名日志生成公示信息 — reads `store`'s log itself and returns exactly the disclosures the
 * log proves public now, never trusting the `disclosures` projection for anything:
 *
 * 1. the log is read once through {@link verifyEventStore} (without its projection replay):
 *    every event's leaf hash recomputed from its stored bytes (`EVENT_HASH_MISMATCH`),
 *    positions and streams without gap, the recomputed root equal to the store's head
 *    (`MERKLE_ROOT_MISMATCH`);
 * 2. **every** kept signed tree head equals the recomputed root at its size
 *    (`MERKLE_ROOT_MISMATCH`; beyond the log `MERKLE_TREE_SIZE_INVALID`), and with
 *    `options.key` every head naming the key verifies (`SIGNATURE_INVALID` …); a head of
 *    another key covers nothing — the same rules as `sanxiang verify --log`;
 * 3. every disclosure stream is folded through the workflow machine ({@link evolveDisclosure}):
 *    an item is public when its stream's last publication rests on a `disclosure.approved`
 *    of the same content hash (负责人审定), the content recomputed with the hash port the
 *    item names hashes to it, and nothing since took it down — a pending correction keeps the
 *    old version public; a withdrawal leaves its notice; an expiry or early end leaves nothing;
 * 4. the `disclosures` projection's rows (when the store keeps it) are compared with the rows
 *    the store's own projection writes for those events, and every disagreement is a
 *    {@link DisclosureDiscrepancy} with its code.
 *
 * Failures of the log itself are `Err` (nothing can be proved); disagreements are reported
 * in `discrepancies` and never change what is returned as public. Events after the largest
 * covering signed head are published and listed in `unsigned` (or refused:
 * `options.unsignedTail`).
 * A log that grows while the projection is read is read on to its new head and the
 * projection again; if it never settles, `CONCURRENCY_CONFLICT`.
 */
export async function provenDisclosures(
  store: EventStore,
  options: ProvenDisclosuresOptions = {},
): Promise<Result<ProvenDisclosures, SanxiangError>> {
  const projection = store.projections.find((p) => p.name === PROJECTIONS.disclosures);
  for (let round = 0; ; round++) {
    const streams = new Map<string, Tracker>();
    // Every disclosure event's stream and position, in log order (for the unsigned tail).
    const touched: (readonly [string, number])[] = [];
    // The log is read once, through verifyEventStore's checks (every leaf, the root against
    // the head, every kept signed head and its signature): the one definition of what the
    // signed log proves. The disclosure streams are folded from the events it checked.
    const verified = await verifyEventStore(store, {
      ...(options.key === undefined ? {} : { key: options.key }),
      projections: false,
      onEvent: (event, position) => {
        const id = track(streams, event, position);
        if (id !== undefined) touched.push([id, position]);
      },
    });
    if (verified.isErr()) return err(verified.error);
    const v = verified.value;
    const target = v.events;
    // Covered: up to the largest head whose root matched (and, given a key, signed with it).
    const signedSize = v.unsignedTail === null ? target : v.unsignedTail.fromPosition - 1;
    const newest = v.signedTreeHeads.filter((h) => h.source === "store" && h.signature !== "otherKey").at(-1);
    const proven = provenFrom(streams, signedSize, options.hash);
    const compared =
      projection === undefined
        ? ok({ discrepancies: [] as DisclosureDiscrepancy[], complete: true })
        : await compareProjection(store, projection, streams, proven.expected);
    if (compared.isErr()) return err(compared.error);
    const now = await store.head();
    if (now.isErr()) return err(now.error);
    if (now.value.position !== target) {
      // The log grew while it or the rows were read: the rows may show newer events. Again.
      if (round + 1 >= SETTLE_ROUNDS) {
        return err(
          sanxiangError("CONCURRENCY_CONFLICT", "读取期间日志持续写入，无法取得与日志一致的公示投影，请稍后重试", {
            details: { rounds: SETTLE_ROUNDS, position: now.value.position },
          }),
        );
      }
      continue;
    }
    const tail: string[] = [];
    const inTail = new Set<string>();
    for (const [id, position] of touched) {
      if (position > signedSize && !inTail.has(id)) {
        inTail.add(id);
        tail.push(id);
      }
    }
    if (options.unsignedTail === "refuse" && tail.length > 0) {
      return err(
        sanxiangError(
          "LOG_TAIL_UNSIGNED",
          newest === undefined
            ? `存储中没有覆盖日志的签名树头，${tail.length} 项公示的事件未经签名树头覆盖：请先签名（sanxiang sign）`
            : `第 ${signedSize} 号事件之后的 ${tail.length} 项公示事件尚无签名树头覆盖：请先签名（sanxiang sign）`,
          { details: { signedTreeSize: signedSize, treeSize: target, disclosures: tail.slice(0, 100) } },
        ),
      );
    }
    return ok({
      items: proven.items,
      withdrawals: proven.withdrawals,
      log: {
        treeSize: v.treeHead.treeSize,
        rootHash: toHex(v.treeHead.rootHash),
        hashAlgorithm: v.treeHead.hashAlgorithm,
      },
      signedTreeHead:
        newest === undefined
          ? null
          : {
              logId: newest.logId,
              treeSize: newest.treeSize,
              timestamp: newest.timestamp,
              signatureChecked: newest.signature === "valid",
            },
      unsigned: target > signedSize ? { from: signedSize + 1, to: target, disclosures: tail } : null,
      streams: streams.size,
      projectionCompared: projection !== undefined,
      projectionScanComplete: compared.value.complete,
      discrepancies: [...proven.discrepancies, ...compared.value.discrepancies],
    });
  }
}

/**
 * Folds one stored event into its disclosure stream's tracker (events of case streams are
 * skipped). Returns the disclosure id when the event belongs to a disclosure stream.
 */
function track(streams: Map<string, Tracker>, event: CaseEvent, position: number): string | undefined {
  let t = streams.get(event.caseId);
  if (t === undefined) {
    if (!DISCLOSURE_TYPES.has(event.type)) return undefined;
    // A disclosure event in a stream that did not begin as a disclosure (a case stream) is
    // tracked too: it fails the fold below (its seq is not 1), and is reported.
    t = { state: initialDisclosureState(event.caseId) };
    if (event.seq !== 1) {
      t.invalid = {
        error: sanxiangError("EVENT_SEQUENCE_INVALID", `事件流 ${event.caseId} 不是公示事件流，却记有 ${event.type}`, {
          details: { caseId: event.caseId, seq: event.seq, type: event.type },
        }),
        position,
      };
    }
    streams.set(event.caseId, t);
  }
  if (t.invalid !== undefined) return event.caseId;
  const before = t.state;
  const next = evolveDisclosure(before, event);
  if (next.isErr()) {
    t.invalid = { error: next.error, position };
    return event.caseId;
  }
  t.state = next.value;
  const caseId = stringOf(event.payload.caseId) ?? next.value.context.draft?.caseId;
  if (caseId !== undefined) t.caseId = caseId;
  switch (event.type) {
    case "disclosure.approved":
      t.approval = {
        approverId: String(event.payload.approverId),
        at: event.at,
        contentHash: String(event.payload.contentHash),
        position,
      };
      // The sign-off is the approver's own act: the event's actor is the approver.
      if (event.actor.id !== t.approval.approverId) {
        t.invalid = {
          error: sanxiangError(
            "DISCLOSURE_SIGNOFF_INVALID",
            `第 ${position} 号审定事件的审定人 ${t.approval.approverId} 与记录的操作人 ${event.actor.id} 不一致`,
            { details: { position, approverId: t.approval.approverId, actorId: event.actor.id } },
          ),
          position,
        };
      }
      break;
    case "disclosure.published": {
      // The machine accepted it, so a sign-off of exactly this hash was in force.
      const signOff = t.approval;
      if (signOff === undefined) {
        t.invalid = { error: sanxiangError("DISCLOSURE_NOT_APPROVED", "发布前没有负责人审定"), position };
        break;
      }
      t.publication = { event, position, signOff };
      t.approval = undefined;
      break;
    }
    case "disclosure.withdrawn":
      t.withdrawal = { event, position };
      break;
    case "disclosure.drafted":
    case "disclosure.revised":
    case "disclosure.corrected":
    case "disclosure.forwarded":
      t.approval = undefined;
      break;
    default:
      break;
  }
  return event.caseId;
}

/** What the fold proves: the public items and notices, the rows they imply, and the log's own findings. */
interface Proven {
  readonly items: ProvenItem[];
  readonly withdrawals: ProvenWithdrawal[];
  /** The event that set each public disclosure's row (key: disclosure id). */
  readonly expected: Map<string, { readonly event: CaseEvent; readonly position: number }>;
  readonly discrepancies: DisclosureDiscrepancy[];
}

function provenFrom(streams: Map<string, Tracker>, signedSize: number, port: HashAlgorithm | undefined): Proven {
  const items: ProvenItem[] = [];
  const withdrawals: ProvenWithdrawal[] = [];
  const expected = new Map<string, { event: CaseEvent; position: number }>();
  const discrepancies: DisclosureDiscrepancy[] = [];
  for (const [id, t] of streams) {
    const where = t.caseId === undefined ? {} : { caseId: t.caseId };
    if (t.invalid !== undefined) {
      discrepancies.push({
        code: "DISCLOSURE_STREAM_INVALID",
        disclosureId: id,
        ...where,
        message: `公示 ${id} 的第 ${t.invalid.position} 号事件不符合公示流程（${t.invalid.error.code}：${t.invalid.error.message}），该公示不予发布`,
        position: t.invalid.position,
        cause: t.invalid.error,
      });
      continue;
    }
    const { value, context } = t.state;
    if (value === "withdrawn" && context.withdrawn !== undefined && t.withdrawal !== undefined) {
      withdrawals.push({
        notice: context.withdrawn.notice,
        position: t.withdrawal.position,
        signed: t.withdrawal.position <= signedSize,
      });
      expected.set(id, t.withdrawal);
      continue;
    }
    if (!SHOWN.has(value)) continue;
    const item = context.published;
    const publication = t.publication;
    if (item === undefined || publication === undefined) continue;
    const recomputed = contentHashOf(item, port);
    if (
      recomputed === undefined ||
      recomputed !== item.contentHash ||
      publication.signOff.contentHash !== item.contentHash
    ) {
      discrepancies.push({
        code: "CONTENT_HASH_MISMATCH",
        disclosureId: id,
        ...where,
        message: `公示 ${id} 第 ${item.version} 版的内容哈希与负责人审定的哈希不符（状态：${DISCLOSURE_STATE_NAMES[value]}），该公示不予发布`,
        position: publication.position,
      });
      continue;
    }
    const channel = stringOf(publication.event.payload.channel) ?? "";
    const location = stringOf(publication.event.payload.location);
    items.push({
      item,
      channel,
      ...(location === undefined ? {} : { location }),
      position: publication.position,
      signOff: publication.signOff,
      signed: publication.position <= signedSize,
    });
    expected.set(id, publication);
  }
  items.sort(
    (a, b) => compareCodePoints(a.item.publishedAt, b.item.publishedAt) || compareCodePoints(a.item.id, b.item.id),
  );
  withdrawals.sort(
    (a, b) =>
      compareCodePoints(a.notice.withdrawnAt, b.notice.withdrawnAt) || compareCodePoints(a.notice.id, b.notice.id),
  );
  return { items, withdrawals, expected, discrepancies };
}

/** The item's content hash recomputed with the algorithm it names (the bureau's port when it names the port's). */
function contentHashOf(item: PublishedItem, port: HashAlgorithm | undefined): string | undefined {
  const name = item.contentHashAlgorithm ?? "sha256";
  const algorithm = port !== undefined && port.name === name ? ok(port) : hashAlgorithm(name);
  if (algorithm.isErr()) return undefined;
  try {
    return disclosureContentHash(item.content, algorithm.value);
  } catch {
    return undefined;
  }
}

/** The row the store's projection writes for `event` at `position`, or `undefined` when it writes none for `key`. */
function expectedRow(
  projection: Projection,
  key: string,
  event: CaseEvent,
  position: number,
): ProjectionRow | undefined {
  const rows = new Map<string, Map<string, ProjectionRow>>();
  applyProjectionWrites(rows, projectEvent([projection], event), position);
  return rows.get(projection.name)?.get(key);
}

/** A row's comparable form: everything but the counter (the disclosures projection never counts). */
function rowText(row: ProjectionRow): string | undefined {
  try {
    return canonicalJson({ key: row.key, sortKey: row.sortKey, value: row.value, position: row.position });
  } catch {
    return undefined;
  }
}

/**
 * Every row of the projection, paged by sort key. A sort key shared by more rows than a page
 * holds cannot be paged through: the rest of that group is skipped (`complete: false`) and
 * the scan goes on after it, so later rows are still read.
 */
async function scanRows(
  store: EventStore,
  name: string,
): Promise<Result<{ rows: Map<string, ProjectionRow>; complete: boolean }, SanxiangError>> {
  const limit = PROJECTION_QUERY_LIMIT.max;
  const rows = new Map<string, ProjectionRow>();
  let complete = true;
  let from: string | undefined;
  for (;;) {
    const page = await store.queryProjection(name, { limit, ...(from === undefined ? {} : { sortKeyFrom: from }) });
    if (page.isErr()) return err(page.error);
    let added = 0;
    for (const r of page.value) {
      if (rows.has(r.key)) continue;
      rows.set(r.key, r);
      added++;
    }
    const last = page.value.at(-1);
    if (page.value.length < limit || last === undefined) return ok({ rows, complete });
    if (last.sortKey === null) return ok({ rows, complete: false });
    if (added === 0 || page.value.every((r) => r.sortKey === last.sortKey)) {
      // One sort key fills the page: skip past it (the smallest string greater than it).
      complete = false;
      from = `${last.sortKey}\u0000`;
    } else {
      from = last.sortKey;
    }
  }
}

async function compareProjection(
  store: EventStore,
  projection: Projection,
  streams: Map<string, Tracker>,
  expected: Map<string, { readonly event: CaseEvent; readonly position: number }>,
): Promise<Result<{ discrepancies: DisclosureDiscrepancy[]; complete: boolean }, SanxiangError>> {
  const scanned = await scanRows(store, projection.name);
  if (scanned.isErr()) return err(scanned.error);
  const { rows } = scanned.value;
  const discrepancies: DisclosureDiscrepancy[] = [];
  const caseOf = (id: string) => {
    const c = streams.get(id)?.caseId;
    return c === undefined ? {} : { caseId: c };
  };
  for (const [id, source] of expected) {
    let row = rows.get(id);
    if (row === undefined) {
      // Not listed (a sort-key group too large to page, or gone): ask by key before saying so.
      const one = await store.getProjectionRow(projection.name, id);
      if (one.isErr()) return err(one.error);
      row = one.value ?? undefined;
    }
    const want = expectedRow(projection, id, source.event, source.position);
    if (want === undefined) continue;
    if (row === undefined) {
      discrepancies.push({
        code: "PROJECTION_ROW_DELETED",
        disclosureId: id,
        ...caseOf(id),
        message: `日志证明公示 ${id} 由第 ${source.position} 号事件${source.event.type === "disclosure.withdrawn" ? "撤回并留有撤回公告" : "发布"}，公示投影中却没有该行`,
        position: source.position,
      });
      continue;
    }
    const got = rowText(row);
    if (got === undefined || got !== rowText(want)) {
      discrepancies.push({
        code: "PROJECTION_ROW_ALTERED",
        disclosureId: id,
        ...caseOf(id),
        message: `公示投影中 ${id} 的行与第 ${source.position} 号事件写入的内容不一致（${alteredFields(row, want)}）`,
        position: source.position,
      });
    }
  }
  for (const [key, row] of rows) {
    if (expected.has(key)) continue;
    const t = streams.get(key);
    if (t?.invalid !== undefined) continue; // reported once, as DISCLOSURE_STREAM_INVALID
    const why =
      t === undefined
        ? "日志中没有该公示事件流"
        : `日志中该公示处于「${DISCLOSURE_STATE_NAMES[t.state.value]}」状态，不应公开`;
    discrepancies.push({
      code: "PROJECTION_ROW_INSERTED",
      disclosureId: key,
      ...caseOf(key),
      message: `公示投影中的 ${key} 没有经负责人审定并发布的事件为据：${why}`,
      position: row.position,
    });
  }
  return ok({ discrepancies, complete: scanned.value.complete });
}

/** Names the parts of a row that differ from the expected one (Chinese, for the message). */
function alteredFields(row: ProjectionRow, want: ProjectionRow): string {
  const parts: string[] = [];
  const same = (a: unknown, b: unknown): boolean => {
    try {
      return canonicalJson(a) === canonicalJson(b);
    } catch {
      return false;
    }
  };
  const v = row.value as Record<string, unknown>;
  const w = want.value as Record<string, unknown>;
  if (!same(v.status, w.status)) parts.push("状态");
  const vi = (v.item ?? v.notice) as Record<string, unknown> | undefined;
  const wi = (w.item ?? w.notice) as Record<string, unknown> | undefined;
  if (vi !== undefined && wi !== undefined && typeof vi === "object" && vi !== null) {
    for (const k of new Set([...Object.keys(vi), ...Object.keys(wi)])) if (!same(vi[k], wi[k])) parts.push(k);
  } else if (!same(vi, wi)) {
    parts.push(w.item === undefined ? "撤回公告" : "公示条目");
  }
  for (const k of ["channel", "location"]) if (!same(v[k], w[k])) parts.push(k);
  if (row.sortKey !== want.sortKey) parts.push("排序键");
  if (row.position !== want.position) parts.push("事件位置");
  return parts.length === 0 ? "行格式" : parts.join("、");
}

/**
 * 网站输入 — the public site's input from what the log proves: the items and withdrawal
 * notices, typed (`buildSite({ items, withdrawals, … })` of `@sanxiang/publish-site`).
 */
export function siteInputOf(proven: ProvenDisclosures): {
  readonly items: readonly PublishedItem[];
  readonly withdrawals: readonly WithdrawalNotice[];
} {
  return { items: proven.items.map((i) => i.item), withdrawals: proven.withdrawals.map((w) => w.notice) };
}

/**
 * 核对一致 — `proven` when the log and the `disclosures` projection agree (no
 * discrepancy), else `DISCLOSURE_LOG_MISMATCH` naming each disagreement (its code,
 * disclosure and case) in the message and listing them in `details.discrepancies`. What a
 * publisher runs before building anything: a projection that was changed, filled or emptied
 * behind the log's back is an alarm, not an input.
 */
export function disclosuresAgree(proven: ProvenDisclosures): Result<ProvenDisclosures, SanxiangError> {
  const found = proven.discrepancies;
  if (found.length === 0) return ok(proven);
  const lines = found.map(
    (d) => `[${d.code}] ${d.disclosureId}${d.caseId === undefined ? "" : `（案件 ${d.caseId}）`}：${d.message}`,
  );
  return err(
    sanxiangError(
      "DISCLOSURE_LOG_MISMATCH",
      `公示信息与签名日志有 ${found.length} 处不一致，未发布任何内容：\n${lines.join("\n")}`,
      {
        details: {
          discrepancies: found.map((d) => ({
            code: d.code,
            disclosureId: d.disclosureId,
            ...(d.caseId === undefined ? {} : { caseId: d.caseId }),
            ...(d.position === undefined ? {} : { position: d.position }),
          })),
        },
      },
    ),
  );
}
