/**
 * The permissions the double knows, as the Platform API's permission catalogue
 * (`/api/v2/authorization/permissions`) names them: domain -> entity -> actions.
 * A role's permission policy may only name these; a domain that needs a product
 * is only grantable in an org that has the product (`/api/v2/authorization/products`).
 */
export interface PermissionDomain {
  /** The product the org must have for the domain's permissions to exist, if any. */
  readonly product?: string;
  readonly entities: Readonly<Record<string, readonly string[]>>;
}

export const PERMISSION_CATALOGUE: Readonly<Record<string, PermissionDomain>> = {
  analytics: {
    entities: {
      conversationAggregate: ["view"],
      conversationDetail: ["view"],
      userAggregate: ["view"],
      userDetail: ["view"],
      userObservation: ["view"],
    },
  },
  authorization: {
    entities: {
      division: ["add", "delete", "edit", "view"],
      grant: ["add", "delete", "view"],
      orgTrusteeGroup: ["view"],
      orgTrusteeUser: ["view"],
      orgTrustor: ["view"],
      role: ["add", "delete", "edit", "view"],
    },
  },
  conversation: {
    entities: {
      call: ["add", "record"],
      communication: ["view"],
    },
  },
  directory: {
    entities: {
      group: ["add", "delete", "edit", "view"],
      organization: ["admin"],
      user: ["add", "delete", "edit", "view"],
    },
  },
  journey: {
    product: "journey",
    entities: {
      actionmap: ["add", "delete", "edit", "view"],
      actiontarget: ["add", "delete", "edit", "view"],
      deployment: ["add", "edit", "view"],
      event: ["view"],
      outcome: ["add", "delete", "edit", "view"],
      report: ["view"],
      segment: ["add", "delete", "edit", "view"],
      session: ["view"],
    },
  },
  oauth: {
    entities: {
      client: ["add", "delete", "edit", "view"],
    },
  },
  quality: {
    entities: {
      calibration: ["add", "delete", "edit", "view"],
      evaluation: ["add", "delete", "edit", "view"],
    },
  },
  routing: {
    entities: {
      queue: ["add", "delete", "edit", "join", "view"],
      skill: ["assign", "manage"],
    },
  },
  sso: {
    entities: {
      provider: ["add", "delete", "edit", "view"],
    },
  },
};

/**
 * Why `domain:entity:action` cannot be granted in an org with `products`, or undefined when it can.
 * `*` stands for every entity of a domain, or every action of an entity.
 */
export function permissionProblem(domain: string, entity: string, action: string, products: readonly string[]): "unknown" | "product" | undefined {
  const d = PERMISSION_CATALOGUE[domain];
  if (!d) return "unknown";
  if (entity !== "*") {
    const actions = d.entities[entity];
    if (!actions || (action !== "*" && !actions.includes(action))) return "unknown";
  } else if (action !== "*" && !Object.values(d.entities).some((a) => a.includes(action))) {
    return "unknown";
  }
  if (d.product && !products.includes(d.product)) return "product";
  return undefined;
}

/** Every permission of the catalogue whose product is in `products`, as `[domain, entity, actions]`, in catalogue order. */
export function grantablePermissions(products: readonly string[]): [string, string, readonly string[]][] {
  const out: [string, string, readonly string[]][] = [];
  for (const [domain, d] of Object.entries(PERMISSION_CATALOGUE)) {
    if (d.product && !products.includes(d.product)) continue;
    for (const [entity, actions] of Object.entries(d.entities)) out.push([domain, entity, actions]);
  }
  return out;
}
