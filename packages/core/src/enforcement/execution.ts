// 行政强制执行 — what happens in a penalty case after the payment deadline passes unpaid
// (行政处罚法 Arts. 66, 72; 行政强制法 Arts. 35–38, 43, 45–46, 53–55): the commands and events
// of the execution steps, the policy a bureau sets, and how the steps change the case. The
// decisions themselves are in execution-decide.ts (with execution-common, -instalments,
// -court and -halt). This module gathers, in that order:
// - execution-terms.ts: the rules' sources, the bureau's execution policy, the shared terms;
// - execution-commands.ts: the commands (`EXECUTION_COMMAND_SCHEMAS`);
// - execution-events.ts: the events (`EXECUTION_EVENT_SCHEMAS`);
// - execution-state.ts: the execution state and how each event changes it.
export * from "./execution-commands.js";
export * from "./execution-events.js";
export * from "./execution-state.js";
export * from "./execution-terms.js";
