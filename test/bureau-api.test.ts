// examples/bureau-api driven as a client would drive it: the server started on an ephemeral
// port, the whole flow of one case by real HTTP requests (fetch), on SQLite and on PostgreSQL;
// then hostile requests, each answered with a typed 4xx that changes nothing.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main as cli } from "@sanxiang/cli";
import {
  ERROR_CODES,
  ERROR_GUIDE,
  fromHex,
  type ManualClock,
  manualClock,
  REVIEW_ITEMS,
  type SanxiangErrorCode,
  sanxiangError,
  testSigner,
  toHex,
  verifyCaseFileJson,
} from "@sanxiang/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemOf, statusOf } from "../examples/bureau-api/problem.js";
import { type RunningBureauApi, startBureauApi } from "../examples/bureau-api/server.js";

const root = resolve(import.meta.dirname, "..");
const pgUrl = process.env.DATABASE_URL || undefined;
const CASE = "SPT-SCJ-2026-012";

// Who acts (the sample market bureau's registry: invented people).
const officer = ["spt-scj-01", "officer"] as const;
const head = ["spt-scj-head", "head"] as const;
const reviewer = ["spt-scj-04", "legalReviewer"] as const;
const clerk = ["spt-scj-02", "publisher"] as const;
type Who = readonly [string, string];

interface Reply {
  readonly status: number;
  readonly type: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read field by field by the assertions
  readonly body: any;
}

