/**
 * GitHub's REST response shapes, from the official OpenAPI description as typed by
 * `@octokit/openapi-types`. Our renderers declare these as return types so `deno check`
 * compares every shape with GitHub's: a missing or misspelled field is a type error.
 */
import type { components } from "@octokit/openapi-types";

export type Schema<K extends keyof components["schemas"]> = components["schemas"][K];
