/**
 * Where and as whom a cloud backend calls AWS: the usual AWS_* variables, read once at start, and
 * the SDK client settings they make (pointed at the configured endpoint, the simulator when
 * local).
 *
 * @module
 */

export interface AwsAccess {
  endpoint?: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Reads the usual AWS variables; fails naming the backend and the variable that is missing. */
export function awsAccessFromEnv(
  backend: string,
  endpoint: string | undefined,
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): AwsAccess {
  const need = (name: string) => {
    const value = env(name);
    if (!value) {
      throw new Error(`${backend} backend: ${name} is not set (AWS credentials come from it)`);
    }
    return value;
  };
  const region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  if (!region) {
    throw new Error(`${backend} backend: neither AWS_REGION nor AWS_DEFAULT_REGION is set`);
  }
  const sessionToken = env("AWS_SESSION_TOKEN");
  return {
    endpoint,
    region,
    credentials: {
      accessKeyId: need("AWS_ACCESS_KEY_ID"),
      secretAccessKey: need("AWS_SECRET_ACCESS_KEY"),
      ...(sessionToken ? { sessionToken } : {}),
    },
  };
}

/** The settings every SDK client of the backend is built with. */
export function sdkConfig(access: AwsAccess): {
  region: string;
  credentials: AwsAccess["credentials"];
  endpoint?: string;
} {
  return {
    region: access.region,
    credentials: access.credentials,
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
}
