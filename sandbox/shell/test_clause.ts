/**
 * `[[ … ]]` evaluation over mvdan-sh's test tree: string and pattern comparisons (`==` matches
 * a pattern, `=~` a POSIX extended regexp setting BASH_REMATCH), arithmetic comparisons and
 * file tests against the sandbox filesystem.
 *
 * @module
 */
import type { Stat } from "../types.ts";
import { resolvePath } from "../path.ts";
import type { Node, Word } from "./ast.ts";
import { evalArithText, ExpansionError, type ShellInt } from "./arith.ts";
import { expandPattern, expandString, fragmentText, wordFragments } from "./expand.ts";
import { compilePosix } from "../applets/common/regex.ts";
import { matchPattern } from "./pattern.ts";
import type { Shell } from "./shell.ts";

export async function evalTest(sh: Shell, node: Node): Promise<boolean> {
  switch (node.type) {
    case "Word":
      return (await expandString(sh, node as never)) !== "";
    case "ParenTest":
      return await evalTest(sh, node.X);
    case "UnaryTest":
      if (node.Op === "!") return !(await evalTest(sh, node.X));
      return await unaryTest(sh, node.Op, await expandString(sh, node.X));
    case "BinaryTest":
      return await binaryTest(sh, node);
  }
  throw new ExpansionError(`[[: unsupported expression ${node.type}`);
}

async function binaryTest(sh: Shell, node: Node): Promise<boolean> {
  const op = node.Op as string;
  if (op === "&&") return (await evalTest(sh, node.X)) && (await evalTest(sh, node.Y));
  if (op === "||") return (await evalTest(sh, node.X)) || (await evalTest(sh, node.Y));
  const left = await expandString(sh, node.X);
  switch (op) {
    case "==":
    case "=":
      return matchPattern(await expandPattern(sh, node.Y), left);
    case "!=":
      return !matchPattern(await expandPattern(sh, node.Y), left);
    case "=~":
      return regexMatch(sh, left, await regexSource(sh, node.Y));
    case "<":
      return left < await expandString(sh, node.Y);
    case ">":
      return left > await expandString(sh, node.Y);
  }
  const right = await expandString(sh, node.Y);
  if (["-eq", "-ne", "-lt", "-le", "-gt", "-ge"].includes(op)) {
    return compareNumbers(
      op,
      evalArithText(left, sh.arithHost),
      evalArithText(right, sh.arithHost),
    );
  }
  return await fileCompare(sh, op, left, right);
}

export function compareNumbers(op: string, a: ShellInt, b: ShellInt): boolean {
  switch (op) {
    case "-eq":
      return a === b;
    case "-ne":
      return a !== b;
    case "-lt":
      return a < b;
    case "-le":
      return a <= b;
    case "-gt":
      return a > b;
    default:
      return a >= b;
  }
}

/** The right side of `=~`: a POSIX ERE whose quoted parts match literally, as in bash. */
async function regexSource(sh: Shell, word: Node): Promise<string> {
  const frags = await wordFragments(sh, word as Word, false);
  return frags.map((f) =>
    f.quoted ? f.text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&") : fragmentText(f)
  ).join("");
}

function regexMatch(sh: Shell, text: string, source: string): boolean {
  let re: RegExp;
  try {
    // The applets' POSIX ERE translation: [[:digit:]] and friends work as in regcomp.
    re = compilePosix(source, true);
  } catch {
    throw new ExpansionError(`[[: invalid regular expression '${source}'`, 2);
  }
  const m = re.exec(text);
  if (!m) {
    sh.vars.set("BASH_REMATCH", []);
    return false;
  }
  sh.vars.set("BASH_REMATCH", [...m].map((x) => x ?? ""));
  return true;
}

async function stat(sh: Shell, path: string, follow = true): Promise<Stat | undefined> {
  if (path === "") return undefined;
  try {
    return await sh.fs.stat(resolvePath(sh.cwd, path), { follow });
  } catch {
    return undefined;
  }
}

async function unaryTest(sh: Shell, op: string, arg: string): Promise<boolean> {
  switch (op) {
    case "-z":
      return arg === "";
    case "-n":
      return arg !== "";
    case "-v":
      return sh.vars.get(arg) !== undefined;
    case "-o":
      return sh.options.has(arg === "errexit" ? "e" : arg === "nounset" ? "u" : arg);
    case "-t":
      return sh.fds[Number(arg)]?.tty === true;
    case "-L":
    case "-h":
      return (await stat(sh, arg, false))?.kind === "symlink";
  }
  const st = await stat(sh, arg);
  if (!st) return false;
  switch (op) {
    case "-e":
      return true;
    case "-f":
      return st.kind === "file";
    case "-d":
      return st.kind === "dir";
    case "-c":
      return st.kind === "chardev";
    case "-p":
      return st.kind === "fifo";
    case "-b":
    case "-S":
      return false;
    case "-s":
      return st.size > 0;
    case "-r":
      return sh.ctx.uid === 0 || (st.mode & 0o444) !== 0;
    case "-w":
      return sh.ctx.uid === 0 || (st.mode & 0o222) !== 0;
    case "-x":
      return (st.mode & 0o111) !== 0 || (sh.ctx.uid === 0 && st.kind === "dir");
    case "-u":
      return (st.mode & 0o4000) !== 0;
    case "-g":
      return (st.mode & 0o2000) !== 0;
    case "-k":
      return (st.mode & 0o1000) !== 0;
    case "-O":
      return st.uid === sh.ctx.uid;
    case "-G":
      return st.gid === sh.ctx.gid;
  }
  throw new ExpansionError(`[[: unknown operator ${op}`, 2);
}

async function fileCompare(sh: Shell, op: string, a: string, b: string): Promise<boolean> {
  const sa = await stat(sh, a);
  const sb = await stat(sh, b);
  switch (op) {
    case "-nt":
      return !!sa && (!sb || sa.mtimeMs > sb.mtimeMs);
    case "-ot":
      return !!sb && (!sa || sa.mtimeMs < sb.mtimeMs);
    case "-ef":
      return !!sa && !!sb && sa.ino === sb.ino;
  }
  throw new ExpansionError(`[[: unknown operator ${op}`, 2);
}
