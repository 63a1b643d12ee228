/**
 * The seed image of the registry tests: a root filesystem built from Debian's busybox-static
 * (`/bin/busybox` plus applet symlinks), with Env/Cmd/WorkingDir/Labels in its config.
 *
 * @module
 */
import { createTarPacker, type TarHeader } from "modern-tar";
import type { ImageConfig } from "../../backends/core/images/mod.ts";

/** The runtime config the seed image carries. */
export const busyboxConfig: NonNullable<ImageConfig["config"]> = {
  Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GREETING=hello"],
  Cmd: ["sh"],
  WorkingDir: "/home",
  Labels: { "org.sockerless.test": "busybox", maintainer: "sockerless" },
};

const applets = ["sh", "ls", "cat", "echo", "true", "false", "env", "mkdir", "rm"];

/** A tar stream of entries with in-memory bodies. */
export async function tarEntries(
  entries: { header: TarHeader; body?: Uint8Array }[],
): Promise<Uint8Array> {
  const { readable, controller } = createTarPacker();
  const done = new Response(readable).arrayBuffer();
  for (const { header, body } of entries) {
    const writer = controller.add(header).getWriter();
    if (body) await writer.write(body);
    await writer.close();
  }
  controller.finalize();
  return new Uint8Array(await done);
}

/** The busybox root filesystem layer (an uncompressed tar). */
export async function busyboxLayer(): Promise<Uint8Array> {
  const busybox = await Deno.readFile("/bin/busybox");
  const mtime = new Date("2024-05-01T12:00:00Z");
  return await tarEntries([
    { header: { name: "bin/", type: "directory", size: 0, mode: 0o755, mtime } },
    { header: { name: "bin/busybox", size: busybox.length, mode: 0o755, mtime }, body: busybox },
    ...applets.map((applet) => ({
      header: {
        name: `bin/${applet}`,
        type: "symlink" as const,
        linkname: "busybox",
        size: 0,
        mode: 0o777,
        mtime,
      },
    })),
    { header: { name: "home/", type: "directory", size: 0, mode: 0o755, mtime } },
    { header: { name: "etc/", type: "directory", size: 0, mode: 0o755, mtime } },
    {
      header: { name: "etc/motd", size: 22, mode: 0o644, mtime },
      body: new TextEncoder().encode("built from busybox-st\n"),
    },
  ]);
}

/** A layer of one file of incompressible bytes (for size-heavy images). */
export async function randomLayer(name: string, size: number): Promise<Uint8Array> {
  const body = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) {
    crypto.getRandomValues(body.subarray(offset, Math.min(size, offset + 65536)));
  }
  return await tarEntries([{ header: { name, size, mode: 0o644 }, body }]);
}
