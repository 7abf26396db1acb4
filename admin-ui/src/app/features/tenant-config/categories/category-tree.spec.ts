import type { CategoryNode } from '@complaints/tenant-config';
import { flattenCategories, moveUnder, reorder } from './category-tree';

const tree = (): CategoryNode[] => [
  {
    code: 'quality',
    name: { 'zh-CN': '产品质量', en: 'Quality' },
    children: [
      { code: 'defect', name: { 'zh-CN': '功能缺陷', en: 'Defect' } },
      { code: 'cosmetic', name: { 'zh-CN': '外观瑕疵', en: 'Cosmetic' } },
    ],
  },
  { code: 'logistics', name: { 'zh-CN': '物流', en: 'Logistics' } },
];

describe('category tree editing', () => {
  it('flattens depth-first with the error path of each node', () => {
    expect(flattenCategories(tree()).map((row) => [row.category.code, row.depth, row.errorPath])).toEqual([
      ['quality', 0, 'categories.0'],
      ['defect', 1, 'categories.0.children.0'],
      ['cosmetic', 1, 'categories.0.children.1'],
      ['logistics', 0, 'categories.1'],
    ]);
  });

  it('reorders a node among its siblings only', () => {
    const categories = tree();
    reorder(categories, [0, 1], -1);
    expect(categories[0].children!.map((c) => c.code)).toEqual(['cosmetic', 'defect']);
    reorder(categories, [0, 0], -1);
    expect(categories[0].children!.map((c) => c.code)).toEqual(['cosmetic', 'defect']);
  });

  it('moves a node with its subtree under another parent or to the top level', () => {
    const categories = tree();
    moveUnder(categories, [0, 0], 'logistics');
    expect(categories[1].children!.map((c) => c.code)).toEqual(['defect']);
    moveUnder(categories, [1, 0], null);
    expect(categories.map((c) => c.code)).toEqual(['quality', 'logistics', 'defect']);
  });

  it('refuses to move a node under its own descendant', () => {
    const categories = tree();
    moveUnder(categories, [0], 'defect');
    expect(flattenCategories(categories).map((row) => row.category.code)).toEqual(['quality', 'defect', 'cosmetic', 'logistics']);
  });
});
