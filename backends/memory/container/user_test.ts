import assert from "node:assert/strict";
import { createFileSystem } from "../../../sandbox/mod.ts";
import { DockerError } from "../../core/errors.ts";
import { resolveUser } from "./user.ts";

async function etc(passwd?: string, group?: string) {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/etc");
  const text = (s: string) => new TextEncoder().encode(s);
  if (passwd !== undefined) await fs.writeFile("/etc/passwd", text(passwd));
  if (group !== undefined) await fs.writeFile("/etc/group", text(group));
  return fs;
}

const PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";
const GROUP = "root:x:0:root\napp:x:1000:\nstaff:x:50:app,other\nwheel:x:10:root,app\n";

Deno.test("resolveUser: names, uids and groups as moby's GetExecUser resolves them", async () => {
  const fs = await etc(PASSWD, GROUP);
  assert.deepEqual(await resolveUser(fs, ""), { uid: 0, gid: 0, groups: [0, 10], home: "/root" });
  assert.deepEqual(await resolveUser(fs, "app"), {
    uid: 1000,
    gid: 1000,
    groups: [50, 10],
    home: "/home/app",
  });
  assert.deepEqual(await resolveUser(fs, "1000"), {
    uid: 1000,
    gid: 1000,
    groups: [50, 10],
    home: "/home/app",
  });
  // An explicit group replaces the primary one and brings no supplementary groups.
  assert.deepEqual(await resolveUser(fs, "app:staff"), {
    uid: 1000,
    gid: 50,
    groups: [],
    home: "/home/app",
  });
  assert.deepEqual(await resolveUser(fs, "4242:77"), { uid: 4242, gid: 77, groups: [], home: "/" });
});

Deno.test("resolveUser: unknown names fail with Docker's words; files may be missing", async () => {
  const fs = await etc(PASSWD, GROUP);
  await assert.rejects(
    resolveUser(fs, "ghost"),
    (error: Error) =>
      error instanceof DockerError && error.status === 500 &&
      error.message === "unable to find user ghost: no matching entries in passwd file",
  );
  await assert.rejects(
    resolveUser(fs, "app:ghosts"),
    /^Error: unable to find group ghosts: no matching entries in group file$|unable to find group ghosts: no matching entries in group file/,
  );
  await assert.rejects(resolveUser(fs, "4294967296"), /uids and gids must be in range/);
  const bare = await etc();
  assert.deepEqual(await resolveUser(bare, "123:456"), {
    uid: 123,
    gid: 456,
    groups: [],
    home: "/",
  });
  assert.deepEqual(await resolveUser(bare, ""), { uid: 0, gid: 0, groups: [], home: "/" });
  await assert.rejects(resolveUser(bare, "root"), /unable to find user root/);
});
