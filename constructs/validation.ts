/** Throws one error listing every problem, each line prefixed with the construct's path; does nothing when there are none. */
export function throwProblems(where: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(`${where}: ${problems.join(`\n${where}: `)}`);
}
