/**
 * @sanxiang/core — the domain of China's three systems of administrative law
 * enforcement (三项制度): pure, isomorphic, no I/O.
 *
 * @packageDocumentation
 */
export * from "./bureau/index.js";
export * from "./calendar/index.js";
export * from "./calendar/schema.js";
export * from "./disclosure/index.js";
export * from "./enforcement/index.js";
export * from "./kernel/index.js";
export * from "./recording/index.js";
export * from "./registry/index.js";
export * from "./review/index.js";
