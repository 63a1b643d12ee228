import assert from "node:assert/strict";
import { commitLayer, createFileSystem } from "../fs/mod.ts";
import { exportLayer, importLayer, TarError } from "./mod.ts";
import { collect, gnuTar, gzip, pack, str, streamOf, text } from "./tar_test_utils.ts";

Deno.test("a layer made by GNU tar imports with modes, owners, times, symlinks, hard links", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/etc/conf.d`, { recursive: true });
    await Deno.writeTextFile(`${dir}/etc/hosts`, "127.0.0.1 localhost\n");
    await Deno.chmod(`${dir}/etc/hosts`, 0o640);
    await Deno.writeTextFile(`${dir}/etc/conf.d/big`, "x".repeat(100_000));
    await Deno.symlink("/etc/hosts", `${dir}/hosts-link`);
    await Deno.link(`${dir}/etc/hosts`, `${dir}/etc/hosts.hard`);
    await Deno.utime(`${dir}/etc/hosts`, 1_600_000_000, 1_600_000_000);
    const tar = await gnuTar(
      ["-c", "--owner=1000", "--group=50", "--numeric-owner", "-f", "-", "etc", "hosts-link"],
      dir,
    );
    for (const bytes of [tar, await gzip(tar)]) {
      const layer = await importLayer(streamOf(bytes, 777));
      const fs = await createFileSystem({ image: layer, devices: false });
      const hosts = await fs.stat("/etc/hosts");
      assert.deepEqual([hosts.mode, hosts.uid, hosts.gid], [0o640, 1000, 50]);
      assert.equal(hosts.mtimeMs, 1_600_000_000_000);
      assert.equal(str(await fs.readFile("/hosts-link")), "127.0.0.1 localhost\n");
      assert.equal(await fs.readlink("/hosts-link"), "/etc/hosts");
      assert.equal((await fs.stat("/etc/hosts.hard")).ino, hosts.ino);
      assert.equal((await fs.readFile("/etc/conf.d/big")).length, 100_000);
      assert.equal(layer.used, 100_000 + 20);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("whiteouts in an upper layer tar delete and hide lower entries", async () => {
  const base = await importLayer(streamOf(
    await pack([
      { header: { name: "app/", type: "directory", size: 0 } },
      { header: { name: "app/old", size: 3 }, body: "old" },
      { header: { name: "app/keep", size: 4 }, body: "keep" },
      { header: { name: "cache/", type: "directory", size: 0 } },
      { header: { name: "cache/a", size: 1 }, body: "a" },
    ]),
  ));
  const upper = await importLayer(
    streamOf(
      await pack([
        { header: { name: "app/", type: "directory", size: 0 } },
        { header: { name: "app/.wh.old", size: 0 } },
        { header: { name: "cache/", type: "directory", size: 0 } },
        { header: { name: "cache/.wh..wh..opq", size: 0 } },
        { header: { name: "cache/b", size: 1 }, body: "b" },
      ]),
    ),
    { parent: base },
  );
  const fs = await createFileSystem({ image: upper, devices: false });
  assert.deepEqual((await fs.readdir("/app")).map((e) => e.name), ["keep"]);
  assert.deepEqual((await fs.readdir("/cache")).map((e) => e.name), ["b"]);
});

async function importRejects(bytes: Uint8Array, pattern: RegExp) {
  await assert.rejects(importLayer(streamOf(bytes)), (e: unknown) => {
    assert.ok(e instanceof TarError, `expected TarError, got ${e}`);
    assert.match(e.message, pattern);
    return true;
  });
}

Deno.test("bad layer tars fail with a clear error", async () => {
  await importRejects(
    await pack([{ header: { name: "../escape", size: 1 }, body: "x" }]),
    /climbs out/,
  );
  await importRejects(
    await pack([{ header: { name: "/etc/passwd", size: 1 }, body: "x" }]),
    /absolute/,
  );
  await importRejects(
    await pack([
      { header: { name: "evil", type: "symlink", linkname: "/etc", size: 0 } },
      { header: { name: "evil/passwd", size: 1 }, body: "x" },
    ]),
    /evil\/passwd.*Not a directory|not a directory/,
  );
  await importRejects(
    await pack([{ header: { name: "h", type: "link", linkname: "../../etc/shadow", size: 0 } }]),
    /climbs out/,
  );
  await importRejects(
    await pack([{ header: { name: "h", type: "link", linkname: "nothing", size: 0 } }]),
    /target not found/,
  );
  const good = await pack([{ header: { name: "f", size: 5000 }, body: "y".repeat(5000) }]);
  await importRejects(good.subarray(0, 2000), /truncated/);
  const corrupt = good.slice();
  corrupt[10] ^= 0xff;
  await importRejects(corrupt, /checksum/);
  const gz = await gzip(good);
  await importRejects(gz.subarray(0, gz.length - 10), /invalid tar stream|gzip/);
  // A header that claims a huge body, with the stream ending early.
  const huge = await pack([{ header: { name: "big", size: 0 } }]);
  const header = huge.slice(0, 512);
  header.set(text("77777777777\0"), 124);
  let sum = 0;
  header.fill(0x20, 148, 156);
  for (const byte of header) sum += byte;
  header.set(text(sum.toString(8).padStart(6, "0") + "\0 "), 148);
  await importRejects(header, /truncated/);
});

Deno.test("exportLayer writes a layer's diff with OCI whiteouts; importing it gives the same tree", async () => {
  const base = await importLayer(streamOf(
    await pack([
      { header: { name: "keep/", type: "directory", size: 0 } },
      { header: { name: "keep/gone", size: 1 }, body: "g" },
      { header: { name: "swap/", type: "directory", size: 0 } },
      { header: { name: "swap/old", size: 1 }, body: "o" },
    ]),
  ));
  const fs = await createFileSystem({ image: base, devices: false });
  await fs.remove("/keep/gone");
  await fs.remove("/swap", { recursive: true });
  await fs.mkdir("/swap");
  await fs.writeFile("/swap/new", text("n"));
  await fs.writeFile("/f", text("file"));
  await fs.link("/f", "/f2");
  await fs.symlink("/f", "/l");
  const layer = commitLayer(fs);
  const tar = await collect(exportLayer(layer));
  const names = str(await gnuTar(["-tf", "-"], "/", tar)).trim().split("\n");
  assert.deepEqual(names, [
    "f",
    "f2",
    "keep/",
    "keep/.wh.gone",
    "l",
    "swap/",
    "swap/.wh..wh..opq",
    "swap/new",
  ]);
  const again = await importLayer(streamOf(tar), { parent: base });
  const view = await createFileSystem({ image: again, devices: false });
  assert.deepEqual((await view.readdir("/keep")).map((e) => e.name), []);
  assert.deepEqual((await view.readdir("/swap")).map((e) => e.name), ["new"]);
  assert.equal((await view.stat("/f")).ino, (await view.stat("/f2")).ino);
  assert.equal(await view.readlink("/l"), "/f");
});

Deno.test("maxBytes refuses oversized archives; large bodies arrive whole", async () => {
  const big = new Uint8Array(17 * 1024 * 1024).map((_, i) => i % 251);
  const tar = await pack([{ header: { name: "big.bin", size: big.length }, body: big }]);
  await assert.rejects(
    importLayer(streamOf(tar, 64 * 1024), { maxBytes: 1024 * 1024 }),
    /big\.bin: archive exceeds the 1048576-byte limit/,
  );
  const layer = await importLayer(streamOf(tar, 64 * 1024));
  const fs = await createFileSystem({ image: layer, devices: false });
  assert.deepEqual(await fs.readFile("/big.bin"), big);
});
