/**
 * The CloudWatch Logs service of the AWS simulator (awsJson1_1, target prefix `Logs_20140328`).
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { JsonService } from "../wire/json_protocol.ts";
import {
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  describeLogGroups,
  describeLogStreams,
  filterLogEvents,
  getLogEvents,
  putLogEvents,
} from "./operations.ts";

export const logsService: JsonService<AwsContext> = {
  targetPrefix: "Logs_20140328",
  namespace: "com.amazonaws.logs",
  operations: {
    CreateLogGroup: createLogGroup,
    DeleteLogGroup: deleteLogGroup,
    DescribeLogGroups: describeLogGroups,
    CreateLogStream: createLogStream,
    DescribeLogStreams: describeLogStreams,
    PutLogEvents: putLogEvents,
    GetLogEvents: getLogEvents,
    FilterLogEvents: filterLogEvents,
  },
};