/** All files under `dir` (relative paths), or none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

function backends(): [string, string | undefined][] {
  const list: [string, string | undefined][] = [["SQLite", undefined]];
  if (pgUrl !== undefined) list.push(["PostgreSQL", pgUrl]);
  return list;
}

if (pgUrl === undefined) {
  if (process.env.SANXIANG_REQUIRE_PG === "1") {
    it("DATABASE_URL is set (SANXIANG_REQUIRE_PG=1)", () => {
      throw new Error("SANXIANG_REQUIRE_PG=1 but DATABASE_URL is not set: the bureau API's PostgreSQL run cannot run");
    });
  } else {
    console.warn(
      "[bureau-api] DATABASE_URL is not set: the PostgreSQL run is skipped (SANXIANG_REQUIRE_PG=1 fails instead)",
    );
  }
}

describe("problem responses", () => {
  const codes = Object.keys(ERROR_CODES) as SanxiangErrorCode[];

  it("every SDK code has an error status; bad input is never a 5xx; who-acts refusals are 403", () => {
    for (const code of codes) {
      const status = statusOf(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      if (ERROR_GUIDE[code].audience === "developer") expect(status, code).toBeLessThan(500);
    }
    for (const code of ["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED", "PERMISSION_DENIED", "NOT_ON_CASE_TEAM"] as const) {
      expect(statusOf(code)).toBe(403);
    }
  });

  it("carries the code, the Chinese title, the message, the next step and the rule", () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.string(), fc.string({ minLength: 1 }), (code, before, next) => {
        const message = `${before}。下一步：${next}`;
        const p = problemOf(sanxiangError(code, message, { details: { x: 1 } }));
        expect(p.status).toBe(statusOf(code));
        expect(p.body).toMatchObject({ code, status: p.status, title: ERROR_CODES[code], message, details: { x: 1 } });
        expect(p.body.type).toBe(`urn:sanxiang:error:${code}`);
        // The next step is what follows the first 下一步： of the message.
        expect(p.body.next).toBe(message.slice(message.indexOf("下一步：") + 4).trim());
      }),
    );
    expect(problemOf(sanxiangError("INVALID_INPUT", "无下一步")).body.next).toBeUndefined();
  });
});

describe.each(backends())("bureau API over HTTP on %s", (_name, databaseUrl) => {
  let api: RunningBureauApi;
  let clock: ManualClock;
  let dir: string;
  const schema = `sx_api_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sanxiang-bureau-api-"));
    clock = manualClock("2026-04-01T02:00:00Z");
    const started = await startBureauApi({
      dataDir: dir,
      clock,
      maxEvidenceBytes: 64 * 1024,
      maxJsonBytes: 256 * 1024,
      ...(databaseUrl === undefined ? {} : { databaseUrl, pgSchema: schema }),
    });
    if (started.isErr()) throw new Error(`${started.error.code}: ${started.error.message}`);
    api = started.value;
  });

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
    if (databaseUrl !== undefined) {
      // pg is store-postgres's dependency, not the root's.
      const pg = createRequire(join(root, "packages", "store-postgres", "package.json"))("pg") as {
        Client: new (o: {
          connectionString: string;
        }) => {
          connect(): Promise<void>;
          query(q: string): Promise<unknown>;
          end(): Promise<void>;
        };
      };
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  async function call(
    method: string,
    path: string,
    options: { as?: Who; json?: unknown; body?: RequestInit["body"]; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as !== undefined) {
      headers["X-Officer-Id"] = options.as[0];
      headers["X-Acting-As"] = options.as[1];
    }
    let body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const init: RequestInit & { duplex?: "half" } = { method, headers };
    if (body !== undefined) {
      init.body = body;
      if (body instanceof ReadableStream) init.duplex = "half";
    }
    const res = await fetch(`${api.url}${path}`, init);
    const type = res.headers.get("content-type") ?? "";
    const text = await res.text();
    return { status: res.status, type, body: type.includes("json") ? JSON.parse(text) : text };
  }
  const post = (path: string, as: Who, json: unknown = {}) => call("POST", path, { as, json });
  const get = (path: string, as: Who = officer) => call("GET", path, { as });
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const doc = (id: string) => ({ id, kind: "document" });
  const fine = { kinds: ["fine"], fineFen: 15_000_000 };
  const video = new TextEncoder().encode("(bodycam video bytes: site inspection 2026-04-02)");

  /** A stream of `bytes` in chunks of 7, so the server reads a real streamed body. */
  const streamOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });

  /** What the state of the bureau is: the log's size, the evidence files, the site's files. */
  const snapshot = async () => ({
    events: ok(await get("/verify")).events as number,
    evidence: filesUnder(api.evidenceDir),
    site: filesUnder(api.siteDir),
  });

  it("runs one case end to end: filing, evidence, the review gate, review, decision, payment, disclosure, the 案卷", async () => {
    expect(ok(await call("GET", "/health"))).toMatchObject({ ok: true, bodyId: "spt-scjgj" });

    // Filing.
    const filed = ok(
      await post(`/cases/${CASE}/file`, officer, {
        party: { kind: "organisation", name: "沙坡头区示例商贸有限公司（示例）" },
        category: "价格监督检查",
        violation: "经营者销售商品未明码标价",
        regionCode: "640502",
        officerIds: ["spt-scj-01", "spt-scj-02"],
        actDate: "2026-03-20",
        records: [doc("filing-approval")],
      }),
      201,
    );
    expect(filed.events[0].type).toBe("case.filed");

    // Evidence: the body streamed into the evidence store, the device's hash checked, custody recorded.
    clock.set("2026-04-02T02:00:00Z");
    const sha = createHash("sha256").update(video).digest("hex");
    const custody = JSON.stringify([{ kind: "sealed", at: "2026-04-02T02:00:00Z", note: "封存袋 0007" }]);
    const query = new URLSearchParams({
      evidenceType: "audioVisual",
      capturedAt: "2026-04-02T01:00:00Z",
      deviceId: "cam-07",
      stage: "investigation",
      action: "siteInspection",
      actionId: "inspect-1",
      custody,
    });
    const attached = ok(
      await call("POST", `/cases/${CASE}/evidence?${query}`, {
        as: officer,
        body: streamOf(video),
        headers: { "Content-Type": "video/mp4", "X-Content-Hash": `sha256:${sha}` },
      }),
      201,
    );
    expect(attached.item.hash).toEqual({ algorithm: "sha256", hex: sha });
    expect(attached.item.size).toBe(video.length);
    expect(attached.events.map((e: { type: string }) => e.type)).toEqual([
      "evidence.attached",
      "custody.recorded",
      "custody.recorded",
      "custody.recorded",
      "custody.recorded",
    ]);
    // The bytes are in the evidence store under their hash, byte for byte.
    const stored = filesUnder(api.evidenceDir).filter((f) => f.endsWith(sha));
    expect(stored).toHaveLength(1);
    expect(new Uint8Array(readFileSync(join(api.evidenceDir, stored[0] as string)))).toEqual(video);
    // And served back, re-hashed first, with the hash the case records — the download a
    // custody step of the case (调取: who, when, purpose), recorded before the bytes were sent.
    const download = `/cases/${CASE}/evidence/${attached.item.id}`;
    const purpose = encodeURIComponent("制作现场检查笔录");
    const back = await fetch(`${api.url}${download}?verify=true&purpose=${purpose}`, {
      headers: { "X-Officer-Id": "spt-scj-02" },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("video/mp4");
    expect(back.headers.get("x-content-hash")).toBe(`sha256:${sha}`);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(video);
    const accessSeq = Number(back.headers.get("x-custody-seq"));
    const custodyOf = async () => {
      const v = ok(await get(`/cases/${CASE}`));
      return v.state.evidence.find((e: { item: { id: string } }) => e.item.id === attached.item.id).custody.steps;
    };
    expect((await custodyOf()).at(-1)).toMatchObject({
      kind: "accessed",
      actor: { id: "spt-scj-02" },
      purpose: "制作现场检查笔录",
    });
    expect(accessSeq).toBeGreaterThan(0);
    // Not on the case's team, or a role that does not read evidence: 403, nothing recorded;
    // no purpose: 400 naming it.
    const steps = (await custodyOf()).length;
    for (const who of [["spt-scj-04", "officer"], clerk] as const) {
      const refused = await get(`${download}?purpose=${purpose}`, who);
      expect(refused.status).toBe(403);
    }
    const noPurpose = await get(download);
    expect(noPurpose.status).toBe(400);
    expect(JSON.stringify(noPurpose.body)).toContain("query.purpose");
    expect(await custodyOf()).toHaveLength(steps);

    // A photo sent whole: its Content-Length is the size announced to the evidence store.
    const photo = new TextEncoder().encode("(photo of the price tags)");
    const photoQuery = new URLSearchParams({
      evidenceType: "documentary",
      capturedAt: "2026-04-02T01:30:00Z",
      stage: "investigation",
      evidenceId: "photo-1",
    });
    const photoAttached = ok(
      await call("POST", `/cases/${CASE}/evidence?${photoQuery}`, {
        as: officer,
        body: photo,
        headers: { "Content-Type": "image/jpeg" },
      }),
      201,
    );
    expect(photoAttached.item).toMatchObject({ id: "photo-1", size: photo.length, mediaType: "image/jpeg" });

    ok(
      await post(`/cases/${CASE}/investigation`, officer, {
        actionId: "inspect-1",
        action: "siteInspection",
        records: [
          { id: "transcript-1", kind: "transcript" },
          { id: "video-1", kind: "video", evidenceIds: [attached.item.id] },
        ],
      }),
    );
    clock.set("2026-04-03T02:00:00Z");
    const facts = "经营者销售商品未标明价格，情节严重";
    ok(await post(`/cases/${CASE}/investigation-close`, officer, { facts }));
    const basis = ["价格违法行为行政处罚规定第十三条"];
    ok(await post(`/cases/${CASE}/notice`, officer, { penalty: fine, facts, basis, records: [doc("prior-notice")] }));

    // The gate: a major decision without legal review — 422, the coded error, the next step; nothing written.
    clock.set("2026-04-14T02:00:00Z");
    const decision = { outcome: "penalty", penalty: fine, records: [doc("decision")] };
    const before = await snapshot();
    // A head's role the registry does not back (黄晓燕 is an officer, not a head of the body).
    const claimed = await post(`/cases/${CASE}/decision`, ["spt-scj-02", "head"], decision);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(403);
    expect(claimed.body).toMatchObject({ code: "ROLE_NOT_BACKED", details: { actorId: "spt-scj-02" } });
    const stopped = await post(`/cases/${CASE}/decision`, head, decision);
    expect(stopped.status).toBe(422);
    expect(stopped.type).toMatch(/^application\/problem\+json/);
    expect(stopped.body).toMatchObject({
      code: "REVIEW_NOT_APPROVED",
      status: 422,
      title: "未经法制审核或审核未通过",
      source: { law: "行政处罚法", article: 58 },
      details: { why: "notSubmitted" },
    });
    expect(stopped.body.message).toMatch(/重大执法决定/);
    expect(stopped.body.next).toMatch(/review\.submit/);
    expect(await snapshot()).toEqual(before);

    // The legal review, then the same decision goes through with the approval recorded first.
    const materials = ["application", "proposalNote", "draftDecision", "evidence"].map((kind) => ({
      kind,
      id: `review-${kind}`,
    }));
    ok(await post(`/cases/${CASE}/review/submit`, officer, { outcome: "penalty", penalty: fine, materials }), 201);
    ok(await post(`/cases/${CASE}/review/assign`, head, { reviewerId: "spt-scj-04" }));
    clock.set("2026-04-16T02:00:00Z");
    const findings = REVIEW_ITEMS.map((item) => ({ item, ok: true }));
    ok(await post(`/cases/${CASE}/review/conclude`, reviewer, { outcome: "approved", findings, opinion: "同意" }));
    expect(ok(await get(`/cases/${CASE}/reviews`))[0].value).toBe("approved");
    clock.set("2026-04-17T02:00:00Z");
    const decided = ok(await post(`/cases/${CASE}/decision`, head, decision));
    expect(decided.events.map((e: { type: string }) => e.type)).toEqual(["review.approved", "case.decided"]);

    // Service, payment, closing, archiving.
    clock.set("2026-04-20T02:00:00Z");
    ok(await post(`/cases/${CASE}/service`, officer, { method: "direct", records: [doc("service-receipt")] }));
    const open = ok(await get(`/deadlines?caseId=${CASE}`));
    expect(Array.isArray(open)).toBe(true);
    clock.set("2026-04-27T02:00:00Z");
    ok(await post(`/cases/${CASE}/payment`, officer, { amountFen: fine.fineFen }));
    ok(await call("POST", `/cases/${CASE}/close`, { as: head })); // no body: case.close takes none
    ok(await post(`/cases/${CASE}/archive`, officer, { records: [doc("case-file")] }));

    // The decision disclosure: drafted from the case, signed off by the head, published to the site.
    clock.set("2026-04-28T02:00:00Z");
    const draft = ok(
      await post(`/cases/${CASE}/disclosure`, officer, { documentNumber: "沙市监罚决〔2026〕12号" }),
      201,
    );
    const id = draft.disclosureId as string;
    expect(id).toBe(`gs-decision-${CASE}`);
    ok(await call("POST", `/disclosures/${id}/sign-off`, { as: head }));
    const published = ok(await call("POST", `/disclosures/${id}/publish`, { as: clerk }));
    expect(published.receipt.location).toBeTruthy();
    const page = join(api.siteDir, "item", `${id}.html`);
    expect(readFileSync(page, "utf8")).toContain("沙市监罚决〔2026〕12号");
    expect(ok(await get(`/disclosures/${id}`)).value).toBe("published");

    // The case view, the case list, and the 案卷 verified offline with the bureau's public key.
    const view = ok(await get(`/cases/${CASE}`));
    expect(view).toMatchObject({ procedure: "ordinary", caseId: CASE });
    expect(
      ok(await get("/cases")).map((c: { caseId: string; last: { type: string } }) => [c.caseId, c.last.type]),
    ).toEqual([[CASE, "case.archived"]]);
    const file = ok(await get(`/cases/${CASE}/casefile`));
    const key = { algorithm: "ed25519" as const, publicKey: fromHex(api.publicKeyHex)._unsafeUnwrap() };
    const verified = verifyCaseFileJson(file, key);
    expect(verified.isOk() ? "verified" : verified.error.message).toBe("verified");
    // As a third party would: the file saved as served, `sanxiang verify <file> --key <public key>`.
    const saved = join(dir, "casefile.json");
    writeFileSync(saved, JSON.stringify(file));
    let said = "";
    const say = (t: string): void => {
      said += t;
    };
    const io = { out: say, err: say, clock, env: {}, cwd: dir };
    expect(await cli(["verify", saved, "--key", api.publicKeyHex], io), said).toBe(0);
    // … and not with another key (the test signer's public key).
    const other = toHex(testSigner().publicKey);
    expect(await cli(["verify", saved, "--key", other], io)).toBe(1);
    const html = await get(`/cases/${CASE}/casefile?format=html`);
    expect(html.status).toBe(200);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.body).toContain(CASE);
    const log = ok(await get("/verify"));
    expect(log.unsignedTail).toBeNull();
    expect(log.events).toBeGreaterThan(20);
  });

  it("a second server on the same port is refused at start, naming the port", async () => {
    const other = mkdtempSync(join(tmpdir(), "sanxiang-bureau-api-port-"));
    try {
      const port = Number(new URL(api.url).port);
      const again = await startBureauApi({ dataDir: other, clock, port });
      if (again.isOk()) await again.value.close();
      expect(again.isErr() && again.error.code).toBe("INVALID_INPUT");
      expect(again.isErr() && again.error.details).toMatchObject({ field: "port", port });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("concurrent acts on one case: each is applied or refused with 409, the log stays whole", async () => {
    const id = "SPT-SCJ-2026-201";
    ok(
      await post(`/cases/${id}/file`, officer, {
        party: { kind: "organisation", name: "沙坡头区另一示例公司（示例）" },
        category: "价格监督检查",
        violation: "经营者销售商品未明码标价",
        regionCode: "640502",
        officerIds: ["spt-scj-01", "spt-scj-02"],
        actDate: "2026-04-20",
        records: [doc("filing-approval")],
      }),
      201,
    );
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(`/cases/${id}/investigation`, i % 2 === 0 ? officer : (["spt-scj-02", "officer"] as const), {
          actionId: `inquiry-${i}`,
          action: "inquiry",
          records: [{ id: `transcript-${i}`, kind: "transcript" }],
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      JSON.stringify(replies.map((r) => r.body)),
    ).toBe(true);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.code).toBe("CONCURRENCY_CONFLICT");
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBeGreaterThan(0);
    const view = ok(await get(`/cases/${id}`));
    expect(view.version).toBe(1 + accepted);
    // The Merkle log verifies, and the case list's projection agrees with the stream.
    ok(await get("/verify"));
    const listed = ok(await get("/cases")).find((c: { caseId: string }) => c.caseId === id);
    expect(listed.last.seq).toBe(1 + accepted);
  });

  describe("hostile requests: a typed 4xx, nothing changed", () => {
    const evidenceQuery = new URLSearchParams({
      evidenceType: "audioVisual",
      capturedAt: "2026-04-02T01:00:00Z",
      stage: "investigation",
    });
    const cases: [string, () => Promise<Reply>, number, string, RegExp?][] = [
      [
        "bad JSON",
        () =>
          call("POST", `/cases/${CASE}/payment`, {
            as: officer,
            body: "{ amountFen: 1",
            headers: { "Content-Type": "application/json" },
          }),
        400,
        "INVALID_INPUT",
        /JSON/,
      ],
      ["a JSON array", () => post(`/cases/${CASE}/payment`, officer, [1, 2]), 400, "INVALID_INPUT", /对象/],
      [
        "a form instead of JSON",
        () =>
          call("POST", `/cases/${CASE}/payment`, {
            as: officer,
            body: "amountFen=1",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        "a bad field, named",
        () => post(`/cases/NEW-1/file`, officer, { party: { kind: "robot" } }),
        400,
        "INVALID_INPUT",
        /party/,
      ],
      [
        "a command type in the body",
        () => post(`/cases/${CASE}/payment`, officer, { type: "case.decide" }),
        400,
        "INVALID_INPUT",
        /body\.type/,
      ],
      [
        "no identity",
        () => call("POST", `/cases/${CASE}/payment`, { json: { amountFen: 1 } }),
        400,
        "INVALID_INPUT",
        /X-Officer-Id/,
      ],
      [
        "an unknown officer",
        () => post(`/cases/${CASE}/payment`, ["ghost", "officer"], { amountFen: 1 }),
        403,
        "ACTOR_NOT_REGISTERED",
        /ghost/,
      ],
      [
        "an officer of another bureau",
        () => post(`/cases/${CASE}/payment`, ["spt-sfj-01", "officer"], { amountFen: 1 }),
        403,
        "ACTOR_NOT_REGISTERED",
        /spt-sfj-01/,
      ],
      [
        "an unknown officer reading",
        () => get(`/cases/${CASE}/casefile`, ["ghost", "officer"]),
        403,
        "ACTOR_NOT_REGISTERED",
      ],
      [
        "a role nobody may claim",
        () => post(`/cases/${CASE}/payment`, ["spt-scj-01", "root"], { amountFen: 1 }),
        400,
        "INVALID_INPUT",
        /X-Acting-As/,
      ],
      [
        "a huge JSON body",
        () => post(`/cases/${CASE}/payment`, officer, { note: "x".repeat(300 * 1024) }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      [
        "a huge evidence upload (announced)",
        () =>
          call("POST", `/cases/${CASE}/evidence?${evidenceQuery}`, {
            as: officer,
            body: new Uint8Array(65 * 1024),
            headers: { "Content-Type": "video/mp4" },
          }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      [
        "a huge evidence upload (streamed, no length)",
        () =>
          call("POST", `/cases/${CASE}/evidence?${evidenceQuery}`, {
            as: officer,
            body: streamOf(new Uint8Array(65 * 1024)),
            headers: { "Content-Type": "video/mp4" },
          }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      [
        "evidence whose bytes are not the ones the device hashed",
        () =>
          call("POST", `/cases/${CASE}/evidence?${evidenceQuery}`, {
            as: officer,
            body: streamOf(new TextEncoder().encode("other bytes")),
            headers: { "Content-Type": "video/mp4", "X-Content-Hash": `sha256:${"ab".repeat(32)}` },
          }),
        422,
        "EVIDENCE_TAMPERED",
      ],
      [
        "evidence with an unknown query field",
        () =>
          call("POST", `/cases/${CASE}/evidence?path=/etc/passwd`, {
            as: officer,
            body: video,
            headers: { "Content-Type": "video/mp4" },
          }),
        400,
        "INVALID_INPUT",
        /query\.path/,
      ],
      [
        "path traversal in a case id",
        () => post("/cases/..%2F..%2Fetc%2Fpasswd/file", officer, {}),
        400,
        "INVALID_INPUT",
        /path\.caseId/,
      ],
      [
        "path traversal in a case id (evidence)",
        () =>
          call("POST", `/cases/%2e%2e%2f%2e%2e%2fevidence/evidence?${evidenceQuery}`, {
            as: officer,
            body: video,
            headers: { "Content-Type": "video/mp4" },
          }),
        400,
        "INVALID_INPUT",
        /path\.caseId/,
      ],
      [
        "path traversal in a disclosure id",
        () => call("POST", "/disclosures/..%2F..%2Findex/publish", { as: clerk }),
        400,
        "INVALID_INPUT",
        /path\.disclosureId/,
      ],
      [
        "an act the case's state does not allow",
        () =>
          post(`/cases/${CASE}/decision`, head, {
            outcome: "penalty",
            penalty: { kinds: ["fine"], fineFen: 100 },
            records: [doc("d")],
          }),
        409,
        "COMMAND_NOT_ALLOWED",
      ],
      ["an unknown case", () => get("/cases/NO-SUCH-CASE"), 404, "CASE_NOT_FOUND"],
      [
        "evidence the case does not hold",
        () => get(`/cases/${CASE}/evidence/no-such-item?purpose=x`),
        404,
        "EVIDENCE_NOT_FOUND",
      ],
      [
        "evidence by a path, not an id",
        () => get(`/cases/${CASE}/evidence/..%2F..%2Fbureau-signing.key`),
        400,
        "INVALID_INPUT",
        /path\.evidenceId/,
      ],
      ["the 案卷 of an unknown case", () => get("/cases/NO-SUCH-CASE/casefile"), 404, "CASE_NOT_FOUND"],
      [
        "evidence for an unknown case",
        () =>
          call("POST", `/cases/NO-SUCH-CASE/evidence?${evidenceQuery}`, {
            as: officer,
            body: video,
            headers: { "Content-Type": "video/mp4" },
          }),
        409,
        "COMMAND_NOT_ALLOWED",
        /立案/,
      ],
      [
        "a step of an unknown case",
        () => post("/cases/NO-SUCH-CASE/payment", officer, { amountFen: 1 }),
        409,
        "COMMAND_NOT_ALLOWED",
      ],
      ["deadlines due by a date that is none", () => get("/deadlines?dueBy=2026-02-30"), 400, "CIVIL_DATE_INVALID"],
      [
        "a case file in an unknown format",
        () => get(`/cases/${CASE}/casefile?format=pdf`),
        400,
        "INVALID_INPUT",
        /format/,
      ],
      ["an unknown route", () => get("/cases/x/y/z"), 404, "ROUTE_NOT_FOUND"],
    ];

    it.each(cases)("%s", async (_what, request, status, code, message) => {
      const before = await snapshot();
      const r = await request();
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toMatch(new RegExp(`^(${code})$`));
      expect(r.body.status).toBe(status);
      expect(typeof r.body.message).toBe("string");
      if (message !== undefined) expect(r.body.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  });
});
