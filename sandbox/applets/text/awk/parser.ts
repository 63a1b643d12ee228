/**
 * The statement half of the awk parser: rules, functions, blocks and statements, over the
 * expression parser in parser_expr.ts.
 *
 * @module
 */
import type { Expr, FunctionDef, LValue, Program, Rule, Stmt } from "./ast.ts";
import { ExpressionParser } from "./parser_expr.ts";

export class Parser extends ExpressionParser {
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
}

export function parseProgram(source: string): Program {
  return new Parser(source).program();
}
