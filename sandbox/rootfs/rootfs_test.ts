import assert from "node:assert/strict";
import { createFileSystem } from "../fs/mod.ts";
import { createSandbox } from "../sandbox.ts";
import { bytesInput, collectOutput } from "../io.ts";
import type { SystemInfo } from "../types.ts";
import { appletPaths, BUSYBOX_PATH, rootfsLayer } from "./mod.ts";

const system: SystemInfo = {
  hostname: "rootfs-test",
  kernel: { sysname: "Linux", release: "6.1.0", version: "#1", machine: "x86_64" },
  ncpu: 2,
  memTotalBytes: 1 << 30,
  memFreeBytes: () => 1 << 29,
  bootTimeMs: Date.now(),
};

async function sh(script: string) {
  const fs = await createFileSystem({ image: rootfsLayer(), system });
  const sandbox = createSandbox({ fs, system });
  const stdout = collectOutput();
  const stderr = collectOutput();
  const p = await sandbox.spawn({
    argv: ["/bin/sh", "-c", script],
    stdin: bytesInput(),
    stdout,
    stderr,
  });
  return { status: await p.exited, stdout: stdout.text(), stderr: stderr.text() };
}

Deno.test("the root filesystem has Alpine's layout and honest identity files", async () => {
  const fs = await createFileSystem({ image: rootfsLayer() });
  assert.equal((await fs.stat("/tmp")).mode, 0o1777);
  assert.equal((await fs.stat("/root")).mode, 0o700);
  assert.equal(await fs.readlink("/bin/ls"), BUSYBOX_PATH);
  assert.equal(await fs.readlink("/usr/bin/awk"), BUSYBOX_PATH);
  assert.equal(await fs.readlink("/bin/sh"), BUSYBOX_PATH);
  const release = new TextDecoder().decode(await fs.readFile("/etc/os-release"));
  assert.match(release, /^ID=sockerless-sandbox$/m);
  assert.match(release, /^ID_LIKE=alpine$/m);
  assert.equal(appletPaths().get("sort"), "/usr/bin/sort");
});

Deno.test("applets run through their /bin links and through busybox NAME", async () => {
  const r = await sh(
    "echo hi | /usr/bin/tr a-z A-Z; busybox seq 2; ls -l /bin/cat | cut -c1-10; id",
  );
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    "HI\n1\n2\nlrwxrwxrwx\nuid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel)\n",
  );
  assert.equal(r.status, 0);
});

Deno.test("every registered applet has a link that runs it", async () => {
  const r = await sh(
    'for f in /bin/* /usr/bin/*; do [ -L "$f" ] || [ "$f" = /bin/busybox ] || echo "not a link: $f"; done; which awk sed tar',
  );
  assert.equal(r.stdout, "/usr/bin/awk\n/bin/sed\n/bin/tar\n");
});
