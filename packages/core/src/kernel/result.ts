/**
 * Results, not throws: domain failures come back as values. Re-exported from neverthrow
 * so apps need no second import.
 */

export type { Err, Ok } from "neverthrow";
export { err, errAsync, ok, okAsync, Result, ResultAsync } from "neverthrow";
