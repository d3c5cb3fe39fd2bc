// The roles a user or token can have, as the API names them.
import type { Schemas } from "../api/client";

export type Role = Schemas["User"]["role"];

export const roles: { value: Role; label: string; description: string }[] = [
  { value: "admin", label: "Admin", description: "Everything, users and tokens included" },
  { value: "operator", label: "Operator", description: "Catalogue, licenses and the fleet" },
  { value: "viewer", label: "Viewer", description: "Reads everything, changes nothing" },
  {
    value: "customer_admin",
    label: "Customer admin",
    description: "A customer's own cards and users",
  },
  { value: "customer_viewer", label: "Customer viewer", description: "A customer's own cards" },
];

export function isCustomerRole(role: string): boolean {
  return role === "customer_admin" || role === "customer_viewer";
}
