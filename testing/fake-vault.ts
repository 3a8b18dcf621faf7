import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What a test's Vault holds: per tenant its three credentials, and the certificate bundle (base64 of a tar.gz). */
export interface FakeVaultContent {
  readonly tenants: Readonly<Record<string, { readonly admin_client_id: string; readonly admin_client_secret: string; readonly saml_key_password: string; readonly saml_next_key_password?: string }>>;
  readonly certsBundle?: string;
}

export interface FakeVault {
  readonly url: string;
  /** The token a login answers, and the only one reads accept. */
  readonly token: string;
  /** The OIDC token (JWT) the login accepts for role `hybrid-tenants`. */
  readonly idToken: string;
  /** The paths read, in order (never a value). */
  readonly reads: string[];
  stop(): Promise<void>;
}

/**
 * The part of HashiCorp Vault's HTTP API the example pipelines use, on loopback: a JWT login
 * (`POST /v1/auth/jwt/login`) and KV version 2 reads (`GET /v1/secret/data/hybrid/...`) with the
 * X-Vault-Token header. For the tests of examples/vault-tenant-env.mjs and the pipelines.
 */
export async function startFakeVault(content: FakeVaultContent): Promise<FakeVault> {
  const token = `hvs.${randomBytes(12).toString("hex")}`;
  const idToken = `eyJ.${randomBytes(12).toString("hex")}`;
  const reads: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const answer = (status: number, doc: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(doc));
      };
      if (req.method === "POST" && req.url === "/v1/auth/jwt/login") {
        const login = JSON.parse(body || "{}") as { role?: string; jwt?: string };
        return login.role === "hybrid-tenants" && login.jwt === idToken ? answer(200, { auth: { client_token: token } }) : answer(400, { errors: ["permission denied"] });
      }
      if (req.headers["x-vault-token"] !== token) return answer(403, { errors: ["permission denied"] });
      reads.push(req.url ?? "");
      const tenant = /^\/v1\/secret\/data\/hybrid\/tenants\/([a-z0-9-]+)$/.exec(req.url ?? "")?.[1];
      if (req.method === "GET" && tenant && content.tenants[tenant]) return answer(200, { data: { data: content.tenants[tenant] } });
      if (req.method === "GET" && req.url === "/v1/secret/data/hybrid/certs" && content.certsBundle) return answer(200, { data: { data: { bundle: content.certsBundle } } });
      return answer(404, { errors: [] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, token, idToken, reads, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The `NAME<<DELIMITER ... DELIMITER` entries of a $GITHUB_ENV file, as GitHub reads them. */
export function parseGithubEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([A-Za-z_][A-Za-z0-9_]*)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      env[heredoc[1]] = value.join("\n");
      continue;
    }
    const plain = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(lines[i]);
    if (plain) env[plain[1]] = plain[2];
  }
  return env;
}
