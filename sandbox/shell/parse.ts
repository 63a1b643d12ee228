/**
 * Parses shell source with mvdan-sh (mvdan.cc/sh's syntax package compiled to JS) and converts
 * its tree into the plain {@link File} the interpreter walks.
 *
 * @module
 */
import type { File } from "./ast.ts";
import { type RemoteReply, shellParserClient } from "./parser_link.ts";

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
let remote: ((source: string, braces: boolean) => RemoteReply) | undefined;
let remotePort: MessagePort | undefined;

/**
 * Sends this thread's parses to the parser serving the other end of `port` (./parser_link.ts),
 * or, with undefined, back to a parser loaded here.
 */
export function useShellParser(port: MessagePort | undefined): void {
  // A pooled Worker serves one container after another: the last one's port is closed here, as
  // Deno keeps a channel alive while either end is open.
  remotePort?.close();
  remotePort = port;
  remote = port ? shellParserClient(port) : undefined;
}

/** Makes {@link parseShell} ready: loads mvdan-sh here unless another thread parses for us. */
export async function loadParser(): Promise<void> {
  if (!remote) await loadHere();
}

/**
 * Loads mvdan-sh once. It enumerates `process.env` at import time, which a Worker without env
 * permission refuses, so the shell hides the host environment from it first. (node:process is
 * imported here, not at the top, so a Worker that never parses never loads Node compatibility.)
 */
async function loadHere(): Promise<void> {
  if (syntax) return;
  const { default: process } = await import("node:process");
  try {
    Object.defineProperty(process, "env", { value: {}, configurable: true });
  } catch {
    // Already shadowed (or frozen) by an earlier load: nothing to hide any more.
  }
  const mod = await import("mvdan-sh");
  syntax = (mod.default ?? mod).syntax;
}

/** Parses with mvdan-sh in this thread, loading it first: what a parser thread serves. */
export async function parseHere(source: string, braces: boolean): Promise<File> {
  await loadHere();
  return parseLocal(source, braces);
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
  let file: File;
  if (remote) {
    const reply = remote(source, options.braces === true);
    if ("syntax" in reply) {
      const { line, text, incomplete } = reply.syntax;
      throw new ShellSyntaxError(line, text, incomplete);
    }
    file = reply.file;
  } else file = parseLocal(source, options.braces === true);
  if (cache.size > 500) cache.clear();
  cache.set(key, file);
  return file;
}

function parseLocal(source: string, braces: boolean): File {
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
  splitBraces = braces;
  return convert(tree) as File;
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
