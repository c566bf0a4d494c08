/**
 * 行政处罚普通程序 — the case aggregate of the ordinary penalty procedure: commands and
 * events (zod), the XState v5 machine, the pure decider with its hard guards, the fold,
 * and the event-store port with its in-memory reference.
 *
 * @module
 */
export * from "./authority.js";
export * from "./benchmark-application.js";
export * from "./benchmark-gate.js";
export * from "./branches.js";
export * from "./circumstances.js";
export * from "./coercion/index.js";
export * from "./commands.js";
export * from "./context.js";
export { bodyCalendar } from "./deadline.js";
export * from "./decide.js";
export * from "./discussion.js";
export * from "./events.js";
export * from "./excluded-periods.js";
export * from "./execution.js";
export * from "./execution-court.js";
export * from "./execution-decide.js";
export * from "./execution-halt.js";
export * from "./execution-instalments.js";
export * from "./fold.js";
export * from "./guards.js";
export * from "./hearing.js";
export * from "./inspection/index.js";
export * from "./machine.js";
export * from "./open-deadlines.js";
export * from "./penalty.js";
export * from "./projections.js";
export * from "./provisional.js";
export * from "./retry.js";
export * from "./review-gate.js";
export {
  currentServedOn,
  type PublicNoticeService,
  PublicNoticeServiceSchema,
  publicNoticeEnd,
  SERVICE_METHOD_NAMES,
  SERVICE_SOURCES,
  type ServiceConsent,
  ServiceConsentSchema,
  type ServiceInput,
  type ServiceOutcome,
  serviceActionOf,
  serviceOutcome,
} from "./service.js";
export * from "./simplified/index.js";
export * from "./statement.js";
export * from "./steps.js";
export * from "./store.js";
export * from "./surcharge.js";
