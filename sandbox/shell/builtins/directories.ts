/**
 * Builtins for the working directory and file mode mask: `cd` (with `-` and HOME), `pwd`,
 * `umask`.
 *
 * @module
 */
import { resolvePath } from "../../path.ts";
import { BuiltinError } from "../control.ts";
import type { Builtin } from "./mod.ts";

const cd: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== "-L" && a !== "-P");
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = sh.vars.value("HOME") ?? "";
    if (target === "") {
      await sh.builtinMessage("cd", "HOME not set");
      return 1;
    }
  } else if (target === "-") {
    target = sh.vars.value("OLDPWD") ?? "";
    if (target === "") {
      await sh.builtinMessage("cd", "OLDPWD not set");
      return 1;
    }
    print = true;
  }
  const path = resolvePath(sh.cwd, target);
  let st;
  try {
    st = await sh.fs.stat(path);
  } catch {
    await sh.builtinMessage("cd", `can't cd to ${target}: No such file or directory`);
    return 2;
  }
  if (st.kind !== "dir") {
    await sh.builtinMessage("cd", `can't cd to ${target}: Not a directory`);
    return 2;
  }
  sh.vars.set("OLDPWD", sh.cwd, { export: true });
  sh.cwd = path;
  sh.vars.set("PWD", path, { export: true });
  if (print) await sh.output(1).write(path + "\n");
  return 0;
};

const pwd: Builtin = async (sh, argv) => {
  const path = argv.includes("-P") ? await sh.fs.realpath(sh.cwd) : sh.cwd;
  await sh.output(1).write(path + "\n");
  return 0;
};

const umask: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  const symbolic = args[0] === "-S";
  if (symbolic) args.shift();
  if (args.length === 0) {
    if (symbolic) {
      const allowed = ~sh.umask & 0o777;
      const who = (shift: number) =>
        ((allowed >> shift) & 4 ? "r" : "") + ((allowed >> shift) & 2 ? "w" : "") +
        ((allowed >> shift) & 1 ? "x" : "");
      await sh.output(1).write(`u=${who(6)},g=${who(3)},o=${who(0)}\n`);
    } else {
      await sh.output(1).write(sh.umask.toString(8).padStart(4, "0") + "\n");
    }
    return 0;
  }
  if (!/^[0-7]+$/.test(args[0])) {
    throw new BuiltinError(`illegal mode: ${args[0]}`);
  }
  sh.umask = parseInt(args[0], 8) & 0o777;
  return 0;
};

export const DIRECTORY_BUILTINS: Record<string, Builtin> = { cd, pwd, umask };
