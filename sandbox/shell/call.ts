/**
 * Simple commands: assignments, expansion, alias, then functions, builtins and finally programs
 * found through `$PATH`, which run as child processes of this shell.
 *
 * @module
 */
import type { CallExpr, Stmt } from "./ast.ts";
import { applyExpanded, expandAssign, type ExpandedAssign } from "./assign.ts";
import { trace } from "./trace.ts";
import { BuiltinError, ErrorExit, ExitFlow, ReturnFlow } from "./control.ts";
import { expandFields } from "./expand.ts";
import { badFd } from "./fds.ts";
import { parseShell } from "./parse.ts";
import type { Shell } from "./shell.ts";
import { findBuiltin, SPECIAL_BUILTINS } from "./builtins/mod.ts";

export async function runCall(sh: Shell, call: CallExpr, _stmt: Stmt): Promise<number> {
  sh.substitutionStatus = 0;
  let fields = await expandFields(sh, call.Args);
  if (fields.length > 0 && sh.aliases.size > 0) fields = await expandAlias(sh, call, fields);
  const assigns: ExpandedAssign[] = [];
  if (fields.length === 0) {
    // Each assignment sees the ones before it: `a=1 b=$a`.
    for (const assign of call.Assigns) {
      const expanded = await expandAssign(sh, assign);
      applyExpanded(sh, expanded);
      assigns.push(expanded);
    }
    if (sh.options.has("x") && assigns.length > 0) await trace(sh, [], assigns);
    return sh.substitutionStatus;
  }
  for (const assign of call.Assigns) assigns.push(await expandAssign(sh, assign));
  if (sh.options.has("x")) await trace(sh, fields, assigns);
  return await runFields(sh, fields, assigns);
}

/** Runs an expanded command line: function, builtin or program. */
export async function runFields(
  sh: Shell,
  fields: string[],
  assigns: ExpandedAssign[] = [],
): Promise<number> {
  const name = fields[0];
  const fn = sh.functions.get(name);
  if (fn) return await withTemporaryAssigns(sh, assigns, () => callFunction(sh, fn, fields));
  const builtin = findBuiltin(name);
  if (builtin) {
    try {
      if (SPECIAL_BUILTINS.has(name)) {
        for (const assign of assigns) applyExpanded(sh, assign);
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
  for (const assign of assigns) env[assign.name] = assign.value;
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
  assigns: ExpandedAssign[],
  run: () => Promise<number>,
): Promise<number> {
  if (assigns.length === 0) return await run();
  sh.vars.pushFrame();
  try {
    for (const assign of assigns) {
      sh.vars.local(assign.name);
      applyExpanded(sh, assign);
      const v = sh.vars.get(assign.name);
      if (v) v.exported = true;
    }
    return await run();
  } finally {
    sh.vars.popFrame();
  }
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
