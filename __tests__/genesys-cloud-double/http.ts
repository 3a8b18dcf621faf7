// Plain-fetch helpers for the double's unit tests (not a test file: jest only runs *.test.ts).
import { GenesysCloudDouble, type OrgCredentials } from "../../genesys-cloud-double";

export interface Response {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export async function send(fake: GenesysCloudDouble, method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const res = await fetch(`${fake.url}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

export const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

export function requestToken(fake: GenesysCloudDouble, creds: OrgCredentials): Promise<Response> {
  return send(fake, "POST", "/oauth/token", {
    headers: { Authorization: basicAuth(creds.adminClientId, creds.adminClientSecret), "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
}

export async function tokenFor(fake: GenesysCloudDouble, creds: OrgCredentials): Promise<string> {
  const res = await requestToken(fake, creds);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

export function putJson(fake: GenesysCloudDouble, path: string, token: string, body: unknown): Promise<Response> {
  return send(fake, "PUT", path, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** A started double with one org ("org-a", acme) and a token of its admin client. */
export async function startWithOrg(): Promise<{ fake: GenesysCloudDouble; creds: OrgCredentials; token: string }> {
  const fake = await GenesysCloudDouble.start();
  const creds = fake.addOrg({ id: "org-a", shortName: "acme" });
  return { fake, creds, token: await tokenFor(fake, creds) };
}

export function getJson(fake: GenesysCloudDouble, path: string, token: string): Promise<Response> {
  return send(fake, "GET", path, { headers: { Authorization: `Bearer ${token}` } });
}

export function postJson(fake: GenesysCloudDouble, path: string, token: string, body?: unknown): Promise<Response> {
  return send(fake, "POST", path, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

export function deleteJson(fake: GenesysCloudDouble, path: string, token: string): Promise<Response> {
  return send(fake, "DELETE", path, { headers: { Authorization: `Bearer ${token}` } });
}

/** A client-credentials token request for any client id and secret. */
export function clientToken(fake: GenesysCloudDouble, clientId: string, secret: string): Promise<Response> {
  return requestToken(fake, { adminClientId: clientId, adminClientSecret: secret });
}
