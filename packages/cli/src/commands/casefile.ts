import {
  AuditLog,
  assembleCaseFile,
  assembleCaseFileFromStore,
  attestCaseFile,
  CASE_FILE_PART_NAMES,
  type CaseEvent,
  type CaseFile,
  type CaseFilePart,
  type CaseFilePartKind,
  caseFileHtml,
  caseFileToJson,
  createBodiesRegistry,
  ed25519Signer,
  fromHex,
  parseSignatureAlgorithm,
  type SanxiangError,
  type Signer,
  type Stage,
  sanxiangError,
  sm2Signer,
  testSigner,
  toHex,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { storeSpecOf, withStore } from "../event-store.js";
import { type Lang, t } from "../i18n.js";
import { describeFailure } from "../io.js";
import { type CommandContext, EXIT, exitCodeOf, formatError, UsageError } from "../main.js";
import { nativeHashAlgorithm } from "../native-hash.js";
import { organOfBodyOption } from "../organ.js";
import { writeOutputFiles } from "../output.js";
import { readRegularFile } from "../read-regular-file.js";

/** The example case's id; the log id says "EXAMPLE" so nobody mistakes it for a real log. */
const EXAMPLE_CASE = "EXAMPLE-2026-001";
const EXAMPLE_LOG = "EXAMPLE.shapotou-sfj";
/** The example's body in the sample registry (中卫市沙坡头区司法局): its organ heads the catalogue. */
const EXAMPLE_BODY = "spt-sfj";

const officer = { id: "officer-wang", roles: ["officer" as const] };
const reviewer = { id: "reviewer-li", roles: ["legalReviewer" as const] };
const head = { id: "head-zhao", roles: ["head" as const] };

/**
 * A small, realistic ordinary penalty case (示例数据) with the legal review its decision
 * relied on and the decision's disclosure, interleaved with a second case so the inclusion
 * proofs are not trivial. Event types are the procedures' own; every payload says it is an
 * example.
 */
function exampleEvents(): CaseEvent[] {
  const step = (
    caseId: string,
    seq: number,
    at: string,
    stage: Stage,
    type: string,
    actor: CaseEvent["actor"],
    payload: Record<string, unknown> = {},
  ): CaseEvent => ({ caseId, seq, type, at, actor, stage, payload: { example: "示例数据", ...payload } });
  const c = EXAMPLE_CASE;
  const o = "EXAMPLE-2026-002";
  const r = `${EXAMPLE_CASE}.review`;
  const d = `gs-decision-${EXAMPLE_CASE}`;
  const draftHash = "0".repeat(64);
  return [
    step(c, 1, "2026-03-02T01:30:00Z", "filing", "case.filed", head, {
      cause: "未按规定公示收费标准",
      bodyId: EXAMPLE_BODY,
      party: { kind: "organisation", name: "某某商行（示例）" },
    }),
    step(o, 1, "2026-03-02T03:00:00Z", "filing", "case.filed", head),
    step(c, 2, "2026-03-03T02:00:00Z", "investigation", "investigation.recorded", officer, { place: "某某商行" }),
    step(c, 3, "2026-03-04T06:00:00Z", "investigation", "investigation.recorded", officer, {
      title: "询问笔录",
      party: "某某商行负责人",
    }),
    step(o, 2, "2026-03-05T02:00:00Z", "investigation", "investigation.recorded", officer),
    step(c, 4, "2026-03-06T02:00:00Z", "investigation", "investigation.closed", officer),
    step(c, 5, "2026-03-09T02:00:00Z", "review", "notice.served", officer),
    step(c, 6, "2026-03-12T02:00:00Z", "review", "defence.waived", officer),
    step(r, 1, "2026-03-13T02:00:00Z", "review", "review.submitted", officer, { caseId: c, draftHash }),
    step(r, 2, "2026-03-17T02:00:00Z", "review", "review.concluded", reviewer, {
      outcome: "approved",
      draftHash,
      opinion: "事实清楚，证据确凿，适用依据正确，程序合法",
    }),
    step(c, 7, "2026-03-20T02:00:00Z", "review", "review.approved", head, { draftHash, reviewId: r }),
    step(c, 8, "2026-03-20T02:00:00Z", "decision", "case.decided", head, { outcome: "penalty", fineFen: 300_000 }),
    step(c, 9, "2026-03-23T02:00:00Z", "service", "decision.served", officer),
    step(d, 1, "2026-03-24T02:00:00Z", "decision", "disclosure.drafted", officer, {
      draft: {
        caseId: c,
        title: "行政处罚决定信息（示例）",
        content: { kind: "decision", documentNumber: "沙司罚决〔2026〕1号（示例）" },
      },
    }),
    step(d, 2, "2026-03-25T02:00:00Z", "decision", "disclosure.approved", head),
    step(d, 3, "2026-03-26T02:00:00Z", "decision", "disclosure.published", officer, { caseId: c, channel: "示例网站" }),
    step(c, 10, "2026-04-01T02:00:00Z", "execution", "payment.recorded", officer, { amountFen: 300_000 }),
    step(c, 11, "2026-04-02T02:00:00Z", "closing", "case.closed", head),
    step(c, 12, "2026-04-10T02:00:00Z", "archiving", "case.archived", officer),
  ];
}

/** The example case file, its head and its parts signed with the public test key (`testSigner()`). */
export async function exampleCaseFile(): Promise<CaseFile> {
  const log = AuditLog.restore(exampleEvents());
  if (log.isErr()) throw log.error;
  const sth = await log.value.signedTreeHead(testSigner(), { logId: EXAMPLE_LOG, timestamp: "2026-04-10T08:00:00Z" });
  if (sth.isErr()) throw sth.error;
  const file = assembleCaseFile(log.value, EXAMPLE_CASE, sth.value);
  if (file.isErr()) throw file.error;
  const attested = await attestCaseFile(file.value, testSigner());
  if (attested.isErr()) throw attested.error;
  return attested.value;
}

const PART_WORDS: Readonly<Record<CaseFilePartKind, string>> = {
  case: "case",
  review: "legal review",
  disclosure: "disclosure",
  linked: "linked record",
};

/** One line per part of the file: what it is, its stream id, how many events. */
export function partLines(lang: CommandContext["lang"], file: { readonly parts: readonly CaseFilePart[] }): string {
  return file.parts
    .map((p) =>
      t(
        lang,
        `  · ${CASE_FILE_PART_NAMES[p.kind]} ${p.streamId}：${p.events} 个事件\n`,
        `  · ${PART_WORDS[p.kind]} ${p.streamId}: ${p.events} events\n`,
      ),
    )
    .join("");
}

/**
 * 私钥文件无法读取 — the refusal of a key file that cannot be read (missing, a directory, no
 * permission): `INVALID_INPUT`, exit 2, as `sign` and `casefile --key-file` print it.
 */
export function unreadableKeyFile(lang: Lang, keyFile: string, e: unknown): SanxiangError {
  return sanxiangError(
    "INVALID_INPUT",
    `${t(lang, "无法读取私钥文件", "cannot read the key file")} ${describeFailure(e, keyFile)}`,
    { details: { option: "key-file", path: keyFile } },
  );
}

/**
 * The bureau's signer from a key file (hex secret key, as `sanxiang sign` reads it), or
 * `undefined` after reporting why not (bad algorithm, unreadable file, invalid key).
 */
async function loadSigner(ctx: CommandContext, keyFile: string): Promise<Signer | undefined> {
  const { lang } = ctx;
  const algorithm = parseSignatureAlgorithm(
    typeof ctx.options.algorithm === "string" ? ctx.options.algorithm : "ed25519",
  );
  if (algorithm.isErr()) {
    ctx.io.err(formatError(lang, algorithm.error));
    return undefined;
  }
  let secretHex: string;
  try {
    secretHex = new TextDecoder().decode(await readRegularFile(keyFile)).trim();
  } catch (e) {
    ctx.io.err(formatError(lang, unreadableKeyFile(lang, keyFile, e)));
    return undefined;
  }
  const signer = algorithm.value === "sm2" ? sm2Signer(secretHex) : fromHex(secretHex).andThen((b) => ed25519Signer(b));
  if (signer.isErr()) {
    ctx.io.err(formatError(lang, signer.error));
    return undefined;
  }
  return signer.value;
}

/**
 * `sanxiang casefile <case-id> <out.json> [--html <out.html>] [--store …]` assembles a case's
 * complete file (案卷) from the store: the case's events with those of its legal reviews and
 * disclosures, the catalogue in stage order and every inclusion proof against the store's
 * latest signed tree head (which must cover all of the case's events). The log is never loaded:
 * the proofs are built from the store's stored Merkle subtrees, checked against the signed head
 * (`assembleCaseFileFromStore`). With `--key-file` (the bureau's
 * key, as for `sanxiang sign`) the file also carries the bureau's signature over its parts
 * (卷内备考签名), so that a stream left out whole is caught by `verify`.
 */
async function storedCaseFile(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [caseId, out, ...rest] = ctx.args;
  if (caseId === undefined || out === undefined || rest.length > 0) {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang casefile <案件编号> <输出.json> [--html <目录.html> [--body <主体编号>]] [--key-file <私钥文件> [--algorithm ed25519|sm2]] [--store …]",
        "usage: sanxiang casefile <case-id> <out.json> [--html <catalogue.html> [--body <body-id>]] [--key-file <secret-key-file> [--algorithm ed25519|sm2]] [--store …]",
      ),
    );
  }
  const keyFile = ctx.options["key-file"];
  let signer: Signer | undefined;
  if (keyFile !== undefined) {
    const loaded = typeof keyFile === "string" ? await loadSigner(ctx, keyFile) : undefined;
    if (loaded === undefined) return EXIT.usage;
    signer = loaded;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    ctx.io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  // The catalogue's heading and 责任者: the organ --body names in the registry, else the one
  // the file's own decision disclosure names.
  const organ = await organOfBodyOption(ctx);
  if (typeof organ === "number") return organ;
  return withStore(ctx, spec.value, async (store) => {
    const events = await store.load(caseId);
    if (events.isErr()) {
      ctx.io.err(formatError(lang, events.error));
      return events.error.code === "INVALID_INPUT" ? EXIT.usage : EXIT.failure;
    }
    if (events.value.length === 0) {
      ctx.io.err(
        formatError(
          lang,
          sanxiangError("INVALID_INPUT", t(lang, `存储中没有案件 ${caseId}`, `no case ${caseId} in the store`), {
            details: { caseId },
          }),
        ),
      );
      return EXIT.usage;
    }
    const file = await assembleCaseFileFromStore(store, caseId, {
      hash: nativeHashAlgorithm(store.hashAlgorithm),
      ...(signer === undefined ? {} : { signer }),
    });
    if (file.isErr()) {
      ctx.io.err(formatError(lang, file.error));
      return EXIT.failure;
    }
    const sth = file.value.signedTreeHead;
    const filed = file.value.parts[0]?.events ?? 0;
    if (filed < events.value.length) {
      ctx.io.err(
        formatError(
          lang,
          sanxiangError(
            "LOG_TAIL_UNSIGNED",
            t(
              lang,
              `最新的签名树头（大小 ${sth.treeSize}）只覆盖本案 ${events.value.length} 个事件中的前 ${filed} 个；先对日志头签名：sanxiang sign --key-file <私钥文件> --log-id <日志标识>`,
              `the latest signed tree head (size ${sth.treeSize}) covers only ${filed} of this case's ${events.value.length} events; sign the log head first: sanxiang sign --key-file <secret-key-file> --log-id <log-id>`,
            ),
            {
              details: {
                caseId,
                treeSize: sth.treeSize,
                covered: filed,
                events: events.value.length,
              },
            },
          ),
        ),
      );
      return EXIT.failure;
    }
    const html = ctx.options.html;
    const written = await writeOutputFiles(
      [
        { given: out, option: "file", data: `${JSON.stringify(caseFileToJson(file.value), null, 2)}\n` },
        ...(typeof html === "string"
          ? [
              {
                given: html,
                option: "html",
                data: caseFileHtml(file.value, {
                  title: "卷内目录",
                  ...(organ === undefined ? {} : { organName: organ }),
                }),
              },
            ]
          : []),
      ],
      { cwd: ctx.io.cwd, force: ctx.options.force === true },
    );
    if (written.isErr()) {
      ctx.io.err(formatError(lang, written.error));
      return exitCodeOf(written.error);
    }
    ctx.io.out(
      t(
        lang,
        `已写入案卷：${out}\n  案件 ${caseId}，卷内文件 ${file.value.catalogue.length} 件，签名树头大小 ${sth.treeSize}（${sth.logId}，${sth.timestamp}）\n${partLines(lang, file.value)}${file.value.attestation === undefined ? "  未附卷内备考签名（加 --key-file 由机关签署组成部分）\n" : "  已附卷内备考签名（机关签署的组成部分）\n"}验证：sanxiang verify ${out} --key <机关公钥十六进制>\n`,
        `Wrote the case file: ${out}\n  case ${caseId}, ${file.value.catalogue.length} entries, signed tree head of size ${sth.treeSize} (${sth.logId}, ${sth.timestamp})\n${partLines(lang, file.value)}${file.value.attestation === undefined ? "  no attestation (add --key-file to have the bureau sign the parts)\n" : "  attested: the bureau signed the parts\n"}Verify: sanxiang verify ${out} --key <bureau-public-key-hex>\n`,
      ),
    );
    return EXIT.ok;
  });
}

