import { utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * 规范化 JSON — a canonical JSON text of a JSON value: object keys sorted by UTF-16 code
 * unit order, no insignificant white space, numbers as JavaScript prints them (integers
 * exactly), `undefined` members dropped. Two equal values always give the same text, so
 * hashes of events and documents do not depend on how an object was built (in the spirit
 * of RFC 8785, restricted to the values sanxiang stores: strings, integers, booleans,
 * null, arrays and plain objects).
 *
 * Throws `TypeError` for values JSON cannot carry faithfully (non-finite or non-integer
 * numbers beyond 2^53, functions, symbols, bigints, class instances): those are
 * programmer errors, never domain data.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
        throw new TypeError(`canonicalJson: number not representable exactly: ${value}`);
      }
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError("canonicalJson: only plain objects and arrays are allowed");
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/** The UTF-8 bytes of {@link canonicalJson}: what sanxiang hashes and signs. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8ToBytes(canonicalJson(value));
}
