/**
 * Parses shell source with mvdan-sh (mvdan.cc/sh's syntax package compiled to JS) and converts
 * its tree into the plain {@link File} the interpreter walks.
 *
 * @module
 */
import process from "node:process";
import type { File } from "./ast.ts";

/** A script that does not parse; `message` reads like a shell's "syntax error: …". */
export class ShellSyntaxError extends Error {
  constructor(readonly line: number, readonly text: string, readonly incomplete = false) {
    super(`line ${line}: syntax error: ${text}`);
    this.name = "ShellSyntaxError";
  }
}

/**
 * Token spellings in mvdan-sh 0.10.1's order (its `token` stringer table): operators in the tree
 * are these indexes. A test parses every operator kind to keep this table honest.
 */
const TOKENS = (
  "illegalTok EOF Newl Lit LitWord LitRedir ' \" ` & && || | |& $ $' $\" ${ $[ $( $(( [ [[ ( (( } ] ) )) " +
  "; ;; ;& ;;& ;| ! ~ ++ -- * ** == != <= >= += -= *= /= %= &= |= ^= <<= >>= > >> < <> <& >& >| << <<- " +
  "<<< &> &>> <( >( + :+ - :- ? :? = := % %% # ## ^ ^^ , ,, @ / // : -e -f -d -c -b -p -S -L -k -g -u " +
  "-G -O -N -r -w -x -s -t -z -n -o -v -R =~ -nt -ot -ef -eq -ne -le -ge -lt -gt ?( *( +( @( !("
).split(" ");

// deno-lint-ignore no-explicit-any
type Syntax = any;
let syntax: Syntax | undefined;

/**
 * Loads mvdan-sh once. It enumerates `process.env` at import time, which a Worker without env
 * permission refuses, so the shell hides the host environment from it first.
 */
export async function loadParser(): Promise<void> {
  if (syntax) return;
  try {
    Object.defineProperty(process, "env", { value: {}, configurable: true });
  } catch {
    // Already shadowed (or frozen) by an earlier load: nothing to hide any more.
  }
  const mod = await import("mvdan-sh");
  syntax = (mod.default ?? mod).syntax;
}

const cache = new Map<string, File>();

/**
 * Parses `source` (bash dialect, which accepts POSIX sh). Requires {@link loadParser} first.
 * With `braces` (bash), unquoted `{a,b}` and `{1..3}` become BraceExp parts of their words.
 */
export function parseShell(source: string, options: { braces?: boolean } = {}): File {
  const key = options.braces ? "B" + source : "-" + source;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!syntax) throw new Error("shell parser not loaded: call loadParser() first");
  const parser = syntax.NewParser(syntax.Variant(syntax.LangBash));
  let tree;
  try {
    tree = parser.Parse(source, "");
  } catch (error) {
    // deno-lint-ignore no-explicit-any
    const e = error as any;
    if (e && typeof e.Text === "string") {
      throw new ShellSyntaxError(e.Pos?.Line?.() ?? 0, e.Text, e.Incomplete === true);
    }
    throw error;
  }
  splitBraces = options.braces === true;
  const file = convert(tree) as File;
  if (cache.size > 500) cache.clear();
  cache.set(key, file);
  return file;
}

/** Whether the tree being converted gets bash brace expansion (set per parse; conversion is sync). */
let splitBraces = false;

const SKIP = new Set(["__internal_object__", "$type", "Comments", "Last"]);

// deno-lint-ignore no-explicit-any
function convert(input: any): any {
  let value = input;
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value.Line === "function" && typeof value.Offset === "function") return value.Line();
  let type = "";
  try {
    type = syntax.NodeType(value);
  } catch {
    // Helper structs such as Slice, Replace and Expansion are not Nodes; they have no type.
  }
  if (type === "Word" && splitBraces) value = syntax.SplitBraces(value);
  // deno-lint-ignore no-explicit-any
  const out: any = { type };
  for (const key of Object.getOwnPropertyNames(value)) {
    if (SKIP.has(key)) continue;
    const field = value[key];
    if (typeof field === "function") continue;
    if ((key === "Op" || key === "Names") && typeof field === "number") {
      out[key] = field === 0 ? null : TOKENS[field];
    } else {
      out[key] = convert(field);
    }
  }
  return out;
}
