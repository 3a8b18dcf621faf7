/**
 * The TLS end of scripts/provider-acceptance.sh. The genesyscloud provider (through its Go SDK)
 * only speaks https, to https://api.<region domain> and https://login.<region domain>, while
 * `hybrid sandbox` serves plain http on 127.0.0.1. This listens with the run's throwaway
 * certificate and forwards every request as it came (method, path and query, headers, body) to
 * the sandbox, and the answer back: the double routes by path only.
 *
 * It logs nothing about a request: their headers and bodies carry tokens and client secrets.
 *
 * Usage: ts-node scripts/acceptance-tls-proxy.ts <key.pem> <cert.pem> <http://127.0.0.1:PORT> [listen port, default 443]
 */
import { readFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";

function main(args: readonly string[]): void {
  const [keyFile, certFile, upstreamUrl, portText = "443"] = args;
  if (!keyFile || !certFile || !upstreamUrl) {
    process.stderr.write("usage: acceptance-tls-proxy <key.pem> <cert.pem> <http://127.0.0.1:PORT> [port]\n");
    process.exit(2);
  }
  const upstream = new URL(upstreamUrl);
  const server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    const forward = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (err) => {
      // The sandbox went away or refused: say so to the client as a gateway error, not a hang.
      process.stderr.write(`acceptance-tls-proxy: ${req.method} to the sandbox failed: ${err.message}\n`);
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  server.on("tlsClientError", (err) => process.stderr.write(`acceptance-tls-proxy: TLS: ${err.message}\n`));
  server.listen(Number(portText), "127.0.0.1", () => process.stdout.write("listening\n"));
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main(process.argv.slice(2));
