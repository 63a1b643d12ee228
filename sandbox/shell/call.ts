/**
 * Simple commands: assignments, expansion, alias, then functions, builtins and finally programs
 * found through `$PATH`, which run as child processes of this shell.
 *
 * @module
 */
import type { Assign, CallExpr, Stmt } from "./ast.ts";
import { BuiltinError, ErrorExit, ExitFlow, ReturnFlow } from "./control.ts";
import { expandFields, expandString } from "./expand.ts";
import { badFd } from "./fds.ts";
import { parseShell } from "./parse.ts";
import type { Shell } from "./shell.ts";
import { findBuiltin, SPECIAL_BUILTINS } from "./builtins/mod.ts";

export async function runCall(sh: Shell, call: CallExpr, _stmt: Stmt): Promise<number> {
  sh.substitutionStatus = 0;
  let fields = await expandFields(sh, call.Args);
  if (fields.length > 0 && sh.aliases.size > 0) fields = await expandAlias(sh, call, fields);
  if (fields.length === 0) {
    for (const assign of call.Assigns) await applyAssign(sh, assign);
    if (sh.options.has("x") && call.Assigns.length > 0) {
      await trace(sh, await assignTexts(sh, call));
    }
    return sh.substitutionStatus;
  }
  const prefix = await assignTexts(sh, call);
  if (sh.options.has("x")) await trace(sh, [...prefix, ...fields]);
  return await runFields(sh, fields, call.Assigns);
}

/** Runs an expanded command line: function, builtin or program. */
export async function runFields(
  sh: Shell,
  fields: string[],
  assigns: Assign[] = [],
): Promise<number> {
  const name = fields[0];
  const fn = sh.functions.get(name);
  if (fn) return await withTemporaryAssigns(sh, assigns, () => callFunction(sh, fn, fields));
  const builtin = findBuiltin(name);
  if (builtin) {
    try {
      if (SPECIAL_BUILTINS.has(name)) {
        for (const assign of assigns) await applyAssign(sh, assign);
        return await builtin(sh, fields);
      }
      return await withTemporaryAssigns(sh, assigns, () => builtin(sh, fields));
    } catch (error) {
      if (!(error instanceof BuiltinError)) throw error;
      await sh.builtinMessage(name, error.message);
      throw new ErrorExit(2);
    }
  }
  const env = sh.vars.environment();
  for (const assign of assigns) {
    env[assign.Name!.Value] = await expandString(sh, assign.Value);
  }
  return await runProgram(sh, fields, env);
}

/** Runs a program from the filesystem as a child process and waits for it. */
export async function runProgram(
  sh: Shell,
  argv: string[],
  env = sh.vars.environment(),
): Promise<number> {
  const found = await sh.ctx.kernel.resolve(argv, env, sh.cwd);
  if (found.kind === "failure") {
    await sh.error(found.message);
    return found.status;
  }
  const child = await sh.ctx.kernel.exec({
    argv,
    env,
    cwd: sh.cwd,
    uid: sh.ctx.uid,
    gid: sh.ctx.gid,
    umask: sh.umask,
    stdin: sh.fds[0]?.input ?? badFd(0),
    stdout: sh.fds[1]?.output ?? badFd(1),
    stderr: sh.fds[2]?.output ?? badFd(2),
    ppid: sh.pid,
    tty: [sh.fds[0]?.tty ?? false, sh.fds[1]?.tty ?? false, sh.fds[2]?.tty ?? false],
    signal: sh.signal,
  }, found);
  return await child.exited;
}

export async function callFunction(sh: Shell, body: Stmt, fields: string[]): Promise<number> {
  const savedPositional = sh.positional;
  sh.positional = fields.slice(1);
  sh.vars.pushFrame();
  sh.vars.local("FUNCNAME");
  sh.vars.set("FUNCNAME", fields[0]);
  sh.functionDepth++;
  try {
    return await sh.runStmt(body);
  } catch (flow) {
    if (flow instanceof ReturnFlow) return flow.status;
    throw flow;
  } finally {
    sh.functionDepth--;
    sh.vars.popFrame();
    sh.positional = savedPositional;
  }
}

async function withTemporaryAssigns(
  sh: Shell,
  assigns: Assign[],
  run: () => Promise<number>,
): Promise<number> {
  if (assigns.length === 0) return await run();
  sh.vars.pushFrame();
  try {
    for (const assign of assigns) {
      sh.vars.local(assign.Name!.Value);
      await applyAssign(sh, assign);
      sh.vars.get(assign.Name!.Value)!.exported = true;
    }
    return await run();
  } finally {
    sh.vars.popFrame();
  }
}

/** Performs one assignment word: `x=v`, `x+=v`, `a[i]=v`, `a=(x y)`, `a+=(z)`. */
export async function applyAssign(sh: Shell, assign: Assign): Promise<void> {
  const name = assign.Name!.Value;
  if (assign.Array) {
    const values: string[] = [];
    const indexed: [number, string][] = [];
    for (const elem of assign.Array.Elems) {
      if (elem.Index) {
        indexed.push([await sh.arith(elem.Index), await expandString(sh, elem.Value)]);
      } else if (elem.Value) values.push(...await expandFields(sh, [elem.Value]));
    }
    const old = sh.vars.get(name)?.value;
    const base = assign.Append
      ? (Array.isArray(old) ? [...old] : old === undefined ? [] : [old])
      : [];
    base.push(...values);
    for (const [i, v] of indexed) base[i] = v;
    sh.vars.set(name, base, { export: sh.options.has("a") });
    return;
  }
  const value = await expandString(sh, assign.Value);
  if (assign.Index) {
    const index = await sh.arith(assign.Index);
    const old = sh.vars.get(name)?.value;
    const current = Array.isArray(old) ? old[index] : index === 0 ? old : undefined;
    sh.vars.setIndex(name, index, assign.Append ? (current ?? "") + value : value);
    return;
  }
  if (assign.Naked) return;
  sh.assign(name, assign.Append ? (sh.vars.value(name) ?? "") + value : value);
}

async function assignTexts(sh: Shell, call: CallExpr): Promise<string[]> {
  if (!sh.options.has("x")) return [];
  const out: string[] = [];
  for (const a of call.Assigns) {
    if (a.Name) out.push(`${a.Name.Value}=${a.Value ? await expandString(sh, a.Value) : ""}`);
  }
  return out;
}

async function trace(sh: Shell, words: string[]) {
  const ps4 = sh.vars.value("PS4") ?? "+ ";
  await sh.output(2).write(ps4 + words.map(quoteForTrace).join(" ") + "\n").catch(() => {});
}

function quoteForTrace(word: string): string {
  if (word !== "" && /^[A-Za-z0-9_.,:\/=+@%^-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

/** Replaces an aliased command name by the alias's words (one level, like a basic ash alias). */
async function expandAlias(sh: Shell, call: CallExpr, fields: string[]): Promise<string[]> {
  const first = call.Args[0];
  const alias = sh.aliases.get(fields[0]);
  if (alias === undefined || first.Parts.length !== 1 || first.Parts[0].type !== "Lit") {
    return fields;
  }
  const stmt = parseShell(alias).Stmts[0];
  if (!stmt || stmt.Cmd?.type !== "CallExpr") return fields;
  return [...await expandFields(sh, stmt.Cmd.Args), ...fields.slice(1)];
}

/** `exec cmd`: the command replaces the shell, so the shell ends with its status. */
export async function execReplace(sh: Shell, argv: string[]): Promise<never> {
  throw new ExitFlow(await runProgram(sh, argv));
}
