// Customers as a tree: each under its parent, siblings by name.
export interface TreeCustomer {
  id: string;
  name: string;
  parent_id: string | null;
}

export interface TreeNode<T extends TreeCustomer> {
  customer: T;
  children: TreeNode<T>[];
}

export function buildTree<T extends TreeCustomer>(customers: T[]): TreeNode<T>[] {
  const nodes = new Map(customers.map((c) => [c.id, { customer: c, children: [] } as TreeNode<T>]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.customer.parent_id ? nodes.get(node.customer.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.customer.name.localeCompare(b.customer.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

// The customers as a select lists them: depth first, each after its parent, with its depth,
// so the hierarchy shows (seed 002's customer selector) while each option keeps its own name.
export function hierarchyOptions<T extends TreeCustomer>(
  customers: T[],
): { value: string; label: string; depth: number }[] {
  const out: { value: string; label: string; depth: number }[] = [];
  const visit = (nodes: TreeNode<T>[], depth: number) => {
    for (const node of nodes) {
      out.push({ value: node.customer.id, label: node.customer.name, depth });
      visit(node.children, depth + 1);
    }
  };
  visit(buildTree(customers), 0);
  return out;
}
