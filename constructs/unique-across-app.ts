import { Construct, IConstruct } from "constructs";

interface Claim {
  readonly construct: Construct;
  readonly describe: (other: Construct) => string;
}

// One registry per app (its root construct): value -> the constructs claiming it, by kind.
const registries = new WeakMap<IConstruct, Map<string, Map<string, Claim[]>>>();

/**
 * Claims `value` (an org id, an issuer URI) for `construct` among all constructs of
 * the app claiming the same `kind`. The first claim in an app adds the one validation
 * that checks every claim, on the app itself, so an app of N tenants costs O(N), not a
 * walk of the whole tree from every construct. A value claimed twice fails synthesis
 * with `describe(other)` for every claimant, naming the other one.
 */
export function claimUniqueAcrossApp(construct: Construct, kind: string, value: string, describe: (other: Construct) => string): void {
  const root = construct.node.root;
  let byKind = registries.get(root);
  if (!byKind) {
    const registry = new Map<string, Map<string, Claim[]>>();
    registries.set(root, registry);
    byKind = registry;
    root.node.addValidation({ validate: () => duplicateMessages(registry) });
  }
  let byValue = byKind.get(kind);
  if (!byValue) {
    byValue = new Map();
    byKind.set(kind, byValue);
  }
  byValue.set(value, [...(byValue.get(value) ?? []), { construct, describe }]);
}

function duplicateMessages(registry: Map<string, Map<string, Claim[]>>): string[] {
  const messages: string[] = [];
  for (const byValue of registry.values()) {
    for (const claims of byValue.values()) {
      if (claims.length < 2) continue;
      for (const claim of claims) {
        for (const other of claims) if (other !== claim) messages.push(claim.describe(other.construct));
      }
    }
  }
  return messages;
}
