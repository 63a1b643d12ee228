/**
 * A recursive-descent parser for awk following the POSIX grammar's precedence: ?: || && in ~
 * relational (and `cmd | getline`), concatenation, additive, multiplicative, unary, ^, ++/--, $.
 * Inside `print`, a bare `>` is output redirection, not a comparison.
 *
 * @module
 */
import { die } from "../../common/errors.ts";
import type { Expr, FunctionDef, LValue, Program, Rule, Stmt } from "./ast.ts";
import { type Token, tokenize } from "./lexer.ts";

const CONCAT_START = new Set(["number", "string", "regex", "name", "funcname", "builtin"]);

export class Parser {
  pos = 0;
  tokens: Token[];
  /** Depth of `print` argument parsing where `>` is not a comparison. */
  noGt = 0;
  noIn = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  is(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === "op" || t.kind === "keyword") && t.value === value;
  }

  take(value: string): boolean {
    if (this.is(value)) {
      this.pos++;
      return true;
    }
    return false;
  }

  expect(value: string): void {
    if (!this.take(value)) this.syntaxError();
  }

  syntaxError(): never {
    const t = this.peek();
    die(
      `cmd. line:${t.line}: Unexpected token${t.value ? ` '${t.value.replace("\n", "\\n")}'` : ""}`,
    );
  }

  newlines(): void {
    while (this.peek().kind === "newline") this.pos++;
  }

  terminators(): void {
    while (this.peek().kind === "newline" || this.is(";")) this.pos++;
  }

  program(): Program {
    const program: Program = { begin: [], end: [], rules: [], functions: new Map() };
    this.terminators();
    while (this.peek().kind !== "eof") {
      if (this.take("BEGIN")) {
        this.newlines();
        program.begin.push(this.block());
      } else if (this.take("END")) {
        this.newlines();
        program.end.push(this.block());
      } else if (this.take("function")) {
        const fn = this.functionDef();
        program.functions.set(fn.name, fn);
      } else {
        const rule: Rule = {};
        if (!this.is("{")) {
          const first = this.expr();
          if (this.take(",")) {
            this.newlines();
            rule.range = [first, this.expr()];
          } else rule.pattern = first;
        }
        if (this.is("{")) rule.body = this.block();
        program.rules.push(rule);
      }
      this.terminators();
    }
    return program;
  }

  functionDef(): FunctionDef {
    const t = this.peek();
    if (t.kind !== "funcname" && t.kind !== "name") this.syntaxError();
    this.pos++;
    this.expect("(");
    const params: string[] = [];
    while (!this.is(")")) {
      const p = this.peek();
      if (p.kind !== "name") this.syntaxError();
      params.push(p.value);
      this.pos++;
      this.newlines();
      if (!this.take(",")) break;
      this.newlines();
    }
    this.expect(")");
    this.newlines();
    return { name: t.value, params, body: this.block() };
  }

  block(): Stmt[] {
    this.expect("{");
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is("}")) {
      body.push(this.statement());
      this.terminators();
    }
    this.expect("}");
    return body;
  }

  /** Ends a simple statement: `;`, newline, or before a closing brace. */
  endSimple(): void {
    if (this.is("}") || this.peek().kind === "eof") return;
    if (this.take(";") || this.peek().kind === "newline") return;
    this.syntaxError();
  }

  bodyStatement(): Stmt {
    this.newlines();
    if (this.take(";")) return { t: "block", body: [] };
    return this.statement();
  }

  statement(): Stmt {
    const t = this.peek();
    if (this.is("{")) return { t: "block", body: this.block() };
    if (t.kind === "keyword") {
      switch (t.value) {
        case "if": {
          this.pos++;
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          const then = this.bodyStatement();
          // An `else` may follow after terminators.
          const save = this.pos;
          this.terminators();
          if (this.take("else")) return { t: "if", c, then, else: this.bodyStatement() };
          this.pos = save;
          return { t: "if", c, then };
        }
        case "while": {
          this.pos++;
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          if (this.is(";")) {
            this.pos++;
            return { t: "while", c, body: { t: "block", body: [] } };
          }
          return { t: "while", c, body: this.bodyStatement() };
        }
        case "do": {
          this.pos++;
          const body = this.bodyStatement();
          this.terminators();
          this.expect("while");
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          this.endSimple();
          return { t: "do", body, c };
        }
        case "for":
          return this.forStatement();
        case "next":
        case "nextfile":
        case "break":
        case "continue":
          this.pos++;
          this.endSimple();
          return { t: t.value };
        case "exit":
        case "return": {
          this.pos++;
          let e: Expr | undefined;
          if (
            !this.is(";") && !this.is("}") && this.peek().kind !== "newline" &&
            this.peek().kind !== "eof"
          ) {
            e = this.expr();
          }
          this.endSimple();
          return { t: t.value, e };
        }
        case "delete": {
          this.pos++;
          const n = this.peek();
          if (n.kind !== "name") this.syntaxError();
          this.pos++;
          let subs: Expr[] | undefined;
          if (this.take("[")) {
            subs = this.exprList();
            this.expect("]");
          }
          this.endSimple();
          return { t: "delete", name: n.value, subs };
        }
        case "print":
        case "printf":
          return this.printStatement();
      }
    }
    const e = this.expr();
    this.endSimple();
    return { t: "expr", e };
  }

  simpleStatement(): Stmt {
    if (this.is("print") || this.is("printf")) return this.printStatement(false);
    return { t: "expr", e: this.expr() };
  }

  forStatement(): Stmt {
    this.pos++;
    this.expect("(");
    if (
      this.peek().kind === "name" && this.is("in", 1) && this.peek(2).kind === "name" &&
      this.is(")", 3)
    ) {
      const target: LValue = { t: "var", name: this.peek().value };
      const name = this.peek(2).value;
      this.pos += 4;
      return { t: "forin", target, name, body: this.bodyStatement() };
    }
    const init = this.is(";") ? undefined : this.simpleStatement();
    this.expect(";");
    this.newlines();
    const c = this.is(";") ? undefined : this.expr();
    this.expect(";");
    this.newlines();
    const step = this.is(")") ? undefined : this.simpleStatement();
    this.expect(")");
    if (this.take(";")) return { t: "for", init, c, step, body: { t: "block", body: [] } };
    return { t: "for", init, c, step, body: this.bodyStatement() };
  }

  printStatement(end = true): Stmt {
    const kind = this.peek().value as "print" | "printf";
    this.pos++;
    this.noGt++;
    let args: Expr[] = [];
    if (
      !this.is(";") && !this.is("}") && !this.is(">") && !this.is(">>") && !this.is("|") &&
      this.peek().kind !== "newline" && this.peek().kind !== "eof"
    ) {
      args = this.exprList();
      if (args.length === 1 && args[0].t === "group" && args[0].list) args = args[0].list;
    }
    this.noGt--;
    let redir: { op: ">" | ">>" | "|"; e: Expr } | undefined;
    for (const op of [">", ">>", "|"] as const) {
      if (this.take(op)) {
        this.noGt++;
        redir = { op, e: this.concatenation() };
        this.noGt--;
        break;
      }
    }
    if (end) this.endSimple();
    return { t: kind, args, redir };
  }

  exprList(): Expr[] {
    const list = [this.expr()];
    while (this.take(",")) {
      this.newlines();
      list.push(this.expr());
    }
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  ternary(): Expr {
    const c = this.or();
    if (this.take("?")) {
      this.newlines();
      const a = this.ternary();
      this.newlines();
      this.expect(":");
      this.newlines();
      return { t: "cond", c, a, b: this.ternary() };
    }
    const op = this.peek().value;
    if (
      this.peek().kind === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "^=", "**="].includes(op)
    ) {
      if (c.t !== "var" && c.t !== "field" && c.t !== "index") this.syntaxError();
      this.pos++;
      this.newlines();
      return { t: "assign", op: op === "**=" ? "^=" : op, target: c, e: this.ternary() };
    }
    return c;
  }

  or(): Expr {
    let a = this.and();
    while (this.take("||")) {
      this.newlines();
      a = { t: "or", a, b: this.and() };
    }
    return a;
  }

  and(): Expr {
    let a = this.inExpr();
    while (this.take("&&")) {
      this.newlines();
      a = { t: "and", a, b: this.inExpr() };
    }
    return a;
  }

  inExpr(): Expr {
    let a = this.matchExpr();
    while (this.noIn === 0 && this.is("in")) {
      this.pos++;
      const n = this.peek();
      if (n.kind !== "name") this.syntaxError();
      this.pos++;
      a = { t: "in", subs: a.t === "group" && a.list ? a.list : [a], name: n.value };
    }
    return a;
  }

  matchExpr(): Expr {
    let a = this.relational();
    while (this.is("~") || this.is("!~")) {
      const neg = this.peek().value === "!~";
      this.pos++;
      a = { t: "match", neg, a, re: this.relational() };
    }
    return a;
  }

  relational(): Expr {
    let a = this.concatenation();
    for (;;) {
      const t = this.peek();
      if (t.kind === "op" && t.value === "|" && this.is("getline", 1)) {
        this.pos += 2;
        a = { t: "getline", kind: "cmd", src: a, target: this.optionalLValue() };
        continue;
      }
      if (t.kind !== "op" || !["<", "<=", "!=", "==", ">", ">="].includes(t.value)) return a;
      if (t.value === ">" && this.noGt > 0) return a;
      this.pos++;
      a = { t: "bin", op: t.value, a, b: this.concatenation() };
    }
  }

  startsConcat(): boolean {
    const t = this.peek();
    if (CONCAT_START.has(t.kind)) return true;
    if (t.kind === "keyword") return t.value === "getline";
    return t.kind === "op" && ["$", "(", "!", "-", "+", "++", "--"].includes(t.value) &&
      !(t.value === "-" || t.value === "+" || t.value === "!");
  }

  concatenation(): Expr {
    let a = this.additive();
    while (this.startsConcat() && !(this.noIn > 0 && this.is("in"))) {
      a = { t: "bin", op: " ", a, b: this.additive() };
    }
    return a;
  }

  additive(): Expr {
    let a = this.multiplicative();
    while (this.is("+") || this.is("-")) {
      const op = this.peek().value;
      this.pos++;
      a = { t: "bin", op, a, b: this.multiplicative() };
    }
    return a;
  }

  multiplicative(): Expr {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.peek().value;
      this.pos++;
      a = { t: "bin", op, a, b: this.unary() };
    }
    return a;
  }

  unary(): Expr {
    if (this.is("!") || this.is("-") || this.is("+")) {
      const op = this.peek().value;
      this.pos++;
      return { t: "unary", op, e: this.unary() };
    }
    return this.power();
  }

  power(): Expr {
    const a = this.postfix();
    if (this.is("^") || this.is("**")) {
      this.pos++;
      // Right-associative, and binds tighter than unary minus on its left only.
      return { t: "bin", op: "^", a, b: this.unaryPower() };
    }
    return a;
  }

  unaryPower(): Expr {
    if (this.is("-") || this.is("+") || this.is("!")) {
      const op = this.peek().value;
      this.pos++;
      return { t: "unary", op, e: this.unaryPower() };
    }
    return this.power();
  }

  postfix(): Expr {
    if (this.is("++") || this.is("--")) {
      const op = this.peek().value as "++" | "--";
      this.pos++;
      const target = this.primary();
      if (target.t !== "var" && target.t !== "field" && target.t !== "index") this.syntaxError();
      return { t: "incdec", op, prefix: true, target };
    }
    const e = this.primary();
    if ((e.t === "var" || e.t === "field" || e.t === "index") && (this.is("++") || this.is("--"))) {
      const op = this.peek().value as "++" | "--";
      this.pos++;
      return { t: "incdec", op, prefix: false, target: e };
    }
    return e;
  }

  optionalLValue(): LValue | undefined {
    const t = this.peek();
    if (t.kind === "name" || this.is("$")) {
      const e = this.primary();
      if (e.t === "var" || e.t === "field" || e.t === "index") return e;
      this.syntaxError();
    }
    return undefined;
  }

  primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "number":
        this.pos++;
        return { t: "num", v: t.num! };
      case "string":
        this.pos++;
        return { t: "str", v: t.value };
      case "regex":
        this.pos++;
        return { t: "regex", src: t.value };
      case "name": {
        this.pos++;
        if (this.take("[")) {
          const subs = this.exprList();
          this.expect("]");
          return { t: "index", name: t.value, subs };
        }
        return { t: "var", name: t.value };
      }
      case "funcname": {
        this.pos++;
        this.expect("(");
        const args = this.is(")") ? [] : this.exprList();
        this.expect(")");
        return { t: "call", name: t.value, args };
      }
      case "builtin": {
        this.pos++;
        let args: Expr[] = [];
        if (this.take("(")) {
          this.newlines();
          if (!this.is(")")) args = this.exprList();
          this.newlines();
          this.expect(")");
        } else if (t.value !== "length") this.syntaxError();
        return { t: "builtin", name: t.value, args };
      }
      case "keyword":
        if (t.value === "getline") {
          this.pos++;
          const target = this.optionalLValue();
          if (this.take("<")) {
            return { t: "getline", kind: "file", target, src: this.primaryWithField() };
          }
          return { t: "getline", kind: "simple", target };
        }
        break;
      case "op":
        if (t.value === "$") {
          this.pos++;
          return { t: "field", e: this.fieldOperand() };
        }
        if (t.value === "(") {
          this.pos++;
          const saveGt = this.noGt;
          this.noGt = 0;
          const list = this.exprList();
          this.noGt = saveGt;
          this.expect(")");
          if (list.length > 1) return { t: "group", e: list[0], list };
          return { t: "group", e: list[0] };
        }
        if (t.value === "-" || t.value === "+" || t.value === "!") {
          this.pos++;
          return { t: "unary", op: t.value, e: this.unary() };
        }
    }
    this.syntaxError();
  }

  /** The operand of `$`: a primary, with ++/-- applying to it ($i++ increments the field). */
  fieldOperand(): Expr {
    if (this.is("++") || this.is("--") || this.is("-")) {
      const op = this.peek().value;
      this.pos++;
      const target = this.primary();
      if (op === "-") return { t: "unary", op, e: target };
      return { t: "incdec", op: op as "++" | "--", prefix: true, target: target as LValue };
    }
    return this.primary();
  }

  primaryWithField(): Expr {
    return this.primary();
  }
}

export function parseProgram(source: string): Program {
  return new Parser(source).program();
}
