/**
 * The built-in root filesystem layer, built once per Worker and shared read-only by every
 * container the Worker hosts (pooled Workers serve one container after another, so the second
 * one must not pay for it again; each container writes only to its own layer above it).
 *
 * PROVISIONAL: sandbox/rootfs (the Alpine-like tree with its own public face) had not landed
 * when this actor was written, so this file builds the minimum a container needs from the
 * sandbox's public API: `/bin/busybox` with a link per applet, Alpine's /etc/passwd and
 * /etc/group, and the usual directories. Replace `buildLayer` with sandbox/rootfs once it exists.
 *
 * @module
 */
import { applets, type Layer, LayerBuilder } from "../../../sandbox/mod.ts";

let shared: Promise<Layer> | undefined;

/** The shared layer; the first call in a Worker builds it. */
export function builtinRootLayer(): Promise<Layer> {
  shared ??= Promise.resolve().then(buildLayer);
  // A failed build must not stay cached: the next container tries again and reports its error.
  shared.catch(() => shared = undefined);
  return shared;
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

const DIRS: [string, number][] = [
  ["bin", 0o755],
  ["sbin", 0o755],
  ["etc", 0o755],
  ["home", 0o755],
  ["lib", 0o755],
  ["media", 0o755],
  ["mnt", 0o755],
  ["opt", 0o755],
  ["root", 0o700],
  ["run", 0o755],
  ["srv", 0o755],
  ["tmp", 0o1777],
  ["usr", 0o755],
  ["usr/bin", 0o755],
  ["usr/sbin", 0o755],
  ["usr/local", 0o755],
  ["usr/local/bin", 0o755],
  ["var", 0o755],
  ["var/tmp", 0o1777],
  ["var/log", 0o755],
];

function buildLayer(): Layer {
  const builder = new LayerBuilder();
  const text = (s: string) => new TextEncoder().encode(s);
  for (const [path, mode] of DIRS) builder.dir(path, { mode });
  // An ELF header, as a real busybox starts with; the kernel runs it by path as the applets.
  builder.file("bin/busybox", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), {
    mode: 0o755,
  });
  for (const name of new Set([...Object.keys(applets), "sh", "ash"])) {
    if (name !== "[" && name !== "busybox") builder.symlink(`bin/${name}`, "/bin/busybox");
  }
  builder.symlink("usr/bin/[", "/bin/busybox");
  builder.file("etc/passwd", text(PASSWD), { mode: 0o644 });
  builder.file("etc/group", text(GROUP), { mode: 0o644 });
  builder.file("etc/shells", text("# valid login shells\n/bin/sh\n/bin/ash\n"), { mode: 0o644 });
  builder.file("etc/os-release", text('NAME="Sockerless sandbox"\nID=sockerless\n'), {
    mode: 0o644,
  });
  return builder.finish();
}
