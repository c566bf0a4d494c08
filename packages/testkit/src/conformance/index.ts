export * from "./crash.js";
export * from "./event-store.js";
export * from "./evidence-store.js";
export * from "./harness.js";
export * from "./merkle-node-runs.js";
export * from "./stream-versions.js";
