import pg from "pg";
import { ident } from "./schema.js";
import { ignore } from "./support.js";

/**
 * The LISTEN side: one dedicated client (not pooled) listening on the store's channel,
 * started with the first subscription, reconnected after an error with a growing delay.
 * Every notification — and every reconnection, which may have missed some — wakes all
 * waiting subscriptions; the poll timer covers whatever is still missed.
 */
export class Listener {
  private client: pg.Client | null = null;
  private starting = false;
  private stopped = false;
  private retryMs = 100;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
  ) {}

  /** Starts listening if not already (idempotent, never throws). */
  start(): void {
    if (this.stopped || this.client !== null || this.starting || this.retryTimer !== null) return;
    this.starting = true;
    const client = new pg.Client(this.config);
    let connecting = true;
    let dead = false;
    const die = (): void => {
      if (dead) return;
      dead = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(ignore);
      // Whatever was notified while the connection was dying is read on waking.
      this.wakeAll();
      if (!connecting) this.scheduleRetry();
    };
    client.on("error", die);
    client.on("end", die);
    client.on("notification", () => this.wakeAll());
    client
      .connect()
      .then(() => client.query(`LISTEN ${ident(this.channel)}`))
      .then(
        () => {
          connecting = false;
          this.starting = false;
          if (dead) return this.scheduleRetry();
          if (this.stopped) return void client.end().catch(ignore);
          this.client = client;
          this.retryMs = 100;
          // Appends committed before LISTEN took effect were not notified: read them now.
          this.wakeAll();
        },
        () => {
          connecting = false;
          this.starting = false;
          if (dead) this.scheduleRetry();
          else die();
        },
      );
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  /** Resolves on the next notification or after `ms` (the timer does not keep the process alive). */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.waiters.add(done);
    });
  }

  /** Wakes every waiting subscription (also called after this process's own appends). */
  wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.wakeAll();
    if (client !== null) {
      client.removeAllListeners("end");
      await client.end().catch(ignore);
    }
  }
}
