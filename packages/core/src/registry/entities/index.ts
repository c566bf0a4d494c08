// 市场主体 — market entities and parties: the two national identifiers (GB 11643 resident
// ID numbers, GB 32100 unified social credit codes), organisations and natural persons,
// violation history and the first-violation check (行政处罚法 Art. 33 para. 1).
export * from "./checksums.js";
export * from "./parties.js";
export * from "./registry.js";
export * from "./resident-id.js";
export * from "./tables.js";
export * from "./uscc.js";
export * from "./violations.js";
