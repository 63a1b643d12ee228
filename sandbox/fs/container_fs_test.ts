import assert from "node:assert/strict";
import { bytesInput, collectOutput } from "../io.ts";
import { FsError, type ProcessTable, type SystemInfo } from "../types.ts";
import { createFileSystem, createTmpfs, MemoryTree, withStdio } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => e instanceof FsError && e.code === code);
}

const system: SystemInfo = {
  hostname: "box",
  kernel: { sysname: "Linux", release: "6.1.0-sandbox", version: "#1 SMP", machine: "x86_64" },
  ncpu: 2,
  memTotalBytes: 2 * 1024 * 1024 * 1024,
  memFreeBytes: () => 1024 * 1024 * 1024,
  bootTimeMs: Date.now() - 90_000,
};

const processes: ProcessTable = {
  list: () => [
    {
      pid: 1,
      ppid: 0,
      uid: 0,
      args: ["/bin/sh", "-c", "sleep 1"],
      startedMs: system.bootTimeMs + 2_000,
      state: "S",
    },
    {
      pid: 7,
      ppid: 1,
      uid: 1000,
      args: ["sleep", "1"],
      startedMs: system.bootTimeMs + 3_000,
      state: "R",
    },
  ],
  kill: () => false,
};

Deno.test("tmpfs mounts: shared between containers, ENOSPC past the size, EXDEV across", async () => {
  const volume = createTmpfs({ sizeBytes: 10 });
  const one = await createFileSystem({ devices: false });
  const two = await createFileSystem({ devices: false });
  await one.mount("/data", { tree: volume });
  await two.mount("/mnt/shared", { tree: volume });
  await one.writeFile("/data/a", text("12345"));
  assert.equal(str(await two.readFile("/mnt/shared/a")), "12345");
  await rejectsWith(two.writeFile("/mnt/shared/b", text("123456")), "ENOSPC");
  await two.writeFile("/mnt/shared/b", text("12345"));
  await rejectsWith(one.writeFile("/data/a", text("!"), { append: true }), "ENOSPC");
  await one.remove("/data/b");
  await one.writeFile("/data/a", text("!"), { append: true });
  // Removing a whole directory gives its bytes back too.
  await one.remove("/data/a");
  await one.mkdir("/data/dir/sub", { recursive: true });
  await one.writeFile("/data/dir/sub/x", text("1234567890"));
  await rejectsWith(one.writeFile("/data/y", text("1")), "ENOSPC");
  await one.remove("/data/dir", { recursive: true });
  assert.equal(volume.used, 0);
  await one.writeFile("/data/a", text("123456"));
  assert.deepEqual((await one.readdir("/")).map((e) => e.name), ["data"]);
  await one.writeFile("/root-file", text("r"));
  await rejectsWith(one.rename("/root-file", "/data/x"), "EXDEV");
  await rejectsWith(one.link("/root-file", "/data/x"), "EXDEV");
  await rejectsWith(one.remove("/data"), "EPERM");
  // Nothing about the mount shows in the container's diff.
  assert.deepEqual(one.changes(), [{ Path: "/root-file", Kind: 1 }]);
  one.unmount("/data");
  await rejectsWith(one.stat("/data/a"), "ENOENT");
});

Deno.test("read-only mounts give EROFS; `..` out of a mount goes back to its parent", async () => {
  const tree = new MemoryTree();
  const fs = await createFileSystem({ devices: false });
  await fs.mount("/scratch", { tree: createTmpfs() });
  await fs.writeFile("/scratch/f", text("x"));
  await fs.mount("/ro", { tree }, { readOnly: true });
  await rejectsWith(fs.writeFile("/ro/f", text("x")), "EROFS");
  await rejectsWith(fs.mkdir("/ro/d"), "EROFS");
  await fs.mkdir("/etc");
  assert.equal(await fs.realpath("/ro/../etc"), "/etc");
});

Deno.test("bind mounts of another container's directory are live both ways", async () => {
  const source = await createFileSystem({ devices: false });
  await source.mkdir("/srv/www", { recursive: true });
  await source.symlink("/srv", "/link");
  const fs = await createFileSystem({ devices: false });
  await fs.mount("/www", { filesystem: source, path: "/link/www" });
  await fs.writeFile("/www/index.html", text("<h1>"));
  assert.equal(str(await source.readFile("/srv/www/index.html")), "<h1>");
  await source.writeFile("/srv/www/back", text("b"));
  assert.deepEqual((await fs.readdir("/www")).map((e) => e.name), ["back", "index.html"]);
  await fs.mount("/www-ro", { filesystem: source, path: "/srv/www" }, { readOnly: true });
  await rejectsWith(fs.remove("/www-ro/back"), "EROFS");
  // Same tree, different mounts: rename still refuses to cross.
  await rejectsWith(fs.rename("/www/back", "/www-ro/back2"), "EXDEV");
});

