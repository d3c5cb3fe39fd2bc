import { describe, expect, it } from "vitest";
import { buildTree } from "./customerTree";

describe("the customer tree", () => {
  it("puts each customer under its parent, by name, and orphans at the top", () => {
    const tree = buildTree([
      { id: "c2", name: "Acme EU", parent_id: "c1" },
      { id: "c1", name: "Acme", parent_id: null },
      { id: "c3", name: "Acme Asia", parent_id: "c1" },
      { id: "c4", name: "Beta", parent_id: "gone" },
    ]);
    expect(tree.map((n) => n.customer.name)).toEqual(["Acme", "Beta"]);
    expect(tree[0]!.children.map((n) => n.customer.name)).toEqual(["Acme Asia", "Acme EU"]);
  });
});
