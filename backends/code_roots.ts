/**
 * The directories a backend Worker must read to load code for the actors it spawns: a Worker
 * loads its children's modules under its own permissions, so a backend that spawns container
 * actors needs read access to this project's source and to Deno's module cache (npm packages),
 * and to nothing else on the host.
 *
 * @module
 */

/** This project's source directory. */
export const SOURCE_ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

/** Deno's cache directory, as `deno info` reports it (DENO_DIR, else the XDG/HOME default). */
export function denoCacheDir(env: (name: string) => string | undefined = Deno.env.get): string {
  const explicit = env("DENO_DIR");
  if (explicit) return explicit;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return `${xdg}/deno`;
  const home = env("HOME");
  if (!home) throw new Error("cannot locate Deno's module cache: neither DENO_DIR nor HOME is set");
  return `${home}/.cache/deno`;
}

/** Read permissions for loading code: the source tree and the module cache. */
export function codeReadRoots(): string[] {
  return [SOURCE_ROOT, denoCacheDir((name) => Deno.env.get(name))];
}
