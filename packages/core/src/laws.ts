/**
 * @sanxiang/core/laws — 法律法规库: the statutes the SDK cites, as a laws database.
 *
 * @packageDocumentation
 */
export {};
