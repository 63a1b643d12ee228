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
import { netApplets } from "./net/mod.ts";

export { echo, evaluateTest, printf, shellBuiltins, test };

/**
 * An applet whose module loads on its first run. A container Worker holds every module it loads
 * for good (~5 MiB for all applets) and most containers run a handful, so only the small core/
 * applets load with the sandbox.
 */
function lazy<N extends string>(load: () => Promise<Record<N, Applet>>, name: N): Applet {
  let applet: Applet | undefined;
  return async (ctx) => {
    applet ??= (await load())[name];
    return applet(ctx);
  };
}

/** Every applet by name. */
export const applets: Record<string, Applet> = {
  "[": test,
  awk: lazy(() => import("./text/awk/awk.ts"), "awk"),
  base64: lazy(() => import("./text/base64.ts"), "base64"),
  basename,
  cat: lazy(() => import("./text/cat.ts"), "cat"),
  chgrp: lazy(() => import("./files/attrs.ts"), "chgrp"),
  chmod: lazy(() => import("./files/attrs.ts"), "chmod"),
  chown: lazy(() => import("./files/attrs.ts"), "chown"),
  cmp: lazy(() => import("./text/diff.ts"), "cmp"),
  comm: lazy(() => import("./text/comm.ts"), "comm"),
  cp: lazy(() => import("./files/copy.ts"), "cp"),
  cut: lazy(() => import("./text/cut.ts"), "cut"),
  date,
  df: lazy(() => import("./system/resources.ts"), "df"),
  diff: lazy(() => import("./text/diff.ts"), "diff"),
  dirname,
  du: lazy(() => import("./files/usage.ts"), "du"),
  echo,
  egrep: lazy(() => import("./text/grep.ts"), "grep"),
  env,
  expr,
  false: falseApplet,
  fgrep: lazy(() => import("./text/grep.ts"), "grep"),
  find: lazy(() => import("./files/find.ts"), "find"),
  fold: lazy(() => import("./text/lines.ts"), "fold"),
  free: lazy(() => import("./system/resources.ts"), "free"),
  grep: lazy(() => import("./text/grep.ts"), "grep"),
  groups,
  gunzip: lazy(() => import("./archive/gzip.ts"), "gzip"),
  gzip: lazy(() => import("./archive/gzip.ts"), "gzip"),
  head: lazy(() => import("./text/head.ts"), "head"),
  hexdump: lazy(() => import("./text/hexdump.ts"), "hexdump"),
  hostname: lazy(() => import("./system/identity.ts"), "hostname"),
  id,
  install: lazy(() => import("./files/install.ts"), "install"),
  kill,
  ln: lazy(() => import("./files/link.ts"), "ln"),
  ls: lazy(() => import("./files/ls.ts"), "ls"),
  md5sum: lazy(() => import("./hash/sums.ts"), "checksum"),
  mkdir: lazy(() => import("./files/mkdir.ts"), "mkdir"),
  mkfifo: lazy(() => import("./files/mkdir.ts"), "mkfifo"),
  mktemp: lazy(() => import("./files/mktemp.ts"), "mktemp"),
  mv: lazy(() => import("./files/move.ts"), "mv"),
  nl: lazy(() => import("./text/lines.ts"), "nl"),
  nproc: lazy(() => import("./system/identity.ts"), "nproc"),
  od: lazy(() => import("./text/od.ts"), "od"),
  paste: lazy(() => import("./text/lines.ts"), "paste"),
  printenv,
  printf,
  ps: lazy(() => import("./system/processes.ts"), "ps"),
  pwd,
  readlink: lazy(() => import("./files/paths.ts"), "readlink"),
  realpath: lazy(() => import("./files/paths.ts"), "realpath"),
  rev: lazy(() => import("./text/lines.ts"), "rev"),
  rm: lazy(() => import("./files/remove.ts"), "rm"),
  rmdir: lazy(() => import("./files/remove.ts"), "rmdir"),
  sed: lazy(() => import("./text/sed.ts"), "sed"),
  seq,
  sha1sum: lazy(() => import("./hash/sums.ts"), "checksum"),
  sha256sum: lazy(() => import("./hash/sums.ts"), "checksum"),
  sha512sum: lazy(() => import("./hash/sums.ts"), "checksum"),
  sleep,
  sort: lazy(() => import("./text/sort.ts"), "sort"),
  split: lazy(() => import("./text/split.ts"), "split"),
  stat: lazy(() => import("./files/stat.ts"), "stat"),
  sync: lazy(() => import("./files/usage.ts"), "sync"),
  tac: lazy(() => import("./text/lines.ts"), "tac"),
  tail: lazy(() => import("./text/tail.ts"), "tail"),
  tar: lazy(() => import("./archive/tar.ts"), "tar"),
  tee: lazy(() => import("./files/tee.ts"), "tee"),
  test,
  timeout,
  touch: lazy(() => import("./files/touch.ts"), "touch"),
  tr: lazy(() => import("./text/tr.ts"), "tr"),
  true: trueApplet,
  uname: lazy(() => import("./system/identity.ts"), "uname"),
  uniq: lazy(() => import("./text/uniq.ts"), "uniq"),
  uptime: lazy(() => import("./system/resources.ts"), "uptime"),
  usleep,
  watch: lazy(() => import("./system/processes.ts"), "watch"),
  wc: lazy(() => import("./text/wc.ts"), "wc"),
  which,
  whoami,
  xargs: lazy(() => import("./files/xargs.ts"), "xargs"),
  xxd: lazy(() => import("./text/hexdump.ts"), "xxd"),
  yes,
  zcat: lazy(() => import("./archive/gzip.ts"), "gzip"),
  ...netApplets,
};
