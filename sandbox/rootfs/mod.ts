/**
 * The built-in root filesystem: an Alpine-like tree as one immutable image layer, shared by every
 * container that uses it.
 *
 * How programs are recognised: `/bin/busybox` is a small marker file, and every applet is a
 * symlink to it (`/bin/ls -> /bin/busybox`, `/usr/bin/awk -> /bin/busybox`), placed where
 * Alpine's busybox installs it. The process layer (sandbox/process/lookup.ts) runs any file that
 * is `/bin/busybox` or resolves to it (symlink, hard link) as the TypeScript applet named by the
 * invoked name, and `busybox NAME ARGS` as applet NAME. `/bin/sh`, `/bin/ash` and `/bin/bash`
 * link to busybox too and dispatch to the shell. A pulled Alpine image's own busybox links work
 * the same way.
 *
 * @example
 * ```ts
 * import { createFileSystem } from "../fs/mod.ts";
 * const fs = await createFileSystem({ image: rootfsLayer() });
 * ```
 *
 * @module
 */
import { type Layer, LayerBuilder } from "../fs/mod.ts";
import { applets } from "../applets/mod.ts";
import { GROUP, HOSTNAME, HOSTS, OS_RELEASE, PASSWD, PROFILE, RESOLV_CONF, SHELLS } from "./etc.ts";

export const BUSYBOX_PATH = "/bin/busybox";

/** What /bin/busybox holds: a readable note, since the applets live in the sandbox itself. */
export const BUSYBOX_MARKER = new TextEncoder().encode(
  "Sockerless sandbox: /bin/busybox and its links run the sandbox's built-in TypeScript applets.\n",
);

/** Applets Alpine's busybox installs in /bin; the others go to /usr/bin. */
const IN_BIN = new Set(
  ("base64 cat chgrp chmod chown cp date df echo egrep false fgrep grep gunzip gzip hostname kill " +
    "ln ls mkdir mktemp mv ps pwd readlink rev rm rmdir sed sleep stat sync tar touch true uname " +
    "usleep watch zcat sh ash bash").split(" "),
);

/** The shell's names; the process layer adds the shell applet under them. */
export const SHELL_NAMES = ["sh", "ash", "bash"];

/** Where each applet's link lives, e.g. "ls" → "/bin/ls", "awk" → "/usr/bin/awk". */
export function appletPaths(
  names: string[] = [...Object.keys(applets), ...SHELL_NAMES],
): Map<string, string> {
  const paths = new Map<string, string>();
  for (const name of [...new Set(names)].sort()) {
    paths.set(name, `${IN_BIN.has(name) ? "/bin" : "/usr/bin"}/${name}`);
  }
  return paths;
}

const DIRECTORIES: [string, number][] = [
  ["bin", 0o755],
  ["dev", 0o755],
  ["etc", 0o755],
  ["home", 0o755],
  ["lib", 0o755],
  ["media", 0o755],
  ["mnt", 0o755],
  ["opt", 0o755],
  ["proc", 0o555],
  ["root", 0o700],
  ["run", 0o755],
  ["sbin", 0o755],
  ["srv", 0o755],
  ["sys", 0o555],
  ["tmp", 0o1777],
  ["usr", 0o755],
  ["usr/bin", 0o755],
  ["usr/sbin", 0o755],
  ["usr/lib", 0o755],
  ["usr/local", 0o755],
  ["usr/local/bin", 0o755],
  ["usr/local/sbin", 0o755],
  ["usr/share", 0o755],
  ["var", 0o755],
  ["var/cache", 0o755],
  ["var/empty", 0o555],
  ["var/lib", 0o755],
  ["var/log", 0o755],
  ["var/mail", 0o755],
  ["var/spool", 0o755],
  ["var/tmp", 0o1777],
];

const text = (s: string) => new TextEncoder().encode(s);

/** Builds a fresh root filesystem layer (most callers want the shared {@link rootfsLayer}). */
export function buildRootfsLayer(options: { mtimeMs?: number } = {}): Layer {
  const mtimeMs = options.mtimeMs ?? Date.now();
  const builder = new LayerBuilder();
  for (const [path, mode] of DIRECTORIES) builder.dir(path, { mode, mtimeMs });
  builder.file(BUSYBOX_PATH.slice(1), BUSYBOX_MARKER, { mode: 0o755, mtimeMs });
  for (const path of appletPaths().values()) {
    if (path === BUSYBOX_PATH) continue;
    builder.symlink(path.slice(1), BUSYBOX_PATH, { mode: 0o777, mtimeMs });
  }
  const files: [string, string, number][] = [
    ["etc/passwd", PASSWD, 0o644],
    ["etc/group", GROUP, 0o644],
    ["etc/hosts", HOSTS, 0o644],
    ["etc/hostname", HOSTNAME, 0o644],
    ["etc/resolv.conf", RESOLV_CONF, 0o644],
    ["etc/os-release", OS_RELEASE, 0o644],
    ["etc/shells", SHELLS, 0o644],
    ["etc/profile", PROFILE, 0o644],
  ];
  for (const [path, content, mode] of files) builder.file(path, text(content), { mode, mtimeMs });
  builder.symlink("var/run", "/run", { mtimeMs });
  return builder.finish();
}

let shared: Layer | undefined;

/** The shared, immutable root filesystem layer (built once per Worker). */
export function rootfsLayer(): Layer {
  shared ??= buildRootfsLayer();
  return shared;
}