/**
 * `sanxiang casefile --example <out.json> [--html <out.html>]` writes an example case file
 * (示例数据, signed with the public test key) for trying `sanxiang verify`; without
 * `--example`, `casefile <id> <out.json>` assembles a stored case's file.
 */
export async function casefileCommand(ctx: CommandContext): Promise<number> {
  const { lang } = ctx;
  const [out, ...rest] = ctx.args;
  if (ctx.options.example !== true) return storedCaseFile(ctx);
  if (out === undefined || rest.length > 0) {
    throw new UsageError(
      t(lang, "用法：sanxiang casefile --example <输出.json>", "usage: sanxiang casefile --example <out.json>"),
    );
  }
  const file = await exampleCaseFile();
  const html = ctx.options.html;
  const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA);
  const options = { title: "卷内目录（示例数据）", ...(bodies.isOk() ? { bodies: bodies.value } : {}) };
  const written = await writeOutputFiles(
    [
      { given: out, option: "file", data: `${JSON.stringify(caseFileToJson(file), null, 2)}\n` },
      ...(typeof html === "string" ? [{ given: html, option: "html", data: caseFileHtml(file, options) }] : []),
    ],
    { cwd: ctx.io.cwd, force: ctx.options.force === true },
  );
  if (written.isErr()) {
    ctx.io.err(formatError(lang, written.error));
    return exitCodeOf(written.error);
  }
  const key = toHex(testSigner().publicKey);
  ctx.io.out(
    t(
      lang,
      `已写入示例案卷（示例数据，用公开的测试密钥签名，不具证明效力）：${out}\n` +
        `  案件 ${file.caseId}，卷内文件 ${file.catalogue.length} 件\n` +
        partLines(lang, file) +
        `验证：sanxiang verify ${out} --key ${key}\n`,
      `Wrote an example case file (example data, signed with the public TEST key; proves nothing): ${out}\n` +
        `  case ${file.caseId}, ${file.catalogue.length} entries\n` +
        partLines(lang, file) +
        `Verify: sanxiang verify ${out} --key ${key}\n`,
    ),
  );
  return EXIT.ok;
}
