import { z } from "zod";
import { describeValue, safeParse } from "./describe-value.js";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { err, ok, type Result } from "./result.js";
import { epochMillis, type Instant, instantFromEpochMillis, isInstant } from "./time.js";

// Time and identity enter core only through these ports, so that every run can be
// replayed: core never reads the wall clock or an unseeded random source by itself.

/**
 * 时钟 — the clock port: where core learns "now".
 *
 * Contract (version 1):
 * - `now()` returns the current instant as an ISO-8601 UTC {@link Instant}; it never throws
 *   and never returns an invalid instant. It does no I/O and may be called often.
 * - Successive calls are expected, not guaranteed, to be non-decreasing: a wall clock can
 *   step back. Code that needs order uses the event log, not the clock.
 * - Core never reads the wall clock (`Date.now`, an argument-less `Date`). A wall-clock
 *   implementation (`systemClock`) deliberately does not live in core: the CLI and server
 *   adapters provide it, and tests use {@link fixedClock} or {@link manualClock}.
 */
export interface Clock {
  /** Port version; bumped on any incompatible change of this contract. */
  readonly specificationVersion: 1;
  /** The current instant (UTC). */
  now(): Instant;
}

/** Test fakes get instants from test code: a bad one is a bug, thrown with its code. */
function assertInstant(value: Instant, where: string): Instant {
  if (!isInstant(value))
    throw sanxiangError("INSTANT_INVALID", `${where}: not an ISO-8601 UTC instant: ${String(value)}`);
  return value;
}

/** A {@link Clock} that always says `instant` (tests, replays, documents dated "as of"). */
export function fixedClock(instant: Instant): Clock {
  const at = assertInstant(instant, "fixedClock");
  return { specificationVersion: 1, now: () => at };
}

/**
 * A {@link Clock} under the test's control: it stands still until told to move. Think of
 * XState's `SimulatedClock`, but for the SDK's own deadlines.
 */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (a non-negative integer); returns the new now. */
  advance(ms: number): Instant;
  /** Sets the clock to `instant`, forwards or backwards (to simulate a wall clock stepping back). */
  set(instant: Instant): void;
}

/** A {@link ManualClock} starting at `start`. Invalid instants or steps throw (test bugs). */
export function manualClock(start: Instant): ManualClock {
  let current = epochMillis(assertInstant(start, "manualClock"));
  return {
    specificationVersion: 1,
    now: () => instantFromEpochMillis(current),
    advance(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`manualClock.advance: bad step ${ms}`);
      current += ms;
      return instantFromEpochMillis(current);
    },
    set(instant) {
      current = epochMillis(assertInstant(instant, "manualClock.set"));
    },
  };
}

/**
 * 随机源 — the randomness port, so ids can be reproduced in tests.
 *
 * Contract (version 1): `fill(bytes)` overwrites every byte of `bytes` and returns
 * nothing. Production sources are cryptographically strong; when no strong source exists
 * the factory throws at configuration time, never later during `fill`.
 */
export interface RandomSource {
  /** Port version. */
  readonly specificationVersion: 1;
  /** Fills `bytes` with random bytes. */
  fill(bytes: Uint8Array): void;
}

interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * The platform's cryptographic random source, `globalThis.crypto.getRandomValues` (Web
 * Crypto: browsers, Node ≥ 19, Deno, Bun). Throws at once when the platform has none.
 */
export function cryptoRandom(): RandomSource {
  const crypto = (globalThis as { crypto?: Partial<WebCrypto> }).crypto;
  const getRandomValues = crypto?.getRandomValues?.bind(crypto);
  if (getRandomValues === undefined)
    throw new Error("cryptoRandom: globalThis.crypto.getRandomValues is not available");
  return {
    specificationVersion: 1,
    fill(bytes) {
      // getRandomValues refuses more than 65,536 bytes at a time.
      for (let i = 0; i < bytes.length; i += 65_536) getRandomValues(bytes.subarray(i, i + 65_536));
    },
  };
}

/**
 * A deterministic {@link RandomSource} for tests: the same seed gives the same bytes
 * (SplitMix32). Not for production: it is predictable by design.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return {
    specificationVersion: 1,
    fill(bytes) {
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
    },
  };
}

/** Id prefixes: a lower-case word naming the kind of thing (`case`, `evt`, `review`). */
export const IdPrefixSchema = z.string().regex(/^[a-z][a-z0-9]{0,31}$/, { message: "expected a lower-case prefix" });

