/**
 * Builtins that manage variables and options: `export`, `readonly`, `local`, `declare`/`typeset`,
 * `unset` and `set`. Declaration words arrive parsed (`local x=$y` keeps `$y` as one field).
 *
 * @module
 */
import type { Assign } from "../ast.ts";
import { BuiltinError } from "../control.ts";
import { evalArithText } from "../arith.ts";
import { applyExpanded, expandAssign, type ExpandedAssign } from "../assign.ts";
import { trace } from "../trace.ts";
import { expandFields } from "../expand.ts";
import type { Shell } from "../shell.ts";
import type { Builtin } from "./mod.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Runs a declaration command (`export`, `readonly`, `local`, `declare`, `typeset`). */
export async function declare(sh: Shell, variant: string, args: Assign[]): Promise<number> {
  const words: (string | ExpandedAssign)[] = [];
  for (const a of args) {
    if (a.Name) words.push(await expandAssign(sh, a));
    else if (a.Value) words.push(...await expandFields(sh, [a.Value]));
  }
  if (sh.options.has("x")) {
    await trace(sh, [variant, ...words.map((w) => typeof w === "string" ? w : assignWord(w))]);
  }
  return await declareWords(sh, variant, words);
}

/** How a declaration's assignment reads as one argument word (`A=1`), for tracing. */
function assignWord(a: ExpandedAssign): string {
  if (a.naked) return a.name;
  return `${a.name}=${a.array ? `(${a.array.values.join(" ")})` : a.value}`;
}

async function declareWords(sh: Shell, variant: string, words: (string | ExpandedAssign)[]) {
  const flags = new Set<string>();
  if (variant === "export") flags.add("x");
  if (variant === "readonly") flags.add("r");
  const targets: (string | ExpandedAssign)[] = [];
  for (const w of words) {
    if (typeof w === "string" && w.startsWith("-") && w.length > 1 && targets.length === 0) {
      for (const f of w.slice(1)) flags.add(f);
    } else targets.push(w);
  }
  // Say so rather than quietly treating them as plain variables.
  if (flags.has("A")) {
    throw new BuiltinError("-A: associative arrays are not supported by this shell");
  }
  if (flags.has("n") && variant !== "export") {
    throw new BuiltinError("-n: name references are not supported by this shell");
  }
  if (variant === "local" && sh.functionDepth === 0) {
    throw new BuiltinError("not in a function");
  }
  if (targets.length === 0) return await list(sh, variant, flags);
  for (const target of targets) {
    const name = typeof target === "string" ? target.split("=")[0] : target.name;
    if (!NAME.test(name)) throw new BuiltinError(`${name}: bad variable name`);
    if (flags.has("n") && variant === "export") {
      const v = sh.vars.get(name);
      if (v) v.exported = false;
      continue;
    }
    const scoped = variant === "local" ||
      (variant !== "export" && variant !== "readonly" && sh.functionDepth > 0 && !flags.has("g"));
    // Like ash, a local starts with the value and flags of the variable it hides.
    if (scoped) sh.vars.local(name);
    if (typeof target === "string") {
      const eq = target.indexOf("=");
      if (eq >= 0) sh.assign(name, target.slice(eq + 1));
      else if (flags.has("a") && !sh.vars.get(name)) sh.vars.set(name, []);
    } else {
      applyExpanded(sh, target);
    }
    const v = sh.vars.get(name);
    if (!v && flags.has("x")) sh.vars.exportedUnset.add(name);
    if (v && flags.has("x")) v.exported = true;
    if (v && flags.has("r")) v.readonly = true;
  }
  return 0;
}

async function list(sh: Shell, variant: string, flags: Set<string>): Promise<number> {
  const out: string[] = [];
  for (const [name, v] of [...sh.vars.map].sort(([a], [b]) => a < b ? -1 : 1)) {
    if (flags.has("x") && !v.exported) continue;
    if (flags.has("r") && !v.readonly) continue;
    const value = Array.isArray(v.value)
      ? `(${v.value.map((x) => quote(x ?? "")).join(" ")})`
      : quote(v.value);
    const keyword = variant === "export" ? "export" : variant === "readonly" ? "readonly" : "";
    out.push(keyword ? `${keyword} ${name}=${value}` : `${name}=${value}`);
  }
  await sh.output(1).write(out.map((l) => l + "\n").join(""));
  return 0;
}

/** Quotes a value the way ash's `set`, `export -p` and `trap` print it: always 'single quoted'. */
export function quote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

