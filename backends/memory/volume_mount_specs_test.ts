import assert from "node:assert/strict";
import { InvalidParameter, NotImplemented } from "../core/errors.ts";
import {
  parseApiMount,
  parseBind,
  parseTmpfs,
  parseTmpfsSize,
  requestedMounts,
} from "./volume_mount_specs.ts";

Deno.test("Binds entries read as moby's linux parser reads them", () => {
  const named = parseBind("cache:/var/cache:ro,nocopy");
  assert.equal(named.type, "volume");
  assert.equal(named.source, "cache");
  assert.equal(named.target, "/var/cache");
  assert.equal(named.readOnly, true);
  assert.equal(named.noCopy, true);
  const bind = parseBind("/home/me/../me/work:/__w");
  assert.equal(bind.type, "bind");
  assert.equal(bind.source, "/home/me/work");
  const anonymous = parseBind("/data");
  assert.equal(anonymous.type, "volume");
  assert.equal(anonymous.source, "");
  assert.throws(() => parseBind("a:b:c:d"), InvalidParameter);
  assert.throws(() => parseBind("cache:/x:bogus"), /invalid mode: bogus/);
  assert.throws(() => parseBind("cache:relative"), /absolute path/);
  assert.throws(() => parseBind("cache:/"), /destination can't be '\/'/);
  assert.throws(() => parseBind("rel/path:/x"), InvalidParameter);
});

Deno.test("--mount entries: bind must exist, volume options, tmpfs size", () => {
  const bind = parseApiMount({ Type: "bind", Source: "/srv", Target: "/s", ReadOnly: true });
  assert.equal(bind.mustExist, true);
  assert.equal(bind.readOnly, true);
  const vol = parseApiMount({
    Type: "volume",
    Source: "v",
    Target: "/v",
    VolumeOptions: { NoCopy: true, DriverConfig: {} },
  });
  assert.equal(vol.noCopy, true);
  assert.throws(
    () =>
      parseApiMount({
        Type: "volume",
        Target: "/v",
        VolumeOptions: { DriverConfig: { Name: "nfs" } },
      }),
    NotImplemented,
  );
  const tmpfs = parseApiMount({ Type: "tmpfs", Target: "/t", TmpfsOptions: { SizeBytes: 4096 } });
  assert.equal(tmpfs.tmpfs?.sizeBytes, 4096);
  assert.throws(() => parseApiMount({ Type: "npipe", Target: "/p" }), NotImplemented);
  assert.throws(() => parseApiMount({ Type: "bind", Target: "/p" }), /Source must not be empty/);
});

Deno.test("HostConfig.Tmpfs options and sizes", () => {
  assert.equal(parseTmpfsSize("64m"), 64 * 1024 * 1024);
  assert.equal(parseTmpfsSize("512"), 512);
  assert.throws(() => parseTmpfsSize("lots"), /invalid tmpfs size/);
  const t = parseTmpfs("/run", "size=64m,mode=1777,noexec");
  assert.deepEqual(t.tmpfs, { sizeBytes: 64 * 1024 * 1024, mode: 0o1777 });
  assert.equal(t.listed, false);
  assert.throws(() => parseTmpfs("/run", "uid=nobody"), /invalid tmpfs option/);
});

Deno.test("Config.Volumes adds anonymous volumes; a destination twice is refused", () => {
  const mounts = requestedMounts(
    { Binds: ["named:/data"], Tmpfs: { "/run": "" } },
    { Volumes: { "/data": {}, "/logs": {} } },
  );
  assert.deepEqual(mounts.map((m) => [m.type, m.source, m.target]), [
    ["volume", "named", "/data"],
    ["tmpfs", "", "/run"],
    ["volume", "", "/logs"],
  ]);
  assert.throws(
    () => requestedMounts({ Binds: ["a:/x"], Mounts: [{ Type: "volume", Target: "/x" }] }, {}),
    /Duplicate mount point: \/x/,
  );
});
