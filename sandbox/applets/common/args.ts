/**
 * Command-line parsing the way busybox's getopt32 over glibc's getopt behaves: clustered short
 * flags (`-la`), attached or detached values (`-n5`, `-n 5`), `--` ending options, operands and
 * options mixed unless the applet stops at the first operand (POSIX "+" mode), and the same
 * error wording ("invalid option -- 'Z'", "option requires an argument -- 'n'").
 *
 * @module
 */
import { AppletExit, AppletHelp } from "./errors.ts";

export interface ArgSpec {
  /** Short flags without a value, e.g. "lahR". */
  flags?: string;
  /** Short options that take a value, e.g. "nw". */
  values?: string;
  /** Long options: name → the short letter it stands for (or its own key). Values end in "=". */
  long?: Record<string, string>;
  /** Stop at the first operand (`env`, `xargs`, `timeout`, `find`): POSIX "+" getopt mode. */
  stopAtOperand?: boolean;
  /** The usage line printed after an option error, e.g. "ls [-1AaCxdLHRFplinshrSXvctu] [FILE]...". */
  usage: string;
}

export interface ParsedArgs {
  /** How many times each flag was given (so `-vv` counts 2). */
  flags: Record<string, number>;
  /** Every value given for each valued option, in order. */
  values: Record<string, string[]>;
  operands: string[];
}

/** Throws the busybox-style usage error for `applet`. */
export function usageError(_applet: string, message: string, usage: string): never {
  throw new AppletExit(1, `${message}\nUsage: ${usage}`);
}

/** Parses `args` (argv without argv[0]) for `applet` following {@link ArgSpec}. */
export function parseArgs(applet: string, args: string[], spec: ArgSpec): ParsedArgs {
  const flags: Record<string, number> = {};
  const values: Record<string, string[]> = {};
  const operands: string[] = [];
  const flagSet = spec.flags ?? "";
  const valueSet = spec.values ?? "";
  const setValue = (key: string, value: string) => (values[key] ??= []).push(value);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === "--help" && !(spec.long && "help" in spec.long)) throw new AppletHelp(spec.usage);
    if (arg.startsWith("--") && spec.long) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const matches = Object.keys(spec.long).filter((k) => k.replace(/=$/, "").startsWith(name));
      const exact = matches.find((k) => k.replace(/=$/, "") === name);
      const key = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!key) usageError(applet, `unrecognized option '${arg}'`, spec.usage);
      const target = spec.long[key];
      if (key.endsWith("=")) {
        let value = eq < 0 ? args[++i] : arg.slice(eq + 1);
        if (value === undefined) {
          usageError(applet, `option '--${key.slice(0, -1)}' requires an argument`, spec.usage);
        }
        value ??= "";
        setValue(target, value);
      } else {
        if (eq >= 0) {
          usageError(applet, `option '--${key}' doesn't allow an argument`, spec.usage);
        }
        flags[target] = (flags[target] ?? 0) + 1;
      }
      continue;
    }
    if (arg.length < 2 || arg[0] !== "-") {
      if (spec.stopAtOperand) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (valueSet.includes(letter)) {
        const rest = arg.slice(j + 1);
        const value = rest !== "" ? rest : args[++i];
        if (value === undefined) {
          usageError(applet, `option requires an argument -- '${letter}'`, spec.usage);
        }
        setValue(letter, value);
        break;
      }
      if (!flagSet.includes(letter)) {
        usageError(applet, `invalid option -- '${letter}'`, spec.usage);
      }
      flags[letter] = (flags[letter] ?? 0) + 1;
    }
  }
  return { flags, values, operands };
}

/** The last value given for a valued option, or undefined. */
export function lastValue(parsed: ParsedArgs, key: string): string | undefined {
  const list = parsed.values[key];
  return list ? list[list.length - 1] : undefined;
}

/** Parses a non-negative decimal count or dies with busybox's "invalid number" wording. */
export function parseCount(text: string): number {
  if (!/^\s*\+?\d+$/.test(text)) throw new AppletExit(1, `invalid number '${text}'`);
  return Number(text.trim());
}
