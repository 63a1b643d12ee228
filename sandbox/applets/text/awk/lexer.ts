/**
 * Tokens of the awk language (POSIX awk grammar). Whether `/` starts a regex or divides depends
 * on the previous token, and a name directly followed by "(" is a function call, so the lexer
 * keeps that little bit of context.
 *
 * @module
 */
import { die } from "../../common/errors.ts";

export type TokenKind =
  | "number"
  | "string"
  | "regex"
  | "name"
  | "funcname"
  | "builtin"
  | "keyword"
  | "op"
  | "newline"
  | "eof";

export interface Token {
  kind: TokenKind;
  value: string;
  num?: number;
  line: number;
}

const KEYWORDS = new Set([
  "BEGIN",
  "END",
  "function",
  "func",
  "if",
  "else",
  "while",
  "for",
  "do",
  "break",
  "continue",
  "next",
  "nextfile",
  "exit",
  "return",
  "delete",
  "in",
  "getline",
  "print",
  "printf",
]);

export const BUILTINS = new Set([
  "length",
  "substr",
  "index",
  "split",
  "sub",
  "gsub",
  "match",
  "sprintf",
  "sin",
  "cos",
  "atan2",
  "exp",
  "log",
  "sqrt",
  "int",
  "rand",
  "srand",
  "tolower",
  "toupper",
  "system",
  "close",
  "fflush",
]);

const OPERATORS = [
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "^=",
  "**=",
  "**",
  "==",
  "<=",
  ">=",
  "!=",
  "++",
  "--",
  "&&",
  "||",
  ">>",
  "!~",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ";",
  ",",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  "!",
  ">",
  "<",
  "|",
  "?",
  ":",
  "~",
  "$",
  "=",
].sort((a, b) => b.length - a.length);

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  '"': '"',
  "/": "/",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

/** Whether a token ends an operand, after which `/` divides rather than starting a regex. */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === "number" || t.kind === "string" || t.kind === "name" || t.kind === "regex") {
    return true;
  }
  if (t.kind === "builtin") return true;
  return t.kind === "op" &&
    (t.value === ")" || t.value === "]" || t.value === "++" || t.value === "--" || t.value === "$");
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: TokenKind, value: string, num?: number) =>
    tokens.push({ kind, value, num, line });
  while (i < source.length) {
    const ch = source[i];
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "\\" && source[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (ch === "\\" && source[i + 1] === "\r" && source[i + 2] === "\n") {
      i += 3;
      continue;
    }
    if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (ch === "\n") {
      push("newline", "\n");
      line++;
      i++;
      continue;
    }
    if (ch === '"') {
      let s = "";
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === "\\" && i + 1 < source.length) {
          const n = source[i + 1];
          if (/[0-7]/.test(n)) {
            let digits = "";
            let j = i + 1;
            while (digits.length < 3 && /[0-7]/.test(source[j] ?? "")) digits += source[j++];
            s += String.fromCharCode(parseInt(digits, 8));
            i = j;
            continue;
          }
          if (n === "\n") {
            i += 2;
            continue;
          }
          s += ESCAPES[n] ?? "\\" + n;
          i += 2;
          continue;
        }
        if (source[i] === "\n") die(`cmd. line:${line}: Unexpected end of string`);
        s += source[i++];
      }
      if (i >= source.length) die(`cmd. line:${line}: Unexpected end of string`);
      i++;
      push("string", s);
      continue;
    }
    if (ch === "/" && !endsOperand(tokens[tokens.length - 1])) {
      let s = "";
      i++;
      let inBracket = false;
      while (i < source.length && (source[i] !== "/" || inBracket)) {
        if (source[i] === "\n") die(`cmd. line:${line}: Unexpected end of regexp`);
        if (source[i] === "\\" && i + 1 < source.length) {
          if (/[0-7]/.test(source[i + 1])) {
            // Octal escapes stand for bytes in regex literals too; keep them literal.
            let digits = "";
            let j = i + 1;
            while (digits.length < 3 && /[0-7]/.test(source[j] ?? "")) digits += source[j++];
            const ch = String.fromCharCode(parseInt(digits, 8));
            s += /[\\^$.*+?()[\]{}|\/]/.test(ch) ? "\\" + ch : ch;
            i = j;
            continue;
          }
          s += source[i + 1] === "/" ? "/" : source[i] + source[i + 1];
          i += 2;
          continue;
        }
        if (source[i] === "[" && !inBracket) {
          inBracket = true;
          s += source[i++];
          if (source[i] === "^") s += source[i++];
          if (source[i] === "]") s += source[i++];
          continue;
        }
        if (source[i] === "]" && inBracket) inBracket = false;
        s += source[i++];
      }
      i++;
      push("regex", s);
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(
      source.slice(i, i + 64),
    );
    if (num && /[\d.]/.test(ch)) {
      push("number", num[0], Number(num[0]));
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 256));
    if (word) {
      const w = word[0];
      i += w.length;
      if (KEYWORDS.has(w)) push("keyword", w === "func" ? "function" : w);
      else if (BUILTINS.has(w)) push("builtin", w);
      else if (source[i] === "(") push("funcname", w);
      else push("name", w);
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) die(`unexpected character '${ch}'`);
    push("op", op);
    i += op.length;
  }
  push("eof", "");
  return tokens;
}
