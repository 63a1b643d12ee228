/**
 * The expression half of the awk parser, following the POSIX grammar's precedence: ?: || && in ~
 * relational (and `cmd | getline`), concatenation, additive, multiplicative, unary, ^, ++/--, $.
 * Inside `print`, a bare `>` is output redirection, not a comparison (`noGt`).
 *
 * @module
 */
import { die } from "../../common/errors.ts";
import type { Expr, LValue } from "./ast.ts";
import { type Token, tokenize } from "./lexer.ts";

const CONCAT_START = new Set(["number", "string", "regex", "name", "funcname", "builtin"]);

export class ExpressionParser {
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
