import { describe, expect, it } from "vitest";
import { buildTree, hierarchyOptions } from "./customerTree";

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
  it("lists a select's options depth first, each after its parent, with its depth", () => {
    const options = hierarchyOptions([
      { id: "c3", name: "Shop", parent_id: "c2" },
      { id: "c2", name: "Dealer", parent_id: "c1" },
      { id: "c1", name: "Distributor", parent_id: null },
      { id: "c4", name: "Another", parent_id: null },
    ]);
    expect(options.map((o) => [o.label, o.depth])).toEqual([
      ["Another", 0],
      ["Distributor", 0],
      ["Dealer", 1],
      ["Shop", 2],
    ]);
  });
});
