import assert from "node:assert/strict";
import { readText, run, testFileSystem } from "../testing.ts";
import { chmod, chown } from "./attrs.ts";
import { cp } from "./copy.ts";
import { find } from "./find.ts";
import { ln } from "./link.ts";
import { ls } from "./ls.ts";
import { mkdir } from "./mkdir.ts";
import { mktemp } from "./mktemp.ts";
import { mv } from "./move.ts";
import { readlink, realpath } from "./paths.ts";
import { rm, rmdir } from "./remove.ts";
import { stat } from "./stat.ts";
import { tee } from "./tee.ts";
import { touch } from "./touch.ts";
import { xargs } from "./xargs.ts";

Deno.test("ls -l formats like busybox with owner names from /etc/passwd", async () => {
  const fs = await testFileSystem({ "/w/f": "hi\n", "/w/d/": "" });
  await fs.symlink("f", "/w/l");
  const t = Date.UTC(2020, 0, 1);
  for (const p of ["/w/f", "/w/d"]) await fs.utimes(p, t, t);
  await fs.chown("/w/f", 65534, 65534);
  const r = await run(ls, ["ls", "-l", "/w/f", "/w/d"], { fs });
  assert.equal(
    r.stdout,
    "-rw-r--r--    1 nobody   nogroup          3 Jan  1  2020 /w/f\n\n/w/d:\ntotal 0\n",
  );
  const names = await run(ls, ["ls", "-aF", "/w"], { fs });
  assert.equal(names.stdout, "./\n../\nd/\nf\nl@\n");
  const missing = await run(ls, ["ls", "/nope"], { fs });
  assert.deepEqual([missing.status, missing.stderr], [1, "ls: /nope: No such file or directory\n"]);
});

Deno.test("cp, mv, rm and rmdir with busybox messages", async () => {
  const fs = await testFileSystem({ "/a/f": "x", "/a/sub/g": "y" });
  assert.equal((await run(cp, ["cp", "/a", "/b"], { fs })).stderr, "cp: omitting directory '/a'\n");
  assert.equal((await run(cp, ["cp", "-r", "/a", "/b"], { fs })).status, 0);
  assert.equal(await readText(fs, "/b/sub/g"), "y");
  assert.equal(
    (await run(cp, ["cp", "/nope", "/x"], { fs })).stderr,
    "cp: can't stat '/nope': No such file or directory\n",
  );
  assert.equal((await run(mv, ["mv", "/b/f", "/b/h"], { fs })).status, 0);
  assert.equal(await readText(fs, "/b/h"), "x");
  assert.equal((await run(rm, ["rm", "/b"], { fs })).stderr, "rm: '/b' is a directory\n");
  assert.equal(
    (await run(rmdir, ["rmdir", "/b"], { fs })).stderr,
    "rmdir: '/b': Directory not empty\n",
  );
  assert.equal((await run(rm, ["rm", "-r", "/b"], { fs })).status, 0);
  assert.equal(
    (await run(rm, ["rm", "/b"], { fs })).stderr,
    "rm: can't remove '/b': No such file or directory\n",
  );
  assert.equal((await run(rm, ["rm", "-f", "/b"], { fs })).status, 0);
});

Deno.test("mkdir -p, chmod symbolic and octal, chown by name", async () => {
  const fs = await testFileSystem();
  await run(mkdir, ["mkdir", "-p", "-m", "700", "/x/y/z"], { fs });
  assert.equal((await fs.stat("/x/y/z")).mode, 0o700);
  assert.equal((await fs.stat("/x/y")).mode, 0o755);
  assert.equal(
    (await run(mkdir, ["mkdir", "/x"], { fs })).stderr,
    "mkdir: can't create directory '/x': File exists\n",
  );
  await run(touch, ["touch", "/x/f"], { fs });
  await run(chmod, ["chmod", "u+x,go-r", "/x/f"], { fs });
  assert.equal((await fs.stat("/x/f")).mode, 0o700);
  assert.equal(
    (await run(chmod, ["chmod", "999", "/x/f"], { fs })).stderr,
    "chmod: invalid mode '999'\n",
  );
  await run(chown, ["chown", "nobody:nogroup", "/x/f"], { fs });
  assert.equal((await fs.stat("/x/f")).uid, 65534);
  assert.equal(
    (await run(chown, ["chown", "ghost", "/x/f"], { fs })).stderr,
    "chown: unknown user ghost\n",
  );
});

Deno.test("ln, readlink, realpath and stat", async () => {
  const fs = await testFileSystem({ "/d/f": "abc" });
  await run(ln, ["ln", "-s", "f", "/d/l"], { fs });
  assert.equal((await run(readlink, ["readlink", "/d/l"], { fs })).stdout, "f\n");
  assert.equal((await run(realpath, ["realpath", "/d/l"], { fs })).stdout, "/d/f\n");
  assert.equal(
    (await run(ln, ["ln", "-s", "f", "/d/l"], { fs })).stderr,
    "ln: /d/l: File exists\n",
  );
  const s = await run(stat, ["stat", "-c", "%n %s %a %A %U %G %F %h", "/d/f", "/d/l"], { fs });
  assert.equal(
    s.stdout,
    "/d/f 3 644 -rw-r--r-- root root regular file 1\n/d/l 1 777 lrwxrwxrwx root root symbolic link 1\n",
  );
});

Deno.test("find filters by name, type, size and runs -exec", async () => {
  const files = { "/t/a.txt": "1", "/t/b.log": "22", "/t/s/c.txt": "" };
  const r = await run(find, ["find", "/t", "-name", "*.txt"], { files });
  assert.equal(r.stdout, "/t/a.txt\n/t/s/c.txt\n");
  assert.equal((await run(find, ["find", "/t", "-type", "d"], { files })).stdout, "/t\n/t/s\n");
  assert.equal(
    (await run(find, ["find", "/t", "-empty", "-type", "f"], { files })).stdout,
    "/t/s/c.txt\n",
  );
  assert.equal(
    (await run(find, ["find", "/t", "-maxdepth", "1", "-type", "f", "!", "-name", "a*"], { files }))
      .stdout,
    "/t/b.log\n",
  );
  const exec = await run(find, ["find", "/t", "-name", "*.log", "-exec", "cat", "{}", ";"], {
    files,
  });
  assert.equal(exec.stdout, "22");
});

Deno.test("xargs batches items and reports failures as 123", async () => {
  assert.equal(
    (await run(xargs, ["xargs", "-n", "2", "echo"], { stdin: "a b c\n" })).stdout,
    "a b\nc\n",
  );
  assert.equal((await run(xargs, ["xargs", "echo"], { stdin: "x'y z'\n" })).stdout, "xy z\n");
  assert.equal(
    (await run(xargs, ["xargs", "-I{}", "echo", "[{}]"], { stdin: "a\nb\n" })).stdout,
    "[a]\n[b]\n",
  );
  assert.equal((await run(xargs, ["xargs", "false"], { stdin: "a\n" })).status, 123);
  assert.equal((await run(xargs, ["xargs", "-r", "echo", "hi"], { stdin: "\n" })).stdout, "");
});

Deno.test("tee copies to files; mktemp creates unique files", async () => {
  const r = await run(tee, ["tee", "/o1", "/o2"], { stdin: "data\n" });
  assert.equal(r.stdout, "data\n");
  assert.equal(await readText(r.fs, "/o2"), "data\n");
  const m = await run(mktemp, ["mktemp"]);
  assert.match(m.stdout, /^\/tmp\/tmp\.[A-Za-z0-9]{6}\n$/);
  assert.equal((await m.fs.stat(m.stdout.trim())).mode, 0o600);
});
