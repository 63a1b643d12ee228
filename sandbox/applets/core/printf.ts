/**
 * `printf FORMAT [ARG]...`, busybox's coreutils/printf.c: the format is reused until the
 * arguments run out, numbers accept C syntax (0x10, 010, 'A), a bad number is reported but the
 * output goes on, and an unknown conversion stops with "invalid format". Exported for the shell.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { warn } from "../common/errors.ts";
import { expandEscapes } from "./escapes.ts";
import { formatFloat, formatInteger, pad } from "../common/cformat.ts";

const SPEC = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?([a-zA-Z%])?/;

class BadFormat extends Error {}

interface State {
  args: string[];
  index: number;
  errors: boolean;
  ctx: ProcessContext;
  warnings: string[];
}

function nextArg(state: State): string | undefined {
  return state.index < state.args.length ? state.args[state.index++] : undefined;
}

/** C-style integer parsing: 0x.., 0.., 'c, leading blanks; BigInt so %u of -1 wraps like C. */
function toInteger(state: State, text: string | undefined): bigint {
  const value = text ?? "";
  if (/^['"]/.test(value)) return BigInt(value.length > 1 ? value.charCodeAt(1) : 0);
  const match = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(value);
  if (!match) {
    state.errors = true;
    state.warnings.push(`invalid number '${value}'`);
    const lead = /^\s*([-+]?\d+)/.exec(value);
    return lead ? BigInt(lead[1]) : 0n;
  }
  const digits = match[2];
  let n = digits.startsWith("0x") || digits.startsWith("0X")
    ? BigInt(digits)
    : digits.length > 1 && digits[0] === "0"
    ? BigInt("0o" + digits.slice(1))
    : BigInt(digits);
  if (match[1] === "-") n = -n;
  return n;
}

function toFloat(state: State, text: string | undefined): number {
  const value = text ?? "";
  if (/^['"]/.test(value)) return value.length > 1 ? value.charCodeAt(1) : 0;
  const trimmed = value.trim();
  const n = /^0[xX]/.test(trimmed) ? parseInt(trimmed, 16) : Number(trimmed);
  if (trimmed === "" || Number.isNaN(n)) {
    state.errors = true;
    state.warnings.push(`invalid number '${value}'`);
    return 0;
  }
  return n;
}

/** Formats one pass over `format`; returns the text and whether `\c` asked to stop everything. */
function formatOnce(format: string, state: State): { text: string; stop: boolean } {
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === "\\") {
      let j = i + 1;
      if (/[0-7]/.test(format[j] ?? "")) {
        while (j < i + 4 && /[0-7]/.test(format[j] ?? "")) j++;
      } else if (format[j] === "x") {
        j += 1;
        while (j < i + 4 && /[0-9a-fA-F]/.test(format[j] ?? "")) j++;
      } else j++;
      const expanded = expandEscapes(format.slice(i, j), false);
      out += expanded.text;
      if (expanded.stop) return { text: out, stop: true };
      i = j;
      continue;
    }
    if (ch !== "%") {
      out += ch;
      i++;
      continue;
    }
    const match = SPEC.exec(format.slice(i));
    if (!match || !match[5]) throw new BadFormat(format.slice(i));
    const [whole, flags, widthText, precText, , conv] = match;
    if (conv === "%") {
      if (whole !== "%%") throw new BadFormat(format.slice(i));
      out += "%";
      i += 2;
      continue;
    }
    let width = 0;
    let leftFlags = flags;
    if (widthText === "*") {
      width = Number(toInteger(state, nextArg(state) ?? "0"));
      if (width < 0) {
        leftFlags += "-";
        width = -width;
      }
    } else if (widthText) width = Number(widthText);
    let precision: number | undefined;
    if (precText === "*") precision = Number(toInteger(state, nextArg(state) ?? "0"));
    else if (precText !== undefined) precision = Number(precText || "0");
    const arg = nextArg(state);
    let body: string;
    let numeric = false;
    switch (conv) {
      case "s":
        body = arg ?? "";
        if (precision !== undefined) body = body.slice(0, precision);
        break;
      case "b": {
        const expanded = expandEscapes(arg ?? "", true);
        body = expanded.text;
        if (precision !== undefined) body = body.slice(0, precision);
        if (expanded.stop) return { text: out + pad(body, leftFlags, width, false), stop: true };
        break;
      }
      case "c":
        body = arg === undefined ? "" : arg === "" ? "\0" : arg[0];
        break;
      case "d":
      case "i":
      case "o":
      case "u":
      case "x":
      case "X":
        numeric = precision === undefined;
        body = formatInteger(toInteger(state, arg), conv, precision, leftFlags);
        break;
      case "f":
      case "F":
      case "e":
      case "E":
      case "g":
      case "G":
        numeric = true;
        body = formatFloat(toFloat(state, arg), conv, precision, leftFlags);
        break;
      default:
        throw new BadFormat(format.slice(i));
    }
    out += pad(body, leftFlags, width, numeric);
    i += whole.length;
  }
  return { text: out, stop: false };
}

export async function printf(ctx: ProcessContext): Promise<number> {
  const argv = ctx.argv.slice(1);
  if (argv[0] === "--") argv.shift();
  if (argv.length === 0) {
    await warn(ctx, "Usage: printf FORMAT [ARGUMENT]...");
    return 1;
  }
  const format = binary(argv[0]);
  const state: State = {
    args: argv.slice(1).map(binary),
    index: 0,
    errors: false,
    ctx,
    warnings: [],
  };
  let output = "";
  try {
    do {
      const before = state.index;
      const { text, stop } = formatOnce(format, state);
      output += text;
      if (stop || state.index === before) break;
    } while (state.index < state.args.length);
  } catch (error) {
    if (!(error instanceof BadFormat)) throw error;
    await ctx.stdout.write(unlatin1(output));
    for (const message of state.warnings) await warn(ctx, message);
    await warn(ctx, `${error.message}: invalid format`);
    return 1;
  }
  await ctx.stdout.write(unlatin1(output));
  for (const message of state.warnings) await warn(ctx, message);
  return state.errors ? 1 : 0;
}
