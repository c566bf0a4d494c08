// How both halves of the crash test open the shared schema: the writer processes and the
// test that checks it after each kill, with the same projections (the defaults and the
// conformance projection, which writes on every event).
import { defaultProjections, type EventStore } from "@sanxiang/core";
import { conformanceProjection } from "@sanxiang/testkit/conformance";
import { openPostgresStore } from "../index.js";

/** The projections of the crash test's schema. */
export const crashProjections = [...defaultProjections(), conformanceProjection];

/** Opens the crash test's schema (throws with the error's code and message). */
export async function openCrashStore(url: string, schema: string, poolSize: number): Promise<EventStore> {
  const opened = await openPostgresStore({ connectionString: url, schema, poolSize, projections: crashProjections });
  if (opened.isErr()) throw new Error(`openPostgresStore: ${opened.error.code} ${opened.error.message}`);
  return opened.value;
}
