/**
 * Linux signal numbers and names (x86-64/arm64 numbering, as `kill -l` prints them). Process
 * signals travel as names ("SIGTERM"); exit statuses of signalled programs are 128 + number.
 *
 * @module
 */

export const SIGNALS = [
  "HUP",
  "INT",
  "QUIT",
  "ILL",
  "TRAP",
  "ABRT",
  "BUS",
  "FPE",
  "KILL",
  "USR1",
  "SEGV",
  "USR2",
  "PIPE",
  "ALRM",
  "TERM",
  "STKFLT",
  "CHLD",
  "CONT",
  "STOP",
  "TSTP",
  "TTIN",
  "TTOU",
  "URG",
  "XCPU",
  "XFSZ",
  "VTALRM",
  "PROF",
  "WINCH",
  "POLL",
  "PWR",
  "SYS",
];

const ALIASES: Record<string, string> = { IO: "POLL", IOT: "ABRT", CLD: "CHLD" };

/** "TERM", "SIGTERM", "15", "term" → 15; undefined when unknown. */
export function signalNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n <= 64 ? n : undefined;
  }
  let name = text.toUpperCase();
  if (name.startsWith("SIG")) name = name.slice(3);
  name = ALIASES[name] ?? name;
  const index = SIGNALS.indexOf(name);
  return index < 0 ? undefined : index + 1;
}

/** 15 → "SIGTERM". */
export function signalName(n: number): string {
  return n >= 1 && n <= SIGNALS.length ? `SIG${SIGNALS[n - 1]}` : `SIG${n}`;
}

/** The exit status of a program killed by the signal named `reason` (128 + number), if any. */
export function statusForSignal(reason: unknown): number | undefined {
  if (typeof reason !== "string") return undefined;
  const n = signalNumber(reason);
  return n === undefined ? undefined : 128 + n;
}
