/** GitHub's JSON shapes for users, organisations and repositories (simple-user, repository). */
import { apiBase, type Hub } from "../hub.ts";
import { userById, type UserRow } from "../store/users.ts";
import { atLeast, permissionOf, type RepoRow } from "../store/repos.ts";
import { nodeId } from "../graphql/node_id.ts";
import type { Schema } from "./schema.ts";

export function simpleUser(hub: Hub, u: UserRow): Schema<"simple-user"> {
  const api = apiBase(hub);
  const url = `${api}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === "Organization" ? "Organization" : "User", u.id),
    avatar_url: `${hub.origin}/avatars/${u.login}`,
    gravatar_id: "",
    url,
    html_url: `${hub.origin}/${u.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    site_admin: u.site_admin === 1,
  };
}

export function fullUser(hub: Hub, u: UserRow): Schema<"public-user"> {
  const repos = hub.db.prepare("SELECT count(*) n FROM repos WHERE owner_id = ? AND private = 0")
    .get(u.id) as { n: number };
  return {
    ...simpleUser(hub, u),
    name: u.name,
    company: null,
    blog: "",
    location: null,
    email: u.email,
    hireable: null,
    bio: u.bio,
    twitter_username: null,
    public_repos: repos.n,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}

export function orgJson(hub: Hub, o: UserRow): Schema<"organization-simple"> {
  const url = `${apiBase(hub)}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId("Organization", o.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${hub.origin}/avatars/${o.login}`,
    description: o.bio,
  };
}

/** The full repository (`GET /repos/{owner}/{repo}`). */
export function repoJson(
  hub: Hub,
  r: RepoRow,
  viewer: UserRow | null,
): Schema<"full-repository"> {
  const owner = userById(hub.db, r.owner_id)!;
  return {
    ...repoFields(hub, r, viewer),
    network_count: 0,
    subscribers_count: 0,
    ...(owner.type === "Organization" ? { organization: simpleUser(hub, owner) } : {}),
  };
}

/** The repository as embedded in other objects (pull request heads, events, lists). */
export function repositoryJson(
  hub: Hub,
  r: RepoRow,
  viewer: UserRow | null,
): Schema<"repository"> {
  return repoFields(hub, r, viewer);
}

/** The fields both repository shapes share; each caller's return type checks them. */
function repoFields(hub: Hub, r: RepoRow, viewer: UserRow | null) {
  const owner = userById(hub.db, r.owner_id)!;
  const full = `${owner.login}/${r.name}`;
  const api = `${apiBase(hub)}/repos/${full}`;
  const perm = permissionOf(hub.db, r, viewer);
  const counts = hub.db.prepare(
    "SELECT count(*) n FROM issues WHERE repo_id = ? AND state = 'open'",
  ).get(r.id) as { n: number };
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: full,
    private: r.private === 1,
    owner: simpleUser(hub, owner),
    html_url: `${hub.origin}/${full}`,
    description: r.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    contributors_url: `${api}/contributors`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    stargazers_url: `${api}/stargazers`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    created_at: r.created_at,
    updated_at: r.updated_at,
    pushed_at: r.pushed_at ?? r.created_at,
    git_url: `git://${new URL(hub.origin).host}/${full}.git`,
    ssh_url: `git@${new URL(hub.origin).hostname}:${full}.git`,
    clone_url: `${hub.origin}/${full}.git`,
    svn_url: `${hub.origin}/${full}`,
    homepage: r.homepage,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: r.has_issues === 1,
    has_projects: true,
    has_downloads: true,
    has_wiki: r.has_wiki === 1,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: r.archived === 1,
    disabled: false,
    open_issues_count: counts.n,
    license: null,
    allow_forking: true,
    is_template: false,
    topics: [],
    visibility: r.private ? "private" : "public",
    forks: 0,
    open_issues: counts.n,
    watchers: 0,
    default_branch: r.default_branch,
    allow_merge_commit: r.allow_merge_commit === 1,
    allow_squash_merge: r.allow_squash_merge === 1,
    allow_rebase_merge: r.allow_rebase_merge === 1,
    permissions: {
      admin: atLeast(perm, "admin"),
      maintain: atLeast(perm, "maintain"),
      push: atLeast(perm, "write"),
      triage: atLeast(perm, "triage"),
      pull: atLeast(perm, "read"),
    },
  };
}
