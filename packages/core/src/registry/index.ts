/**
 * 登记簿 — the registries a bureau is configured with: enforcement bodies and their powers
 * (执法主体与职权), regulated entities, discretion benchmarks (裁量基准), the laws database
 * schema with its citation parser, and the versioned tables, CSV and codecs they load from.
 *
 * @module
 */
export * from "./benchmarks/index.js";
export * from "./bodies/index.js";
export * from "./codecs.js";
export * from "./csv.js";
export * from "./entities/index.js";
export * from "./laws/index.js";
export * from "./powers/index.js";
export * from "./table.js";
export * from "./versions.js";
