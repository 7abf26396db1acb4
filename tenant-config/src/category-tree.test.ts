import { categoryLineage, categorySubtreeCodes, flattenCategories } from './category-tree';
import type { CategoryNode } from './schema/category';

const tree: CategoryNode[] = [
  {
    code: 'logistics',
    name: { 'zh-CN': '物流', en: 'Logistics' },
    children: [
      {
        code: 'late_delivery',
        name: { 'zh-CN': '延迟', en: 'Late' },
        children: [{ code: 'holiday_backlog', name: { 'zh-CN': '节日积压', en: 'Holiday backlog' } }],
      },
      { code: 'damaged_parcel', name: { 'zh-CN': '破损', en: 'Damaged' }, defaultSeverity: 'urgent' },
    ],
  },
  { code: 'pricing', name: { 'zh-CN': '价格', en: 'Pricing' } },
];

describe('flattenCategories', () => {
  it('lists parents before children with depth, parent and lineage', () => {
    const flat = flattenCategories(tree);
    expect(flat.map((c) => [c.code, c.depth, c.parentCode])).toEqual([
      ['logistics', 0, undefined],
      ['late_delivery', 1, 'logistics'],
      ['holiday_backlog', 2, 'late_delivery'],
      ['damaged_parcel', 1, 'logistics'],
      ['pricing', 0, undefined],
    ]);
    expect(flat[2]?.lineage).toEqual(['logistics', 'late_delivery', 'holiday_backlog']);
  });

  it('keeps each category’s own fields but not its children', () => {
    const damaged = flattenCategories(tree).find((c) => c.code === 'damaged_parcel');
    expect(damaged?.defaultSeverity).toBe('urgent');
    expect(flattenCategories(tree).every((c) => !('children' in c))).toBe(true);
  });
});

describe('categorySubtreeCodes', () => {
  it('returns the category and all its descendants', () => {
    expect(categorySubtreeCodes(tree, 'logistics')).toEqual(['logistics', 'late_delivery', 'holiday_backlog', 'damaged_parcel']);
    expect(categorySubtreeCodes(tree, 'late_delivery')).toEqual(['late_delivery', 'holiday_backlog']);
    expect(categorySubtreeCodes(tree, 'pricing')).toEqual(['pricing']);
  });

  it('returns nothing for an unknown code', () => {
    expect(categorySubtreeCodes(tree, 'nope')).toEqual([]);
    expect(categoryLineage(tree, 'nope')).toBeUndefined();
  });
});
