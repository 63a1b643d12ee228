/**
 * The `SystemInfo` a container's sandbox reports (`uname`, `nproc`, `free`, /proc): the CPU
 * count and memory total the backend measured on the daemon host, never made up here.
 *
 * @module
 */
import type { SystemInfo } from "../../../sandbox/mod.ts";

export function containerSystemInfo(options: {
  hostname: string;
  ncpu: number;
  memTotal: number;
}): SystemInfo {
  const { hostname, ncpu, memTotal } = options;
  if (!Number.isInteger(ncpu) || ncpu < 1) {
    throw new Error(`container actor: ncpu must be the host's CPU count, got ${ncpu}`);
  }
  if (!Number.isFinite(memTotal) || memTotal <= 0) {
    throw new Error(
      `container actor: memTotal must be the host's memory in bytes, got ${memTotal}`,
    );
  }
  return {
    hostname,
    // The sandbox is a Linux userland, not a Linux kernel: the release says which it is.
    kernel: {
      sysname: "Linux",
      release: "sockerless-sandbox",
      version: "#1 Sockerless sandbox",
      machine: Deno.build.arch,
    },
    ncpu,
    memTotalBytes: memTotal,
    // A Worker without permissions cannot read the host's free memory; what it can see is this
    // daemon's own resident size, so "free" is the total less that.
    memFreeBytes: () => Math.max(0, memTotal - Deno.memoryUsage().rss),
    // `uptime` in the container counts from the container's start.
    bootTimeMs: Date.now(),
  };
}
