// Ctrl-C (SIGINT) or SIGTERM in the middle of a write. What the stores acknowledged is already
// durable (SQLite commits whole transactions, a PostgreSQL transaction cut off rolls back), but
// files being written — an output's temporary file, evidence bytes streaming into the evidence
// store's `.tmp/` — would stay behind half written. Each writer registers how to remove what it
// has in flight; on the signal those are removed and the process ends as a signal would end it.

/** Removes what one write has in flight; synchronous, since the process ends right after. */
export type InterruptCleanup = () => void;

const cleanups = new Set<InterruptCleanup>();

/** Exit codes a shell reports for a process ended by the signal (128 + its number). */
const SIGNAL_EXIT: Readonly<Record<"SIGINT" | "SIGTERM", number>> = { SIGINT: 130, SIGTERM: 143 };

function interrupted(signal: "SIGINT" | "SIGTERM"): void {
  runInterruptCleanups();
  process.stderr.write(`\n已中断（${signal}）：未完成的写入已撤销，已确认的记录不受影响\n`);
  process.exit(SIGNAL_EXIT[signal]);
}
const onSigint = () => interrupted("SIGINT");
const onSigterm = () => interrupted("SIGTERM");

/**
 * Registers `cleanup` to run if the process is interrupted (SIGINT, SIGTERM) before the returned
 * function is called — call it once the write is committed or removed. The handlers are on the
 * process only while some write is in flight: otherwise a signal acts as it always does (`serve`
 * keeps its own Ctrl-C).
 */
export function onInterrupt(cleanup: InterruptCleanup): () => void {
  if (cleanups.size === 0) {
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
  }
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup) || cleanups.size > 0) return;
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
  };
}

/** Runs every registered cleanup (one failing does not stop the others) and forgets them. */
export function runInterruptCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: the process is ending; what cannot be removed is swept later.
    }
  }
}
