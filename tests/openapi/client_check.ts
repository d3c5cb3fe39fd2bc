// A small program against the client generated from licensord's served OpenAPI document. It is
// only type-checked: it fails to compile when an operation, parameter or response field it
// uses is missing from the document or has changed type.
import createClient from "openapi-fetch";

import type { components, paths } from "./generated/api";

type License = components["schemas"]["License"];
type Problem = components["schemas"]["Problem"];

export async function renewTrial(baseUrl: string, token: string, licenseId: string) {
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
  });

  const product = await client.POST("/v1/products", { body: { name: "Widget Server" } });
  if (product.error) return problemText(product.error);
  const productId: string = product.data.id;

  const licenses = await client.GET("/v1/licenses", {
    params: { query: { product_id: productId, status: "ACTIVE", limit: 50 } },
  });
  const codes: string[] = (licenses.data?.data ?? []).map((l: License) => l.code);

  const renewed = await client.PATCH("/v1/licenses/{id}", {
    params: { path: { id: licenseId } },
    body: { duration_days: 365 },
  });
  if (renewed.error) return problemText(renewed.error);
  const expires: string | null | undefined = renewed.data.expires_at;

  const verdict = await client.POST("/v1/client/validate", {
    body: { code: codes[0] ?? "", fingerprint: "machine-1", features: ["core"] },
  });
  const valid: boolean | undefined = verdict.data?.valid;
  return { productId, codes, expires, valid };
}

function problemText(problem: Problem): string {
  return `${problem.code}: ${problem.detail ?? problem.title}`;
}
