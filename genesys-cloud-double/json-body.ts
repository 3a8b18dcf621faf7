import type { IncomingHttpHeaders } from "http";
import { apiError, badRequest, Reply } from "./api-error";

/**
 * The JSON value of a request body, or the 4xx the API answers: 415 when the body is not
 * declared `application/json`, 400 when it is not JSON. `carriesSecrets` leaves the parser's
 * message out of the 400: Node's quotes the text around the error.
 */
export function jsonBody(headers: IncomingHttpHeaders, body: string, opts: { carriesSecrets?: boolean } = {}): { value: unknown } | { error: Reply } {
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    return { error: apiError(415, "unsupported.media.type", `Content-Type "${headers["content-type"] ?? ""}" is not supported; send application/json.`) };
  }
  try {
    return { value: JSON.parse(body) };
  } catch (err) {
    return { error: badRequest(opts.carriesSecrets ? "The request body is not valid JSON." : `The request body is not valid JSON: ${(err as Error).message}`) };
  }
}

/** The JSON object of a request body, or the 4xx the API answers (see {@link jsonBody}; 400 for any other JSON value). */
export function jsonObjectBody(headers: IncomingHttpHeaders, body: string, opts: { carriesSecrets?: boolean } = {}): { value: Record<string, unknown> } | { error: Reply } {
  const parsed = jsonBody(headers, body, opts);
  if ("error" in parsed) return parsed;
  const value = parsed.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { error: badRequest("The request body must be a JSON object.") };
  }
  return { value: value as Record<string, unknown> };
}
