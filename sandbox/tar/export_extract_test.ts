import assert from "node:assert/strict";
import { createFileSystem } from "../fs/mod.ts";
import { FsError } from "../types.ts";
import { exportTar, extractTar, TarError } from "./mod.ts";
import { collect, gnuTar, pack, str, streamOf, text } from "./tar_test_utils.ts";

async function sampleFs() {
  const fs = await createFileSystem();
  await fs.mkdir("/app/lib", { recursive: true, mode: 0o750 });
  await fs.writeFile("/app/run.sh", text("#!/bin/sh\necho hi\n"), {
    mode: 0o755,
    uid: 1000,
    gid: 1000,
  });
  await fs.writeFile("/app/lib/data", text("d".repeat(70_000)));
  await fs.link("/app/lib/data", "/app/lib/data.hard");
  await fs.symlink("lib/data", "/app/link");
  await fs.utimes("/app/run.sh", 1_500_000_000_000, 1_500_000_000_000);
  await fs.mkfifo("/app/pipe", 0o600);
  return fs;
}

Deno.test("exportTar output is read back by GNU tar with modes, owners, links", async () => {
  const fs = await sampleFs();
  const tar = await collect(exportTar(fs, "/", { exclude: (p) => p === "/dev" || p === "/proc" }));
  const listing = str(await gnuTar(["-tvf", "-", "--numeric-owner"], "/", tar)).trim().split("\n");
  const line = (name: string) =>
    listing.find((l) => l.endsWith(` ${name}`) || l.includes(` ${name} `))!;
  assert.deepEqual(listing.map((l) => l.split(/\s+/).slice(5).join(" ")), [
    "app/",
    "app/lib/",
    "app/lib/data",
    "app/lib/data.hard link to app/lib/data",
    "app/link -> lib/data",
    "app/pipe",
    "app/run.sh",
  ]);
  assert.match(line("app/run.sh"), /^-rwxr-xr-x 1000\/1000 +18 2017-07-14 02:40 app\/run.sh$/);
  assert.match(line("app/lib/"), /^drwxr-x---/);
  assert.match(line("app/pipe"), /^prw-------/);
  const dir = await Deno.makeTempDir();
  try {
    await gnuTar(["-xf", "-"], dir, tar);
    assert.equal((await Deno.readTextFile(`${dir}/app/lib/data.hard`)).length, 70_000);
    assert.equal((await Deno.lstat(`${dir}/app/lib/data.hard`)).nlink, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("archive GET shape: one path under its base name", async () => {
  const fs = await sampleFs();
  const tar = await collect(exportTar(fs, "/app/lib", { as: "lib" }));
  const names = str(await gnuTar(["-tf", "-"], "/", tar)).trim().split("\n");
  assert.deepEqual(names, ["lib/", "lib/data", "lib/data.hard"]);
  const one = await collect(exportTar(fs, "/app/run.sh", { as: "run.sh" }));
  assert.deepEqual(str(await gnuTar(["-tf", "-"], "/", one)).trim(), "run.sh");
});

Deno.test("extractTar round-trips an exported tree into another container", async () => {
  const source = await sampleFs();
  const target = await createFileSystem();
  await target.mkdir("/dest");
  await extractTar(target, "/dest", exportTar(source, "/app", { as: "app" }));
  const run = await target.stat("/dest/app/run.sh");
  assert.deepEqual([run.mode, run.uid, run.gid, run.mtimeMs], [
    0o755,
    1000,
    1000,
    1_500_000_000_000,
  ]);
  assert.equal(await target.readlink("/dest/app/link"), "lib/data");
  assert.equal(
    (await target.stat("/dest/app/lib/data.hard")).ino,
    (await target.stat("/dest/app/lib/data")).ino,
  );
  assert.equal((await target.stat("/dest/app/lib")).mode, 0o750);
  assert.equal((await target.stat("/dest/app/pipe")).kind, "fifo");
  // copyUIDGID: everything owned by the container's user instead.
  await extractTar(target, "/dest", exportTar(source, "/app", { as: "app2" }), {
    owner: { uid: 7, gid: 8 },
  });
  const owned = await target.stat("/dest/app2/run.sh");
  assert.deepEqual([owned.uid, owned.gid], [7, 8]);
  assert.equal((await target.stat("/dest/app2/link", { follow: false })).uid, 7);
  // Extracting again replaces files and keeps directories.
  await extractTar(
    target,
    "/dest",
    streamOf(await pack([{ header: { name: "app/run.sh", size: 2 }, body: "v2" }])),
  );
  assert.equal(str(await target.readFile("/dest/app/run.sh")), "v2");
});

async function extractRejects(bytes: Uint8Array, pattern: RegExp) {
  const fs = await createFileSystem();
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/shadow", text("secret"));
  await fs.mkdir("/dest");
  await fs.symlink("/etc", "/dest/out");
  await assert.rejects(extractTar(fs, "/dest", streamOf(bytes)), (e: unknown) => {
    assert.ok(e instanceof TarError || e instanceof FsError, `unexpected ${e}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
  // Nothing was written, and the filesystem still works.
  assert.deepEqual((await fs.readdir("/dest")).map((e) => e.name), ["out"]);
  assert.equal(str(await fs.readFile("/etc/shadow")), "secret");
  await fs.writeFile("/dest/ok", text("fine"));
}

Deno.test("bad archives for extract fail cleanly and write nothing", async () => {
  const first = { header: { name: "first", size: 5 }, body: "first" };
  await extractRejects(
    await pack([first, { header: { name: "../../x", size: 1 }, body: "x" }]),
    /climbs out/,
  );
  await extractRejects(
    await pack([first, { header: { name: "/etc/x", size: 1 }, body: "x" }]),
    /absolute/,
  );
  await extractRejects(
    await pack([
      first,
      { header: { name: "link", type: "symlink", linkname: "../../../etc", size: 0 } },
      { header: { name: "link/shadow", size: 1 }, body: "x" },
    ]),
    /link\/shadow/,
  );
  await extractRejects(
    await pack([first, { header: { name: "h", type: "link", linkname: "out/shadow", size: 0 } }]),
    /leaves \/dest/,
  );
  const good = await pack([first, { header: { name: "big", size: 9000 }, body: "b".repeat(9000) }]);
  await extractRejects(good.subarray(0, 3000), /truncated/);
});

Deno.test("docker export shape: mount points kept empty, their contents left out", async () => {
  const fs = await sampleFs();
  const mounts = new Set(fs.mountPoints());
  const tar = await collect(
    exportTar(fs, "/", { exclude: (p) => (mounts.has(p) ? "empty" : false) }),
  );
  const names = str(await gnuTar(["-tf", "-"], "/", tar)).trim().split("\n");
  assert.ok(names.includes("dev/") && names.includes("app/run.sh"), names.join(","));
  assert.ok(!names.some((n) => n.startsWith("dev/") && n !== "dev/"), names.join(","));
});

Deno.test("noOverwriteDirNonDir refuses before writing anything", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/dest/conf", { recursive: true });
  const tar = await pack([
    { header: { name: "first", size: 1 }, body: "1" },
    { header: { name: "conf", size: 1 }, body: "x" },
  ]);
  await assert.rejects(
    extractTar(fs, "/dest", streamOf(tar), { noOverwriteDirNonDir: true }),
    /conf: cannot overwrite directory \/dest\/conf/,
  );
  assert.deepEqual((await fs.readdir("/dest")).map((e) => e.name), ["conf"]);
  await extractTar(fs, "/dest", streamOf(tar));
  assert.equal((await fs.stat("/dest/conf")).kind, "file");
});