Deno.test("foreign (async, host-backed) trees mount behind the FileSystem interface", async () => {
  const host = await createFileSystem({ devices: false });
  await host.mkdir("/export/sub", { recursive: true });
  await host.writeFile("/export/sub/f", text("host"));
  await host.symlink("/etc", "/export/abs");
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/inside", text("container"));
  await fs.mount("/host", { foreign: host, path: "/export" });
  assert.equal(str(await fs.readFile("/host/sub/f")), "host");
  await fs.writeFile("/host/sub/g", text("new"));
  assert.equal(str(await host.readFile("/export/sub/g")), "new");
  // An absolute symlink on the mounted tree resolves in the container's root, not the host's.
  assert.equal(str(await fs.readFile("/host/abs/inside")), "container");
  await fs.mkdir("/host/made");
  assert.equal((await host.stat("/export/made")).kind, "dir");
  await rejectsWith(fs.rename("/host/sub/g", "/g"), "EXDEV");
});

Deno.test("/dev devices behave as on Linux", async () => {
  const fs = await createFileSystem();
  assert.deepEqual(await fs.readFile("/dev/null"), new Uint8Array());
  await fs.writeFile("/dev/null", text("gone"));
  const zero = await fs.open("/dev/zero", { read: true });
  assert.deepEqual(await zero.read(4), new Uint8Array(4));
  await rejectsWith(zero.seek(0), "EINVAL");
  const random = await fs.open("/dev/urandom", { read: true });
  const a = (await random.read(32))!;
  const b = (await random.read(32))!;
  assert.equal(a.length, 32);
  assert.notDeepEqual(a, b);
  await rejectsWith(fs.writeFile("/dev/full", text("x")), "ENOSPC");
  const stat = await fs.stat("/dev/null");
  assert.equal(stat.kind, "chardev");
  assert.equal(stat.rdev, (1 << 8) | 3);
  await fs.writeFile("/dev/shm/seg", text("s"));
  assert.equal(str(await fs.readFile("/dev/shm/seg")), "s");
});

Deno.test("fifos: a read waits for a writer and ends when writers close", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkfifo("/p", 0o600);
  assert.equal((await fs.stat("/p")).kind, "fifo");
  const reader = await fs.open("/p", { read: true });
  const pending = reader.read(100);
  let settled = false;
  pending.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(settled, false);
  const writer = await fs.open("/p", { write: true });
  await writer.write(text("ping"));
  assert.equal(str((await pending)!), "ping");
  await writer.close();
  assert.equal(await reader.read(100), null);
  const aborted = new AbortController();
  const waiting = reader.read(1, aborted.signal);
  aborted.abort(new Error("stop"));
  await assert.rejects(waiting, /stop/);
});

Deno.test("withStdio: /dev/stdin, /dev/stdout, /dev/fd/2 are the process's own streams", async () => {
  const fs = await createFileSystem({ system, processes });
  const stdout = collectOutput();
  const stderr = collectOutput();
  const view = withStdio(fs, { pid: 7, stdin: bytesInput("input!"), stdout, stderr });
  assert.equal(str(await view.readFile("/dev/stdin")), "input!");
  await view.writeFile("/dev/stdout", text("out"));
  await view.writeFile("/dev/fd/2", text("err"));
  assert.equal(stdout.text(), "out");
  assert.equal(stderr.text(), "err");
  assert.equal(await view.realpath("/proc/self"), "/proc/7");
  // The filesystem is shared: the view's writes are everyone's.
  await view.writeFile("/shared", text("s"));
  assert.equal(str(await fs.readFile("/shared")), "s");
  // Without stdio there is nothing to open.
  await rejectsWith(fs.readFile("/dev/stdin"), "ENOENT");
});

