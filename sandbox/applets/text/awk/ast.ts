/**
 * The awk syntax tree: expressions, statements and the program's rules and functions.
 *
 * @module
 */

export type LValue =
  | { t: "var"; name: string }
  | { t: "field"; e: Expr }
  | { t: "index"; name: string; subs: Expr[] };

export type Expr =
  | LValue
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "regex"; src: string }
  | { t: "assign"; op: string; target: LValue; e: Expr }
  | { t: "cond"; c: Expr; a: Expr; b: Expr }
  | { t: "or" | "and"; a: Expr; b: Expr }
  | { t: "in"; subs: Expr[]; name: string }
  | { t: "match"; neg: boolean; a: Expr; re: Expr }
  | { t: "bin"; op: string; a: Expr; b: Expr }
  | { t: "unary"; op: string; e: Expr }
  | { t: "incdec"; op: "++" | "--"; prefix: boolean; target: LValue }
  | { t: "call"; name: string; args: Expr[] }
  | { t: "builtin"; name: string; args: Expr[] }
  | { t: "getline"; kind: "simple" | "file" | "cmd"; target?: LValue; src?: Expr }
  | { t: "group"; e: Expr; list?: Expr[] };

export interface Redirect {
  op: ">" | ">>" | "|";
  e: Expr;
}

export type Stmt =
  | { t: "expr"; e: Expr }
  | { t: "print" | "printf"; args: Expr[]; redir?: Redirect }
  | { t: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { t: "while"; c: Expr; body: Stmt }
  | { t: "do"; body: Stmt; c: Expr }
  | { t: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { t: "forin"; target: LValue; name: string; body: Stmt }
  | { t: "block"; body: Stmt[] }
  | { t: "next" | "nextfile" | "break" | "continue" }
  | { t: "exit" | "return"; e?: Expr }
  | { t: "delete"; name: string; subs?: Expr[] };

export interface Rule {
  pattern?: Expr;
  range?: [Expr, Expr];
  inRange?: boolean;
  body?: Stmt[];
}

export interface FunctionDef {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  begin: Stmt[][];
  end: Stmt[][];
  rules: Rule[];
  functions: Map<string, FunctionDef>;
}
