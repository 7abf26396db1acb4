import type { CategoryNode } from '@complaints/tenant-config';

/** Where a category sits: indices from the root list down through `children`. */
export type TreePath = number[];

export interface CategoryRow {
  category: CategoryNode;
  path: TreePath;
  depth: number;
  /** The zod error path of this node, e.g. `categories.0.children.2`. */
  errorPath: string;
  siblings: number;
}

export function flattenCategories(categories: CategoryNode[], parent: TreePath = []): CategoryRow[] {
  return categories.flatMap((category, index) => {
    const path = [...parent, index];
    const row: CategoryRow = {
      category,
      path,
      depth: parent.length,
      errorPath: 'categories.' + path.join('.children.'),
      siblings: categories.length,
    };
    return [row, ...flattenCategories(category.children ?? [], path)];
  });
}

function siblingsOf(root: CategoryNode[], path: TreePath): CategoryNode[] {
  let list = root;
  for (const index of path.slice(0, -1)) {
    const node = list[index];
    node.children ??= [];
    list = node.children;
  }
  return list;
}

export function nodeAt(root: CategoryNode[], path: TreePath): CategoryNode {
  return siblingsOf(root, path)[path[path.length - 1]];
}

/** Move a node one place up or down among its siblings. */
export function reorder(root: CategoryNode[], path: TreePath, delta: -1 | 1): void {
  const list = siblingsOf(root, path);
  const from = path[path.length - 1];
  const to = from + delta;
  if (to < 0 || to >= list.length) return;
  [list[from], list[to]] = [list[to], list[from]];
}

/** Detach a node and append it under `parentCode` (or at the top level when null). */
export function moveUnder(root: CategoryNode[], path: TreePath, parentCode: string | null): void {
  const list = siblingsOf(root, path);
  const node = list[path[path.length - 1]];
  if (parentCode !== null && (node.code === parentCode || containsCode(node, parentCode))) return;
  list.splice(path[path.length - 1], 1);
  if (parentCode === null) {
    root.push(node);
    return;
  }
  const parent = findByCode(root, parentCode);
  if (!parent) {
    list.splice(path[path.length - 1], 0, node);
    return;
  }
  (parent.children ??= []).push(node);
}

export function findByCode(categories: CategoryNode[], code: string): CategoryNode | undefined {
  for (const category of categories) {
    if (category.code === code) return category;
    const found = findByCode(category.children ?? [], code);
    if (found) return found;
  }
  return undefined;
}

export function containsCode(node: CategoryNode, code: string): boolean {
  return (node.children ?? []).some((child) => child.code === code || containsCode(child, code));
}

export function allCodes(categories: CategoryNode[]): string[] {
  return flattenCategories(categories).map((row) => row.category.code);
}

/** The code of a node's parent, or null at the top level. */
export function parentCode(root: CategoryNode[], path: TreePath): string | null {
  return path.length > 1 ? nodeAt(root, path.slice(0, -1)).code : null;
}
