/**
 * Builtins about names and arguments: `command` (-v, -V, and running past functions),
 * `type`, `hash`, `alias`/`unalias`, `getopts` and `let`.
 *
 * @module
 */
import { findInPath } from "../../process/lookup.ts";
import { runFields, runProgram } from "../call.ts";
import type { Shell } from "../shell.ts";
import { BuiltinError } from "../control.ts";
import { type Builtin, findBuiltin, SPECIAL_BUILTINS } from "./mod.ts";
import { quote } from "./variables.ts";
import { evalArithText, type ShellInt } from "../arith.ts";

const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "case",
  "esac",
  "for",
  "while",
  "until",
  "do",
  "done",
  "in",
  "!",
  "{",
  "}",
  "[[",
  "]]",
  "function",
]);

/** What a name means to the shell, in lookup order; undefined when nothing. */
async function describe(sh: Shell, name: string) {
  if (sh.aliases.has(name)) return { kind: "alias", text: sh.aliases.get(name)! };
  if (KEYWORDS.has(name)) return { kind: "keyword" };
  if (sh.functions.has(name)) return { kind: "function" };
  if (findBuiltin(name)) return { kind: "builtin" };
  const path = await findInPath(sh.fs, name, sh.cwd, sh.vars.value("PATH"));
  return path ? { kind: "file", text: path } : undefined;
}

async function explain(sh: Shell, name: string, verbose: boolean): Promise<boolean> {
  const found = await describe(sh, name);
  const out = sh.output(1);
  if (!found) {
    if (verbose) await sh.output(verbose ? 1 : 2).write(`${name}: not found\n`);
    return false;
  }
  if (!verbose) {
    const line = found.kind === "file"
      ? found.text!
      : found.kind === "alias"
      ? `alias ${name}=${quote(found.text!)}`
      : name;
    await out.write(line + "\n");
    return true;
  }
  const text = {
    alias: `${name} is an alias for ${found.text}`,
    keyword: `${name} is a shell keyword`,
    function: `${name} is a function`,
    builtin: SPECIAL_BUILTINS.has(name)
      ? `${name} is a special shell builtin`
      : `${name} is a shell builtin`,
    file: `${name} is ${found.text}`,
  }[found.kind];
  await out.write(text + "\n");
  return true;
}

const command: Builtin = async (sh, argv) => {
  let i = 1;
  let mode: "run" | "v" | "V" = "run";
  for (; i < argv.length && argv[i].startsWith("-"); i++) {
    if (argv[i] === "--") {
      i++;
      break;
    }
    if (argv[i].includes("v")) mode = "v";
    if (argv[i].includes("V")) mode = "V";
  }
  const args = argv.slice(i);
  if (args.length === 0) return 0;
  if (mode !== "run") {
    let status = 0;
    for (const name of args) if (!await explain(sh, name, mode === "V")) status = 127;
    return status;
  }
  // `command NAME` skips functions: a builtin or a program.
  if (findBuiltin(args[0])) return await runFields(sh, args);
  return await runProgram(sh, args);
};

const type: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1)) if (!await explain(sh, name, true)) status = 127;
  return status;
};

const hash: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    if (name === "-r") continue;
    if (!await findInPath(sh.fs, name, sh.cwd, sh.vars.value("PATH"))) {
      await sh.builtinMessage("hash", `${name}: not found`);
      status = 1;
    }
  }
  return status;
};

const alias: Builtin = async (sh, argv) => {
  if (argv.length === 1) {
    const lines = [...sh.aliases].map(([k, v]) => `${k}=${quote(v)}\n`);
    await sh.output(1).write(lines.join(""));
    return 0;
  }
  let status = 0;
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf("=");
    if (eq > 0) sh.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (sh.aliases.has(arg)) {
      await sh.output(1).write(`${arg}=${quote(sh.aliases.get(arg)!)}\n`);
    } else {
      await sh.error(`alias: ${arg} not found`);
      status = 1;
    }
  }
  return status;
};

const unalias: Builtin = (sh, argv) => {
  if (argv[1] === "-a") sh.aliases.clear();
  for (const name of argv.slice(1)) sh.aliases.delete(name);
  return Promise.resolve(0);
};

const getopts: Builtin = async (sh, argv) => {
  const spec = argv[1];
  const name = argv[2];
  if (spec === undefined || name === undefined) {
    throw new BuiltinError("usage: getopts optstring var [arg]");
  }
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  const silent = spec.startsWith(":");
  let index = Number(sh.vars.value("OPTIND") ?? "1") || 1;
  // Position inside a bundle like -abc, kept between calls as ash keeps its optptr.
  let offset = sh.getoptsOffset ?? 1;
  const arg = args[index - 1];
  if (arg === undefined || arg === "-" || !arg.startsWith("-") || arg === "--") {
    if (arg === "--") index++;
    sh.assign("OPTIND", String(index));
    sh.assign(name, "?");
    sh.getoptsOffset = undefined;
    return 1;
  }
  const letter = arg[offset];
  offset++;
  const next = () => {
    if (offset >= arg.length) {
      index++;
      offset = 1;
    }
  };
  const at = spec.indexOf(letter);
  if (letter === ":" || at < 0) {
    next();
    if (silent) {
      sh.assign("OPTARG", letter);
    } else {
      sh.vars.unset("OPTARG");
      await sh.output(2).write(`Illegal option -${letter}\n`).catch(() => {});
    }
    sh.assign(name, "?");
  } else if (spec[at + 1] === ":") {
    let value: string | undefined;
    if (offset < arg.length) value = arg.slice(offset);
    else value = args[index];
    index += offset < arg.length ? 1 : 2;
    offset = 1;
    if (value === undefined) {
      if (silent) {
        sh.assign("OPTARG", letter);
        sh.assign(name, ":");
      } else {
        sh.vars.unset("OPTARG");
        await sh.output(2).write(`No arg for -${letter} option\n`).catch(() => {});
        sh.assign(name, "?");
      }
    } else {
      sh.assign("OPTARG", value);
      sh.assign(name, letter);
    }
  } else {
    next();
    sh.vars.unset("OPTARG");
    sh.assign(name, letter);
  }
  sh.assign("OPTIND", String(index));
  sh.getoptsOffset = offset;
  return 0;
};

const letBuiltin: Builtin = (sh, argv) => {
  let last: ShellInt = 0;
  for (const expr of argv.slice(1)) last = evalArithText(expr, sh.arithHost);
  return Promise.resolve(last !== 0 ? 0 : 1);
};

export const LOOKUP_BUILTINS: Record<string, Builtin> = {
  command,
  type,
  hash,
  alias,
  unalias,
  getopts,
  let: letBuiltin,
};
