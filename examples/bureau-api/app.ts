// The HTTP face of one bureau: every route is one call of the SDK's bureau facade
// (createBureau), with the acting officer from the request headers and every refusal as a
// JSON problem. The routes add no rule: what may be done, by whom and when is the SDK's.
import {
  type Actor,
  type BodiesRegistry,
  type Bureau,
  type BureauCaseCommand,
  type BureauDeadlineOptions,
  type Clock,
  caseFileHtml,
  caseFileToJson,
  civilDateOf,
  type DecisionDisclosureInput,
  type DisclosureCommandInput,
  type EvidenceInput,
  err,
  IdSchema,
  ok,
  parseCivilDate,
  type Result,
  type ReviewCommandFields,
  type ReviewCommandInput,
  type ReviewResubmission,
  type ReviewStepResult,
  type ReviewSubmission,
  type SanxiangError,
  toHex,
} from "@sanxiang/core";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { actorOf } from "./identity.js";
import { apiProblem, badField, isSanxiangError, type ProblemResponse, problemOf } from "./problem.js";

/** Options of {@link bureauApi}. */
export interface BureauApiOptions {
  /** The bureau every route acts on. */
  readonly bureau: Bureau;
  /** 执法主体及人员数据库 — the registry the bureau was created with: request identities are mapped through it. */
  readonly bodies: BodiesRegistry;
  /** The bureau's clock (the day an identity is looked up on). */
  readonly clock: Clock;
  /** Largest JSON request body, in bytes (default 1 MiB). */
  readonly maxJsonBytes?: number;
  /** Largest evidence upload, in bytes (default 2 GiB); give the evidence store the same `maxSize`. */
  readonly maxEvidenceBytes?: number;
  /** Where failures of the server itself are reported (default `console.error`); the client sees only `INTERNAL_ERROR`. */
  readonly onInternalError?: (error: unknown) => void;
}

/** 案件办理接口 — `POST /cases/:caseId/<path>` runs the case command of that type; the body is its fields. */
export const CASE_ROUTES = {
  file: "case.file",
  investigation: "investigation.record",
  "investigation-close": "investigation.close",
  notice: "notice.serve",
  decision: "case.decide",
  service: "decision.serve",
  payment: "payment.record",
  close: "case.close",
  archive: "case.archive",
} as const satisfies Record<string, BureauCaseCommand["type"]>;

/** 法制审核接口 — `POST /cases/:caseId/review/<path>` (submit opens the case's next review; the others act on the latest). */
export const REVIEW_ROUTES = ["submit", "assign", "conclude", "resubmit", "discuss"] as const;

const MiB = 1024 * 1024;

/** Query parameters of an evidence upload; the media type, hash and size come from the headers. */
const EVIDENCE_QUERY = [
  "evidenceId",
  "evidenceType",
  "capturedAt",
  "stage",
  "deviceId",
  "action",
  "actionId",
  "wholeProcess",
  "endedAt",
  "officerIds",
  "location",
  "custody",
] as const;

/** JSON text of an SDK value: bytes (hashes, roots) as lower-case hex. */
function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v));
}

