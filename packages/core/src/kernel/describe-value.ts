// Safe descriptions of untrusted values, for the messages and details of parse errors.
// A parser takes any value; the message that says why it was refused must not throw on
// the value itself: `${value}` throws a TypeError for `Object.create(null)` (no toString),
// a Symbol, or an object whose toString throws, and every read of a Proxy may throw.
import type { z } from "zod";

const MAX_LENGTH = 80;

/**
 * 值的描述 — a short text for any value, that never throws: a string as itself (cut to 80
 * characters), a number, boolean, BigInt (`10n`), undefined or null as written, a symbol as
 * `Symbol(description)`, a function as `[function name]`, any other object by its kind
 * (`[object Object]`, `[object Map]`, `[object null prototype]`), or `[unreadable value]`
 * when even that cannot be read (a Proxy whose traps throw).
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case "string":
        return value.length > MAX_LENGTH ? `${value.slice(0, MAX_LENGTH)}…` : value;
      case "bigint":
        return `${value.toString()}n`;
      case "symbol":
        return value.toString();
      case "function":
        return `[function ${typeof value.name === "string" && value.name !== "" ? value.name : "anonymous"}]`;
      case "object":
        if (value === null) return "null";
        if (Object.getPrototypeOf(value) === null) return "[object null prototype]";
        return Object.prototype.toString.call(value);
      default:
        return String(value);
    }
  } catch {
    return "[unreadable value]";
  }
}

/** What {@link safeParse} returns: zod's result shape, so callers read `issues` as from zod. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | {
      readonly success: false;
      readonly error: { readonly issues: readonly { readonly path: PropertyKey[]; readonly message: string }[] };
    };

/**
 * `schema.safeParse(value)` that never throws: zod lets an exception from a getter or a
 * Proxy trap of the value through; here it becomes a failure with one issue at the root.
 */
export function safeParse<T>(schema: z.ZodType<T>, value: unknown): SafeParseResult<T> {
  try {
    const parsed = schema.safeParse(value);
    return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : describeValue(cause);
    return { success: false, error: { issues: [{ path: [], message: `读取该值时出错：${describeValue(why)}` }] } };
  }
}

/** True for a `Uint8Array`; false, never a throw, for anything else (a Proxy whose traps throw included). */
export function isUint8Array(value: unknown): value is Uint8Array {
  try {
    return value instanceof Uint8Array;
  } catch {
    return false;
  }
}

/**
 * Reads the options a parser was given into a plain object — each key of `defaults`, taken
 * from `options` when present there — or `undefined` when `options` is not an object or
 * reading it throws (a getter, a Proxy). After this the parser reads only plain values.
 */
export function readOptions<T extends Record<string, unknown>>(options: unknown, defaults: T): T | undefined {
  if (options === undefined) return { ...defaults };
  if (typeof options !== "object" || options === null) return undefined;
  try {
    const out: Record<string, unknown> = { ...defaults };
    for (const key of Object.keys(defaults)) {
      const v = (options as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
    return out as T;
  } catch {
    return undefined;
  }
}
