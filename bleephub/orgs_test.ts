/** Organisations: membership gives the base read role, teams grant more, GraphQL agrees. */
import assert from "node:assert/strict";
import { startTestHub } from "./test_utils.ts";

Deno.test("org members read, team grants write, outsiders get 404", async () => {
  const hub = await startTestHub();
  try {
    const ok = async (res: Promise<Response>, status: number) => {
      const r = await res;
      const body = await r.text();
      assert.equal(r.status, status, body);
      return body ? JSON.parse(body) : undefined;
    };
    await ok(hub.call("POST", "/admin/organizations", { login: "acme", admin: "admin" }), 201);
    for (const login of ["carol", "dave"]) {
      await ok(hub.call("POST", "/admin/users", { login }), 201);
    }
    const token = async (login: string) =>
      (await ok(
        hub.call("POST", `/admin/users/${login}/authorizations`, { scopes: ["repo"] }),
        201,
      ))
        .token;
    const carol = await token("carol");
    const dave = await token("dave");
    await ok(hub.call("POST", "/orgs/acme/repos", { name: "app", private: true }), 201);
    await ok(hub.call("POST", "/orgs/acme/teams", { name: "Devs" }), 201);
    await ok(hub.call("PUT", "/orgs/acme/teams/devs/memberships/carol", {}), 200);

    // carol is now a member: the base role reads private repositories, nothing more.
    await ok(hub.call("GET", "/repos/acme/app", undefined, carol), 200);
    await ok(
      hub.call("POST", "/repos/acme/app/labels", { name: "x", color: "ffffff" }, carol),
      403,
    );
    await ok(hub.call("GET", "/repos/acme/app", undefined, dave), 404);

    await ok(hub.call("PUT", "/orgs/acme/teams/devs/repos/acme/app", { permission: "push" }), 204);
    await ok(
      hub.call("POST", "/repos/acme/app/labels", { name: "x", color: "ffffff" }, carol),
      201,
    );
    const perm = await ok(hub.call("GET", "/repos/acme/app/collaborators/carol/permission"), 200);
    assert.equal(perm.role_name, "write");

    const gql = await ok(
      hub.call("POST", "/api/graphql", {
        query:
          '{ repository(owner: "acme", name: "app") { viewerPermission } organization(login: "acme") { membersWithRole(first: 10) { nodes { login } } } }',
      }, carol),
      200,
    );
    assert.equal(gql.data.repository.viewerPermission, "WRITE");
    assert.deepEqual(
      gql.data.organization.membersWithRole.nodes.map((n: { login: string }) => n.login),
      [
        "admin",
        "carol",
      ],
    );
    const members = await ok(hub.call("GET", "/orgs/acme/members"), 200);
    assert.deepEqual(members.map((m: { login: string }) => m.login), ["admin", "carol"]);
    // Only org admins manage teams.
    await ok(hub.call("POST", "/orgs/acme/teams", { name: "Other" }, carol), 403);
  } finally {
    await hub.close();
  }
});
