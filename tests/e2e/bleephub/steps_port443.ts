/** e2e step for bleephub on port 443, where gh can match a clone's remote to GH_HOST. */
import assert from "node:assert/strict";
import { BleephubProcess, ok } from "./harness.ts";
import type { Scenario } from "./scenario.ts";

/** Stops the main server and serves the same data directory on 443 for commands run in a clone. */
export async function insideCloneOn443(s: Scenario): Promise<void> {
  const { hub, env, tmp } = s;
  const ADMIN_TOKEN = s.adminToken;
  await hub.stop();
  const hub443 = new BleephubProcess(443, hub.dataDir, ADMIN_TOKEN);
  await hub443.start();
  try {
    const env443 = { ...env, GH_HOST: "127.0.0.1" };
    const clone = `${tmp}/clone443`;
    await ok("gh", ["repo", "clone", "admin/demo", clone], env443);
    await ok("git", ["checkout", "-q", "-b", "topic"], env443, clone);
    await Deno.writeTextFile(`${clone}/topic.txt`, "topic\n");
    await ok("git", ["add", "."], env443, clone);
    await ok("git", ["commit", "-q", "-m", "topic"], env443, clone);
    await ok("git", ["push", "-q", "origin", "topic"], env443, clone);
    assert.match(
      await ok("gh", ["pr", "create", "-t", "Topic", "-b", "from a clone"], env443, clone),
      /\/pull\/5\n/,
    );
    await ok("git", ["checkout", "-q", "main"], env443, clone);
    await ok("gh", ["pr", "checkout", "5"], env443, clone);
    assert.equal(await ok("git", ["branch", "--show-current"], env443, clone), "topic\n");
    assert.match(await ok("gh", ["pr", "status"], env443, clone), /#5\s+Topic \[topic\]/);
    assert.match(await ok("gh", ["repo", "view"], env443, clone), /name:\s+admin\/demo/);
  } finally {
    await hub443.stop();
  }
}
