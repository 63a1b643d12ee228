/**
 * Image references parsed and normalised exactly like Docker's `distribution/reference`
 * (`ParseNormalizedNamed`, `FamiliarString`): `alpine` is `docker.io/library/alpine:latest`, and
 * what users see (`RepoTags`, progress) is the familiar form with `docker.io/library/` dropped.
 *
 * @module
 */
import { InvalidParameter } from "../errors.ts";

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** Registry host, with port: `docker.io`, `localhost:5000`. */
  domain: string;
  /** Repository path inside the registry: `library/alpine`, `x/y`. */
  path: string;
  /** The tag, when one was given (or defaulted by {@link withDefaultTag}). */
  tag?: string;
  /** The content digest, when one was given: `sha256:…`. */
  digest?: string;
}

const defaultDomain = "docker.io";
const legacyDomain = "index.docker.io";
const officialRepoPrefix = "library/";
const maxNameLength = 255;

// The grammar of distribution/reference's regexp.go.
const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainPattern = new RegExp(`^(?:${domainName}|${ipv6})(?::[0-9]+)?$`);
const pathPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const anchoredId = /^[a-f0-9]{64}$/;

function invalid(reason: string): never {
  throw new InvalidParameter(`invalid reference format: ${reason}`);
}

/**
 * Parses a reference as the docker CLI and daemon do, filling in `docker.io` and `library/`.
 *
 * @example
 * ```ts
 * parseReference("alpine"); // { domain: "docker.io", path: "library/alpine" }
 * parseReference("localhost:5000/x/y@sha256:" + "a".repeat(64)).digest; // "sha256:aaa…"
 * ```
 */
export function parseReference(text: string): ImageReference {
  if (text.length === 0) invalid("repository name must have at least one component");
  if (anchoredId.test(text)) {
    invalid(`invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
  }
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) invalid(`invalid digest format in ${JSON.stringify(text)}`);
    if (digest.startsWith("sha256:") && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      invalid(`invalid checksum digest length in ${JSON.stringify(text)}`);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) invalid(`invalid tag ${JSON.stringify(tag)}`);
  }
  const { domain, path } = splitDomain(rest);
  if (!domainPattern.test(domain)) invalid(`invalid domain ${JSON.stringify(domain)}`);
  if (path.toLowerCase() !== path) invalid(`repository name (${path}) must be lowercase`);
  if (!pathPattern.test(path)) invalid(`invalid repository name ${JSON.stringify(rest)}`);
  if (domain.length + 1 + path.length > maxNameLength) {
    invalid(`repository name must not be more than ${maxNameLength} characters`);
  }
  return { domain, path, ...(tag !== undefined && { tag }), ...(digest && { digest }) };
}

// distribution's splitDockerDomain: the first component is a registry only when it looks like a
// host (has "." or ":", is "localhost", or has upper case letters).
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf("/");
  let domain = defaultDomain;
  let path = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first) {
      domain = first;
      path = name.slice(slash + 1);
    }
  }
  if (domain === legacyDomain) domain = defaultDomain;
  if (domain === defaultDomain && !path.includes("/")) path = officialRepoPrefix + path;
  return { domain, path };
}

/** Adds `latest` when a reference has neither tag nor digest (`docker pull alpine`). */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: "latest" } : ref;
}

/** The full repository name: `docker.io/library/alpine`. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The full reference string: `docker.io/library/alpine:latest`. */
export function formatReference(ref: ImageReference): string {
  return repositoryName(ref) + (ref.tag !== undefined ? `:${ref.tag}` : "") +
    (ref.digest ? `@${ref.digest}` : "");
}

/** The repository name as the docker CLI shows it: `alpine`, `localhost:5000/x/y`. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== defaultDomain) return repositoryName(ref);
  return ref.path.startsWith(officialRepoPrefix) &&
      !ref.path.slice(officialRepoPrefix.length).includes("/")
    ? ref.path.slice(officialRepoPrefix.length)
    : ref.path;
}

/** The reference as the docker CLI shows it in `RepoTags`/`RepoDigests`: `alpine:latest`. */
export function familiarString(ref: ImageReference): string {
  return familiarName(ref) + (ref.tag !== undefined ? `:${ref.tag}` : "") +
    (ref.digest ? `@${ref.digest}` : "");
}

/** True when the string is a (possibly truncated) hex image ID, with or without `sha256:`. */
export function isIdPrefix(text: string): boolean {
  return /^(sha256:)?[a-f0-9]{1,64}$/.test(text);
}
