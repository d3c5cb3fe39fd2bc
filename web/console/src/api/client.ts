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

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf);

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
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "code" in value && "detail" in value;
}
