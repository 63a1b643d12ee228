/**
 * Docker's variable substitution for Dockerfile instructions (moby `frontend/dockerfile/shell`
 * `Lex`): `$name`, `${name}`, `${name:-word}`, `${name-word}`, `${name:+word}`, `${name+word}`,
 * `${name:?message}`; single quotes are literal, double quotes expand, the escape character
 * quotes the next character. Quotes are removed; words split on unquoted blanks.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";

/** Variables visible to an instruction: name → value. */
export type Variables = Map<string, string>;

interface Word {
  text: string;
  /** True once the word has any character or quotes (an empty `""` is still a word). */
  started: boolean;
}

class Lexer {
  #pos = 0;
  constructor(
    readonly input: string,
    readonly vars: Variables,
    readonly escape: string,
  ) {}

  /** Processes the input into words (split = true) or one string. */
  run(split: boolean): string[] {
    const words: Word[] = [];
    let word: Word = { text: "", started: false };
    const flush = () => {
      if (word.started) words.push(word);
      word = { text: "", started: false };
    };
    const s = this.input;
    while (this.#pos < s.length) {
      const ch = s[this.#pos];
      if (split && /\s/.test(ch)) {
        flush();
        this.#pos++;
        continue;
      }
      word.started = true;
      if (ch === "'") {
        const end = s.indexOf("'", this.#pos + 1);
        if (end < 0) {
          throw new InvalidParameter(
            `unexpected end of statement while looking for matching single-quote`,
          );
        }
        word.text += s.slice(this.#pos + 1, end);
        this.#pos = end + 1;
      } else if (ch === '"') {
        this.#pos++;
        word.text += this.#doubleQuoted();
      } else if (ch === "$") {
        word.text += this.#variable();
      } else if (ch === this.escape) {
        this.#pos++;
        if (this.#pos < s.length) word.text += s[this.#pos++];
      } else {
        word.text += ch;
        this.#pos++;
      }
    }
    flush();
    return words.map((w) => w.text);
  }

  #doubleQuoted(): string {
    const s = this.input;
    let out = "";
    while (this.#pos < s.length) {
      const ch = s[this.#pos];
      if (ch === '"') {
        this.#pos++;
        return out;
      }
      if (ch === "$") {
        out += this.#variable();
      } else if (
        ch === this.escape && /["$]/.test(s[this.#pos + 1] ?? "") ||
        ch === this.escape && s[this.#pos + 1] === this.escape
      ) {
        out += s[this.#pos + 1];
        this.#pos += 2;
      } else {
        out += ch;
        this.#pos++;
      }
    }
    throw new InvalidParameter(
      "unexpected end of statement while looking for matching double-quote",
    );
  }

  #variable(): string {
    const s = this.input;
    this.#pos++; // the $
    if (s[this.#pos] === "{") {
      this.#pos++;
      const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(s.slice(this.#pos))?.[0];
      if (!name) {
        throw new InvalidParameter(`bad substitution: \${${s.slice(this.#pos, this.#pos + 10)}`);
      }
      this.#pos += name.length;
      const value = this.vars.get(name);
      if (s[this.#pos] === "}") {
        this.#pos++;
        return value ?? "";
      }
      const op = /^(:?[-+?])/.exec(s.slice(this.#pos))?.[0];
      if (!op) throw new InvalidParameter(`unsupported modifier (${s[this.#pos]}) in substitution`);
      this.#pos += op.length;
      const word = this.#braceWord();
      const unset = value === undefined;
      const empty = unset || (op.startsWith(":") && value === "");
      switch (op.replace(":", "")) {
        case "-":
          return empty ? word : value!;
        case "+":
          return empty ? "" : word;
        default:
          if (empty) throw new InvalidParameter(`${name}: ${word || "is not allowed to be unset"}`);
          return value!;
      }
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(s.slice(this.#pos))?.[0];
    if (!name) return "$";
    this.#pos += name.length;
    return this.vars.get(name) ?? "";
  }

  /** The word of `${name:-word}`, expanded, up to the matching brace. */
  #braceWord(): string {
    const s = this.input;
    let out = "";
    while (this.#pos < s.length) {
      const ch = s[this.#pos];
      if (ch === "}") {
        this.#pos++;
        return out;
      }
      if (ch === "$") out += this.#variable();
      else if (ch === "'") {
        const end = s.indexOf("'", this.#pos + 1);
        if (end < 0) break;
        out += s.slice(this.#pos + 1, end);
        this.#pos = end + 1;
      } else if (ch === '"') {
        this.#pos++;
        out += this.#doubleQuoted();
      } else if (ch === this.escape) {
        out += s[this.#pos + 1] ?? "";
        this.#pos += 2;
      } else {
        out += ch;
        this.#pos++;
      }
    }
    throw new InvalidParameter("syntax error: missing '}'");
  }
}

/**
 * One word, variables substituted and quotes removed (FROM, WORKDIR, USER, STOPSIGNAL, legacy
 * `ENV key value`).
 *
 * @example
 * ```ts
 * processWord('"$HOME"/x', new Map([["HOME", "/root"]]));  // "/root/x"
 * ```
 */
export function processWord(input: string, vars: Variables, escape = "\\"): string {
  return new Lexer(input, vars, escape).run(false).join("");
}

/**
 * Words split on unquoted blanks, each substituted and unquoted (COPY, EXPOSE, VOLUME, ENV and
 * LABEL pairs, ARG).
 *
 * @example
 * ```ts
 * processWords('a "b c" ${X:-d}', new Map());  // ["a", "b c", "d"]
 * ```
 */
export function processWords(input: string, vars: Variables, escape = "\\"): string[] {
  return new Lexer(input, vars, escape).run(true);
}

/**
 * `KEY=VALUE` pairs of ENV, LABEL and ARG: split on unquoted blanks, the key up to the first
 * `=`. The legacy single-pair form (`ENV KEY value with spaces`) is accepted for ENV and LABEL.
 */
export function processPairs(
  input: string,
  vars: Variables,
  escape: string,
  legacy: boolean,
): [string, string | undefined][] {
  const first = /^\s*([^\s=]+)(\s+|$)/.exec(input);
  if (legacy && first && !first[1].includes("=") && first[2] !== "") {
    return [[first[1], processWord(input.slice(first[0].length).trim(), vars, escape)]];
  }
  // Keys are taken before substitution's quote removal so `a="b=c"` keeps its value whole.
  return processWords(input, vars, escape).map((word) => {
    const cut = word.indexOf("=");
    return cut < 0 ? [word, undefined] : [word.slice(0, cut), word.slice(cut + 1)];
  });
}
