/**
 * The health check a create body asks for, read from Docker's `Healthcheck` (durations in
 * nanoseconds; `Test` is `["CMD", ...argv]`, `["CMD-SHELL", script]`, `["NONE"]` to disable, or
 * empty to inherit the image's). A cloud backend either runs it with its cloud's own health
 * checks or refuses it at create: accepting it and never checking would be a silent fallback.
 *
 * @module
 */
import type { ContainerCreateBody } from "../container_types.ts";

export interface AskedHealthcheck {
  /** `["CMD", ...]` or `["CMD-SHELL", script]`. */
  test: string[];
  /** Nanoseconds; 0 means Docker's default. */
  interval: number;
  timeout: number;
  startPeriod: number;
  /** 0 means Docker's default. */
  retries: number;
  /** Nanoseconds between checks within the start period (Docker 25); 0 when not asked. */
  startInterval: number;
}

/** The health check asked for, or undefined when none is (none given, inherited, or NONE). */
export function askedHealthcheck(body: ContainerCreateBody): AskedHealthcheck | undefined {
  const h = body.Healthcheck;
  const test = Array.isArray(h?.Test) ? (h.Test as unknown[]).map(String) : [];
  if (test.length === 0 || test[0] === "NONE") return undefined;
  const num = (v: unknown) => typeof v === "number" && v > 0 ? v : 0;
  return {
    test,
    interval: num(h?.Interval),
    timeout: num(h?.Timeout),
    startPeriod: num(h?.StartPeriod),
    retries: num(h?.Retries),
    startInterval: num(h?.StartInterval),
  };
}
