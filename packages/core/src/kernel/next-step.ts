// What a procedure accepts now, for refusals that name the next step: a command refused in
// the state the case (review, disclosure) is in says which commands that state accepts.

/**
 * 当前可执行的命令 — the command types whose event the current state accepts, in the order
 * of `commandEvents` (command type → the event it records).
 */
export function commandsAccepted<C extends string>(
  commandEvents: Readonly<Record<C, string>>,
  acceptedEvents: readonly string[],
): C[] {
  return (Object.keys(commandEvents) as C[]).filter((c) => acceptedEvents.includes(commandEvents[c]));
}

/** `；此时可执行：a、b` — or `；此时已无可执行的操作` for a final state — to end a refusal's message. */
export function acceptedInWords(commands: readonly string[]): string {
  return commands.length === 0 ? "；此时已无可执行的操作" : `；此时可执行：${commands.join("、")}`;
}
