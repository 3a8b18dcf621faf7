import { Listr, ProcessOutput, type ListrTaskWrapper } from "listr2";
import type { CliContext } from "./context";

/**
 * Progress per item (a tenant), shared by `hybrid plan` and `hybrid demo`: each item shows
 * its current step, then one line when it is done. On a terminal a live display (listr2)
 * redraws one line per item; elsewhere (logs, CI) each step is a plain line.
 */
export interface Progress {
  step(item: string, text: string): void;
  done(item: string, text: string, ok: boolean): void;
  /** Shows the display while `work` runs. */
  around<T>(work: Promise<T>): Promise<T>;
}

export function progressFor(ctx: CliContext, items: readonly string[]): Progress {
  return ctx.terminal ? new LiveProgress(items, ctx.terminal) : new PlainProgress(ctx, items.length);
}

class PlainProgress implements Progress {
  private finished = 0;
  constructor(
    private readonly ctx: CliContext,
    private readonly total: number,
  ) {}
  step(item: string, text: string): void {
    this.ctx.stdout(`${item}: ${text}\n`);
  }
  done(_item: string, text: string): void {
    this.ctx.stdout(`[${++this.finished}/${this.total}] ${text}\n`);
  }
  around<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}

type Update = { readonly kind: "step" | "done"; readonly text: string; readonly ok?: boolean };

class LiveProgress implements Progress {
  private readonly tasks = new Map<string, { task: ListrTaskWrapper<unknown, any, any>; resolve: () => void; reject: (e: Error) => void }>();
  private readonly pending = new Map<string, Update[]>();
  private readonly list: Listr;

  constructor(items: readonly string[], terminal: NodeJS.WriteStream) {
    this.list = new Listr(
      items.map((item) => ({
        title: `${item}: queued`,
        task: (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) =>
          new Promise<void>((resolve, reject) => {
            this.tasks.set(item, { task, resolve, reject });
            for (const u of this.pending.get(item) ?? []) this.apply(item, u);
            this.pending.delete(item);
          }),
      })),
      // Concurrency is the caller's; the list only shows it.
      {
        concurrent: true,
        exitOnError: false,
        registerSignalListeners: false,
        rendererOptions: { collapseErrors: false, processOutput: new ProcessOutput(terminal, terminal) },
      },
    );
  }

  step(item: string, text: string): void {
    this.apply(item, { kind: "step", text });
  }

  done(item: string, text: string, ok: boolean): void {
    this.apply(item, { kind: "done", text, ok });
  }

  async around<T>(work: Promise<T>): Promise<T> {
    const shown = this.list.run().catch(() => undefined);
    const result = await work;
    await shown;
    return result;
  }

  private apply(item: string, u: Update): void {
    const t = this.tasks.get(item);
    if (!t) {
      this.pending.set(item, [...(this.pending.get(item) ?? []), u]);
      return;
    }
    t.task.title = u.kind === "step" ? `${item}: ${u.text}` : u.text;
    if (u.kind === "done") {
      if (u.ok) t.resolve();
      else t.reject(new Error(u.text));
    }
  }
}
