import type { Department } from '../api';

export interface DepartmentTreeNode extends Department {
  children: DepartmentTreeNode[];
}

/** Builds the tree from the flat list (which, unlike /departments/tree, carries each version). */
export function buildDepartmentTree(list: readonly Department[]): DepartmentTreeNode[] {
  const nodes = new Map<string, DepartmentTreeNode>(list.map((d) => [d.id, { ...d, children: [] }]));
  const roots: DepartmentTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (items: DepartmentTreeNode[]) => {
    items.sort((a, b) => a.name.localeCompare(b.name));
    items.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** The ids of a node and everything under it: a department cannot move below itself. */
export function subtreeIds(node: DepartmentTreeNode): Set<string> {
  const ids = new Set<string>([node.id]);
  const walk = (n: DepartmentTreeNode) => n.children.forEach((c) => (ids.add(c.id), walk(c)));
  walk(node);
  return ids;
}

/** A copy of the tree with the given ids disabled (for the "move to" picker). */
export function withDisabled(nodes: DepartmentTreeNode[], disabled: Set<string>): (DepartmentTreeNode & { disabled: boolean })[] {
  return nodes.map((n) => ({ ...n, disabled: disabled.has(n.id), children: withDisabled(n.children, disabled) }));
}
