/**
 * The AWS simulator under terraform's hashicorp/aws provider, where the image has it in a
 * filesystem mirror; skipped, saying why, where it does not.
 */
import assert from "node:assert/strict";
import { ECSClient, ListClustersCommand, ListTaskDefinitionsCommand } from "@aws-sdk/client-ecs";
import { sdk, startSim } from "./aws_sim_harness.ts";

const TF_PROVIDER_MIRROR = "/opt/tf-plugins";
const TF_PROVIDER =
  `${TF_PROVIDER_MIRROR}/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5`;

/** Why the terraform test cannot run here, or undefined when it can. */
async function terraformMissing(): Promise<string | undefined> {
  try {
    await new Deno.Command("terraform", { args: ["version"], stdout: "null" }).output();
  } catch {
    return "terraform is not installed";
  }
  try {
    await Deno.stat(TF_PROVIDER);
  } catch {
    return `the hashicorp/aws 5.100.0 provider is not in the filesystem mirror (${TF_PROVIDER})`;
  }
  return undefined;
}

const tfMissing = await terraformMissing();
if (tfMissing) console.warn(`skipping the terraform test: ${tfMissing}`);

Deno.test({
  name:
    "AWS simulator: terraform's hashicorp/aws provider applies and destroys a cluster and task definition",
  ignore: tfMissing !== undefined,
  async fn() {
    const sim = await startSim();
    try {
      await Deno.writeTextFile(
        `${sim.dir}/terraformrc`,
        `provider_installation {
  filesystem_mirror {
    path    = "${TF_PROVIDER_MIRROR}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
      );
      await Deno.writeTextFile(
        `${sim.dir}/main.tf`,
        `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    ecs = "${sim.endpoint}"
  }
}
resource "aws_ecs_cluster" "demo" {
  name = "tf-demo"
  tags = { sockerless-managed = "true" }
}
resource "aws_ecs_task_definition" "demo" {
  family                   = "tf-demo"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([{ name = "app", image = "alpine", command = ["echo", "hi"], essential = true }])
  tags = { sockerless-managed = "true" }
}
`,
      );
      const tf = async (...args: string[]) => {
        const out = await new Deno.Command("terraform", {
          args: [...args, "-no-color", "-input=false"],
          cwd: sim.dir,
          env: { TF_CLI_CONFIG_FILE: `${sim.dir}/terraformrc`, TF_IN_AUTOMATION: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
        assert.equal(out.code, 0, `terraform ${args[0]} failed:\n${text}`);
        return text;
      };
      await tf("init");
      assert.match(await tf("apply", "-auto-approve"), /Resources: 2 added/);
      const ecs = new ECSClient(sdk(sim));
      assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, [
        "arn:aws:ecs:us-east-1:000000000000:cluster/tf-demo",
      ]);
      assert.match(await tf("destroy", "-auto-approve"), /Resources: 2 destroyed/);
      assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, []);
      assert.deepEqual((await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns, []);
    } finally {
      await sim.stop();
    }
  },
});
