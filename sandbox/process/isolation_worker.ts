/**
 * A container-actor stand-in for sandbox_test.ts: runs inside a Worker created with
 * `permissions: "none"`, runs a script in the sandbox, and reports what the Worker itself may
 * touch on the host (nothing).
 *
 * @module
 */
import { bytesInput, collectOutput, createSandbox } from "../mod.ts";
import { testRootfs } from "../shell/test_rootfs.ts";
import { applets } from "../applets/mod.ts";

async function probe(action: () => unknown): Promise<string> {
  try {
    await action();
    return "allowed";
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

/** This module runs as a Worker: `self` is its global scope, not a window. */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<{ script: string; hostFile: string }>) => void;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event) => {
  const { script, hostFile } = event.data;
  const fs = await testRootfs(Object.keys(applets));
  const sandbox = createSandbox({
    fs,
    system: {
      hostname: "box",
      kernel: { sysname: "Linux", release: "6.1", version: "#1", machine: "x86_64" },
      ncpu: 1,
      memTotalBytes: 1 << 30,
      memFreeBytes: () => 1 << 29,
      bootTimeMs: 0,
    },
  });
  const stdout = collectOutput();
  const stderr = collectOutput();
  const process = await sandbox.spawn({
    argv: ["sh", "-c", script],
    stdin: bytesInput(""),
    stdout,
    stderr,
  });
  const status = await process.exited;
  scope.postMessage({
    status,
    stdout: stdout.text(),
    stderr: stderr.text(),
    readHostFile: await probe(() => Deno.readTextFile(hostFile)),
    readEnv: await probe(() => Deno.env.get("PATH")),
    connect: await probe(() => Deno.connect({ hostname: "127.0.0.1", port: 9 })),
  });
};
