import assert from "node:assert/strict";
import { pullTarget } from "./pull_target.ts";

const sim = {
  endpointHost: "127.0.0.1:4566",
  accountId: "000000000000",
  defaultRegion: "eu-west-1",
};

Deno.test("the simulator's ECR is named by ECR's host or by its own host:port; Docker Hub names are marked", () => {
  assert.deepEqual(pullTarget("000000000000.dkr.ecr.us-east-1.amazonaws.com/app/web:1", sim), {
    qualified: "000000000000.dkr.ecr.us-east-1.amazonaws.com/app/web:1",
    pullName: "127.0.0.1:4566/app/web:1",
    ecrRegion: "us-east-1",
    dockerHub: false,
  });
  assert.deepEqual(pullTarget("localhost:4566/app/web", sim), {
    qualified: "localhost:4566/app/web:latest",
    pullName: "127.0.0.1:4566/app/web:latest",
    ecrRegion: "eu-west-1",
    dockerHub: false,
  });
  assert.deepEqual(pullTarget("busybox", sim), {
    qualified: "docker.io/library/busybox:latest",
    pullName: "docker.io/library/busybox:latest",
    dockerHub: true,
  });
  // Another account's ECR and other registries are pulled as they are named.
  assert.equal(
    pullTarget("111111111111.dkr.ecr.us-east-1.amazonaws.com/x", sim).pullName,
    "111111111111.dkr.ecr.us-east-1.amazonaws.com/x:latest",
  );
  assert.equal(pullTarget("127.0.0.1:5000/busybox", sim).ecrRegion, undefined);
});
