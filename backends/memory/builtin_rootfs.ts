/**
 * The built-in root filesystem as an uncompressed layer tar: the same layer container actors
 * run on, so the image's blob and what containers see are one thing.
 *
 * @module
 */
import { createFileSystem, exportTar } from "../../sandbox/mod.ts";
import { builtinRootLayer } from "./container/root_layer.ts";

let cached: Promise<Uint8Array> | undefined;

/** The tar of the sandbox's built-in root filesystem (built once per process). */
export function builtinRootfsTar(): Promise<Uint8Array> {
  cached ??= (async () => {
    const fs = await createFileSystem({ image: await builtinRootLayer(), devices: false });
    const tar = exportTar(fs, "/", { as: "" });
    return new Uint8Array(await new Response(tar).arrayBuffer());
  })();
  return cached;
}
