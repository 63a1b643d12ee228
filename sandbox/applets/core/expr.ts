/**
 * `expr EXPRESSION`: busybox's precedence (| & comparisons + - * / % :), integer arithmetic on
 * 64-bit values, `:`/`match` anchored BRE matching, and `length`, `substr`, `index`, `quote`.
 * Exit status 1 when the result is null or 0, 2 on a syntax error.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { die, runApplet } from "../common/errors.ts";
import { compilePosix, RegexSyntaxError } from "../common/regex.ts";

type Value = string | bigint;

const INTEGER = /^[-+]?\d+$/;

function isNull(value: Value): boolean {
  return value === "" || value === 0n || (typeof value === "string" && /^-?0+$/.test(value));
}

function toInt(value: Value): bigint {
  if (typeof value === "bigint") return value;
  if (!INTEGER.test(value)) die("non-numeric argument", 2);
  return BigInt(value);
}

class Parser {
  pos = 0;
  constructor(readonly tokens: string[]) {}

  next(): string {
    if (this.pos >= this.tokens.length) die("syntax error", 2);
    return this.tokens[this.pos++];
  }

  peek(): string | undefined {
    return this.tokens[this.pos];
  }

  or(): Value {
    let left = this.and();
    while (this.peek() === "|") {
      this.pos++;
      const right = this.and();
      left = !isNull(left) ? left : !isNull(right) ? right : 0n;
    }
    return left;
  }

  and(): Value {
    let left = this.compare();
    while (this.peek() === "&") {
      this.pos++;
      const right = this.compare();
      left = !isNull(left) && !isNull(right) ? left : 0n;
    }
    return left;
  }

  compare(): Value {
    let left = this.additive();
    for (;;) {
      const op = this.peek();
      if (!op || !["=", "==", "!=", "<", "<=", ">", ">="].includes(op)) return left;
      this.pos++;
      const right = this.additive();
      let cmp: number;
      const ls = String(left), rs = String(right);
      if (INTEGER.test(ls) && INTEGER.test(rs)) {
        const a = BigInt(ls), b = BigInt(rs);
        cmp = a < b ? -1 : a > b ? 1 : 0;
      } else cmp = ls < rs ? -1 : ls > rs ? 1 : 0;
      const result = op === "=" || op === "=="
        ? cmp === 0
        : op === "!="
        ? cmp !== 0
        : op === "<"
        ? cmp < 0
        : op === "<="
        ? cmp <= 0
        : op === ">"
        ? cmp > 0
        : cmp >= 0;
      left = result ? 1n : 0n;
    }
  }

  additive(): Value {
    let left = this.multiplicative();
    for (let op = this.peek(); op === "+" || op === "-"; op = this.peek()) {
      this.pos++;
      const right = this.multiplicative();
      left = op === "+" ? toInt(left) + toInt(right) : toInt(left) - toInt(right);
    }
    return left;
  }

  multiplicative(): Value {
    let left = this.match();
    for (let op = this.peek(); op === "*" || op === "/" || op === "%"; op = this.peek()) {
      this.pos++;
      const right = toInt(this.match());
      const l = toInt(left);
      if (op === "*") left = l * right;
      else {
        if (right === 0n) die("division by zero", 2);
        left = op === "/" ? l / right : l % right;
      }
    }
    return left;
  }

  match(): Value {
    let left = this.primary();
    while (this.peek() === ":") {
      this.pos++;
      left = regexMatch(String(left), String(this.primary()));
    }
    return left;
  }

  primary(): Value {
    const token = this.next();
    if (
      this.pos < this.tokens.length ||
      !["length", "substr", "index", "match", "quote"].includes(token)
    ) {
      switch (token) {
        case "quote":
        case "+":
          return this.next();
        case "length":
          return BigInt(String(this.primary()).length);
        case "match": {
          const s = String(this.primary());
          return regexMatch(s, String(this.primary()));
        }
        case "substr": {
          const s = String(this.primary());
          const pos = toInt(this.primary());
          const len = toInt(this.primary());
          if (pos < 1n || len < 1n || pos > BigInt(s.length)) return "";
          return s.substr(Number(pos) - 1, Number(len));
        }
        case "index": {
          const s = String(this.primary());
          const chars = String(this.primary());
          let best = 0;
          for (let i = 0; i < s.length; i++) {
            if (chars.includes(s[i])) {
              best = i + 1;
              break;
            }
          }
          return BigInt(best);
        }
        case "(": {
          const value = this.or();
          if (this.next() !== ")") die("syntax error", 2);
          return value;
        }
      }
    }
    if (token === ")") die("syntax error", 2);
    return INTEGER.test(token) ? token : token;
  }
}

function regexMatch(text: string, pattern: string): Value {
  let re: RegExp;
  try {
    re = compilePosix(pattern, false);
  } catch (error) {
    if (error instanceof RegexSyntaxError) die(error.message, 2);
    throw error;
  }
  const m = new RegExp("^(?:" + re.source + ")", "s").exec(text);
  if (/\\\(/.test(pattern)) return m ? (m[1] ?? "") : "";
  return BigInt(m ? m[0].length : 0);
}

export const expr = runApplet(async (ctx: ProcessContext) => {
  const tokens = ctx.argv.slice(1).map(binary);
  if (tokens[0] === "--") tokens.shift();
  if (tokens.length === 0) die("too few arguments", 2);
  const parser = new Parser(tokens);
  const value = parser.or();
  if (parser.pos < tokens.length) die("syntax error", 2);
  const text = typeof value === "bigint" ? value.toString() : value;
  await ctx.stdout.write(unlatin1(text + "\n"));
  return isNull(value) ? 1 : 0;
});
