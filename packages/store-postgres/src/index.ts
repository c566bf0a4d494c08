/**
 * @sanxiang/store-postgres — the PostgreSQL event store of sanxiang (三项): events, their
 * Merkle-log leaves, the log frontier and the projection rows written in one transaction;
 * optimistic concurrency enforced by the database; LISTEN/NOTIFY subscriptions; pooled
 * connections (pg 8). For deployments beyond one machine: several application nodes may
 * append to one store at once.
 *
 * @packageDocumentation
 */
export { systemClock } from "./clock.js";
export {
  openPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  type PostgresEventStore,
  type PostgresStoreOptions,
} from "./store.js";
