/** A `hybrid doctor` run as the tests see it. */
export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The mark of each check line of the doctor's report: `{ "ewt-token": "✔", ... }`. */
export function marks(out: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of out.matchAll(/^ {2}([✔✖-]) ([a-z0-9-]+) /gm)) found[m[2]] = m[1];
  return found;
}
