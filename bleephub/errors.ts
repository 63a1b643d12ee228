/**
 * GitHub's error answers, thrown where the fact is known and rendered once by the server.
 * Shapes follow the REST API: `{message, documentation_url}` plus `errors[]` on 422.
 */

export interface FieldError {
  resource: string;
  field: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  message?: string;
}

const DOCS = "https://docs.github.com/rest";

export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message, documentation_url: DOCS };
    if (this.errors) body.errors = this.errors;
    body.status = String(this.status);
    return body;
  }
}

export const notFound = () => new GitHubError(404, "Not Found");
export const badCredentials = () => new GitHubError(401, "Bad credentials");
export const requiresAuth = () => new GitHubError(401, "Requires authentication");
export const forbidden = (message: string) => new GitHubError(403, message);
export const badJson = () => new GitHubError(400, "Problems parsing JSON");

export function validationFailed(...errors: FieldError[]): GitHubError {
  return new GitHubError(422, "Validation Failed", errors);
}

export function missingScope(needed: string[], have: string[]): GitHubError {
  return new GitHubError(
    403,
    `Your token has not been granted the required scopes to execute this request. ` +
      `The '${needed.join("' or '")}' scope is required, but your token has only been granted: ` +
      `[${have.map((s) => `'${s}'`).join(", ")}].`,
    undefined,
    { "X-Accepted-OAuth-Scopes": needed.join(", ") },
  );
}