const OPTION_NAMES: Record<string, string> = {
  errexit: "e",
  nounset: "u",
  xtrace: "x",
  noglob: "f",
  noclobber: "C",
  allexport: "a",
  verbose: "v",
  noexec: "n",
  pipefail: "pipefail",
  braceexpand: "B",
};

const setBuiltin: Builtin = async (sh, argv) => {
  if (argv.length === 1) {
    const out = [...sh.vars.map].sort(([a], [b]) => a < b ? -1 : 1)
      .map(([k, v]) => `${k}=${quote(Array.isArray(v.value) ? v.value[0] ?? "" : v.value)}\n`);
    await sh.output(1).write(out.join(""));
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      i++;
      sh.positional = argv.slice(i);
      return 0;
    }
    if (arg === "-" || arg === "+") {
      sh.options.delete("x");
      sh.options.delete("v");
      i++;
      break;
    }
    if (arg[0] !== "-" && arg[0] !== "+") break;
    const on = arg[0] === "-";
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j];
      if (flag === "o") {
        const name = argv[++i];
        if (name === undefined) {
          for (const [long, short] of Object.entries(OPTION_NAMES)) {
            await sh.output(1).write(`${long.padEnd(16)}${sh.options.has(short) ? "on" : "off"}\n`);
          }
          continue;
        }
        const option = OPTION_NAMES[name];
        if (!option) {
          throw new BuiltinError(`illegal option -o ${name}`);
        }
        if (on) sh.options.add(option);
        else sh.options.delete(option);
      } else if ("euxfCavnB".includes(flag)) {
        if (on) sh.options.add(flag);
        else sh.options.delete(flag);
      } else {
        throw new BuiltinError(`illegal option -${flag}`);
      }
    }
  }
  if (i < argv.length) sh.positional = argv.slice(i);
  return 0;
};

/** bash's `shopt` options this shell implements; others are refused by name. */
const SHOPT = new Set(["nullglob", "dotglob", "extglob", "expand_aliases"]);

/** `shopt [-s|-u] [-q] [name…]`: extglob is always on; nullglob and dotglob change globbing. */
const shopt: Builtin = async (sh, argv) => {
  let mode: "s" | "u" | undefined;
  let quiet = false;
  const names: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === "-s" || arg === "-u") mode = arg[1] as "s" | "u";
    else if (arg === "-q") quiet = true;
    else if (arg === "-p" || arg === "-o") continue;
    else names.push(arg);
  }
  let status = 0;
  const list = names.length > 0 ? names : [...SHOPT];
  for (const name of list) {
    if (!SHOPT.has(name)) {
      await sh.builtinMessage("shopt", `${name}: invalid shell option name`);
      status = 1;
      continue;
    }
    const on = name === "extglob" || name === "expand_aliases" || sh.options.has(name);
    if (mode === "s") sh.options.add(name);
    else if (mode === "u") sh.options.delete(name);
    else if (!quiet && !mode) await sh.output(1).write(`${name.padEnd(16)}${on ? "on" : "off"}\n`);
    else if (!on) status = 1;
  }
  return status;
};

export const VARIABLE_BUILTINS: Record<string, Builtin> = {
  shopt,
  export: (sh, argv) => declareWords(sh, "export", argv.slice(1)),
  readonly: (sh, argv) => declareWords(sh, "readonly", argv.slice(1)),
  local: (sh, argv) => declareWords(sh, "local", argv.slice(1)),
  declare: (sh, argv) => declareWords(sh, "declare", argv.slice(1)),
  typeset: (sh, argv) => declareWords(sh, "typeset", argv.slice(1)),
  unset: (sh, argv) => {
    let functions = false;
    const status = 0;
    for (const name of argv.slice(1)) {
      if (name === "-f") {
        functions = true;
        continue;
      }
      if (name === "-v") continue;
      if (functions) {
        sh.functions.delete(name);
        continue;
      }
      const element = name.match(/^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/);
      const v = sh.vars.get(element ? element[1] : name);
      if (v?.readonly) throw new BuiltinError(`${element ? element[1] : name}: is read only`);
      if (element) {
        // `unset 'a[i]'` removes one element of an array, leaving a hole as bash does.
        if (v && Array.isArray(v.value)) {
          const index = Number(evalArithText(element[2], sh.arithHost));
          delete v.value[index < 0 ? v.value.length + index : index];
        }
        continue;
      }
      sh.vars.unset(name);
      if (!v) sh.functions.delete(name);
    }
    return Promise.resolve(status);
  },
  set: setBuiltin,
};
