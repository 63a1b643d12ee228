/**
 * Choosing one image from an OCI index or Docker manifest list for a platform, as containerd's
 * platform matcher does for `docker pull --platform`: os and architecture must match, the
 * variant must match when asked for (arm64 means v8, arm means v7 by default).
 *
 * @module
 */
import { InvalidParameter, NotFound } from "../errors.ts";
import type { Descriptor, Platform } from "../images/mod.ts";

/** linux/amd64: what dockerd on this machine would pull. */
export const defaultPlatform: Platform = { os: "linux", architecture: "amd64" };

/** Parses `linux/arm64/v8`, `linux/amd64`, `arm64` (os defaults to linux). */
export function parsePlatform(text: string): Platform {
  const parts = text.toLowerCase().split("/");
  if (parts.length > 3 || parts.some((p) => p === "")) {
    throw new InvalidParameter(
      `invalid platform ${JSON.stringify(text)}: expected os/arch[/variant]`,
    );
  }
  const [os, architecture, variant] = parts.length === 1 ? ["linux", parts[0]] : parts;
  return normalizePlatform({ os, architecture, ...(variant && { variant }) });
}

/** Formats a platform as `os/arch[/variant]`. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}

const archAliases: Record<string, string> = {
  x86_64: "amd64",
  "x86-64": "amd64",
  aarch64: "arm64",
  armhf: "arm",
};

function normalizePlatform(platform: Platform): Platform {
  const architecture = archAliases[platform.architecture] ?? platform.architecture;
  let variant = platform.variant;
  if (architecture === "arm64" && (variant === "8" || variant === "v8")) variant = undefined;
  if (architecture === "arm" && !variant) variant = "v7";
  if (architecture === "arm" && variant && /^\d$/.test(variant)) variant = `v${variant}`;
  return { os: platform.os, architecture, ...(variant && { variant }) };
}

/** True when an index entry's platform satisfies the wanted one. */
export function platformMatches(wanted: Platform, candidate: Platform | undefined): boolean {
  if (!candidate) return false;
  const a = normalizePlatform(wanted);
  const b = normalizePlatform(candidate);
  return a.os === b.os && a.architecture === b.architecture &&
    (a.variant === undefined || a.variant === b.variant);
}

/**
 * Picks the manifest for `wanted`, or fails listing what the index offers (attestation
 * manifests, `unknown/unknown`, are not platforms and are left out).
 */
export function selectManifest(
  manifests: Descriptor[],
  wanted: Platform,
  what: string,
): Descriptor {
  const match = manifests.find((m) => platformMatches(wanted, m.platform));
  if (match) return match;
  const available = manifests
    .filter((m) => m.platform && m.platform.os !== "unknown")
    .map((m) => formatPlatform(m.platform!));
  throw new NotFound(
    `no matching manifest for ${formatPlatform(wanted)} in the manifest list entries of ${what}: ` +
      `available platforms: ${available.length ? available.join(", ") : "none"}`,
  );
}