function send(status: number, value: unknown): Response {
  return new Response(toJsonText(value), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

/**
 * A problem response. It closes the connection: a refusal may come before the request body was
 * read (an unknown officer, a body over the limit), and a client still sending it must not
 * reuse the socket for its next request.
 */
function problem(p: ProblemResponse): Response {
  return new Response(JSON.stringify(p.body), {
    status: p.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", connection: "close" },
  });
}

/** An SDK result as a response: its value (mapped) with `status`, or its coded error as a problem. */
function reply<T>(r: Result<T, SanxiangError>, status = 200, map: (v: T) => unknown = (v) => v): Response {
  return r.isErr() ? problem(problemOf(r.error)) : send(status, map(r.value));
}

/**
 * A query parameter that must be one of `allowed`: `undefined` when absent, else the value, or
 * the bad-field refusal naming what it may be (`query.format 为「pdf」，应为 json 或 html`).
 */
function queryChoice<T extends string>(
  c: Context,
  name: string,
  allowed: readonly T[],
): Result<T | undefined, SanxiangError> {
  const value = c.req.query(name);
  if (value === undefined) return ok(undefined);
  return (allowed as readonly string[]).includes(value)
    ? ok(value as T)
    : err(badField(`query.${name}`, `为「${value}」，应为 ${allowed.join(" 或 ")}`, value, [...allowed]));
}

/** A path id checked against the SDK's identifier form (letters, digits, `_ . : -`): no id can name a path. */
function pathId(c: Context, name: string): Result<string, SanxiangError> {
  const value = c.req.param(name) ?? "";
  return IdSchema.safeParse(value).success
    ? ok(value)
    : err(
        badField(
          `path.${name}`,
          "不是有效的标识：应以字母或数字开头，只含字母、数字和 _ . : -，不超过 128 个字符",
          value,
        ),
      );
}

/**
 * The JSON object of the request body. Another media type is 415; text that is not JSON,
 * or JSON that is not an object, is `INVALID_INPUT` naming `body`. A `type` in the body is
 * refused: the route says which command it is.
 */
async function jsonBody(
  c: Context,
  { optional = false, typed = false }: { readonly optional?: boolean; readonly typed?: boolean } = {},
): Promise<Result<Record<string, unknown>, ProblemResponse>> {
  const text = await c.req.text();
  if (text.trim() === "" && optional) return ok({});
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return err(
      apiProblem(
        "UNSUPPORTED_MEDIA_TYPE",
        415,
        `请求体应为 JSON（Content-Type: application/json），收到「${mediaType || "无"}」`,
        {
          contentType: mediaType ?? "",
        },
      ),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(problemOf(badField("body", `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`)));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "数组" : value === null ? "null" : typeof value;
    return err(problemOf(badField("body", `应为 JSON 对象，收到${kind}`)));
  }
  const body = value as Record<string, unknown>;
  if (!typed && "type" in body) {
    return err(problemOf(badField("body.type", "由接口路径确定，请求体中不应填写", String(body.type))));
  }
  return ok(body);
}

/** The upload as a stream of chunks, stopping with `tooLarge` set once more than `limit` bytes came. */
function limitedChunks(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  over: { tooLarge: boolean },
): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      let size = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          size += value.byteLength;
          if (size > limit) {
            over.tooLarge = true;
            throw new RangeError(`evidence upload over ${limit} bytes`);
          }
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => {});
      }
    },
  };
}

/**
 * The evidence information of an upload: the query's fields (see {@link EVIDENCE_QUERY}),
 * the media type from `Content-Type`, the device's hash from `X-Content-Hash`
 * (`sha256:<hex>` or `sm3:<hex>`) and the size from `Content-Length`. The SDK checks every
 * field; here only the HTTP forms are read (a boolean, a list, JSON text).
 */
function evidenceInfo(c: Context): Result<EvidenceInput, SanxiangError> {
  const query = c.req.queries();
  const info: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(query)) {
    const known = EVIDENCE_QUERY.find((k) => k === key);
    if (known === undefined) {
      return err(
        badField(`query.${key}`, `不是证据信息的字段，应为以下之一：${EVIDENCE_QUERY.join("、")}`, key, EVIDENCE_QUERY),
      );
    }
    if (values.length !== 1) return err(badField(`query.${key}`, "只能出现一次"));
    const value = values[0] as string;
    if (known === "wholeProcess") {
      if (value !== "true" && value !== "false") {
        return err(badField("query.wholeProcess", `为「${value}」，应为 true 或 false`, value, ["true", "false"]));
      }
      info[known] = value === "true";
    } else if (known === "officerIds") {
      info[known] = value.split(",").map((s) => s.trim());
    } else if (known === "location" || known === "custody") {
      try {
        info[known] = JSON.parse(value);
      } catch {
        return err(badField(`query.${known}`, "应为 JSON 文本（URL 编码）", value));
      }
    } else {
      info[known] = value;
    }
  }
  const mediaType = c.req.header("content-type");
  if (mediaType === undefined) {
    return err(badField("header.Content-Type", "缺失：应为证据文件的媒体类型，例如 video/mp4"));
  }
  info.mediaType = mediaType.split(";")[0]?.trim() ?? mediaType;
  const hash = c.req.header("x-content-hash");
  if (hash !== undefined) {
    const at = hash.indexOf(":");
    if (at < 0) {
      return err(badField("header.X-Content-Hash", "应为「算法:十六进制摘要」，例如 sha256:9f86d0…", hash));
    }
    info.expected = { algorithm: hash.slice(0, at), hex: hash.slice(at + 1) };
  }
  const length = c.req.header("content-length");
  if (length !== undefined) info.size = Number(length);
  // The SDK parses the information against its schema (AttachEvidenceInputSchema) and names each bad field.
  return ok(info as unknown as EvidenceInput);
}

