/**
 * Builtins that steer execution: `exit`, `return`, `break`, `continue`, `shift`, `eval`,
 * `.`/`source`, `exec`, `:`, `true`, `false`.
 *
 * @module
 */
import { resolvePath } from "../../path.ts";
import { BreakFlow, BuiltinError, ContinueFlow, ExitFlow, ReturnFlow } from "../control.ts";
import { execReplace } from "../call.ts";
import type { Shell } from "../shell.ts";
import type { Builtin } from "./mod.ts";

function statusArg(sh: Shell, arg: string | undefined): number {
  if (arg === undefined) return sh.status;
  if (!/^-?[0-9]+$/.test(arg)) throw new BuiltinError(`Illegal number: ${arg}`);
  return Number(arg) & 255;
}

function levels(sh: Shell, arg: string | undefined): number {
  if (arg === undefined) return 1;
  const n = Number(arg);
  if (!/^[0-9]+$/.test(arg) || n < 1) throw new BuiltinError(`Illegal number: ${arg}`);
  return Math.min(n, sh.loopDepth);
}

const sourceFile: Builtin = async (sh, argv) => {
  const name = argv[1];
  if (name === undefined) throw new BuiltinError("filename argument required");
  let path = resolvePath(sh.cwd, name);
  if (!name.includes("/")) {
    for (const dir of (sh.vars.value("PATH") ?? "").split(":")) {
      const candidate = resolvePath(sh.cwd, `${dir || "."}/${name}`);
      if (await sh.fs.stat(candidate).then((s) => s.kind === "file", () => false)) {
        path = candidate;
        break;
      }
    }
  }
  let text: string;
  try {
    text = new TextDecoder().decode(await sh.fs.readFile(path));
  } catch {
    throw new BuiltinError(`can't open '${name}': No such file or directory`);
  }
  const saved = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  sh.sourceDepth++;
  try {
    return await sh.runSource(text);
  } catch (flow) {
    if (flow instanceof ReturnFlow) return flow.status;
    throw flow;
  } finally {
    sh.sourceDepth--;
    if (argv.length > 2) sh.positional = saved;
  }
};

export const FLOW_BUILTINS: Record<string, Builtin> = {
  ":": () => Promise.resolve(0),
  true: () => Promise.resolve(0),
  false: () => Promise.resolve(1),
  exit: (sh, argv) => {
    throw new ExitFlow(statusArg(sh, argv[1]));
  },
  return: (sh, argv) => {
    const status = statusArg(sh, argv[1]);
    // Outside a function or sourced file, ash's `return` ends the shell like `exit`.
    if (sh.functionDepth === 0 && sh.sourceDepth === 0) throw new ExitFlow(status);
    throw new ReturnFlow(status);
  },
  break: (sh, argv) => {
    if (sh.loopDepth === 0) return Promise.resolve(0);
    throw new BreakFlow(levels(sh, argv[1]));
  },
  continue: (sh, argv) => {
    if (sh.loopDepth === 0) return Promise.resolve(0);
    throw new ContinueFlow(levels(sh, argv[1]));
  },
  shift: (sh, argv) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) throw new BuiltinError(`Illegal number: ${argv[1]}`);
    // ash fails quietly when there are not enough parameters.
    if (n > sh.positional.length) return Promise.resolve(1);
    sh.positional = sh.positional.slice(n);
    return Promise.resolve(0);
  },
  eval: (sh, argv) => argv.length > 1 ? sh.runSource(argv.slice(1).join(" ")) : Promise.resolve(0),
  ".": sourceFile,
  source: sourceFile,
  exec: async (sh, argv) => {
    const args = argv[1] === "--" ? argv.slice(2) : argv.slice(1);
    if (args.length === 0) return 0;
    return await execReplace(sh, args);
  },
};
