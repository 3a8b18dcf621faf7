/**
 * The README's shell blocks as a test: every ```sh block of a Markdown file, in order, run
 * in one bash session (so `cd`, `export` and `source` carry over, as in a user's terminal).
 * Markdown is parsed by `markdown-it`; only the running is ours, kept small:
 *
 * - a block whose first line is `# not run by the README test: <why>` is skipped, and says why
 *   to every reader;
 * - a block fenced ```sh background runs as a second terminal would: in the background until
 *   it prints its `ready` line, and stopped as Ctrl-C stops it (SIGINT to its process group)
 *   when the next background block starts or the session ends;
 * - `NAME=...` (a value only a real site can supply: a credential or a password) becomes
 *   `NAME="${NAME:?...}"`: the test supplies it in the session's environment.
 */
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";

const SKIP_MARKER = "# not run by the README test:";

export interface ShellBlock {
  /** `README.md:42`: the file and the line of its opening fence. */
  readonly where: string;
  readonly text: string;
  readonly background: boolean;
  /** Why it is not run, from its marker line; undefined for a block that runs. */
  readonly skipped?: string;
}

const SHELLS = new Set(["sh", "bash", "shell"]);

/** The shell blocks of a Markdown file, in order. `name` is how messages name the file. */
export function shellBlocks(file: string, name: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  for (const token of new MarkdownIt().parse(readFileSync(file, "utf8"), {})) {
    if (token.type !== "fence") continue;
    const [lang, ...flags] = token.info.trim().split(/\s+/);
    if (!SHELLS.has(lang)) continue;
    const first = token.content.split("\n")[0];
    blocks.push({
      where: `${name}:${(token.map?.[0] ?? 0) + 1}`,
      text: token.content,
      background: flags.includes("background"),
      skipped: first.startsWith(SKIP_MARKER) ? first.slice(SKIP_MARKER.length).trim() : undefined,
    });
  }
  return blocks;
}

/** `NAME=...` placeholders become the value the session's environment holds (the test supplies it). */
function substitutePlaceholders(text: string): string {
  return text.replace(/\b([A-Za-z_][A-Za-z0-9_]*)=\.\.\.(?=\s|$)/g, (_m, name: string) => `${name}="\${${name}:?the README test supplies ${name}}"`);
}

/**
 * One bash script that runs `blocks` in order from `cwd`, each from a file of its own under
 * `workDir` (foreground blocks sourced, so their `cd` and `export` carry over). Before each
 * block it prints `::block <where>` to stderr, so a failure is traced to its block.
 */
export function sessionScript(blocks: readonly ShellBlock[], cwd: string, workDir: string, write: (file: string, text: string) => void): string {
  const lines = [
    "set -e",
    `cd ${JSON.stringify(cwd)}`,
    "__bg=()",
    // Ctrl-C: SIGINT to the whole process group of the foreground job, then wait for it to end.
    '__stop_bg() { for p in "${__bg[@]}"; do kill -INT -- "-$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; __bg=(); }',
    "trap __stop_bg EXIT",
  ];
  blocks.forEach((block, i) => {
    if (block.skipped !== undefined) {
      lines.push(`echo ${JSON.stringify(`::skipped ${block.where}: ${block.skipped}`)} >&2`);
      return;
    }
    const file = `${workDir}/block-${i + 1}.sh`;
    write(file, substitutePlaceholders(block.text) + "\n");
    lines.push(`echo ${JSON.stringify(`::block ${block.where}`)} >&2`);
    if (!block.background) {
      lines.push(`source ${JSON.stringify(file)}`);
      return;
    }
    const log = `${workDir}/background-${i + 1}.log`;
    lines.push(
      "__stop_bg",
      `setsid bash ${JSON.stringify(file)} > ${JSON.stringify(log)} 2>&1 &`,
      "__bg+=($!)",
      // Its ready line, or its death with its log.
      `until grep -q '^ready ' ${JSON.stringify(log)}; do kill -0 "$!" 2>/dev/null || { cat ${JSON.stringify(log)} >&2; echo "::background block ${block.where} ended before it was ready" >&2; exit 1; }; sleep 0.2; done`,
      `cat ${JSON.stringify(log)}`,
    );
  });
  lines.push('echo "::done" >&2');
  return lines.join("\n") + "\n";
}
