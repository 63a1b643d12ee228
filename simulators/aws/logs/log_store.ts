/**
 * CloudWatch Logs storage shared by the Logs API and the task runner: groups, streams and
 * events, with the ARNs and counters DescribeLogGroups/DescribeLogStreams report.
 *
 * @module
 */
import type { AwsState, LogEvent, LogGroup, LogStream } from "../state/model.ts";
import { AwsError } from "../wire/errors.ts";

export function resourceNotFound(message: string): AwsError {
  return new AwsError("ResourceNotFoundException", message);
}

export function findGroup(state: AwsState, region: string, name: string): LogGroup | undefined {
  return state.logGroups[`${region}/${name}`];
}

export function requireGroup(state: AwsState, region: string, name: string): LogGroup {
  const group = findGroup(state, region, name);
  if (!group) throw resourceNotFound("The specified log group does not exist.");
  return group;
}

export function createGroup(
  state: AwsState,
  region: string,
  accountId: string,
  name: string,
  tags: Record<string, string> = {},
): LogGroup {
  const key = `${region}/${name}`;
  if (state.logGroups[key]) {
    throw new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
  }
  const arn = `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
  const group: LogGroup = {
    logGroupName: name,
    creationTime: Date.now(),
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes: 0,
    metricFilterCount: 0,
    logGroupClass: "STANDARD",
    tags,
    streams: {},
  };
  state.logGroups[key] = group;
  return group;
}

export function createStream(group: LogGroup, name: string): LogStream {
  if (group.streams[name]) {
    throw new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
  }
  const stream: LogStream = {
    logStreamName: name,
    creationTime: Date.now(),
    arn: `${group.logGroupArn}:log-stream:${name}`,
    storedBytes: 0,
    uploadSequenceToken: "1",
    events: [],
  };
  group.streams[name] = stream;
  return stream;
}

export function requireStream(group: LogGroup, name: string): LogStream {
  const stream = group.streams[name];
  if (!stream) throw resourceNotFound("The specified log stream does not exist.");
  return stream;
}

/** Appends events (already ordered by the caller) and updates the stream's counters. */
export function appendEvents(
  group: LogGroup,
  stream: LogStream,
  events: { timestamp: number; message: string }[],
): void {
  const now = Date.now();
  for (const e of events) {
    const event: LogEvent = { timestamp: e.timestamp, message: e.message, ingestionTime: now };
    stream.events.push(event);
    const size = new TextEncoder().encode(e.message).length + 26;
    stream.storedBytes += size;
    group.storedBytes += size;
    stream.firstEventTimestamp ??= e.timestamp;
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? 0, e.timestamp);
  }
  stream.lastIngestionTime = now;
  stream.uploadSequenceToken = String(Number(stream.uploadSequenceToken) + 1);
}
