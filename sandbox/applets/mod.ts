/**
 * Busybox-compatible applets in TypeScript. `applets` maps each applet name to its program; the
 * process layer runs `/bin/busybox` (and every link to it) by dispatching on the name it was
 * invoked as (see sandbox/process/lookup.ts). `echo`, `printf` and `test` are exported for the
 * shell to use as builtins.
 *
 * @module
 */
import type { Applet } from "../types.ts";
import { date } from "./core/date.ts";
import { echo } from "./core/echo.ts";
import { env, printenv } from "./core/env.ts";
import { expr } from "./core/expr.ts";
import { groups, id, whoami } from "./core/identity.ts";
import { kill } from "./core/kill.ts";
import { basename, dirname, pwd } from "./core/names.ts";
import { printf } from "./core/printf.ts";
import { seq } from "./core/seq.ts";
import { sleep, usleep } from "./core/sleep.ts";
import { falseApplet, trueApplet, yes } from "./core/status.ts";
import { evaluateTest, test } from "./core/test_command.ts";
import { timeout } from "./core/timeout.ts";
import { which } from "./core/which.ts";
import { chgrp, chmod, chown } from "./files/attrs.ts";
import { cp } from "./files/copy.ts";
import { find } from "./files/find.ts";
import { install } from "./files/install.ts";
import { ln } from "./files/link.ts";
import { ls } from "./files/ls.ts";
import { mkdir, mkfifo } from "./files/mkdir.ts";
import { mktemp } from "./files/mktemp.ts";
import { mv } from "./files/move.ts";
import { readlink, realpath } from "./files/paths.ts";
import { rm, rmdir } from "./files/remove.ts";
import { stat } from "./files/stat.ts";
import { tee } from "./files/tee.ts";
import { touch } from "./files/touch.ts";
import { du, sync } from "./files/usage.ts";
import { xargs } from "./files/xargs.ts";
import { awk } from "./text/awk/awk.ts";
import { cat } from "./text/cat.ts";
import { sed } from "./text/sed.ts";
import { cut } from "./text/cut.ts";
import { grep } from "./text/grep.ts";
import { head } from "./text/head.ts";
import { sort } from "./text/sort.ts";
import { tail } from "./text/tail.ts";
import { tr } from "./text/tr.ts";
import { uniq } from "./text/uniq.ts";
import { wc } from "./text/wc.ts";

export { echo, evaluateTest, printf, test };

/** Every applet by name. */
export const applets: Record<string, Applet> = {
  "[": test,
  awk,
  basename,
  cat,
  chgrp,
  chmod,
  chown,
  cp,
  cut,
  date,
  dirname,
  du,
  echo,
  egrep: grep,
  env,
  expr,
  false: falseApplet,
  fgrep: grep,
  find,
  grep,
  groups,
  head,
  id,
  install,
  kill,
  ln,
  ls,
  mkdir,
  mkfifo,
  mktemp,
  mv,
  printenv,
  printf,
  pwd,
  readlink,
  realpath,
  rm,
  rmdir,
  sed,
  seq,
  sleep,
  sort,
  stat,
  sync,
  tail,
  tee,
  test,
  timeout,
  touch,
  tr,
  true: trueApplet,
  uniq,
  usleep,
  wc,
  which,
  whoami,
  xargs,
  yes,
};
