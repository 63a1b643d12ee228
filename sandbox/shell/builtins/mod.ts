/**
 * The shell's builtin commands by name. POSIX "special" builtins keep their prefix assignments
 * (`x=1 export y` sets x) and are found before functions in ash; the rest behave like programs.
 *
 * @module
 */
import type { Shell } from "../shell.ts";
import { FLOW_BUILTINS } from "./flow.ts";
import { VARIABLE_BUILTINS } from "./variables.ts";
import { IO_BUILTINS } from "./io.ts";
import { JOB_BUILTINS } from "./jobs.ts";
import { DIRECTORY_BUILTINS } from "./directories.ts";
import { LOOKUP_BUILTINS } from "./lookup.ts";

/** A builtin receives its whole argv (argv[0] is its name) and returns an exit status. */
export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

let table: Record<string, Builtin> | undefined;

/** The builtin named `name`, if any. Built on first use: the builtin modules import the shell. */
export function findBuiltin(name: string): Builtin | undefined {
  table ??= {
    ...FLOW_BUILTINS,
    ...VARIABLE_BUILTINS,
    ...IO_BUILTINS,
    ...JOB_BUILTINS,
    ...DIRECTORY_BUILTINS,
    ...LOOKUP_BUILTINS,
  };
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

export const SPECIAL_BUILTINS = new Set([
  ":",
  ".",
  "break",
  "continue",
  "eval",
  "exec",
  "exit",
  "export",
  "readonly",
  "return",
  "set",
  "shift",
  "trap",
  "unset",
]);
