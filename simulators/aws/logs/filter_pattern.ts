/**
 * CloudWatch Logs filter patterns for unstructured log events: terms that must all appear
 * (`ERROR timeout`), quoted phrases (`"disk full"`), `?term` alternatives (any of them) and
 * `-term` exclusions. JSON (`{ $.x = … }`) and space-delimited (`[a, b]`) patterns are refused
 * with an error naming them, rather than matched wrongly.
 *
 * @module
 */
import { invalidParameter } from "../wire/errors.ts";

export interface FilterPattern {
  all: string[];
  any: string[];
  none: string[];
}

export function parseFilterPattern(source: string): FilterPattern {
  const text = source.trim();
  if (text.startsWith("{") || text.startsWith("[")) {
    throw invalidParameter(
      `The simulator supports term filter patterns only; JSON and space-delimited patterns are not implemented: ${source}`,
    );
  }
  const pattern: FilterPattern = { all: [], any: [], none: [] };
  for (const m of text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
    if (m[1] === "?") pattern.any.push(term);
    else if (m[1] === "-") pattern.none.push(term);
    else pattern.all.push(term);
  }
  return pattern;
}

/** Term matching is case-sensitive, as in CloudWatch Logs. */
export function matchesFilterPattern(p: FilterPattern, message: string): boolean {
  if (p.all.some((t) => !message.includes(t))) return false;
  if (p.none.some((t) => message.includes(t))) return false;
  return p.any.length === 0 || p.any.some((t) => message.includes(t));
}
