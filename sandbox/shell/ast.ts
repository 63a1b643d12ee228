/**
 * The shell's syntax tree: plain objects converted once from mvdan-sh's GopherJS nodes (see
 * `parse.ts`), so the interpreter reads ordinary properties instead of wrapper getters. Field
 * names follow mvdan.cc/sh/v3/syntax; operators are their source spelling ("&&", ":-", "<<-").
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
export type Node = { type: string; [field: string]: any };

export interface File extends Node {
  type: "File";
  Stmts: Stmt[];
}

export interface Stmt extends Node {
  type: "Stmt";
  Cmd: Node | null;
  Negated: boolean;
  Background: boolean;
  Redirs: Redirect[];
  /** Source line of the statement, for `$LINENO`. */
  Position: number;
}

export interface Word extends Node {
  type: "Word";
  Parts: Node[];
}

export interface Lit extends Node {
  type: "Lit";
  Value: string;
}

export interface Redirect extends Node {
  type: "Redirect";
  Op: string;
  N: Lit | null;
  Word: Word | null;
  Hdoc: Word | null;
}

export interface Assign extends Node {
  type: "Assign";
  Append: boolean;
  Naked: boolean;
  Name: Lit | null;
  Index: Node | null;
  Value: Word | null;
  Array: { type: "ArrayExpr"; Elems: { Index: Node | null; Value: Word | null }[] } | null;
}

export interface CallExpr extends Node {
  type: "CallExpr";
  Assigns: Assign[];
  Args: Word[];
}

export interface ParamExp extends Node {
  type: "ParamExp";
  Short: boolean;
  Excl: boolean;
  Length: boolean;
  Width: boolean;
  Param: Lit;
  Index: Node | null;
  Slice: { Offset: Node | null; Length: Node | null } | null;
  Repl: { All: boolean; Orig: Word | null; With: Word | null } | null;
  Names: string | null;
  Exp: { Op: string; Word: Word | null } | null;
}
