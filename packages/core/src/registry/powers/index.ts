/**
 * 权责清单 — the powers list, service guides and the random-inspection item list.
 */
export * from "./kinds.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./tables.js";
