// The catalogue's names for the selects and tables that show ids: products, policies and
// customers, read a page of 500 at a time (the API's largest) and looked up by id.
import { useQuery } from "@tanstack/react-query";
import { api, must, type Schemas } from "../api/client";
import { keys } from "../api/keys";

export type Product = Schemas["Product"];
export type Policy = Schemas["Policy"];
export type Customer = Schemas["Customer"];

export async function all<T>(
  fetchPage: (cursor?: string) => Promise<{ data: T[]; next_cursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; ++pages) {
    const page = await fetchPage(cursor);
    items.push(...page.data);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

export function useProducts() {
  return useQuery({
    queryKey: keys.allProducts,
    queryFn: () =>
      all((cursor) => must(api.GET("/v1/products", { params: { query: { cursor, limit: 500 } } }))),
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: keys.allPolicies,
    queryFn: () =>
      all((cursor) => must(api.GET("/v1/policies", { params: { query: { cursor, limit: 500 } } }))),
  });
}

// `enabled` false for users who may not read the catalogue (customers' own users).
export function useCustomers(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.allCustomers,
    queryFn: () =>
      all((cursor) =>
        must(api.GET("/v1/customers", { params: { query: { cursor, limit: 500 } } })),
      ),
  });
}

export function nameOf<T extends { id: string; name: string }>(items: T[] | undefined, id: string) {
  return items?.find((i) => i.id === id)?.name ?? id;
}

// The customers whose day-cards the signed-in user sees: its own and its sub-customers (every
// customer for the vendor's staff), with whether each lets its superior manage its cards.
export function useCardCustomers() {
  return useQuery({
    queryKey: keys.cardCustomers,
    queryFn: () =>
      all((cursor) =>
        must(api.GET("/v1/card-customers", { params: { query: { cursor, limit: 500 } } })),
      ),
  });
}
