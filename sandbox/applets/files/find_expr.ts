/**
 * find's expression language: primaries (-name, -type, -size, -mtime, -perm, -newer, …) and
 * actions (-print, -print0, -exec ; and +, -delete, -prune, -quit) combined with ! -a -o and
 * parentheses, parsed into a tree that is evaluated per visited file.
 *
 * @module
 */
import type { Stat } from "../../types.ts";
import { die } from "../common/errors.ts";
import { globToRegExp } from "../common/fnmatch.ts";
import { compilePosix } from "../common/regex.ts";

/** What a primary sees of one visited file. */
export interface Visit {
  path: string;
  name: string;
  stat: Stat;
  depth: number;
}

export type Node =
  | { t: "and" | "or"; a: Node; b: Node }
  | { t: "not"; e: Node }
  | { t: "test"; test: (v: Visit) => boolean | Promise<boolean> }
  | { t: "print"; terminator: string }
  | { t: "exec"; argv: string[]; batch: boolean; pending: string[]; ok?: boolean }
  | { t: "delete" }
  | { t: "prune" }
  | { t: "quit" };

export interface Globals {
  maxDepth: number;
  minDepth: number;
  depthFirst: boolean;
  follow: boolean;
  xdev: boolean;
  /** Any action (print, exec, delete…) given: otherwise -print is implied. */
  hasAction: boolean;
  /** Resolvers needing the filesystem, filled in by the applet. */
  lookups: Lookups;
}

export interface Lookups {
  uid(name: string): Promise<number | undefined>;
  gid(name: string): Promise<number | undefined>;
  stat(path: string): Promise<Stat>;
  readdir(path: string): Promise<unknown[]>;
  now: number;
}

const KIND_OF_TYPE: Record<string, Stat["kind"] | "none"> = {
  f: "file",
  d: "dir",
  l: "symlink",
  c: "chardev",
  p: "fifo",
  b: "none",
  s: "none",
};

/** Compares "+N" (greater), "-N" (less) or "N" (equal). */
function numeric(spec: string, value: number): boolean {
  const n = Number(spec.replace(/^[-+]/, ""));
  if (spec.startsWith("+")) return value > n;
  if (spec.startsWith("-")) return value < n;
  return value === n;
}

function checkNumber(option: string, spec: string) {
  if (!/^[-+]?\d+$/.test(spec)) die(`invalid number '${spec}' for ${option}`);
}

