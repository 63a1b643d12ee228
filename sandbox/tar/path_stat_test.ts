import assert from "node:assert/strict";
import { createFileSystem } from "../fs/mod.ts";
import { containerPathStat } from "./mod.ts";

Deno.test("containerPathStat matches moby's shape and Go's FileMode bits", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/hosts", new TextEncoder().encode("127.0.0.1\n"), { mode: 0o644 });
  await fs.utimes("/etc/hosts", 0, 1_700_000_000_123);
  await fs.symlink("../etc/hosts", "/etc/link");
  await fs.chmod("/etc", 0o1777);
  assert.deepEqual(await containerPathStat(fs, "/etc/hosts"), {
    name: "hosts",
    size: 10,
    mode: 0o644,
    mtime: "2023-11-14T22:13:20.123Z",
    linkTarget: "",
  });
  const link = await containerPathStat(fs, "/etc/link");
  assert.equal(link.mode, 2 ** 27 + 0o777);
  assert.equal(link.linkTarget, "/etc/hosts");
  // Go: ModeDir | ModeSticky | 0777 = 2147484159 + 1048576.
  assert.equal((await containerPathStat(fs, "/etc/")).mode, 2 ** 31 + 2 ** 20 + 0o777);
  assert.equal((await containerPathStat(fs, "/")).name, "/");
  await fs.utimes("/etc/hosts", 0, 1_700_000_000_000);
  assert.equal((await containerPathStat(fs, "/etc/hosts")).mtime, "2023-11-14T22:13:20Z");
  await fs.utimes("/etc/hosts", 0, 1_700_000_000_100);
  assert.equal((await containerPathStat(fs, "/etc/hosts")).mtime, "2023-11-14T22:13:20.1Z");
});
