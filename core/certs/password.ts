import * as fs from "node:fs";
import { CertError } from "./errors";
import { describeFsError } from "../fs-errors";

export const PASSWORD_ENV = "HYBRID_KEY_PASSWORD";
export const MIN_PASSWORD_LENGTH = 8;

export interface KeyPassword {
  value: string;
  /** Where it came from, for messages: never the value itself. */
  source: string;
}

/**
 * The key password from `--password-file` (first line, as `openssl -pass file:` reads
 * it, so the same file works with openssl) or else from $HYBRID_KEY_PASSWORD. Passwords
 * are never taken from the command line, where ps and shell history would keep them.
 * Returns undefined when neither is set.
 */
export function readKeyPassword(opts: {
  passwordFile?: string;
  env: NodeJS.ProcessEnv;
}): KeyPassword | undefined {
  if (opts.passwordFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(opts.passwordFile, "utf8");
    } catch (err) {
      throw new CertError(
        `cannot read password file ${opts.passwordFile}: ${describeFsError(err)}`,
        opts.passwordFile,
      );
    }
    const value = text.split(/\r?\n/)[0];
    if (value === "") {
      throw new CertError(
        `password file ${opts.passwordFile} is empty: put the password on its first line`,
        opts.passwordFile,
      );
    }
    return { value, source: opts.passwordFile };
  }
  const value = opts.env[PASSWORD_ENV];
  if (value === undefined) return undefined;
  if (value === "") {
    throw new CertError(`${PASSWORD_ENV} is set but empty: set it to the key password or unset it`);
  }
  return { value, source: `$${PASSWORD_ENV}` };
}

/** A password that will encrypt a new key: present and not trivially short. */
export function requireNewKeyPassword(password: KeyPassword | undefined): KeyPassword {
  if (!password) {
    throw new CertError(
      `no key password: set ${PASSWORD_ENV} or pass --password-file FILE (the password is never read from the command line)`,
    );
  }
  if ([...password.value].length < MIN_PASSWORD_LENGTH) {
    throw new CertError(
      `the password from ${password.source} is too short: use at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  return password;
}