Deno.test("/proc is generated from SystemInfo, the process table and the mounts", async () => {
  const fs = await createFileSystem({ system, processes });
  const read = async (path: string) => str(await fs.readFile(path));
  assert.match(await read("/proc/meminfo"), /^MemTotal: +2097152 kB\nMemFree: +1048576 kB\n/);
  assert.equal(await read("/proc/cpuinfo"), "processor\t: 0\n\nprocessor\t: 1\n");
  assert.match(await read("/proc/uptime"), /^9\d\.\d\d 0\.00\n$/);
  assert.equal(await read("/proc/loadavg"), "1.00 1.00 1.00 1/2 7\n");
  assert.equal(await read("/proc/version"), "Linux version 6.1.0-sandbox #1 SMP\n");
  assert.equal(await read("/proc/sys/kernel/hostname"), "box\n");
  assert.equal(await read("/proc/sys/kernel/osrelease"), "6.1.0-sandbox\n");
  assert.equal(await read("/proc/1/cmdline"), "/bin/sh\0-c\0sleep 1\0");
  assert.match(
    await read("/proc/7/status"),
    /Name:\tsleep\nState:\tR \(running\)\nPid:\t7\nPPid:\t1\nUid:\t1000/,
  );
  assert.match(await read("/proc/7/stat"), /^7 \(sleep\) R 1 /);
  assert.equal((await read("/proc/7/stat")).split(" ")[21], "300");
  const mounts = await read("/proc/mounts");
  assert.match(mounts, /^overlay \/ overlay rw 0 0\nproc \/proc proc ro,nosuid/);
  assert.match(mounts, /\ntmpfs \/dev tmpfs rw,nosuid,size=65536k,mode=755 0 0\n/);
  assert.match(mounts, /\nshm \/dev\/shm tmpfs rw,.*size=65536k 0 0\n/);
  const names = (await fs.readdir("/proc")).map((e) => e.name);
  assert.ok(names.includes("1") && names.includes("7") && names.includes("meminfo"));
  await rejectsWith(fs.writeFile("/proc/meminfo", text("x")), "EROFS");
  await rejectsWith(fs.stat("/proc/self"), "ENOENT");
});

Deno.test("a single file can be mounted (as Docker mounts /etc/hostname)", async () => {
  const files = new MemoryTree();
  const fs = await createFileSystem();
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/hostname", text("image-hostname\n"));
  const source = await createFileSystem({ devices: false });
  await source.writeFile("/hostname", text("box\n"));
  await fs.mount("/etc/hostname", { filesystem: source, path: "/hostname" });
  assert.equal(str(await fs.readFile("/etc/hostname")), "box\n");
  await fs.writeFile("/etc/hostname", text("renamed\n"));
  assert.equal(str(await source.readFile("/hostname")), "renamed\n");
  assert.deepEqual((await fs.readdir("/etc")).map((e) => [e.name, e.kind]), [["hostname", "file"]]);
  assert.ok(fs.mountPoints().includes("/etc/hostname"));
  await rejectsWith(fs.remove("/etc/hostname"), "EPERM");
  assert.equal(files.used, 0);
});

Deno.test("an open file outlives its last name; its bytes leave the tree's count with the name", async () => {
  const tmp = createTmpfs({ sizeBytes: 100 });
  const fs = await createFileSystem({ devices: false });
  await fs.mount("/tmp", { tree: tmp });
  const handle = await fs.open("/tmp/f", { read: true, write: true, create: true });
  await handle.write(text("before"));
  await fs.remove("/tmp/f");
  assert.equal(tmp.used, 0);
  await handle.write(text(" after"));
  await handle.seek(0);
  assert.equal(str((await handle.read(100))!), "before after");
  assert.equal((await handle.stat()).nlink, 0);
  assert.equal(tmp.used, 0);
  await handle.close();
});

Deno.test("a host-backed file can be bind-mounted (as /etc/resolv.conf is)", async () => {
  const host = await createFileSystem({ devices: false });
  await host.writeFile("/resolv.conf", text("nameserver 10.0.0.1\n"));
  const fs = await createFileSystem({ devices: false });
  await fs.mount("/etc/resolv.conf", { foreign: host, path: "/resolv.conf" }, { readOnly: true });
  assert.equal(str(await fs.readFile("/etc/resolv.conf")), "nameserver 10.0.0.1\n");
  assert.equal((await fs.stat("/etc/resolv.conf")).kind, "file");
  await rejectsWith(fs.stat("/etc/resolv.conf/x"), "ENOTDIR");
  assert.deepEqual(
    await fs.readdir("/etc"),
    [{ name: "resolv.conf", kind: "dir" }].map((e) => ({ ...e, kind: "file" })),
  );
});

Deno.test("a mount point reached through a symlink lands where the symlink points", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/run");
  await fs.mkdir("/var");
  await fs.symlink("/run", "/var/run");
  await fs.mount("/var/run/app", { tree: createTmpfs() });
  assert.ok(fs.mountPoints().includes("/run/app"));
  await fs.writeFile("/var/run/app/pid", text("1"));
  assert.equal(str(await fs.readFile("/run/app/pid")), "1");
  await rejectsWith(fs.mount("/run/app", { tree: createTmpfs() }), "EINVAL");
});
