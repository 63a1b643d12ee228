import assert from "node:assert/strict";
import { sh, shellFileSystem, testKernel } from "../shell/test_utils.ts";
import { bytesInput, collectOutput } from "../io.ts";
import { ExecError } from "./lookup.ts";
import { ELF_MESSAGE } from "../wasi/mod.ts";
import { assemble, hasWat2Wasm, PROGRAMS } from "../wasi/wat_test_utils.ts";

async function box() {
  const fs = await shellFileSystem({
    "/opt/script.sh": "#!/bin/sh\necho script $0 $1\n",
    "/opt/envscript": "#!/usr/bin/env sh\necho via-env $1\n",
    "/opt/noexec.sh": "#!/bin/sh\necho never\n",
    "/opt/plain": "echo plain text script $#\n",
    "/opt/missing-interp": "#!/no/such/interp\necho x\n",
  });
  await fs.symlink("/bin/busybox", "/usr/bin/env");
  for (const p of ["/opt/script.sh", "/opt/envscript", "/opt/plain", "/opt/missing-interp"]) {
    await fs.chmod(p, 0o755);
  }
  await fs.writeFile("/opt/elf", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), {
    mode: 0o755,
  });
  await fs.writeFile("/opt/bin.dat", new Uint8Array([1, 0, 2, 3]), { mode: 0o755 });
  await fs.mkdir("/opt/dir");
  return fs;
}

const CASES: [string, string, string][] = [
  ["/opt/script.sh arg1", "script /opt/script.sh arg1\n", ""],
  ["cd /opt; ./script.sh rel", "script ./script.sh rel\n", ""],
  ["PATH=/opt; script.sh p", "script /opt/script.sh p\n", ""],
  ["/opt/envscript e1", "via-env e1\n", ""],
  ["/opt/plain a b", "plain text script 2\n", ""],
  ["/opt/noexec.sh; echo $?", "126\n", "sh: /opt/noexec.sh: Permission denied\n"],
  ["sh /opt/noexec.sh", "never\n", ""],
  ["/opt/elf; echo $?", "126\n", `sh: /opt/elf: ${ELF_MESSAGE}\n`],
  ["/opt/bin.dat; echo $?", "126\n", "sh: /opt/bin.dat: Exec format error\n"],
  ["/opt/dir; echo $?", "126\n", "sh: /opt/dir: Permission denied\n"],
  ["/opt/missing-interp; echo $?", "127\n", "sh: /opt/missing-interp: not found\n"],
  ["nosuch; echo $?", "127\n", "sh: nosuch: not found\n"],
  ["busybox echo via busybox", "via busybox\n", ""],
  ["/bin/busybox nosuch; echo $?", "127\n", "sh: nosuch: applet not found\n"],
  ["command -v sh; type sh", "/bin/sh\nsh is /bin/sh\n", ""],
];

Deno.test("lookup: PATH search, #! scripts, busybox links, ELF and permission failures", async () => {
  for (const [script, stdout, stderr] of CASES) {
    const r = await sh(script, { fs: await box() });
    assert.equal(r.stdout, stdout, script);
    assert.equal(r.stderr, stderr, script);
  }
});

Deno.test("lookup: a hard link to /bin/busybox is an applet too", async () => {
  const fs = await box();
  await fs.link("/bin/busybox", "/opt/echo");
  const r = await sh("/opt/echo hard-linked", { fs });
  assert.equal(r.stdout, "hard-linked\n");
});

Deno.test({
  name: "lookup: a \\0asm file on PATH runs as a WASI program with the shell's stdio",
  ignore: !hasWat2Wasm(),
  async fn() {
    const fs = await box();
    await fs.writeFile("/usr/bin/hello", await assemble(PROGRAMS.hello), { mode: 0o755 });
    await fs.writeFile("/usr/bin/exit3", await assemble(PROGRAMS.exit3), { mode: 0o755 });
    const r = await sh("hello | tr a-z A-Z; exit3; echo $?", { fs });
    assert.equal(r.stdout, "HELLO FROM WASM\n3\n");
  },
});

Deno.test("spawn from a program rejects with ExecError when the command cannot run", async () => {
  const fs = await box();
  const kernel = testKernel(fs);
  const seen: unknown[] = [];
  const out = collectOutput();
  const parent = kernel.start(
    {
      argv: ["probe"],
      env: { PATH: "/bin" },
      cwd: "/",
      uid: 0,
      gid: 0,
      stdin: bytesInput(),
      stdout: out,
      stderr: out,
    },
    async (ctx) => {
      for (const argv of [["nosuch"], ["/opt/noexec.sh"], ["/opt/elf"]]) {
        await ctx.spawn(argv).catch((error) => seen.push(error));
      }
      return await ctx.spawn(["echo", "spawned"]);
    },
  );
  assert.equal(await parent.exited, 0);
  assert.equal(out.text(), "spawned\n");
  assert.deepEqual(
    seen.map((e) => e instanceof ExecError && [e.status, e.command, e.message]),
    [
      [127, "nosuch", "No such file or directory"],
      [126, "/opt/noexec.sh", "Permission denied"],
      [126, "/opt/elf", ELF_MESSAGE],
    ],
  );
  // busybox env words it the same way.
  const r = await sh("env nosuch; echo $?", { fs });
  assert.equal(r.stderr, "env: can't execute 'nosuch': No such file or directory\n");
  assert.equal(r.stdout, "127\n");
});

Deno.test("SIGPIPE: a program writing into a closed pipe dies quietly with 141", async () => {
  const r = await sh(
    "cat /dev/zero | head -c 100000 | wc -c; set -o pipefail; seq 1 100000 | head -1; echo $?; sh -c 'echo a; echo b' | head -1",
    { fs: await box() },
  );
  assert.equal(r.stdout, "100000\n1\n141\na\n");
  assert.equal(r.stderr, "");
});
