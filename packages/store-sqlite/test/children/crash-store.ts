// How both halves of the crash test open a trial's store: the writer process and the test
// that checks it after the kill, with the same projections.
import type { EventStore } from "@sanxiang/core";
import { conformanceProjection } from "@sanxiang/testkit/conformance";
import { openSqliteStore } from "../../src/index.js";

/** Opens the crash trial's database at `path` with the conformance projection (it writes on every event). */
export function openCrashStore(path: string): EventStore {
  const opened = openSqliteStore({ path, projections: [conformanceProjection] });
  if (opened.isErr()) throw new Error(`openSqliteStore: ${opened.error.code} ${opened.error.message}`);
  return opened.value;
}
