/**
 * Signal names and numbers as moby's `signal.ParseSignal` accepts them for `kill`, `stop` and
 * StopSignal: "SIGTERM", "TERM" or "15", case-insensitive names.
 *
 * @module
 */
import { InvalidParameter } from "./errors.ts";

/** Linux signal numbers (x86-64). */
export const SIGNALS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGIOT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPOLL: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

/** A signal's canonical name ("SIGTERM") and number; 400 "Invalid signal" otherwise. */
export function parseSignal(raw: string): { name: string; number: number } {
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    const name = Object.keys(SIGNALS).find((n) => SIGNALS[n] === number);
    if (name) return { name, number };
    if (number >= 34 && number <= 64) return { name: `SIGRTMIN+${number - 34}`, number };
  } else {
    const upper = text.toUpperCase();
    const name = upper.startsWith("SIG") ? upper : `SIG${upper}`;
    if (name in SIGNALS) return { name, number: SIGNALS[name] };
  }
  throw new InvalidParameter(`Invalid signal: ${raw}`);
}
