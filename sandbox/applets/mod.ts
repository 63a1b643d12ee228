/**
 * Busybox-compatible applets in TypeScript. `applets` maps each applet name to its program; the
 * process layer runs `/bin/busybox` (and every link to it) by dispatching on the name it was
 * invoked as (see sandbox/process/lookup.ts). `echo`, `printf` and `test` are exported for the
 * shell to use as builtins; `shellBuiltins` has them with ash's "sh: " error prefix.
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
import { shellBuiltins } from "./core/shell_builtins.ts";
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
import { gzip } from "./archive/gzip.ts";
import { netApplets } from "./net/mod.ts";
import { tar } from "./archive/tar.ts";
import { checksum } from "./hash/sums.ts";
import { df, free, uptime } from "./system/resources.ts";
import { hostname, nproc, uname } from "./system/identity.ts";
import { ps, watch } from "./system/processes.ts";
import { base64 } from "./text/base64.ts";
import { comm } from "./text/comm.ts";
import { cmp, diff } from "./text/diff.ts";
import { hexdump, xxd } from "./text/hexdump.ts";
import { fold, nl, paste, rev, tac } from "./text/lines.ts";
import { od } from "./text/od.ts";
import { split } from "./text/split.ts";
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

export { echo, evaluateTest, printf, shellBuiltins, test };

/** Every applet by name. */
export const applets: Record<string, Applet> = {
  "[": test,
  awk,
  base64,
  basename,
  cat,
  chgrp,
  chmod,
  chown,
  cmp,
  comm,
  cp,
  cut,
  date,
  df,
  diff,
  dirname,
  du,
  echo,
  egrep: grep,
  env,
  expr,
  false: falseApplet,
  fgrep: grep,
  find,
  fold,
  free,
  grep,
  groups,
  gunzip: gzip,
  gzip,
  head,
  hexdump,
  hostname,
  id,
  install,
  kill,
  ln,
  ls,
  md5sum: checksum,
  mkdir,
  mkfifo,
  mktemp,
  mv,
  nl,
  nproc,
  od,
  paste,
  printenv,
  printf,
  ps,
  pwd,
  readlink,
  realpath,
  rev,
  rm,
  rmdir,
  sed,
  seq,
  sha1sum: checksum,
  sha256sum: checksum,
  sha512sum: checksum,
  sleep,
  sort,
  split,
  stat,
  sync,
  tac,
  tail,
  tar,
  tee,
  test,
  timeout,
  touch,
  tr,
  true: trueApplet,
  uname,
  uniq,
  uptime,
  usleep,
  watch,
  wc,
  which,
  whoami,
  xargs,
  xxd,
  yes,
  zcat: gzip,
  ...netApplets,
};