/**
 * 执法局接口 — the HTTP routes of one bureau (Hono): cases and their steps, evidence uploads
 * streamed into the evidence store, legal review, disclosure, the case view, deadlines, the
 * 案卷 and the log's verification. Every route first maps the `X-Officer-Id` header through
 * the registry ({@link actorOf}); every refusal is a JSON problem with the SDK's code.
 */
export function bureauApi(options: BureauApiOptions): Hono {
  const { bureau, bodies, clock } = options;
  const maxJson = options.maxJsonBytes ?? MiB;
  const maxEvidence = options.maxEvidenceBytes ?? 2048 * MiB;
  const report = options.onInternalError ?? ((e: unknown) => console.error(e));
  const app = new Hono();

  const tooLarge = (limit: number) =>
    problem(apiProblem("PAYLOAD_TOO_LARGE", 413, `请求体超过本接口允许的 ${limit} 字节，未处理`, { limit }));
  const json = bodyLimit({ maxSize: maxJson, onError: () => tooLarge(maxJson) });

  /** The acting person, or the problem that stops the request before anything is read or written. */
  const who = (c: Context): Result<Actor, SanxiangError> =>
    actorOf((name) => c.req.header(name), bodies, bureau.bodyId, civilDateOf(clock.now()));

  /** Runs `act` with the acting person and the path ids, or answers the first refusal. */
  const route =
    (ids: readonly string[], act: (actor: Actor, ids: readonly string[], c: Context) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const actor = who(c);
      if (actor.isErr()) return problem(problemOf(actor.error));
      const values: string[] = [];
      for (const name of ids) {
        const id = pathId(c, name);
        if (id.isErr()) return problem(problemOf(id.error));
        values.push(id.value);
      }
      return act(actor.value, values, c);
    };

  /** As {@link route}, with the JSON body read first (`optional`: an empty body is `{}`; `typed`: a command as data). */
  const withBody = (
    ids: readonly string[],
    act: (actor: Actor, ids: readonly string[], body: Record<string, unknown>) => Promise<Response>,
    how: { readonly optional?: boolean; readonly typed?: boolean } = {},
  ) =>
    route(ids, async (actor, values, c) => {
      const body = await jsonBody(c, how);
      return body.isErr() ? problem(body.error) : act(actor, values, body.value);
    });

  /**
   * A `…/commands` route: the body is one command as data (its `type` names it), run as the
   * actor against what the path's id names — parse body → act → reply or problem; the SDK
   * parses the command against its schema (INVALID_INPUT names each bad field).
   */
  const commandRoute = <C>(
    idName: string,
    execute: (actor: Actor, id: string, command: C) => Promise<Result<unknown, SanxiangError>>,
  ) =>
    withBody([idName], async (actor, [id = ""], command) => reply(await execute(actor, id, command as unknown as C)), {
      typed: true,
    });

  const noCase = (caseId: string) =>
    problem(apiProblem("CASE_NOT_FOUND", 404, `案件 ${caseId} 不存在：本局事件日志中没有该案件编号的事件`, { caseId }));

  app.get("/health", (c) => c.json({ ok: true, bodyId: bureau.bodyId, logId: bureau.logId }));

  // 案件 — list, view, the steps of the procedure, any command as data.
  app.get(
    "/cases",
    route([], async () => reply(await bureau.cases.list())),
  );
  app.get(
    "/cases/:caseId",
    route(["caseId"], async (_actor, [caseId = ""]) => {
      const view = await bureau.case(caseId).view();
      if (view.isOk() && view.value.procedure === "none") return noCase(caseId);
      return reply(view);
    }),
  );
  for (const [path, type] of Object.entries(CASE_ROUTES)) {
    app.post(
      `/cases/:caseId/${path}`,
      json,
      withBody(
        ["caseId"],
        async (actor, [caseId = ""], body) =>
          // The SDK parses the command against its schema and names every bad field (INVALID_INPUT).
          reply(
            await bureau
              .case(caseId)
              .as(actor)
              .execute({ ...body, type } as BureauCaseCommand),
            type === "case.file" ? 201 : 200,
          ),
        { optional: type === "case.close" },
      ),
    );
  }
  app.post(
    "/cases/:caseId/commands",
    json,
    commandRoute<BureauCaseCommand>("caseId", (actor, caseId, command) =>
      bureau.case(caseId).as(actor).execute(command),
    ),
  );

  // 证据 — the body streamed into the evidence store, then the item and its custody into the case.
  app.post(
    "/cases/:caseId/evidence",
    route(["caseId"], async (actor, [caseId = ""], c) => {
      const length = Number(c.req.header("content-length") ?? Number.NaN);
      if (length > maxEvidence) return tooLarge(maxEvidence);
      const info = evidenceInfo(c);
      if (info.isErr()) return problem(problemOf(info.error));
      const stream = c.req.raw.body;
      if (stream === null) return problem(problemOf(badField("body", "缺失：应为证据文件的字节")));
      const over = { tooLarge: false };
      const attached = await bureau
        .case(caseId)
        .as(actor)
        .attachEvidence(limitedChunks(stream, maxEvidence, over), info.value);
      if (over.tooLarge) return tooLarge(maxEvidence);
      return reply(attached, 201);
    }),
  );

  // 证据下载 — the recorded item's bytes through the bureau: the access (who, when, ?purpose=)
  // is a custody step of the case, appended before a byte is sent (re-hashed first with ?verify=true).
  app.get(
    "/cases/:caseId/evidence/:evidenceId",
    route(["caseId", "evidenceId"], async (actor, [caseId = "", evidenceId = ""], c) => {
      const check = queryChoice(c, "verify", ["true", "false"]);
      if (check.isErr()) return problem(problemOf(check.error));
      const purpose = c.req.query("purpose");
      if (purpose === undefined || purpose.trim() === "") {
        return problem(problemOf(badField("query.purpose", "缺失：应写明调取证据的用途，如 法制审核、复议答复")));
      }
      const view = await bureau.case(caseId).view();
      if (view.isErr()) return reply(view);
      if (view.value.procedure === "none") return noCase(caseId);
      const opened = await bureau
        .case(caseId)
        .evidence(evidenceId)
        .as(actor)
        .open({ purpose, verify: check.value === "true" });
      if (opened.isErr()) return reply(opened);
      const { item, content } = opened.value;
      const iterator = content[Symbol.asyncIterator]();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next();
          if (next.done === true) controller.close();
          else controller.enqueue(next.value);
        },
        async cancel() {
          await iterator.return?.();
        },
      });
      const { hash, size, mediaType } = item;
      return new Response(body, {
        headers: {
          "content-type": mediaType,
          "content-length": String(size),
          "x-content-hash": `${hash.algorithm}:${hash.hex}`,
          "x-custody-seq": String(opened.value.event.seq),
          etag: `"${hash.algorithm}:${hash.hex}"`,
          "cache-control": "private, no-store",
        },
      });
    }),
  );

  // 法制审核.
  app.get(
    "/cases/:caseId/reviews",
    route(["caseId"], async (_actor, [caseId = ""]) => reply(await bureau.case(caseId).review.list())),
  );
  for (const path of REVIEW_ROUTES) {
    app.post(
      `/cases/:caseId/review/${path}`,
      json,
      withBody(["caseId"], async (actor, [caseId = ""], body) => {
        const review = bureau.case(caseId).review.as(actor);
        // Each method's input is parsed by the SDK (the review decider's schemas names bad fields).
        const input: unknown = body;
        const acts = {
          submit: () => review.submit(input as ReviewSubmission),
          assign: () => review.assign(input as ReviewCommandFields<"review.assign">),
          conclude: () => review.conclude(input as ReviewCommandFields<"review.conclude">),
          resubmit: () => review.resubmit(input as ReviewResubmission),
          discuss: () => review.discuss(input as ReviewCommandFields<"review.discuss">),
        } satisfies Record<(typeof REVIEW_ROUTES)[number], () => Promise<Result<ReviewStepResult, SanxiangError>>>;
        return reply(await acts[path](), path === "submit" ? 201 : 200);
      }),
    );
  }
  app.post(
    "/cases/:caseId/review/commands",
    json,
    commandRoute<ReviewCommandInput>("caseId", (actor, caseId, command) =>
      bureau.case(caseId).review.as(actor).execute(command),
    ),
  );

  // 公示 — the decision disclosure drafted from the case, signed off, published through the site.
  app.post(
    "/cases/:caseId/disclosure",
    json,
    withBody(["caseId"], async (actor, [caseId = ""], body) => {
      const drafted = await bureau
        .case(caseId)
        .disclosure.as(actor)
        .draft(body as unknown as DecisionDisclosureInput);
      if (drafted.isErr()) return reply(drafted);
      return reply(await drafted.value.state(), 201, (state) => ({ disclosureId: drafted.value.disclosureId, state }));
    }),
  );
  app.get(
    "/disclosures/:disclosureId",
    route(["disclosureId"], async (_actor, [id = ""]) => reply(await bureau.disclosure(id).state())),
  );
  app.post(
    "/disclosures/:disclosureId/sign-off",
    json,
    withBody(
      ["disclosureId"],
      async (actor, [id = ""], body) =>
        reply(
          await bureau
            .disclosure(id)
            .as(actor)
            .signOff(body as { readonly contentHash?: string }),
        ),
      { optional: true },
    ),
  );
  app.post(
    "/disclosures/:disclosureId/publish",
    json,
    withBody(["disclosureId"], async (actor, [id = ""]) => reply(await bureau.disclosure(id).as(actor).publish()), {
      optional: true,
    }),
  );
  app.post(
    "/disclosures/:disclosureId/withdraw",
    json,
    withBody(["disclosureId"], async (actor, [id = ""], body) => {
      if (typeof body.reason !== "string")
        return problem(problemOf(badField("body.reason", "缺失：应为撤回的公开理由（文字）")));
      return reply(await bureau.disclosure(id).as(actor).withdraw(body.reason));
    }),
  );
  app.post(
    "/disclosures/:disclosureId/commands",
    json,
    commandRoute<DisclosureCommandInput>("disclosureId", (actor, id, command) =>
      bureau.disclosure(id).as(actor).execute(command),
    ),
  );

  // 案卷, deadlines, duties, the log.
  app.get(
    "/cases/:caseId/casefile",
    route(["caseId"], async (_actor, [caseId = ""], c) => {
      const chosen = queryChoice(c, "format", ["json", "html"]);
      if (chosen.isErr()) return problem(problemOf(chosen.error));
      const format = chosen.value ?? "json";
      // A case id with no case is 404 before any head is signed for it.
      const view = await bureau.case(caseId).view();
      if (view.isErr()) return reply(view);
      if (view.value.procedure === "none") return noCase(caseId);
      const file = await bureau.case(caseId).caseFile();
      if (file.isErr() || format === "json") return reply(file, 200, caseFileToJson);
      return new Response(caseFileHtml(file.value), { headers: { "content-type": "text/html; charset=utf-8" } });
    }),
  );
  app.get(
    "/deadlines",
    route([], async (_actor, _ids, c) => {
      const options: { -readonly [K in keyof BureauDeadlineOptions]: BureauDeadlineOptions[K] } = {};
      const dueBy = c.req.query("dueBy");
      const caseId = c.req.query("caseId");
      const overdue = queryChoice(c, "overdueOnly", ["true", "false"]);
      if (overdue.isErr()) return problem(problemOf(overdue.error));
      if (dueBy !== undefined) {
        const date = parseCivilDate(dueBy);
        if (date.isErr()) return problem(problemOf(date.error));
        options.dueBy = date.value;
      }
      if (caseId !== undefined) {
        if (!IdSchema.safeParse(caseId).success)
          return problem(problemOf(badField("query.caseId", "不是有效的标识", caseId)));
        options.streamPrefix = caseId;
      }
      if (overdue.value !== undefined) options.overdueOnly = overdue.value === "true";
      return reply(await bureau.deadlines(options));
    }),
  );
  app.get(
    "/duties",
    route([], async () => reply(await bureau.duties())),
  );
  app.get(
    "/verify",
    route([], async () => reply(await bureau.verify())),
  );

  app.notFound((c) =>
    problem(apiProblem("ROUTE_NOT_FOUND", 404, `接口不存在：${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  app.onError((e) => {
    // A coded error thrown by an adapter is still the SDK's; anything else is the server's own failure.
    if (isSanxiangError(e)) return problem(problemOf(e));
    report(e);
    return problem(apiProblem("INTERNAL_ERROR", 500, "服务器内部错误，已记录；请稍后重试或联系运维人员"));
  });
  return app;
}
