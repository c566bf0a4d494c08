// The civil-date and instant types as plain aliases, apart from time.ts and its zod schemas,
// so that an entry point whose public types carry dates (`@sanxiang/core/calendar`) has no
// zod in its declarations. time.ts re-exports both.

/**
 * 日期 — a civil date `YYYY-MM-DD` in China Standard Time: a day on the calendar of the
 * bureau, with no time and no zone. Statutory periods count these.
 */
export type CivilDate = string;

/**
 * 时间点 — an instant, ISO-8601 in UTC (`2026-05-01T02:30:00Z`, optional milliseconds).
 * Events and signatures carry these; convert to a civil date only through `civilDateOf`.
 */
export type Instant = string;
