/**
 * The request of an OAuth client-credentials token (RFC 6749 4.4) as Genesys Cloud's
 * login service takes it: the client as HTTP Basic, each part form-encoded first
 * (RFC 6749 2.3.1), for `fetch(tokenUrl, ...)`.
 */
export function clientCredentialsRequest(clientId: string, secret: string): RequestInit {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64");
  return {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: "grant_type=client_credentials",
  };
}
