// The API client, generated from licensord's OpenAPI document (schema.d.ts is made from
// docs/openapi.json by `npm run generate`): a path, method, body or answer the document does not
// describe fails the type check.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

// The session's CSRF token, learnt at sign-in and from /v1/auth/me; every change carries it.
let csrfToken = "";
export function setCsrfToken(token: string) {
  csrfToken = token;
}

// Told after every change the API accepted, from any page: each change is audited, so the
// histories in view read again. Signing in and out changes no resource's history.
let changed: () => void = () => {};
export function onChangeAccepted(handler: () => void) {
  changed = handler;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
};

const changes: Middleware = {
  onResponse({ request, response }) {
    const auth = new URL(request.url).pathname.startsWith("/v1/auth/");
    if (request.method !== "GET" && response.ok && !auth) changed();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf, changes);

// A refusal from the API, with the problem document's stable code and its sentence.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
  }
  get code() {
    return this.problem.code;
  }
}

// Told when the API refuses the session (UNAUTHORIZED) on any call from any page: the console
// then leaves for the sign-in page and says why. A wrong password is INVALID_CREDENTIALS, not
// this.
let sessionRefused: () => void = () => {};
export function onSessionRefused(handler: () => void) {
  sessionRefused = handler;
}

// The data of an openapi-fetch answer, or the problem it carried thrown as an ApiError.
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const problem = isProblem(error)
      ? error
      : ({
          type: "about:blank",
          status: response.status,
          title: response.statusText,
          detail: `The server answered ${response.status}.`,
          code: "INTERNAL",
        } as Problem);
    if (problem.code === "UNAUTHORIZED") sessionRefused();
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "code" in value && "detail" in value;
}
