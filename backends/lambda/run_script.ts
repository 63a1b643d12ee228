/**
 * How a container's command runs inside a Lambda invocation, and how its end is read back.
 * Lambda takes a handler's stdout as the invocation's response, which an asynchronous (Event)
 * invocation throws away, and records no exit status anywhere the backend can read later. So the
 * command runs under a small shell wrapper: its stdout joins stderr (which Lambda writes to
 * CloudWatch Logs), and its exit status is written last as one marker line. The marker in the
 * function's log group is the record of the run's end. An agent that joins the streams itself,
 * after keeping them apart for an attach (SPLIT_ENV, agent/lambda_sessions.ts), tells the wrapper
 * to leave them be.
 *
 * @module
 */

import { SPLIT_ENV } from "../../agent/mod.ts";

/** The marker line's prefix: `sockerless-exit-status {code}`. */
export const EXIT_MARKER = "sockerless-exit-status";
/** What Lambda logs when it kills an invocation at the function's Timeout. */
export const TIMEOUT_MARKER = "Task timed out after";
/** A CloudWatch filter pattern matching either way a run ends. */
export const END_PATTERN = `?"${EXIT_MARKER}" ?"${TIMEOUT_MARKER}"`;

/**
 * The event arrives on stdin and the Lambda runtime waits until it is read, so the wrapper reads
 * it first (a container started without -i sees an empty stdin, as in Docker).
 */
const WRAPPER = `cat >/dev/null; if [ -n "$${SPLIT_ENV}" ]; then unset ${SPLIT_ENV}; "$@"; ` +
  `else "$@" 1>&2; fi; s=$?; echo "${EXIT_MARKER} $s" 1>&2; exit $s`;

/** The function's ImageConfig EntryPoint (the wrapper) and Command (the container's argv). */
export function wrappedCommand(argv: string[]): { EntryPoint: string[]; Command: string[] } {
  return { EntryPoint: ["/bin/sh", "-c", WRAPPER, "sockerless"], Command: argv };
}

/** The exit status a log line records, or undefined when the line is ordinary output. */
export function exitStatusOf(message: string): number | undefined {
  const m = new RegExp(`^${EXIT_MARKER} (\\d+)$`).exec(message.trimEnd());
  if (m) return Number(m[1]);
  // Docker reports a container killed for running too long as SIGKILLed.
  if (message.includes(TIMEOUT_MARKER)) return 137;
  return undefined;
}

/** Lines Lambda itself writes around each invocation, which are not the container's output. */
export function isPlatformLine(message: string): boolean {
  return /^(START|END|REPORT) RequestId: /.test(message) || message.startsWith("INIT_REPORT ") ||
    exitStatusOf(message) !== undefined;
}
