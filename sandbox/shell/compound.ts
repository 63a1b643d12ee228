/**
 * Compound commands: `{ }`, `( )`, `if`, `while`/`until`, `for` (word lists and C-style),
 * `case`, function definitions, `(( ))`, `[[ ]]`, `let` and declaration commands.
 *
 * @module
 */
import type { Node, Stmt } from "./ast.ts";
import type { ShellInt } from "./arith.ts";
import { BreakFlow, BuiltinError, ContinueFlow, ErrorExit } from "./control.ts";
import { ReadonlyError } from "./variables.ts";
import { expandFields, expandPattern, expandString } from "./expand.ts";
import { matchPattern } from "./pattern.ts";
import type { Shell } from "./shell.ts";
import { evalTest } from "./test_clause.ts";
import { declare } from "./builtins/variables.ts";
import { loopTurn } from "./fairness.ts";

export async function runCompound(sh: Shell, cmd: Node): Promise<number> {
  switch (cmd.type) {
    case "Block":
      return await sh.runStmts(cmd.Stmts);
    case "Subshell":
      return await sh.clone().runSubshell(cmd.Stmts);
    case "IfClause":
      return await runIf(sh, cmd);
    case "WhileClause":
      return await runWhile(sh, cmd);
    case "ForClause":
      return await runFor(sh, cmd);
    case "CaseClause":
      return await runCase(sh, cmd);
    case "FuncDecl":
      sh.functions.set(cmd.Name.Value, cmd.Body as Stmt);
      return 0;
    case "ArithmCmd":
      return (await sh.arith(cmd.X)) !== 0 ? 0 : 1;
    case "TestClause":
      return (await evalTest(sh, cmd.X)) ? 0 : 1;
    case "LetClause": {
      let last: ShellInt = 0;
      for (const expr of cmd.Exprs) last = await sh.arith(expr);
      return last !== 0 ? 0 : 1;
    }
    case "DeclClause":
      try {
        return await declare(sh, cmd.Variant.Value, cmd.Args);
      } catch (error) {
        if (!(error instanceof BuiltinError || error instanceof ReadonlyError)) throw error;
        await sh.builtinMessage(cmd.Variant.Value, error.message);
        throw new ErrorExit(2);
      }
    default:
      await sh.error(`${cmd.type}: not supported by this shell`);
      return 2;
  }
}

async function condition(sh: Shell, stmts: Stmt[]): Promise<number> {
  sh.conditionDepth++;
  try {
    return await sh.runStmts(stmts);
  } finally {
    sh.conditionDepth--;
  }
}

async function runIf(sh: Shell, cmd: Node): Promise<number> {
  let clause: Node | null = cmd;
  while (clause) {
    if (clause.Cond.length === 0) return await sh.runStmts(clause.Then);
    if ((await condition(sh, clause.Cond)) === 0) return await sh.runStmts(clause.Then);
    clause = clause.Else;
  }
  return 0;
}

/** Runs one loop body; returns "break" or "continue" when the body asked for it at this level. */
async function body(sh: Shell, stmts: Stmt[]): Promise<"break" | "next"> {
  try {
    await sh.runStmts(stmts);
  } catch (flow) {
    if (flow instanceof BreakFlow) {
      if (--flow.levels > 0) throw flow;
      return "break";
    }
    if (flow instanceof ContinueFlow) {
      if (--flow.levels > 0) throw flow;
      return "next";
    }
    throw flow;
  }
  return "next";
}

async function runWhile(sh: Shell, cmd: Node): Promise<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    while (true) {
      await loopTurn();
      const test = await condition(sh, cmd.Cond);
      if (cmd.Until ? test === 0 : test !== 0) break;
      sh.status = status;
      const next = await body(sh, cmd.Do);
      status = sh.status;
      if (next === "break") break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runFor(sh: Shell, cmd: Node): Promise<number> {
  const loop = cmd.Loop;
  let status = 0;
  sh.loopDepth++;
  try {
    if (loop.type === "CStyleLoop") {
      if (loop.Init) await sh.arith(loop.Init);
      while (!loop.Cond || (await sh.arith(loop.Cond)) !== 0) {
        await loopTurn();
        const next = await body(sh, cmd.Do);
        status = sh.status;
        if (next === "break") break;
        if (loop.Post) await sh.arith(loop.Post);
      }
      return status;
    }
    const items = loop.InPos ? await expandFields(sh, loop.Items) : [...sh.positional];
    for (const item of items) {
      await loopTurn();
      sh.assign(loop.Name.Value, item);
      const next = await body(sh, cmd.Do);
      status = sh.status;
      if (next === "break") break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runCase(sh: Shell, cmd: Node): Promise<number> {
  const word = await expandString(sh, cmd.Word);
  let fallthrough = false;
  for (const item of cmd.Items) {
    let matched = fallthrough;
    if (!matched) {
      for (const pattern of item.Patterns) {
        if (matchPattern(await expandPattern(sh, pattern), word)) {
          matched = true;
          break;
        }
      }
    }
    if (!matched) continue;
    const status = await sh.runStmts(item.Stmts);
    if (item.Op === ";&") {
      fallthrough = true;
      continue;
    }
    if (item.Op === ";;&") {
      fallthrough = false;
      continue;
    }
    return status;
  }
  return fallthrough ? sh.status : 0;
}
