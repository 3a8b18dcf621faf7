import { execFileSync, spawnSync } from "child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";

/** A PostgreSQL server of its own, on loopback, for one test file. */
export interface TempPostgres {
  /** `postgres://...@127.0.0.1:<port>/postgres?sslmode=disable`, what PG_CONN_STR takes. */
  readonly connStr: string;
  stop(): void;
}

/** The server binaries (`initdb`, `pg_ctl`), or undefined where PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = [
    fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : "",
    ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : []),
  ];
  return candidates.find((dir) => dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb + pg_ctl start in a temp folder, listening on 127.0.0.1 only, trust
 * authentication (nothing but this machine's loopback reaches it). PostgreSQL
 * refuses to run as root, so as root the server runs as the `postgres` user.
 */
export async function startTempPostgres(binDir: string): Promise<TempPostgres> {
  const dataRoot = mkdtempSync(join(tmpdir(), "hybrid-pg-"));
  const data = join(dataRoot, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : undefined;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dataRoot, uid, gid);
  }
  // runuser lives in sbin, which a non-login PATH may lack.
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser"].find((p) => existsSync(p)) ?? "runuser";
  const run = (bin: string, args: string[]) =>
    execFileSync(asRoot ? runuser : join(binDir, bin), asRoot ? ["-u", user!, "--", join(binDir, bin), ...args] : args, {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", ["-D", data, "-l", join(dataRoot, "server.log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dataRoot} -c fsync=off`, "start"]);
  return {
    connStr: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
