/**
 * A minimal root filesystem for tests of the shell and the sandbox: `/bin/busybox` with a
 * symlink per applet name, `/tmp`, `/root`, `/etc`. The real image rootfs lives in sandbox/rootfs.
 *
 * @module
 */
import { createFileSystem } from "../fs/mod.ts";
import type { FileSystem, ProcessTable, SystemInfo } from "../types.ts";

export async function testRootfs(
  appletNames: string[],
  files: Record<string, string> = {},
  proc?: { system: SystemInfo; processes: ProcessTable },
): Promise<FileSystem> {
  const fs = await createFileSystem({ devices: true, ...proc });
  for (const dir of ["/bin", "/usr/bin", "/tmp", "/root", "/etc"]) {
    await fs.mkdir(dir, { recursive: true });
  }
  // An ELF header: what a real /bin/busybox starts with; the kernel recognises it by path.
  await fs.writeFile("/bin/busybox", new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), { mode: 0o755 });
  for (const name of new Set([...appletNames, "sh", "ash", "bash"])) {
    if (name !== "[" && name !== "busybox") await fs.symlink("busybox", `/bin/${name}`);
  }
  for (const [path, text] of Object.entries(files)) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (dir) await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path, new TextEncoder().encode(text), { mode: 0o644 });
  }
  return fs;
}
