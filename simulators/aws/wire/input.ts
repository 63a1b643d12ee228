/**
 * Reading fields from a decoded JSON request the way AWS validates them: a missing required
 * member or a member of the wrong type is an error naming the member.
 *
 * @module
 */
import { type AwsError, invalidParameter } from "./errors.ts";

type Fail = (message: string) => AwsError;

/** A required non-empty string member. */
export function requiredString(
  input: Record<string, unknown>,
  field: string,
  fail: Fail = invalidParameter,
): string {
  const value = input[field];
  if (typeof value !== "string" || value === "") {
    throw fail(`${field} must be a non-empty string.`);
  }
  return value;
}

/** An optional string member. */
export function optionalString(
  input: Record<string, unknown>,
  field: string,
  fail: Fail = invalidParameter,
): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw fail(`${field} must be a string.`);
  return value;
}

/** An optional number member. */
export function optionalNumber(
  input: Record<string, unknown>,
  field: string,
  fail: Fail = invalidParameter,
): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw fail(`${field} must be a number.`);
  }
  return value;
}

/** An optional list of strings. */
export function optionalStrings(
  input: Record<string, unknown>,
  field: string,
  fail: Fail = invalidParameter,
): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw fail(`${field} must be a list of strings.`);
  }
  return value as string[];
}

/** An optional list of objects. */
export function optionalObjects(
  input: Record<string, unknown>,
  field: string,
  fail: Fail = invalidParameter,
): Record<string, unknown>[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== "object")) {
    throw fail(`${field} must be a list of objects.`);
  }
  return value as Record<string, unknown>[];
}

/** Pages a list by an opaque `nextToken` (the index as text) and `maxResults`. */
export function page<T>(
  items: T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
  fail: Fail = invalidParameter,
): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0) throw fail("Invalid nextToken.");
  const size = maxResults ?? 100;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : undefined;
  return next === undefined ? { items: slice } : { items: slice, nextToken: next };
}
