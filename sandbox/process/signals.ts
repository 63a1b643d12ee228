/**
 * Linux signal numbers and names, as `kill -l` and exit statuses (128 + n) use them.
 *
 * @module
 */

const NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
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
  SIGPWR: 30,
  SIGSYS: 31,
};

/** Signals whose default action is to do nothing, so delivering them never ends a process. */
const IGNORED_BY_DEFAULT = new Set(["SIGCHLD", "SIGCONT", "SIGURG", "SIGWINCH"]);

/** The number of a signal name ("SIGTERM", "TERM", "15"); undefined when unknown. */
export function signalNumber(name: string): number | undefined {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n >= 0 && n <= 31 ? n : undefined;
  }
  const upper = name.toUpperCase();
  return NUMBERS[upper.startsWith("SIG") ? upper : `SIG${upper}`];
}

/** The canonical name ("SIGTERM") of a signal given by name or number; undefined when unknown. */
export function signalName(signal: string | number): string | undefined {
  const n = typeof signal === "number" ? signal : signalNumber(signal);
  if (n === undefined) return undefined;
  return Object.keys(NUMBERS).find((k) => NUMBERS[k] === n);
}

/** All signal names without the SIG prefix, in number order, as `kill -l` lists them. */
export function signalNames(): string[] {
  return Object.keys(NUMBERS).map((n) => n.slice(3));
}

export function ignoredByDefault(name: string): boolean {
  return IGNORED_BY_DEFAULT.has(name);
}

/** The exit status of a process killed by `signal`: 128 + its number. */
export function signalStatus(signal: string): number {
  return 128 + (signalNumber(signal) ?? 15);
}
