/**
 * Counts with busybox's multiplier suffixes (`head -c 2k`, `split -b 1m`): b=512, k=1024,
 * m=1024², plus the kB/MB/GB family that xatoul_sfx accepts.
 *
 * @module
 */
import { die } from "./errors.ts";

const SUFFIXES: Record<string, number> = {
  "": 1,
  b: 512,
  k: 1024,
  K: 1024,
  m: 1024 * 1024,
  M: 1024 * 1024,
  g: 1024 ** 3,
  G: 1024 ** 3,
  kB: 1000,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  kD: 1000,
  MD: 1000 ** 2,
};

/** Parses "N[suffix]" (no sign); dies with "invalid number 'x'" otherwise. */
export function parseSized(text: string): number {
  const match = /^(\d+)([a-zA-Z]*)$/.exec(text);
  if (!match || SUFFIXES[match[2]] === undefined) die(`invalid number '${text}'`);
  return Number(match[1]) * SUFFIXES[match[2]];
}