/**
 * 标识 — any identifier that crosses a public boundary: 1–128 characters of ASCII letters,
 * digits and `_ . : -`, starting with a letter or digit. Generated ids ({@link GeneratedIdSchema})
 * are one form of it; identifiers from the bureau's own registries (officer numbers, unit
 * codes) are another.
 */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
    message: "应为标识：字母或数字开头，只含字母、数字和 _ . : -，不超过 128 个字符",
  })
  .meta({ description: "identifier" });
/** 标识 — an identifier (see {@link IdSchema}). */
export type Id = z.infer<typeof IdSchema>;

const ULID_BODY = "[0-9A-HJKMNP-TV-Z]{26}";

/**
 * An id made by an {@link IdGenerator}: an optional `prefix_` and a 26-character ULID body
 * (Crockford base32: 48-bit millisecond time, then 80 bits of randomness), e.g.
 * `case_01JTF4W3S5Q4ZQ3M8N2B6K7D9X`. Ids of one generator sort in creation order.
 */
export const GeneratedIdSchema = z
  .string()
  .regex(new RegExp(`^(?:[a-z][a-z0-9]{0,31}_)?${ULID_BODY}$`), { message: "expected a generated id" });

/** Parses an identifier, or the coded error `ID_INVALID`. */
export function parseId(value: unknown): Result<Id, SanxiangError> {
  const parsed = safeParse(IdSchema, value);
  return parsed.success
    ? ok(parsed.data)
    : err(
        sanxiangError("ID_INVALID", `标识无效：${describeValue(value)}`, { details: { value: describeValue(value) } }),
      );
}

/**
 * 标识生成器 — the id port.
 *
 * Contract (version 1):
 * - `next(prefix?)` returns a new id matching {@link GeneratedIdSchema}, as `prefix_BODY`
 *   when a prefix is given. It is not idempotent: no two calls on one generator return the
 *   same id, and each id sorts after the previous one (string order).
 * - An invalid prefix is a programmer error and throws; otherwise `next` never fails.
 */
export interface IdGenerator {
  /** Port version. */
  readonly specificationVersion: 1;
  /** A fresh id, optionally `prefix_`-ed. */
  next(prefix?: string): string;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Crockford base32 of a non-negative bigint, left-padded to `width` characters. */
function base32(n: bigint, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

function withPrefix(prefix: string | undefined, body: string): string {
  if (prefix === undefined) return body;
  if (!IdPrefixSchema.safeParse(prefix).success) throw new RangeError(`IdGenerator.next: bad prefix ${prefix}`);
  return `${prefix}_${body}`;
}

/**
 * A deterministic {@link IdGenerator} for tests: bodies count up from 1 (`…0001`,
 * `…0002`, …) in the generated-id form, so ids still validate and sort.
 */
export function sequentialIds(start = 1): IdGenerator {
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`sequentialIds: bad start ${start}`);
  let n = BigInt(start);
  return {
    specificationVersion: 1,
    next(prefix) {
      const id = withPrefix(prefix, base32(n, 26));
      n += 1n;
      return id;
    },
  };
}

/** What {@link randomIds} needs: time from a clock, entropy from a random source. */
export interface RandomIdsOptions {
  /** Supplies the 48-bit millisecond time part. */
  readonly clock: Clock;
  /** Supplies the 80-bit random part; default {@link cryptoRandom}. */
  readonly random?: RandomSource;
}

const RANDOM_MAX = (1n << 80n) - 1n;

/**
 * The production {@link IdGenerator}: monotonic ULIDs. The time part comes from the
 * injected clock; within one millisecond, or when the clock steps back, the previous
 * id's random part is incremented instead, so ids from one generator stay strictly
 * increasing (ULID spec, "monotonicity").
 */
export function randomIds(options: RandomIdsOptions): IdGenerator {
  const random = options.random ?? cryptoRandom();
  const bytes = new Uint8Array(10);
  let lastTime = -1;
  let lastRandom = 0n;
  return {
    specificationVersion: 1,
    next(prefix) {
      const now = epochMillis(options.clock.now());
      if (now < 0 || now >= 2 ** 48) throw new RangeError(`randomIds: clock outside the ULID range: ${now}`);
      if (now > lastTime) {
        random.fill(bytes);
        lastRandom = bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
        lastTime = now;
      } else if (lastRandom === RANDOM_MAX) {
        // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat.
        lastTime += 1;
        lastRandom = 0n;
      } else {
        lastRandom += 1n;
      }
      return withPrefix(prefix, base32(BigInt(lastTime), 10) + base32(lastRandom, 16));
    },
  };
}
