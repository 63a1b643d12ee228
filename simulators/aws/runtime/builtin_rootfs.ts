/**
 * The root filesystem every simulated image gets for now: an Alpine-like tree whose programs are
 * the sandbox's busybox applets (`/bin/busybox` and a link per applet). Real image layers replace
 * it once the simulator pulls images; until then each task records that it ran on this tree
 * (`io.sockerless.builtin=true`), so nobody mistakes it for the image they named.
 *
 * @module
 */
import {
  applets,
  createFileSystem,
  type FileSystem,
  type SystemInfo,
} from "../../../sandbox/mod.ts";

const FILES: Record<string, string> = {
  "/etc/os-release":
    'NAME="Sockerless sandbox"\nID=alpine\nVERSION_ID=3.20.0\nPRETTY_NAME="Sockerless sandbox (Alpine-like)"\n',
  "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
  "/etc/group": "root:x:0:root\nnogroup:x:65534:\n",
  "/etc/hosts": "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
};

export async function builtinRootfs(system: SystemInfo): Promise<FileSystem> {
  const fs = await createFileSystem({ system, devices: true });
  for (
    const dir of [
      "/bin",
      "/sbin",
      "/usr/bin",
      "/usr/sbin",
      "/usr/local/bin",
      "/etc",
      "/tmp",
      "/root",
      "/var",
      "/home",
    ]
  ) {
    await fs.mkdir(dir, { recursive: true });
  }
  await fs.chmod("/tmp", 0o1777);
  // The ELF magic makes /bin/busybox look like the real binary; the kernel runs applets for it.
  await fs.writeFile("/bin/busybox", new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), { mode: 0o755 });
  for (const name of Object.keys(applets)) {
    if (name !== "[" && name !== "busybox") await fs.symlink("busybox", `/bin/${name}`);
  }
  for (const name of ["sh", "ash", "bash"]) {
    if (!(name in applets)) await fs.symlink("busybox", `/bin/${name}`);
  }
  const encoder = new TextEncoder();
  for (const [path, text] of Object.entries(FILES)) {
    await fs.writeFile(path, encoder.encode(text), { mode: 0o644 });
  }
  await fs.writeFile("/etc/hostname", encoder.encode(system.hostname + "\n"), { mode: 0o644 });
  return fs;
}
