/**
 * Reads the host facts `/info` and `/version` report: nothing is invented, and what cannot be
 * read is reported as unknown.
 *
 * @module
 */
import type { DaemonFacts } from "../http/daemon_facts.ts";

async function osRelease(): Promise<{ pretty: string; version: string }> {
  try {
    const text = await Deno.readTextFile("/etc/os-release");
    const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? "";
    return { pretty: field("PRETTY_NAME") || "unknown", version: field("VERSION_ID") };
  } catch {
    return { pretty: "unknown", version: "" };
  }
}

/** A stable daemon id kept in the data root, created on first start. */
async function engineId(dataRoot: string): Promise<string> {
  const path = `${dataRoot}/engine-id`;
  try {
    return (await Deno.readTextFile(path)).trim();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    const id = crypto.randomUUID();
    await Deno.writeTextFile(`${path}.tmp`, id + "\n");
    await Deno.rename(`${path}.tmp`, path);
    return id;
  }
}

const goArch: Record<string, string> = { x86_64: "amd64", aarch64: "arm64" };

export async function readDaemonFacts(
  backend: string,
  dataRoot: string,
  hosts: string[],
  insecureRegistries: string[] = [],
): Promise<DaemonFacts> {
  const os = await osRelease();
  return {
    id: await engineId(dataRoot),
    name: Deno.hostname(),
    backend,
    dataRoot,
    startedAt: new Date(),
    ncpu: navigator.hardwareConcurrency,
    memTotal: Deno.systemMemoryInfo().total,
    kernelVersion: Deno.osRelease(),
    operatingSystem: os.pretty,
    osVersion: os.version,
    architecture: goArch[Deno.build.arch] ?? Deno.build.arch,
    hosts,
    insecureRegistries,
  };
}
