/**
 * A real memory backend on a temp data root for the container_* tests, with the built-in image
 * pulled (from a registry address that refuses at once, so the loud built-in fallback is used
 * whether or not this machine can reach the internet).
 *
 * @module
 */
import type { BackendHandlers } from "../core/protocol.ts";
import { createMemoryBackend } from "./backend.ts";

export const TEST_IMAGE = "127.0.0.1:9/sandbox:latest";

export interface TestBackend {
  handlers: BackendHandlers;
  /** Creates (and with `start`, starts) a container from the test image. */
  container(
    cmd: string[],
    options?: { start?: boolean; body?: Record<string, unknown>; name?: string },
  ): Promise<string>;
  /** Removes every container and the data root. */
  close(): Promise<void>;
}

export async function startTestBackend(): Promise<TestBackend> {
  const dataRoot = await Deno.makeTempDir({ prefix: "sockerless-container-" });
  const handlers = await createMemoryBackend({ dataRoot, ncpu: 2, memTotal: 1 << 30 });
  const progress = await handlers["image.pull"]({ name: TEST_IMAGE });
  for await (const _ of progress) { /* drained: the pull ends with the built-in image */ }
  const ids: string[] = [];
  return {
    handlers,
    async container(cmd, options = {}) {
      const { Id } = await handlers["container.create"]({
        name: options.name,
        body: { Image: TEST_IMAGE, Cmd: cmd, ...options.body },
      });
      ids.push(Id);
      if (options.start) await handlers["container.start"]({ id: Id });
      return Id;
    },
    async close() {
      for (const id of ids) {
        await Promise.resolve(
          handlers["container.remove"]({ id, force: true, volumes: false, link: false }),
        ).catch(() => {});
      }
      await Deno.remove(dataRoot, { recursive: true });
    },
  };
}
