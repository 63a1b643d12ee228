/**
 * A container-actor stand-in for sandbox_test.ts: runs inside a Worker created with
 * `permissions: "none"`, runs a script in the sandbox, and reports what the Worker itself may
 * touch on the host (nothing).
 *
 * @module
 */
import {
  bytesInput,
  collectOutput,
  createFileSystem,
  createProcessTable,
  createSandbox,
  rootfsLayer,
  type SystemInfo,
} from "../mod.ts";

const SYSTEM: SystemInfo = {
  hostname: "box",
  kernel: { sysname: "Linux", release: "6.1", version: "#1", machine: "x86_64" },
  ncpu: 1,
  memTotalBytes: 1 << 30,
  memFreeBytes: () => 1 << 29,
  bootTimeMs: 0,
};

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
  // A fresh container each time: the built-in rootfs layer is shared, the writable layer is new.
  const processes = createProcessTable();
  const fs = await createFileSystem({ image: rootfsLayer(), system: SYSTEM, processes });
  const sandbox = createSandbox({ fs, system: SYSTEM, processes });
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
