/**
 * `find [-HL] [PATH]... [EXPRESSION]`: walks the container filesystem in name order, evaluating
 * the expression (find_expr.ts) for each file; -exec runs commands through the process layer.
 *
 * @module
 */
import type { DirEntry, ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";
import { NameDirectory } from "../common/users.ts";
import { type Globals, type Node, parseExpression, type Visit } from "./find_expr.ts";

class Quit {}

export const find = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  let follow = false;
  let followTop = false;
  while (args[0] === "-L" || args[0] === "-H" || args[0] === "-P") {
    const flag = args.shift();
    follow = flag === "-L";
    followTop = flag === "-H";
  }
  const paths: string[] = [];
  while (
    args.length > 0 && !(args[0].startsWith("-") && args[0].length > 1) && args[0] !== "(" &&
    args[0] !== "!"
  ) {
    paths.push(args.shift()!);
  }
  if (paths.length === 0) paths.push(".");
  const names = new NameDirectory(ctx.fs);
  const globals: Globals = {
    maxDepth: Infinity,
    minDepth: 0,
    depthFirst: false,
    follow,
    xdev: false,
    hasAction: false,
    lookups: {
      uid: (n) => names.uidOf(n),
      gid: (n) => names.gidOf(n),
      stat: (p) => ctx.fs.stat(resolvePath(ctx.cwd, p)),
      readdir: (p) => ctx.fs.readdir(resolvePath(ctx.cwd, p)),
      now: Date.now(),
    },
  };
  const expression = await parseExpression(args, globals);
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  const execNodes: Extract<Node, { t: "exec" }>[] = [];
  const collect = (n: Node) => {
    if (n.t === "and" || n.t === "or") {
      collect(n.a);
      collect(n.b);
    } else if (n.t === "not") collect(n.e);
    else if (n.t === "exec") execNodes.push(n);
  };
  collect(expression);

  const runExec = async (node: Extract<Node, { t: "exec" }>, files: string[]): Promise<boolean> => {
    const argv = node.batch
      ? [...node.argv.slice(0, -1), ...files]
      : node.argv.map((a) => a.replaceAll("{}", files[0]));
    await out.flush();
    try {
      return (await ctx.spawn(argv)) === 0;
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      await warn(ctx, `${argv[0]}: ${strerror(error)}`);
      status = 1;
      return false;
    }
  };

  let pruned = false;
  const evaluate = async (n: Node, v: Visit): Promise<boolean> => {
    switch (n.t) {
      case "and":
        return (await evaluate(n.a, v)) && (await evaluate(n.b, v));
      case "or":
        return (await evaluate(n.a, v)) || (await evaluate(n.b, v));
      case "not":
        return !(await evaluate(n.e, v));
      case "test":
        return await n.test(v);
      case "print":
        await out.text(v.path + n.terminator);
        return true;
      case "exec":
        if (n.batch) {
          n.pending.push(v.path);
          if (n.pending.length >= 1000) {
            const files = n.pending.splice(0);
            if (!(await runExec(n, files))) status = 1;
          }
          return true;
        }
        return await runExec(n, [v.path]);
      case "delete":
        try {
          await ctx.fs.remove(resolvePath(ctx.cwd, v.path));
          return true;
        } catch (error) {
          await out.flush();
          await warn(ctx, `${v.path}: ${strerror(error)}`);
          status = 1;
          return false;
        }
      case "prune":
        pruned = true;
        return true;
      case "quit":
        throw new Quit();
    }
  };

  const visit = async (path: string, name: string, depth: number, stat: Stat) => {
    ctx.signal.throwIfAborted();
    const v: Visit = { path, name, stat, depth };
    const act = async () => {
      if (depth < globals.minDepth) return;
      const matched = await evaluate(expression, v);
      if (matched && !globals.hasAction) await out.text(path + "\n");
    };
    pruned = false;
    if (!globals.depthFirst) await act();
    const descend = !pruned && stat.kind === "dir" && depth < globals.maxDepth;
    if (descend) {
      let entries: DirEntry[];
      try {
        entries = await ctx.fs.readdir(resolvePath(ctx.cwd, path));
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await out.flush();
        await warn(ctx, `${path}: ${strerror(error)}`);
        status = 1;
        entries = [];
      }
      for (const entry of entries) {
        const child = path.endsWith("/") ? path + entry.name : `${path}/${entry.name}`;
        let childStat: Stat;
        try {
          childStat = await ctx.fs.stat(resolvePath(ctx.cwd, child), { follow: globals.follow });
        } catch {
          try {
            childStat = await ctx.fs.stat(resolvePath(ctx.cwd, child), { follow: false });
          } catch (error) {
            await out.flush();
            await warn(ctx, `${child}: ${strerror(error)}`);
            status = 1;
            continue;
          }
        }
        await visit(child, entry.name, depth + 1, childStat);
      }
    }
    if (globals.depthFirst) await act();
  };

  try {
    for (const path of paths) {
      let stat: Stat;
      try {
        stat = await ctx.fs.stat(resolvePath(ctx.cwd, path), {
          follow: globals.follow || followTop,
        });
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await out.flush();
        await warn(ctx, `${path}: ${strerror(error)}`);
        status = 1;
        continue;
      }
      const trimmed = path.replace(/\/+$/, "");
      await visit(path, trimmed.slice(trimmed.lastIndexOf("/") + 1) || path, 0, stat);
    }
  } catch (error) {
    if (!(error instanceof Quit)) throw error;
  }
  for (const node of execNodes) {
    if (node.batch && node.pending.length > 0) {
      if (!(await runExec(node, node.pending.splice(0)))) status = 1;
    }
  }
  await out.flush();
  return status;
});
