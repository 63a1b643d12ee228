/**
 * awk values: numbers, strings, and "strnums" (input that looks numeric, compared as numbers
 * when the other side is numeric too). The uninitialised value is a strnum that is both "" and 0.
 *
 * @module
 */
import { formatFloat, formatInteger, pad } from "../../common/cformat.ts";

export class StrNum {
  constructor(readonly s: string, readonly n: number) {}
}

export type Value = number | string | StrNum;

export const UNINIT = new StrNum("", 0);

const NUMERIC =
  /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;
const PREFIX = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/;

/** A value read from input: a strnum when it looks like a number, else a string. */
export function fromInput(text: string): Value {
  return NUMERIC.test(text) ? new StrNum(text, Number(text.trim())) : text;
}

/** strtod-style: the longest numeric prefix, 0 when none. */
export function stringToNumber(text: string): number {
  const m = PREFIX.exec(text);
  if (!m) {
    const t = text.trim().toLowerCase();
    if (/^[-+]?(inf|infinity)/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
    if (/^[-+]?nan/.test(t)) return NaN;
    return 0;
  }
  return Number(m[0].trim());
}

export function toNum(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return stringToNumber(v);
  return v.n;
}

/** Number → string with CONVFMT (or OFMT for output): integers print without decimals. */
export function numberToString(n: number, format: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return n < 0 ? "-nan" : "nan";
  if (!Number.isFinite(n)) return n < 0 ? "-inf" : "inf";
  return sprintf(format, [n]);
}

export function toStr(v: Value, convfmt = "%.6g"): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToString(v, convfmt);
  return v.s;
}

export function toBool(v: Value): boolean {
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  return v === UNINIT ? false : v.s !== "" && (NUMERIC.test(v.s) ? v.n !== 0 : true);
}

/** awk comparison: numeric when both sides are numbers or strnums, else by string. */
export function compareValues(a: Value, b: Value, convfmt: string): number {
  const numA = typeof a === "number" || a instanceof StrNum;
  const numB = typeof b === "number" || b instanceof StrNum;
  if (numA && numB) {
    const x = toNum(a), y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  const x = toStr(a, convfmt), y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** awk's sprintf over values (numbers for numeric conversions, strings for %s). */
export function sprintf(format: string, args: Value[], convfmt = "%.6g"): string {
  let out = "";
  let argIndex = 0;
  const next = (): Value => (argIndex < args.length ? args[argIndex++] : UNINIT);
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/y;
  for (let i = 0; i < format.length;) {
    const ch = format[i];
    if (ch !== "%") {
      const nextPercent = format.indexOf("%", i);
      const end = nextPercent < 0 ? format.length : nextPercent;
      out += format.slice(i, end);
      i = end;
      continue;
    }
    spec.lastIndex = i;
    const m = spec.exec(format);
    if (!m) {
      out += format.slice(i);
      break;
    }
    i = spec.lastIndex;
    let [, flags, widthText, precText, conv] = m;
    if (conv === "%") {
      out += "%";
      continue;
    }
    let width = 0;
    if (widthText === "*") {
      width = Math.trunc(toNum(next()));
      if (width < 0) {
        flags += "-";
        width = -width;
      }
    } else if (widthText) width = Number(widthText);
    let precision: number | undefined;
    if (precText === "*") precision = Math.trunc(toNum(next()));
    else if (precText !== undefined) precision = Number(precText || "0");
    const arg = next();
    switch (conv) {
      case "c": {
        const body = typeof arg === "number"
          ? String.fromCharCode(Math.trunc(arg) & 0xff)
          : toStr(arg, convfmt).slice(0, 1);
        out += pad(body, flags, width, false);
        break;
      }
      case "s": {
        let body = toStr(arg, convfmt);
        if (precision !== undefined) body = body.slice(0, precision);
        out += pad(body, flags, width, false);
        break;
      }
      case "d":
      case "i":
      case "o":
      case "x":
      case "X":
      case "u": {
        const n = toNum(arg);
        const int = Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
        out += pad(
          formatInteger(int, conv, precision, flags),
          flags,
          width,
          precision === undefined,
        );
        break;
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G":
        out += pad(formatFloat(toNum(arg), conv, precision, flags), flags, width, true);
        break;
      default:
        out += m[0];
    }
  }
  return out;
}
