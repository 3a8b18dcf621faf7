/**
 * The plain-text options file Genesys Framework's configuration tools import
 * (`.cfg` or `.conf`): one `[section]` line per section, then one `option=value` line
 * per option, string options only. Pure functions, no I/O.
 *
 * The format has no quoting or escaping that every reader agrees on, so instead of
 * escaping, values that some INI reader would read differently are refused (see
 * {@link valueProblem}); what is written is then read back identically by Genesys's
 * tools and by common INI parsers (the `ini` package in the tests).
 */

export interface IniSection {
  readonly name: string;
  /** `[option, value]` in file order. */
  readonly options: readonly (readonly [string, string])[];
}

/** Why a value cannot be written on one option line, and where (0-based), without the value itself. */
export interface ValueProblem {
  readonly index: number;
  /** e.g. "a line break", "';', which INI readers take for the start of a comment". */
  readonly what: string;
}

/**
 * `openssl base64` output (lines of 64 characters, a final newline) as one line: the
 * line breaks are not part of the base64 alphabet, and whitespace-tolerant decoders
 * skip them, so the value decodes to the same bytes. Only LF and CRLF breaks are
 * removed; anything else stays, for {@link valueProblem} to refuse.
 */
export function oneLineBase64(value: string): string {
  return value.replace(/\r?\n/g, "");
}

/**
 * The first reason `value` cannot be written as `option=value` and read back as the
 * same string, or undefined when it can. Empty values are the caller's concern.
 */
export function valueProblem(value: string): ValueProblem | undefined {
  if (/^\s/.test(value)) return { index: 0, what: "leading whitespace, which INI readers drop" };
  if (/\s$/.test(value)) return { index: value.length - 1, what: "trailing whitespace, which INI readers drop" };
  if (value.startsWith('"') || value.startsWith("'")) {
    return { index: 0, what: "a leading quote, which INI readers strip as quoting" };
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const c = value[i];
    if (c === "\n" || c === "\r") return { index: i, what: "a line break (an option value is one line)" };
    if (code < 0x20 || code === 0x7f) return { index: i, what: `the control character ${codePoint(code)}` };
    if (code > 0x7e) {
      // ASCII only: the file then means the same in every encoding a tool may assume.
      return { index: i, what: `the non-ASCII character ${codePoint(value.codePointAt(i)!)}` };
    }
    if (c === ";" || c === "#") return { index: i, what: `'${c}', which INI readers take for the start of a comment` };
    if (c === "\\") return { index: i, what: "'\\', which INI readers take for an escape" };
  }
  return undefined;
}

/** Option and section names: what the procedure uses, letters, digits and underscores. */
const NAME = /^[A-Za-z0-9_]+$/;

/**
 * The file text: sections in order, a blank line between them, `option=value` with no
 * spaces around `=`, LF line ends and a final newline.
 *
 * @throws Error when a name or value cannot be carried (callers check values first
 * with {@link valueProblem} and report them naming tenant and option; reaching this
 * is a bug).
 */
export function renderOptionsFile(sections: readonly IniSection[]): string {
  const blocks = sections.map((section) => {
    if (!NAME.test(section.name)) throw new Error(`invalid section name ${JSON.stringify(section.name)}`);
    const lines = [`[${section.name}]`];
    for (const [option, value] of section.options) {
      if (!NAME.test(option)) throw new Error(`invalid option name ${JSON.stringify(option)} in [${section.name}]`);
      const problem = value === "" ? { what: "an empty value" } : valueProblem(value);
      if (problem) throw new Error(`${section.name}/${option} cannot be written: it holds ${problem.what}`);
      lines.push(`${option}=${value}`);
    }
    return lines.join("\n") + "\n";
  });
  return blocks.join("\n");
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
