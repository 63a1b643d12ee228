/**
 * Word expansion in POSIX order: tilde, parameter, command substitution and arithmetic, then
 * field splitting on IFS for unquoted results, then pathname expansion, then quote removal.
 * Text travels as fragments that remember whether they were quoted; a boundary fragment
 * separates the fields "$@" produces.
 *
 * @module
 */
import type { Node, ParamExp, Word } from "./ast.ts";
import { ExpansionError } from "./arith.ts";
import { expandGlob } from "./glob.ts";
import { escapePattern, hasGlobChars, unescapePattern } from "./pattern.ts";
import { expandParam } from "./param.ts";
import type { Shell } from "./shell.ts";
import { commandSubstitution } from "./substitution.ts";
import { splitFields } from "./fields.ts";
import { expandBraces, hasBraces } from "./braces.ts";
import { ansiC, dquoteLiteral } from "./quoting.ts";

/** A piece of expanded text; `quoted` text is neither split nor globbed. */
export interface Fragment {
  text: string;
  quoted: boolean;
  /**
   * An unquoted expansion result: split on IFS, globbed, and its backslashes are literal.
   * Unquoted source text (not `split`) keeps backslash escapes until quote removal.
   */
  split?: boolean;
  /** Ends the current field here ("$@" between positional parameters). */
  boundary?: boolean;
}

/** Expands words into fields (the arguments of a command, the items of `for`). */
export async function expandFields(sh: Shell, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  const all = words.some(hasBraces)
    ? words.flatMap((w) => hasBraces(w) ? expandBraces(w) : [w])
    : words;
  for (const word of all) {
    const simple = literalWord(word) ?? quotedText(sh, word);
    if (simple !== undefined) {
      out.push(simple);
      continue;
    }
    const bare = bareParameter(sh, word);
    if (bare !== undefined) {
      if (bare !== "") out.push(bare);
      continue;
    }
    const fields = splitFields(await wordFragments(sh, word, false), sh.ifs());
    for (const field of fields) {
      if (
        !sh.options.has("f") && field.some((f) => !f.quoted && hasGlobChars(fragmentPattern(f)))
      ) {
        const matches = await expandGlob(sh.fs, sh.cwd, field.map(fragmentPattern).join(""), {
          dotglob: sh.options.has("dotglob"),
        });
        // bash's nullglob drops a pattern that matches nothing; by default it stays literal.
        if (matches.length > 0 || sh.options.has("nullglob")) {
          out.push(...matches);
          continue;
        }
      }
      out.push(field.map(fragmentText).join(""));
    }
  }
  return out;
}

/**
 * An unquoted `$x` whose value has no IFS or glob characters is one field (or none when empty),
 * with no fragment bookkeeping: the common `[ $i -lt 10 ]`.
 */
function bareParameter(sh: Shell, word: Word): string | undefined {
  if (word.Parts.length !== 1 || word.Parts[0].type !== "ParamExp") return undefined;
  const value = plainText(sh, word.Parts, false);
  if (value === undefined) return undefined;
  const ifs = sh.ifs();
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "*" || c === "?" || c === "[" || ifs.includes(c)) return undefined;
  }
  return value;
}

/** A word that is one plain literal without quoting or escapes needs no expansion at all. */
function literalWord(word: Word): string | undefined {
  if (word.Parts.length !== 1) return undefined;
  const part = word.Parts[0];
  if (part.type !== "Lit") return undefined;
  const v = part.Value as string;
  if (v[0] === "~" || v.includes("\\") || hasGlobChars(v)) return undefined;
  return v;
}

/** Expands a word to one string without splitting or globbing (assignments, redirections). */
export async function expandString(sh: Shell, word: Word | null): Promise<string> {
  if (!word) return "";
  const simple = literalWord(word) ?? plainText(sh, word.Parts, false);
  if (simple !== undefined) return simple;
  // `i=$((i+1))`: one arithmetic expansion needs no fragments either.
  if (word.Parts.length === 1 && word.Parts[0].type === "ArithmExp") {
    return String(await sh.arith(word.Parts[0].X));
  }
  return (await wordFragments(sh, word, false)).map(fragmentText).join("");
}

/** A word's text when it needs no command substitution or splitting, else undefined. */
export function plainWordText(sh: Shell, word: Word): string | undefined {
  return literalWord(word) ?? plainText(sh, word.Parts, false);
}

/** A word that is exactly one double-quoted string of plain parts: one field, no splitting. */
function quotedText(sh: Shell, word: Word): string | undefined {
  if (word.Parts.length !== 1 || word.Parts[0].type !== "DblQuoted") return undefined;
  const parts = word.Parts[0].Parts as Node[];
  if (parts.length === 1 && parts[0].type === "ParamExp" && isAt(parts[0] as ParamExp)) {
    return undefined;
  }
  return plainText(sh, parts, true);
}

function isAt(p: ParamExp): boolean {
  return p.Param.Value === "@" || p.Param.Value === "*" || !!p.Index;
}

