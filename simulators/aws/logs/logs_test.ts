import assert from "node:assert/strict";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { withSimulator } from "../test_utils.ts";

Deno.test("CloudWatch Logs: groups, streams, put, get with tokens, filter", async () => {
  await withSimulator(async ({ client }) => {
    const logs = new CloudWatchLogsClient(client);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/ecs/app" }));
    await assert.rejects(
      logs.send(new CreateLogGroupCommand({ logGroupName: "/ecs/app" })),
      { name: "ResourceAlreadyExistsException" },
    );
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/ecs/app", logStreamName: "s1" }));
    const t = 1_700_000_000_000;
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: "/ecs/app",
        logStreamName: "s1",
        logEvents: [0, 1, 2, 3, 4].map((i) => ({
          timestamp: t + i,
          message: i % 2 ? `ERROR ${i}` : `ok ${i}`,
        })),
      }),
    );
    await assert.rejects(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: "/ecs/app",
          logStreamName: "s1",
          logEvents: [{ timestamp: t + 9, message: "b" }, { timestamp: t, message: "a" }],
        }),
      ),
      { name: "InvalidParameterException" },
    );
    const head = await logs.send(
      new GetLogEventsCommand({
        logGroupName: "/ecs/app",
        logStreamName: "s1",
        startFromHead: true,
        limit: 2,
      }),
    );
    assert.deepEqual(head.events?.map((e) => e.message), ["ok 0", "ERROR 1"]);
    const more = await logs.send(
      new GetLogEventsCommand({
        logGroupName: "/ecs/app",
        logStreamName: "s1",
        nextToken: head.nextForwardToken,
        limit: 10,
      }),
    );
    assert.deepEqual(more.events?.map((e) => e.message), ["ok 2", "ERROR 3", "ok 4"]);
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: "/ecs/app", logStreamName: "s1", limit: 1 }),
    );
    assert.deepEqual(tail.events?.map((e) => e.message), ["ok 4"]);
    const filtered = await logs.send(
      new FilterLogEventsCommand({ logGroupName: "/ecs/app", filterPattern: "ERROR" }),
    );
    assert.deepEqual(filtered.events?.map((e) => [e.logStreamName, e.message]), [
      ["s1", "ERROR 1"],
      ["s1", "ERROR 3"],
    ]);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs" }));
    assert.equal(groups.logGroups?.[0].logGroupName, "/ecs/app");
    assert.ok((groups.logGroups?.[0].storedBytes ?? 0) > 0);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/ecs/app" }));
    assert.equal(streams.logStreams?.[0].lastEventTimestamp, t + 4);
    await assert.rejects(
      logs.send(new GetLogEventsCommand({ logGroupName: "/nope", logStreamName: "s" })),
      { name: "ResourceNotFoundException", message: "The specified log group does not exist." },
    );
  });
});
