// `case <id> do`'s payload: `--data`, `--data-file <path>` or standard input (`--data-file -`),
// capped at 1 MiB, decoded (UTF-8, else GBK/UTF-16 with a note), parsed as a JSON object and
// checked against the command's zod schema, each refused field named in words.
import { readFile, stat } from "node:fs/promises";
import { describeIssue, issuesInWords, type SanxiangError, type SchemaIssueLike, sanxiangError } from "@sanxiang/core";
import { t } from "../i18n.js";
import type { CommandContext } from "../main.js";
import { decodeText, encodingNote } from "../text-decode.js";
import { input } from "./case-common.js";

/** The largest payload `--data`, `--data-file` or standard input may hold: 1 MiB. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** A schema issue: where, and what is wrong. */
export type Issue = SchemaIssueLike;

/** What `case do` needs of a command's zod schema. */
export interface CommandSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/** The payload's bytes: `--data`, `--data-file <path>`, or standard input with `--data-file -`. */
export async function payloadText(ctx: CommandContext): Promise<string | SanxiangError> {
  const inline = ctx.options.data;
  const file = ctx.options["data-file"];
  if (typeof inline === "string" && typeof file === "string") {
    return input("--data 与 --data-file 只能给出一个", { option: "data" });
  }
  if (typeof inline === "string") {
    if (Buffer.byteLength(inline, "utf8") > MAX_PAYLOAD_BYTES) {
      return input(`命令数据超过 ${MAX_PAYLOAD_BYTES} 字节上限`, { limit: MAX_PAYLOAD_BYTES });
    }
    return inline;
  }
  if (typeof file !== "string") return "{}";
  let bytes: Uint8Array;
  if (file === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += b.length;
      if (size > MAX_PAYLOAD_BYTES) {
        return input(`标准输入的命令数据超过 ${MAX_PAYLOAD_BYTES} 字节上限`, { limit: MAX_PAYLOAD_BYTES });
      }
      chunks.push(b);
    }
    bytes = Buffer.concat(chunks);
  } else {
    const path = file;
    const info = await stat(path);
    if (!info.isFile()) return input(`${path} 不是文件`, { file: path });
    if (info.size > MAX_PAYLOAD_BYTES) {
      return input(`${path} 有 ${info.size} 字节，超过命令数据 ${MAX_PAYLOAD_BYTES} 字节上限`, {
        file: path,
        size: info.size,
        limit: MAX_PAYLOAD_BYTES,
      });
    }
    bytes = await readFile(path);
  }
  const decoded = decodeText(bytes, file === "-" ? "标准输入" : file);
  if (decoded.isErr()) {
    // The decoder speaks of spreadsheets (its advice is to re-save from Excel as CSV UTF-8): for a
    // command's JSON, say what is wanted instead.
    const why = decoded.error.message.split("；请在 Excel")[0] ?? decoded.error.message;
    return input(`命令数据无法读取：${why}；应为 UTF-8 编码的 JSON`, { file });
  }
  if (decoded.value.encoding !== "UTF-8") {
    ctx.io.err(
      t(
        ctx.lang,
        `注意：命令数据${encodingNote(decoded.value)}\n`,
        `note: the payload was read as ${decoded.value.encoding}\n`,
      ),
    );
  }
  return decoded.value.text;
}

/** The payload as a JSON object, or the refusal of text that is not one. */
export function parsePayload(text: string): Record<string, unknown> | SanxiangError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return input(`命令数据不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return input(
      `命令数据应为 JSON 对象，收到 ${Array.isArray(value) ? "数组" : value === null ? "null" : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/** The schema's refusal of a payload, each field in words (core's `describeIssue`). */
export function schemaRefusal(type: string, issues: readonly Issue[], given: unknown): SanxiangError {
  // Two checks of one field can word the same problem alike (an amount out of range): named once.
  const described = issues
    .map((i) => describeIssue(i, given))
    .filter((d, n, all) => all.findIndex((o) => o.field === d.field && o.message === d.message) === n);
  return sanxiangError(
    "INVALID_INPUT",
    `命令 ${type} 的数据不符合要求：${issuesInWords(described)}（字段见 docs/commands.md）`,
    {
      details: { command: type, issues: described },
    },
  );
}