export async function parseExpression(args: string[], globals: Globals): Promise<Node> {
  let pos = 0;
  const need = (option: string): string => {
    if (pos >= args.length) die(`${option}: missing argument`);
    return args[pos++];
  };
  const primary = async (): Promise<Node> => {
    const token = args[pos++];
    switch (token) {
      case "(": {
        const e = await or();
        if (args[pos++] !== ")") die("unbalanced (");
        return e;
      }
      case "!":
      case "-not":
        return { t: "not", e: await primary() };
      case "-name":
      case "-iname": {
        const re = globToRegExp(need(token), token === "-iname");
        return { t: "test", test: (v) => re.test(v.name) };
      }
      case "-path":
      case "-ipath":
      case "-wholename": {
        const re = globToRegExp(need(token), token === "-ipath");
        return { t: "test", test: (v) => re.test(v.path) };
      }
      case "-regex":
      case "-iregex": {
        const re = compilePosix(need(token), false, token === "-iregex" ? "i" : "");
        const anchored = new RegExp(`^(?:${re.source})$`, re.flags);
        return { t: "test", test: (v) => anchored.test(v.path) };
      }
      case "-type": {
        const spec = need(token);
        const kinds = spec.split(",").map((k) => {
          if (!(k in KIND_OF_TYPE)) die(`invalid argument '${spec}' to '-type'`);
          return KIND_OF_TYPE[k];
        });
        return { t: "test", test: (v) => kinds.includes(v.stat.kind) };
      }
      case "-size": {
        const spec = need(token);
        const m = /^([-+]?)(\d+)([bckwMG]?)$/.exec(spec);
        if (!m) die(`invalid argument '${spec}' to '-size'`);
        const unit = { b: 512, c: 1, k: 1024, w: 2, M: 1024 * 1024, G: 1024 ** 3, "": 512 }[m[3]]!;
        return { t: "test", test: (v) => numeric(m[1] + m[2], Math.ceil(v.stat.size / unit)) };
      }
      case "-mtime":
      case "-atime":
      case "-ctime":
      case "-mmin":
      case "-amin":
      case "-cmin": {
        const spec = need(token);
        checkNumber(token, spec);
        const field = token[1] === "m" ? "mtimeMs" : token[1] === "a" ? "atimeMs" : "ctimeMs";
        const unit = token.endsWith("min") ? 60_000 : 86_400_000;
        return {
          t: "test",
          test: (v) => numeric(spec, Math.floor((globals.lookups.now - v.stat[field]) / unit)),
        };
      }
      case "-newer": {
        const ref = await globals.lookups.stat(need(token));
        return { t: "test", test: (v) => v.stat.mtimeMs > ref.mtimeMs };
      }
      case "-samefile": {
        const ref = await globals.lookups.stat(need(token));
        return { t: "test", test: (v) => v.stat.ino === ref.ino };
      }
      case "-inum": {
        const spec = need(token);
        return { t: "test", test: (v) => numeric(spec, v.stat.ino) };
      }
      case "-links": {
        const spec = need(token);
        checkNumber(token, spec);
        return { t: "test", test: (v) => numeric(spec, v.stat.nlink) };
      }
      case "-perm": {
        const spec = need(token);
        const m = /^([-+/]?)([0-7]+)$/.exec(spec);
        if (!m) die(`invalid mode '${spec}'`);
        const mask = parseInt(m[2], 8);
        return {
          t: "test",
          test: (v) => {
            const mode = v.stat.mode & 0o7777;
            if (m[1] === "-") return (mode & mask) === mask;
            if (m[1] === "+" || m[1] === "/") return mask === 0 || (mode & mask) !== 0;
            return mode === mask;
          },
        };
      }
      case "-user":
      case "-uid": {
        const name = need(token);
        const uid = token === "-uid" ? Number(name) : await globals.lookups.uid(name);
        if (uid === undefined || Number.isNaN(uid)) die(`invalid user name '${name}'`);
        return { t: "test", test: (v) => v.stat.uid === uid };
      }
      case "-group":
      case "-gid": {
        const name = need(token);
        const gid = token === "-gid" ? Number(name) : await globals.lookups.gid(name);
        if (gid === undefined || Number.isNaN(gid)) die(`invalid group name '${name}'`);
        return { t: "test", test: (v) => v.stat.gid === gid };
      }
      case "-empty":
        return {
          t: "test",
          test: async (v) =>
            v.stat.kind === "dir"
              ? (await globals.lookups.readdir(v.path)).length === 0
              : v.stat.kind === "file" && v.stat.size === 0,
        };
      case "-executable":
        return { t: "test", test: (v) => (v.stat.mode & 0o111) !== 0 };
      case "-true":
        return { t: "test", test: () => true };
      case "-false":
        return { t: "test", test: () => false };
      case "-maxdepth":
      case "-mindepth": {
        const spec = need(token);
        checkNumber(token, spec);
        if (token === "-maxdepth") globals.maxDepth = Number(spec);
        else globals.minDepth = Number(spec);
        return { t: "test", test: () => true };
      }
      case "-depth":
        globals.depthFirst = true;
        return { t: "test", test: () => true };
      case "-xdev":
      case "-mount":
        globals.xdev = true;
        return { t: "test", test: () => true };
      case "-follow":
        globals.follow = true;
        return { t: "test", test: () => true };
      case "-print":
      case "-print0":
        globals.hasAction = true;
        return { t: "print", terminator: token === "-print0" ? "\0" : "\n" };
      case "-exec":
      case "-ok": {
        globals.hasAction = true;
        const argv: string[] = [];
        while (
          pos < args.length && args[pos] !== ";" &&
          !(args[pos] === "+" && argv[argv.length - 1] === "{}")
        ) {
          argv.push(args[pos++]);
        }
        if (pos >= args.length) die(`-exec CMD must end by ';' or '+'`);
        const batch = args[pos++] === "+";
        if (argv.length === 0) die(`-exec CMD must end by ';' or '+'`);
        return { t: "exec", argv, batch, pending: [] };
      }
      case "-delete":
        globals.hasAction = true;
        globals.depthFirst = true;
        return { t: "delete" };
      case "-prune":
        return { t: "prune" };
      case "-quit":
        return { t: "quit" };
      case undefined:
        die("expression expected");
    }
    die(`unrecognized: ${token}`);
  };
  const and = async (): Promise<Node> => {
    let a = await primary();
    while (
      pos < args.length && args[pos] !== "-o" && args[pos] !== "-or" && args[pos] !== ")" &&
      args[pos] !== ","
    ) {
      if (args[pos] === "-a" || args[pos] === "-and") pos++;
      a = { t: "and", a, b: await primary() };
    }
    return a;
  };
  const or = async (): Promise<Node> => {
    let a = await and();
    while (args[pos] === "-o" || args[pos] === "-or") {
      pos++;
      a = { t: "or", a, b: await and() };
    }
    return a;
  };
  if (args.length === 0) return { t: "test", test: () => true };
  const e = await or();
  if (pos < args.length) die(`unrecognized: ${args[pos]}`);
  return e;
}
