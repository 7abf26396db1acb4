import type { CategoryNode } from './schema/category';

/** A category with its place in the tree, for pickers, reports and lookups that need no recursion. */
export interface FlatCategory extends Omit<CategoryNode, 'children'> {
  parentCode: string | undefined;
  /** 0 for top-level categories. */
  depth: number;
  /** Codes from the root down to this category, inclusive. */
  lineage: string[];
}

/** Position of a node as config path segments, e.g. ['categories', 0, 'children', 1]. */
export type CategoryPath = (string | number)[];

/** Depth-first, parents before children, siblings in their configured order. */
export function walkCategories(
  tree: readonly CategoryNode[],
  visit: (node: CategoryNode, path: CategoryPath, lineage: string[]) => void,
  path: CategoryPath = ['categories'],
  lineage: string[] = [],
): void {
  tree.forEach((node, index) => {
    const nodePath = [...path, index];
    const nodeLineage = [...lineage, node.code];
    visit(node, nodePath, nodeLineage);
    if (node.children) walkCategories(node.children, visit, [...nodePath, 'children'], nodeLineage);
  });
}

export function flattenCategories(tree: readonly CategoryNode[]): FlatCategory[] {
  const flat: FlatCategory[] = [];
  walkCategories(tree, (node, _path, lineage) => {
    const { children: _children, ...fields } = node;
    flat.push({ ...fields, parentCode: lineage.at(-2), depth: lineage.length - 1, lineage });
  });
  return flat;
}

/** Codes from the root down to `code`, inclusive; undefined when the code is not in the tree. */
export function categoryLineage(tree: readonly CategoryNode[], code: string): string[] | undefined {
  return flattenCategories(tree).find((category) => category.code === code)?.lineage;
}

/** `code` and every descendant's code; empty when the code is not in the tree. */
export function categorySubtreeCodes(tree: readonly CategoryNode[], code: string): string[] {
  return flattenCategories(tree)
    .filter((category) => category.lineage.includes(code))
    .map((category) => category.code);
}
