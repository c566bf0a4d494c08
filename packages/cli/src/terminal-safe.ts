// What the CLI prints comes partly from outside: a party's name stored in a case, a case file's
// bytes quoted in a JSON parser's message, an id typed by someone else. Printed raw, an ESC
// sequence in it would drive the operator's terminal (retitle the window, recolour or hide what
// follows, rewrite the line) and a right-to-left override would show text in another order than
// it is stored. Such characters are shown escaped, as `\u001b`, wherever the CLI prints.
import type { CliIo } from "./io.js";

/**
 * Characters never printed as they are: C0 controls but tab and line feed (carriage return only
 * before a line feed), DEL, C1 controls, the line and paragraph separators, and the bidirectional
 * marks, embeddings, overrides and isolates.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\r(?!\n)|[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;

/** `text` with every character that could drive a terminal or reorder the line written as `\uXXXX`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

/** The progress line's own control sequence (`verify --log` on a terminal): return, erase the line. */
const PROGRESS = "\r\u001b[K";

/**
 * The io with both streams made {@link terminalSafe}. JSON stays valid (a control character only
 * occurs inside a string there, and `\uXXXX` is its escape); the progress line keeps the one
 * sequence it starts with.
 */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    out: (text) => io.out(terminalSafe(text)),
    err: (text) =>
      io.err(
        text.startsWith(PROGRESS) ? `${PROGRESS}${terminalSafe(text.slice(PROGRESS.length))}` : terminalSafe(text),
      ),
  };
}
