/**
 * 执法主体及人员 — enforcement bodies, officers, certificate issuers and training records;
 * the officer checks of 行政处罚法 Art. 42 and 58.
 */
export * from "./organ.js";
export * from "./policy.js";
export * from "./qualification.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./staffing.js";
export * from "./tables.js";
