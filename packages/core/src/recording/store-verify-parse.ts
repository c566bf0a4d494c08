// 解析存储事件 — the event in a stored leaf's bytes, for the verifier's projection replay and
// its `onEvent` callers: the bytes were just hashed and checked against their leaf; here they
// are decoded and schema-checked.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { CaseEventSchema } from "./case-event.js";
import type { StoredEvent, StoredLeaf } from "./event-store.js";

/** The event in a stored leaf's bytes, schema-checked (for the projection replay). */
export function parseLeaf(
  leaf: StoredLeaf,
  decoder: { decode(input: Uint8Array): string },
): Result<StoredEvent["event"], SanxiangError> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(leaf.bytes));
  } catch (cause) {
    return err(
      sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件无法解析`, {
        details: { position: leaf.position },
        cause,
      }),
    );
  }
  const parsed = CaseEventSchema.safeParse(value);
  if (!parsed.success) {
    return err(
      sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件不符合案件事件格式`, {
        details: {
          position: leaf.position,
          issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        },
      }),
    );
  }
  return ok(parsed.data);
}
