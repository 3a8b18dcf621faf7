import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CliResult, runHybrid } from "../helpers/hybrid-cli";

/**
 * Test-only secrets, random per run. Tests compare them with booleans (never
 * expect(text).toContain(secret)), so a failing assertion cannot print them.
 */
export const PASSWORD = `pw-${crypto.randomBytes(12).toString("base64url")}`;

/**
 * A PEM boundary line. Built rather than written out, so that no tracked file holds
 * the literal header of a private key (secret scanners and the project's own checks
 * look for exactly that).
 */
export function pemLine(edge: "BEGIN" | "END", label: string): string {
  return `-----${edge} ${label}-----`;
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

const tempDirs: string[] = [];

/** A fresh directory, removed after the test file. */
export function tempDir(prefix = "hybrid-certs-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `hybrid <args>` in-process with its own cwd, environment (the key password by default) and clock. */
export function hybrid(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; now?: Date }): Promise<CliResult> {
  return runHybrid(args, { cwd: opts.cwd, env: opts.env ?? { HYBRID_KEY_PASSWORD: PASSWORD }, now: opts.now && (() => opts.now!) });
}

/** `hybrid certs create` that must succeed; returns the set's directory. */
export async function createSet(
  cwd: string,
  tenant = "acme",
  extra: string[] = [],
  opts: { env?: NodeJS.ProcessEnv; now?: Date } = {},
): Promise<string> {
  const result = await hybrid(["certs", "create", "--tenant", tenant, ...extra], { cwd, ...opts });
  if (result.code !== 0) throw new Error(`hybrid certs create failed: ${result.stderr}`);
  return path.join(cwd, "certs", tenant);
}

export interface OpensslResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs the real openssl. Passwords go in through the environment (-passin env:VAR), so
 * they are never in argv or in an error message; stdout, which may hold key material,
 * is not put into error messages either.
 */
export function openssl(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): OpensslResult {
  const result = spawnSync("openssl", args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString() };
}

export function opensslOk(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Buffer {
  const result = openssl(args, opts);
  if (result.code !== 0) {
    throw new Error(`openssl ${args.join(" ")} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

export const PASS_ENV = { TEST_KEY_PASSWORD: PASSWORD };

/** The procedure's four commands, made non-interactive with -subj and -passout env:. */
export function runSeedOpensslCommands(dir: string, opts: { traditional?: boolean } = {}): void {
  const o = { cwd: dir, env: PASS_ENV };
  opensslOk(
    ["req", "-new", "-x509", "-days", "3652", "-nodes", "-out", "cert.pem", "-keyout", "key.pem", "-subj", "/CN=seed/O=acme"],
    o,
  );
  opensslOk(["base64", "-in", "cert.pem", "-out", "cert.pem.b64"], o);
  opensslOk(
    [
      "rsa",
      "-in",
      "key.pem",
      "-out",
      "key.pem.enc",
      "-aes256",
      "-passout",
      "env:TEST_KEY_PASSWORD",
      // OpenSSL 3 writes PKCS#8 here; -traditional gives what OpenSSL 1.1 wrote.
      ...(opts.traditional ? ["-traditional"] : []),
    ],
    o,
  );
  opensslOk(["base64", "-in", "key.pem.enc", "-out", "key.pem.enc.b64"], o);
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

export function fileHashes(dir: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, sha256(fs.readFileSync(path.join(dir, n)))]));
}

/** The RSA modulus openssl reports, hashed so a failure never prints key-derived text in full. */
export function certModulus(dir: string, file = "cert.pem"): string {
  return sha256(opensslOk(["x509", "-in", file, "-noout", "-modulus"], { cwd: dir }));
}

export function keyModulus(dir: string, file: string, passEnv = "TEST_KEY_PASSWORD"): string {
  return sha256(
    opensslOk(["rsa", "-in", file, "-noout", "-modulus", "-passin", `env:${passEnv}`], {
      cwd: dir,
      env: PASS_ENV,
    }),
  );
}

/**
 * True when `text` holds the password or any piece of the private keys in `dir`. Returns
 * a boolean so the assertion on it cannot print either.
 */
export function leaksSecrets(text: string, dir: string, password = PASSWORD): boolean {
  if (text.includes(password) || text.includes("PRIVATE KEY-----")) return true;
  for (const name of ["key.pem", "key.pem.enc", "key.pem.enc.b64"]) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const lines = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.length >= 32 && !l.startsWith("-----") && !l.includes(":"));
    if (lines.some((l) => text.includes(l))) return true;
  }
  return false;
}

/** Entries left in `dir` that a failed write must not leave (staging dirs, half sets). */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

/**
 * Makes the `n`th renameSync from now on fail with `code` (the others go through), to
 * test that a half-written set is rolled back. Undo with jest.restoreAllMocks().
 */
export function failNthRename(n: number, code: string, message: string): void {
  // The module object itself, not the ES namespace, so the code under test sees the spy.
  const nodeFs: typeof fs = require("node:fs");
  const rename = nodeFs.renameSync;
  let calls = 0;
  jest.spyOn(nodeFs, "renameSync").mockImplementation((from, to) => {
    if (++calls === n) throw Object.assign(new Error(`${code}: ${message}`), { code });
    rename(from, to);
  });
}
