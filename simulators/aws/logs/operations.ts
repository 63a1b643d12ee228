/**
 * CloudWatch Logs operations (awsJson1_1, target prefix `Logs_20140328`): log groups and
 * streams, PutLogEvents, GetLogEvents (with AWS's `f/…` and `b/…` tokens) and FilterLogEvents.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { LogGroup, LogStream } from "../state/model.ts";
import { invalidParameter } from "../wire/errors.ts";
import {
  optionalNumber,
  optionalObjects,
  optionalString,
  optionalStrings,
  page,
  requiredString,
} from "../wire/input.ts";
import { matchesFilterPattern, parseFilterPattern } from "./filter_pattern.ts";
import {
  appendEvents,
  createGroup,
  createStream,
  requireGroup,
  requireStream,
  resourceNotFound,
} from "./log_store.ts";

function _groupName(input: Record<string, unknown>): string {
  const name = optionalString(input, "logGroupName") ??
    optionalString(input, "logGroupIdentifier")?.replace(/^arn:.*:log-group:/, "").replace(
      /:\*$/,
      "",
    );
  if (!name) throw invalidParameter("logGroupName must be specified.");
  if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
    throw invalidParameter(`Invalid log group name: ${name}`);
  }
  return name;
}

export function createLogGroup(input: Record<string, unknown>, ctx: AwsContext) {
  const tags = (input.tags ?? {}) as Record<string, string>;
  createGroup(ctx.world.state, ctx.region, ctx.accountId, _groupName(input), tags);
  ctx.world.store.changed();
  return {};
}

export function deleteLogGroup(input: Record<string, unknown>, ctx: AwsContext) {
  const name = _groupName(input);
  requireGroup(ctx.world.state, ctx.region, name);
  delete ctx.world.state.logGroups[`${ctx.region}/${name}`];
  ctx.world.store.changed();
  return {};
}

function _renderGroup(g: LogGroup) {
  const { streams: _s, tags: _t, ...rest } = g;
  return rest;
}

function _renderStream(s: LogStream) {
  const { events: _e, ...rest } = s;
  return rest;
}

export function describeLogGroups(input: Record<string, unknown>, ctx: AwsContext) {
  const prefix = optionalString(input, "logGroupNamePrefix") ?? "";
  const groups = Object.entries(ctx.world.state.logGroups)
    .filter(([key, g]) => key.startsWith(`${ctx.region}/`) && g.logGroupName.startsWith(prefix))
    .map(([, g]) => g)
    .sort((a, b) => a.logGroupName < b.logGroupName ? -1 : 1);
  const { items, nextToken } = page(
    groups,
    optionalString(input, "nextToken"),
    optionalNumber(input, "limit") ?? 50,
  );
  return { logGroups: items.map(_renderGroup), nextToken };
}

export function createLogStream(input: Record<string, unknown>, ctx: AwsContext) {
  const group = requireGroup(ctx.world.state, ctx.region, _groupName(input));
  createStream(group, requiredString(input, "logStreamName"));
  ctx.world.store.changed();
  return {};
}

export function describeLogStreams(input: Record<string, unknown>, ctx: AwsContext) {
  const group = requireGroup(ctx.world.state, ctx.region, _groupName(input));
  const prefix = optionalString(input, "logStreamNamePrefix") ?? "";
  const byTime = optionalString(input, "orderBy") === "LastEventTime";
  if (byTime && prefix) {
    throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  const streams = Object.values(group.streams).filter((s) => s.logStreamName.startsWith(prefix))
    .sort((a, b) =>
      byTime
        ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
        : a.logStreamName < b.logStreamName
        ? -1
        : 1
    );
  if (input.descending === true) streams.reverse();
  const { items, nextToken } = page(
    streams,
    optionalString(input, "nextToken"),
    optionalNumber(input, "limit") ?? 50,
  );
  return { logStreams: items.map(_renderStream), nextToken };
}

export function putLogEvents(input: Record<string, unknown>, ctx: AwsContext) {
  const group = requireGroup(ctx.world.state, ctx.region, _groupName(input));
  const stream = requireStream(group, requiredString(input, "logStreamName"));
  const events = optionalObjects(input, "logEvents") ?? [];
  if (events.length === 0) throw invalidParameter("logEvents must contain at least one event.");
  let last = -Infinity;
  const checked = events.map((e) => {
    if (typeof e.timestamp !== "number" || typeof e.message !== "string") {
      throw invalidParameter("Each log event needs a numeric timestamp and a string message.");
    }
    if (e.timestamp < last) {
      throw invalidParameter(
        "Log events in a single PutLogEvents request must be in chronological order.",
      );
    }
    last = e.timestamp;
    return { timestamp: e.timestamp, message: e.message };
  });
  appendEvents(group, stream, checked);
  ctx.world.store.changed();
  return { nextSequenceToken: stream.uploadSequenceToken };
}

export function getLogEvents(input: Record<string, unknown>, ctx: AwsContext) {
  const group = requireGroup(ctx.world.state, ctx.region, _groupName(input));
  const stream = requireStream(group, requiredString(input, "logStreamName"));
  const start = optionalNumber(input, "startTime") ?? -Infinity;
  const end = optionalNumber(input, "endTime") ?? Infinity;
  const limit = optionalNumber(input, "limit") ?? 10000;
  const events = stream.events.filter((e) => e.timestamp >= start && e.timestamp < end);
  const token = optionalString(input, "nextToken");
  let from: number;
  let to: number;
  if (token) {
    const m = /^([fb])\/(\d+)$/.exec(token);
    if (!m) throw invalidParameter("The specified nextToken is invalid.");
    const at = Math.min(Number(m[2]), events.length);
    [from, to] = m[1] === "f"
      ? [at, Math.min(at + limit, events.length)]
      : [Math.max(0, at - limit), at];
  } else if (input.startFromHead === true) {
    [from, to] = [0, Math.min(limit, events.length)];
  } else {
    [from, to] = [Math.max(0, events.length - limit), events.length];
  }
  return {
    events: events.slice(from, to),
    nextForwardToken: `f/${String(to).padStart(56, "0")}`,
    nextBackwardToken: `b/${String(from).padStart(56, "0")}`,
  };
}

export function filterLogEvents(input: Record<string, unknown>, ctx: AwsContext) {
  const group = requireGroup(ctx.world.state, ctx.region, _groupName(input));
  const names = optionalStrings(input, "logStreamNames");
  const prefix = optionalString(input, "logStreamNamePrefix");
  if (names && prefix) {
    throw invalidParameter("logStreamNames and logStreamNamePrefix cannot both be specified.");
  }
  const start = optionalNumber(input, "startTime") ?? -Infinity;
  const end = optionalNumber(input, "endTime") ?? Infinity;
  const pattern = parseFilterPattern(optionalString(input, "filterPattern") ?? "");
  const streams = Object.values(group.streams).filter((s) =>
    names ? names.includes(s.logStreamName) : s.logStreamName.startsWith(prefix ?? "")
  );
  if (names && streams.length === 0) {
    throw resourceNotFound("The specified log stream does not exist.");
  }
  const matches = streams.flatMap((s) =>
    s.events.map((e, i) => ({ s, e, i })).filter(({ e }) =>
      e.timestamp >= start && e.timestamp < end && matchesFilterPattern(pattern, e.message)
    )
  ).sort((a, b) => a.e.timestamp - b.e.timestamp)
    .map(({ s, e, i }) => ({
      logStreamName: s.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: `${e.timestamp}${String(i).padStart(20, "0")}`,
    }));
  const { items, nextToken } = page(
    matches,
    optionalString(input, "nextToken"),
    optionalNumber(input, "limit") ?? 10000,
  );
  return { events: items, searchedLogStreams: [], nextToken };
}
