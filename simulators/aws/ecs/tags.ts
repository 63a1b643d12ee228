/**
 * ECS tagging: TagResource, UntagResource, ListTagsForResource on clusters, task definitions and
 * tasks. Backends find their resources again by these tags after a restart, so they are stored
 * with the resource and survive in the data directory.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { Tag } from "../state/model.ts";
import { AwsError, invalidParameter } from "../wire/errors.ts";
import { optionalObjects, optionalStrings, requiredString } from "../wire/input.ts";
import { clusterNotFound } from "./names.ts";

/** Validates an ECS `tags` list (`[{key, value}]`, at most 50, keys 1–128 characters). */
export function tagsFrom(list: Record<string, unknown>[] | undefined): Tag[] {
  if (!list) return [];
  if (list.length > 50) throw invalidParameter("A resource can have at most 50 tags.");
  return list.map((t) => {
    if (typeof t.key !== "string" || t.key.length < 1 || t.key.length > 128) {
      throw invalidParameter("Tag keys must be between 1 and 128 characters.");
    }
    if (t.value !== undefined && typeof t.value !== "string") {
      throw invalidParameter("Tag values must be strings.");
    }
    return { key: t.key, value: (t.value as string | undefined) ?? "" };
  });
}

/** The tag list of the resource an ARN names. */
function _tagsOf(ctx: AwsContext, arn: string): { tags: Tag[]; set(tags: Tag[]): void } {
  const m = /^arn:aws:ecs:([^:]+):(\d+):(cluster|task-definition|task)\/(.+)$/.exec(arn);
  if (!m || m[1] !== ctx.region) throw invalidParameter(`Invalid ARN: ${arn}`);
  const [, , , kind, rest] = m;
  const state = ctx.world.state;
  if (kind === "cluster") {
    const c = state.clusters[`${ctx.region}/${rest}`];
    if (!c || c.status !== "ACTIVE") throw clusterNotFound();
    return { tags: c.tags, set: (tags) => c.tags = tags };
  }
  if (kind === "task") {
    const t = state.tasks[arn];
    if (!t) throw invalidParameter("The specified task is not found.");
    return { tags: t.tags, set: (tags) => t.tags = tags };
  }
  const [family, revision] = rest.split(":");
  const d = (state.taskDefinitions[`${ctx.region}/${family}`] ?? []).find((d) =>
    d.revision === Number(revision)
  );
  if (!d) throw new AwsError("ClientException", "The specified task definition does not exist.");
  const tags = () => (d.tags as Tag[] | undefined) ?? [];
  return { tags: tags(), set: (list) => d.tags = list };
}

export function tagResource(input: Record<string, unknown>, ctx: AwsContext) {
  const target = _tagsOf(ctx, requiredString(input, "resourceArn"));
  const added = tagsFrom(optionalObjects(input, "tags") ?? []);
  const merged = new Map(target.tags.map((t) => [t.key, t.value]));
  for (const t of added) merged.set(t.key, t.value);
  if (merged.size > 50) throw invalidParameter("A resource can have at most 50 tags.");
  target.set([...merged].map(([key, value]) => ({ key, value })));
  ctx.world.store.changed();
  return {};
}

export function untagResource(input: Record<string, unknown>, ctx: AwsContext) {
  const target = _tagsOf(ctx, requiredString(input, "resourceArn"));
  const keys = new Set(optionalStrings(input, "tagKeys") ?? []);
  target.set(target.tags.filter((t) => !keys.has(t.key)));
  ctx.world.store.changed();
  return {};
}

export function listTagsForResource(input: Record<string, unknown>, ctx: AwsContext) {
  return { tags: _tagsOf(ctx, requiredString(input, "resourceArn")).tags };
}
