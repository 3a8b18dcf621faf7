import { badRequest, Reply } from "./api-error";

export interface Page {
  readonly pageSize: number;
  readonly pageNumber: number;
}

function positiveInt(query: URLSearchParams, name: string, dflt: number, max: number): number | Reply {
  const raw = query.get(name);
  if (raw === null || raw === "") return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) return badRequest(`${name} must be an integer from 1 to ${max}.`);
  return n;
}

/** `pageSize` (1..maxSize, default `defaultSize`) and `pageNumber` (from 1) of a listing's query, or the 400 for a bad one. */
export function pageOf(query: URLSearchParams, defaultSize: number, maxSize: number): Page | { error: Reply } {
  const pageSize = positiveInt(query, "pageSize", defaultSize, maxSize);
  if (typeof pageSize !== "number") return { error: pageSize };
  const pageNumber = positiveInt(query, "pageNumber", 1, 1_000_000);
  if (typeof pageNumber !== "number") return { error: pageNumber };
  return { pageSize, pageNumber };
}

/**
 * One page of `all` in the shape of the Platform API's `...EntityListing` models: entities, pageSize,
 * pageNumber, total, the page URIs and pageCount (which SDK callers dereference to fetch the next pages).
 * `query` is the rest of the query string the URIs repeat, e.g. `queryType=domain&query=directory`.
 */
export function entityListing<T>(path: string, all: readonly T[], page: Page, query = ""): Record<string, unknown> {
  const { pageSize, pageNumber } = page;
  const total = all.length;
  const pageCount = Math.ceil(total / pageSize);
  const uri = (n: number) => `${path}?pageSize=${pageSize}&pageNumber=${n}${query ? `&${query}` : ""}`;
  return {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total,
    firstUri: uri(1),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
    lastUri: uri(Math.max(pageCount, 1)),
    selfUri: uri(pageNumber),
    pageCount,
  };
}
