/**
 * A C program built against Debian's wasi-libc (packages clang-14, lld-14, wasi-libc,
 * libclang-rt-14-dev-wasm32) runs with the sandbox filesystem: readdir, lstat, fopen, mkdir,
 * rename, symlink/readlink, stdin, nanosleep (poll_oneoff), clocks and its exit status. Skipped,
 * with a message, where clang-14 is not installed.
 */
import assert from "node:assert/strict";
import { createFileSystem } from "../fs/mod.ts";
import { bytesInput, collectOutput } from "../io.ts";
import { runWasi } from "./mod.ts";

const SOURCE = String.raw`
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  printf("argv=%s env=%s\n", argv[1], getenv("GREETING"));
  DIR *d = opendir(argv[1]);
  if (!d) { printf("opendir: %s\n", strerror(errno)); return 2; }
  struct dirent *e;
  while ((e = readdir(d))) {
    struct stat st;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
    if (lstat(path, &st) == 0) printf("%s %s %lld\n", e->d_name, S_ISDIR(st.st_mode) ? "dir" : "file", (long long)st.st_size);
  }
  closedir(d);
  FILE *f = fopen("/tmp/out.txt", "w");
  if (!f) { printf("fopen: %s\n", strerror(errno)); return 3; }
  fprintf(f, "written by wasi-libc\n");
  fclose(f);
  if (mkdir("/tmp/newdir", 0755) != 0) printf("mkdir: %s\n", strerror(errno));
  if (rename("/tmp/out.txt", "/tmp/newdir/moved.txt") != 0) printf("rename: %s\n", strerror(errno));
  if (symlink("/tmp/newdir/moved.txt", "/tmp/link") != 0) printf("symlink: %s\n", strerror(errno));
  char buf[128];
  ssize_t n = readlink("/tmp/link", buf, sizeof buf - 1);
  if (n >= 0) { buf[n] = 0; printf("readlink=%s\n", buf); }
  FILE *r = fopen("/tmp/link", "r");
  char line[64];
  if (r && fgets(line, sizeof line, r)) printf("via link: %s", line);
  if (r) fclose(r);
  if (fopen("/etc/../../missing", "r") == NULL) printf("missing: %s\n", strerror(errno));
  char in[64];
  if (fgets(in, sizeof in, stdin)) printf("stdin: %s", in);
  struct timespec ts = {0, 20 * 1000 * 1000};
  nanosleep(&ts, 0);
  printf("clock: %d\n", time(0) > 1600000000);
  return 7;
}
`;

function hasClang(): boolean {
  try {
    return new Deno.Command("clang-14", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync()
      .success;
  } catch {
    return false;
  }
}

const ignore = !hasClang();
if (ignore) {
  console.warn(
    "clang-14 not found: wasi-libc test skipped (apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)",
  );
}

async function compile(): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/p.c`, SOURCE);
    const args = [
      "--target=wasm32-wasi",
      "--sysroot=/usr",
      "-O1",
      "-o",
      `${dir}/p.wasm`,
      `${dir}/p.c`,
    ];
    const out = await new Deno.Command("clang-14", { args }).output();
    if (!out.success) throw new Error(`clang-14 failed: ${new TextDecoder().decode(out.stderr)}`);
    return await Deno.readFile(`${dir}/p.wasm`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "wasi-libc program: directories, files, links, stdin, sleep, exit status",
  ignore,
}, async () => {
  const fs = await createFileSystem();
  const text = (s: string) => new TextEncoder().encode(s);
  await fs.mkdir("/tmp");
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/hosts", text("127.0.0.1 localhost\n"));
  await fs.mkdir("/etc/conf.d");
  const stdout = collectOutput();
  const status = await runWasi(await compile(), {
    argv: ["probe", "/etc"],
    env: { GREETING: "hi" },
    cwd: "/",
    pid: 1,
    uid: 0,
    gid: 0,
    umask: 0o022,
    stdin: bytesInput("typed line\n"),
    stdout,
    stderr: collectOutput(),
    fs,
    signal: new AbortController().signal,
    processes: { list: () => [], kill: () => false },
    system: {
      hostname: "h",
      kernel: { sysname: "Linux", release: "6", version: "#1", machine: "x86_64" },
      ncpu: 1,
      memTotalBytes: 1,
      memFreeBytes: () => 1,
      bootTimeMs: 0,
    },
    spawn: () => Promise.reject(new Error("spawn is not part of this test")),
  });
  assert.equal(status, 7);
  assert.equal(
    stdout.text(),
    [
      "argv=/etc env=hi",
      "conf.d dir 4096",
      "hosts file 20",
      "readlink=/tmp/newdir/moved.txt",
      "via link: written by wasi-libc",
      "missing: No such file or directory",
      "stdin: typed line",
      "clock: 1",
      "",
    ].join("\n"),
  );
  assert.equal(
    new TextDecoder().decode(await fs.readFile("/tmp/newdir/moved.txt")),
    "written by wasi-libc\n",
  );
  assert.equal((await fs.stat("/tmp/link", { follow: false })).kind, "symlink");
});
