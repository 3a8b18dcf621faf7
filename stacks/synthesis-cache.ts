import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackManifest } from "cdktf";
import type { DeploymentTarget } from "../core/contract/deployment-target";
import type { TenantStackProps } from "./tenant-stack";

/**
 * Stacks synthesized before, by everything a tenant's stack is made from: its props (the tenant
 * as validated, its certificate, its adoption), the deployment target, where its files lie from
 * the output folder (the stack holds paths relative to it), cdktf's context from the
 * environment, and the code that synthesizes (the synthesis code itself and the cdktf and
 * constructs versions). Nothing
 * else reaches a tenant stack (tenant stacks never reference one another, see
 * TenantStack.prepareStack), so a hit is the stack a synthesis would write, byte for byte.
 *
 * One file per key (`<dir>/<key[0..1]>/<key>.json`: the stack's JSON and its manifest entry),
 * written atomically; a hit is touched, and entries unused for {@link MAX_AGE_DAYS} days are
 * removed, at most once a day.
 */
export class SynthesisCache {
  private readonly identity: string;

  constructor(
    readonly dir: string,
    opts: { readonly code?: string; readonly env?: NodeJS.ProcessEnv } = {},
  ) {
    const env = opts.env ?? {};
    this.identity = JSON.stringify([FORMAT, opts.code ?? synthesisCodeIdentity(), env.CDKTF_CONTEXT_JSON ?? ""]);
  }

  /**
   * The key of one tenant's stack synthesized into `outdir` for `target`. A stack names files
   * only relative to its folder (TenantStack.pathFromStackDir), so absolute paths enter the key
   * relative to `outdir`: the same project synthesized elsewhere (a pull request's base, in a
   * worktree) has the same keys. Bytes (the certificate's) enter as their digest.
   */
  keyOf(props: TenantStackProps, target: DeploymentTarget, outdir: string): string {
    const out = path.resolve(outdir);
    const inputs = JSON.stringify([props, target], (_key, value: unknown) => {
      if (typeof value === "string" && path.isAbsolute(value)) return `<outdir>/${path.relative(out, value)}`;
      const bytes = value as { type?: unknown; data?: unknown } | null;
      if (bytes !== null && typeof bytes === "object" && bytes.type === "Buffer" && Array.isArray(bytes.data)) return `<sha256 ${createHash("sha256").update(Buffer.from(bytes.data as number[])).digest("hex")}>`;
      return value;
    });
    return createHash("sha256").update(this.identity).update("\0").update(inputs).digest("hex");
  }

  /** The stack of `key`, or undefined when it was never stored (or cannot be read). */
  read(key: string): CachedStack | undefined {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as CachedStack;
      if (typeof entry.stack !== "string" || typeof entry.manifest?.synthesizedStackPath !== "string") return undefined;
      const now = new Date();
      fs.utimesSync(file, now, now);
      return entry;
    } catch {
      return undefined;
    }
  }

  write(key: string, entry: CachedStack): void {
    const file = this.fileOf(key);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(temp, file);
  }

  /** Removes entries not used for {@link MAX_AGE_DAYS} days; does nothing when it already ran in the last day. */
  prune(now: Date = new Date()): void {
    const stamp = path.join(this.dir, ".pruned");
    try {
      if (now.getTime() - fs.statSync(stamp).mtimeMs < DAY_MS) return;
    } catch {
      // never pruned: prune now
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const oldest = now.getTime() - MAX_AGE_DAYS * DAY_MS;
    for (const sub of fs.readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      const folder = path.join(this.dir, sub.name);
      for (const name of fs.readdirSync(folder)) {
        const file = path.join(folder, name);
        try {
          if (fs.statSync(file).mtimeMs < oldest) fs.rmSync(file, { force: true });
        } catch {
          // removed by another synthesis meanwhile
        }
      }
    }
    fs.writeFileSync(stamp, "");
    fs.utimesSync(stamp, now, now);
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/** One stored stack: what a synthesis writes for it. */
export interface CachedStack {
  /** The text of `<outdir>/<manifest.synthesizedStackPath>`. */
  readonly stack: string;
  /** Its entry in manifest.json. */
  readonly manifest: StackManifest;
}

/** Bumped when what is stored changes shape. */
const FORMAT = "hybrid-synthesis-cache/1";
const DAY_MS = 86_400_000;
const MAX_AGE_DAYS = 14;

/** The layers a tenant stack is built from (README, "Layout"): the synthesis code, by the folders of its layers. */
const SYNTHESIS_LAYERS = ["stacks", "constructs", "core", ".gen"];

let codeIdentity: string | undefined;

/**
 * What identifies the code that synthesizes: the cdktf and constructs versions, and the
 * content of every file of the synthesis layers as this process runs them. Run as the
 * esbuild bundle of cdktf.json's app, this file is inside the bundle, which is then the code;
 * compiled (dist/) or as TypeScript, it is every file of those layers beside it.
 */
function synthesisCodeIdentity(): string {
  if (codeIdentity !== undefined) return codeIdentity;
  const hash = createHash("sha256");
  for (const pkg of ["cdktf", "constructs"]) hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}\n`);
  const ext = path.extname(__filename);
  if (path.basename(__filename, ext) !== "synthesis-cache") {
    hash.update(fs.readFileSync(__filename));
  } else {
    const root = path.dirname(__dirname);
    for (const file of SYNTHESIS_LAYERS.flatMap((layer) => filesUnder(path.join(root, layer), ext)).sort()) {
      hash.update(`${path.relative(root, file)}\n`).update(fs.readFileSync(file));
    }
  }
  codeIdentity = hash.digest("hex");
  return codeIdentity;
}

function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.endsWith(`.d${ext}`))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