/**
 * The text of parts that need no fragment bookkeeping (literals without escapes, plain `$x`,
 * double quotes around those), the common case in loops; undefined sends the caller the long way.
 * Unquoted `$x` only qualifies where no splitting follows (assignments, redirections).
 */
function plainText(sh: Shell, parts: Node[], quoted: boolean): string | undefined {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.type === "Lit") {
      const v = part.Value as string;
      if (v.includes("\\") || (!quoted && ((i === 0 && v[0] === "~") || hasGlobChars(v)))) {
        return undefined;
      }
      out += v;
    } else if (part.type === "SglQuoted" && !part.Dollar) {
      out += part.Value;
    } else if (part.type === "DblQuoted" && !quoted) {
      const inner = plainText(sh, part.Parts, true);
      if (inner === undefined) return undefined;
      out += inner;
    } else if (
      part.type === "ParamExp" && part.Short !== undefined && !part.Length && !part.Excl &&
      !part.Index && !part.Slice && !part.Repl && !part.Exp && !isAt(part as ParamExp)
    ) {
      const name = part.Param.Value as string;
      const special = sh.special(name);
      const value = special === null ? sh.vars.value(name) : special;
      if (value === undefined && sh.options.has("u")) return undefined;
      out += value ?? "";
    } else {
      return undefined;
    }
  }
  return out;
}

/** Expands a word to a pattern: quoted parts are escaped so they match literally. */
export async function expandPattern(sh: Shell, word: Word | null): Promise<string> {
  if (!word) return "";
  return (await wordFragments(sh, word, false)).map(fragmentPattern).join("");
}

/** A fragment after quote removal. */
export function fragmentText(f: Fragment): string {
  if (f.quoted || f.split || !f.text.includes("\\")) return f.text;
  return unescapePattern(f.text);
}

/** A fragment as pattern text: quoted characters escaped, glob characters active. */
export function fragmentPattern(f: Fragment): string {
  if (f.quoted) return escapePattern(f.text);
  if (f.split) return f.text.replaceAll("\\", "\\\\");
  return f.text;
}

/**
 * The fragments of a word. Unquoted literal text keeps its backslash escapes (they matter for
 * globbing) and is removed later; `assignment` enables `~` after `:` as in PATH=~/bin:~/x.
 */
export async function wordFragments(
  sh: Shell,
  word: Word,
  quoted: boolean,
): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for (let i = 0; i < word.Parts.length; i++) {
    const part = word.Parts[i];
    if (i === 0 && part.type === "Lit" && !quoted && (part.Value as string).startsWith("~")) {
      out.push(...tilde(sh, part.Value));
      continue;
    }
    out.push(...await partFragments(sh, part, quoted));
  }
  return out;
}

function tilde(sh: Shell, value: string): Fragment[] {
  const slash = value.indexOf("/");
  const user = slash < 0 ? value.slice(1) : value.slice(1, slash);
  const rest = slash < 0 ? "" : value.slice(slash);
  let home: string | undefined;
  if (user === "") home = sh.vars.value("HOME");
  else if (user === "root") home = "/root";
  if (home === undefined) return [{ text: value, quoted: false }];
  return [{ text: home, quoted: true }, ...(rest ? [{ text: rest, quoted: false }] : [])];
}

export async function partFragments(sh: Shell, part: Node, quoted: boolean): Promise<Fragment[]> {
  switch (part.type) {
    case "Lit":
      return [{ text: quoted ? dquoteLiteral(part.Value) : part.Value, quoted }];
    case "SglQuoted":
      return [{ text: part.Dollar ? ansiC(part.Value) : part.Value, quoted: true }];
    case "DblQuoted": {
      // "" is one empty field, but "$@" with no parameters is none.
      const atOnly = part.Parts.length === 1 && part.Parts[0].type === "ParamExp" &&
        (part.Parts[0].Param.Value === "@" || part.Parts[0].Index?.Parts?.[0]?.Value === "@");
      const out: Fragment[] = atOnly ? [] : [{ text: "", quoted: true }];
      for (const p of part.Parts) out.push(...await partFragments(sh, p, true));
      return out;
    }
    case "ParamExp":
      return await expandParam(sh, part as ParamExp, quoted);
    case "CmdSubst": {
      const text = await commandSubstitution(sh, part.Stmts);
      return [{ text, quoted, split: !quoted }];
    }
    case "ArithmExp":
      return [{ text: String(await sh.arith(part.X)), quoted, split: !quoted }];
    case "ExtGlob":
      // Kept as pattern text (`@(a|b)`); pattern.ts gives it its bash meaning.
      return [{ text: `${part.Op}${part.Pattern.Value})`, quoted }];
    case "ProcSubst":
      throw new ExpansionError("process substitution <(...) is not supported by this shell");
    default:
      throw new ExpansionError(`unsupported word part ${part.type}`);
  }
}
