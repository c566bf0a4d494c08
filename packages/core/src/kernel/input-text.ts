// 命令文本字符检查 — the characters no text of a command may hold, checked once at the door of
// every decider, over the whole of the command's data (every string, at any depth), before its
// schema: a recorded text must read as it was recorded, in the case file, on screen and in
// what is published from it. Events already recorded are history and are never checked again.
import { type SanxiangError, sanxiangError } from "./errors.js";
import { pathInWords } from "./input-issues.js";
import { err, ok, type Result } from "./result.js";

/**
 * 不可见控制字符 — whether code point `c` may not appear in a command's text: a C0 control
 * other than tab (U+0009), line feed (U+000A) and carriage return (U+000D) — kept, multi-line
 * texts (facts, statements, notes) need them —, DEL (U+007F) and the C1 controls
 * (U+0080–U+009F), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and the invisible direction marks (LRM U+200E, RLM U+200F, ALM U+061C), with
 * which a text reads otherwise than it is stored (`决定\u202E0005` shows as 决定5000), and the
 * byte-order mark / zero-width no-break space (U+FEFF).
 */
export function isUnsafeTextCharacter(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    // The invisible direction marks (LRM, RLM, ALM): an RLM before `123 456` can show it as `456 123`.
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c ||
    c === 0xfeff
  );
}

/** The character as `U+XXXX`. */
const codePointName = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/** Where an unsafe character was found (see {@link checkInputTexts}). */
export interface UnsafeTextFinding {
  /** The field, as keys and indexes (`["party", "name"]`); a key itself when the key holds the character. */
  readonly path: readonly (string | number)[];
  /** The character, `U+XXXX`. */
  readonly codePoint: string;
  /** Its place in the text: 0-based, counted in characters (code points). */
  readonly at: number;
}

/** Containers nested deeper than this are left to the schema (no command nests so deep). */
const MAX_DEPTH = 64;

/** The first unsafe character in `text`, as [code point, 0-based place in code points]. */
function unsafeIn(text: string): [number, number] | undefined {
  let at = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (isUnsafeTextCharacter(c)) return [c, at];
    at += 1;
  }
  return undefined;
}

/**
 * The first string of `value` — itself, or any value or key of its arrays and plain objects,
 * depth first in key order — holding an unsafe character ({@link isUnsafeTextCharacter}).
 * Never throws: a value that cannot be read (a throwing getter, a revoked Proxy) is skipped,
 * left to the schema; cycles are followed once.
 */
export function findUnsafeText(value: unknown): UnsafeTextFinding | undefined {
  const seen = new WeakSet<object>();
  const visit = (v: unknown, path: (string | number)[]): UnsafeTextFinding | undefined => {
    if (typeof v === "string") {
      const hit = unsafeIn(v);
      return hit === undefined ? undefined : { path, codePoint: codePointName(hit[0]), at: hit[1] };
    }
    if (typeof v !== "object" || v === null || path.length >= MAX_DEPTH || seen.has(v)) return undefined;
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const found = visit(v[i], [...path, i]);
          if (found !== undefined) return found;
        }
        return undefined;
      }
      for (const key of Object.keys(v)) {
        const inKey = unsafeIn(key);
        if (inKey !== undefined) return { path: [...path, key], codePoint: codePointName(inKey[0]), at: inKey[1] };
        const found = visit((v as Record<string, unknown>)[key], [...path, key]);
        if (found !== undefined) return found;
      }
    } catch {
      // Unreadable: the schema refuses it.
    }
    return undefined;
  };
  return visit(value, []);
}

/**
 * 命令文本检查 — `INVALID_INPUT` when any string of a command's data (`input`, checked whole:
 * every field at any depth, and the keys of its maps) holds a control character other than
 * tab and line breaks, DEL, a C1 control, a bidirectional embedding, override, isolate or mark
 * (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) or U+FEFF ({@link isUnsafeTextCharacter}). The message names,
 * after `what` (e.g. `命令无效`), the field (its path in words), the character (U+XXXX) and its
 * place (1-based); `details` carries `path` (dotted), `field`, `codePoint`, `at` (0-based, in
 * characters) and the same as one `issues` entry. Every decider of a command calls it before
 * its schema, so a refused command records nothing. Events are not checked: what was
 * recorded before loads and verifies as it was.
 */
export function checkInputTexts(input: unknown, what: string): Result<void, SanxiangError> {
  const found = findUnsafeText(input);
  if (found === undefined) return ok(undefined);
  const path = found.path.map(String).join(".");
  const field = pathInWords(found.path);
  const rule = `含有控制字符或双向文本控制符 ${found.codePoint}（第 ${found.at + 1} 个字符）：记录的文字会与看到的不同，请删除该字符后再提交`;
  return err(
    sanxiangError("INVALID_INPUT", `${what}：${field} ${rule}`, {
      details: {
        path,
        field,
        codePoint: found.codePoint,
        at: found.at,
        issues: [{ path, field, message: rule }],
      },
    }),
  );
}
