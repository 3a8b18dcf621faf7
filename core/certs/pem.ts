import { CertError } from "./errors";

export interface PemBlock {
  label: string;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info` (traditional encrypted keys). */
  headers: Record<string, string>;
  /** The base64 body without BEGIN/END lines and without newlines. */
  body: string;
  der: Buffer;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const END = /^-----END ([A-Z0-9 ]+)-----\s*$/;
const HEADER = /^([A-Za-z0-9-]+):\s*(.*)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Parses every PEM block in `text`. Text outside blocks is ignored, as openssl does
 * (`openssl x509 -text` output puts a dump before the block). `source` names the file
 * in error messages.
 */
export function parsePemBlocks(text: string, source: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const begin = BEGIN.exec(lines[i]);
    i++;
    if (!begin) continue;
    const label = begin[1];
    const headers: Record<string, string> = {};
    let lastHeader: string | undefined;
    // Headers only exist when the first line after BEGIN is one; a blank line ends them.
    if (i < lines.length && HEADER.test(lines[i])) {
      while (i < lines.length && lines[i].trim() !== "") {
        const header = HEADER.exec(lines[i]);
        if (header) {
          lastHeader = header[1];
          headers[lastHeader] = header[2].trim();
        } else if (lastHeader && /^\s/.test(lines[i])) {
          headers[lastHeader] += lines[i].trim();
        } else {
          throw new CertError(
            `${source}: corrupt PEM: unexpected line ${i + 1} in the headers of the ${label} block`,
            source,
          );
        }
        i++;
      }
    }
    const bodyLines: string[] = [];
    let ended = false;
    while (i < lines.length) {
      const line = lines[i];
      i++;
      const end = END.exec(line);
      if (end) {
        if (end[1] !== label) {
          throw new CertError(
            `${source}: corrupt PEM: -----BEGIN ${label}----- is closed by -----END ${end[1]}----- on line ${i}`,
            source,
          );
        }
        ended = true;
        break;
      }
      if (BEGIN.test(line)) break;
      const trimmed = line.trim();
      if (trimmed === "") continue;
      if (!BASE64.test(trimmed)) {
        throw new CertError(
          `${source}: corrupt PEM: line ${i} of the ${label} block is not base64`,
          source,
        );
      }
      bodyLines.push(trimmed);
    }
    if (!ended) {
      throw new CertError(
        `${source}: truncated PEM: -----BEGIN ${label}----- has no matching -----END ${label}----- line; the file is incomplete, recreate or restore it`,
        source,
      );
    }
    const body = bodyLines.join("");
    if (body === "" || body.length % 4 !== 0 || !BASE64.test(body)) {
      throw new CertError(
        `${source}: truncated or corrupt PEM: the ${label} block's base64 body is incomplete; recreate or restore the file`,
        source,
      );
    }
    blocks.push({ label, headers, body, der: Buffer.from(body, "base64") });
  }
  return blocks;
}

/** The single block labelled `label` in `text`; anything else is an error naming `source`. */
export function findPemBlock(text: string, label: string, source: string): PemBlock {
  const blocks = parsePemBlocks(text, source);
  const matching = blocks.filter((b) => b.label === label);
  if (matching.length === 1) return matching[0];
  if (matching.length > 1) {
    throw new CertError(
      `${source}: contains ${matching.length} ${label} blocks, expected exactly one; keep only the one that belongs to this set`,
      source,
    );
  }
  if (blocks.length > 0) {
    const found = blocks.map((b) => b.label).join(", ");
    throw new CertError(`${source}: expected a PEM ${label}, found ${found}`, source);
  }
  throw new CertError(
    `${source}: not a PEM file: no -----BEGIN ${label}----- line found`,
    source,
  );
}

/**
 * The base64 body of the one `label` block in `text`, without BEGIN/END lines and newlines.
 * This is what the Genesys Cloud identity provider's `certificate` field takes.
 */
export function pemBody(text: string, label: string, source: string): string {
  return findPemBlock(text, label, source).body;
}

/** Re-emits a block the way openssl writes it: LF line ends, body wrapped at 64. */
export function formatPemBlock(block: Pick<PemBlock, "label" | "headers" | "body">): string {
  const headerNames = Object.keys(block.headers);
  const headers = headerNames.length
    ? headerNames.map((name) => `${name}: ${block.headers[name]}\n`).join("") + "\n"
    : "";
  return (
    `-----BEGIN ${block.label}-----\n` +
    headers +
    wrap(block.body, 64) +
    `-----END ${block.label}-----\n`
  );
}

/**
 * Base64 exactly as `openssl base64` writes it: lines of 64 characters, each ending in
 * "\n" (including the last), and no output at all for empty input.
 */
export function opensslBase64(data: Buffer | string): string {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return wrap(bytes.toString("base64"), 64);
}

/**
 * Decodes `openssl base64` output strictly: unlike Buffer.from(..., "base64"), which
 * skips characters it does not know, a stray character or a cut-off line is an error.
 */
export function decodeOpensslBase64(text: string, source: string): Buffer {
  const lines = text.split(/\r?\n/);
  const parts: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === "") continue;
    if (!BASE64.test(line)) {
      throw new CertError(`${source}: not base64: line ${n + 1} has characters outside the base64 alphabet`, source);
    }
    parts.push(line);
  }
  const joined = parts.join("");
  if (joined.length % 4 !== 0 || !BASE64.test(joined)) {
    throw new CertError(`${source}: truncated base64: ${joined.length} characters is not a whole number of 4-character groups`, source);
  }
  return Buffer.from(joined, "base64");
}

/** node-forge writes PEM with CRLF; openssl and the tools reading these files use LF. */
export function toLf(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

function wrap(text: string, width: number): string {
  let out = "";
  for (let i = 0; i < text.length; i += width) out += text.slice(i, i + width) + "\n";
  return out;
}
