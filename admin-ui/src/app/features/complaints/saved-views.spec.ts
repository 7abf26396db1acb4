import { SavedViewStore, sameFilter } from './saved-views';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('saved queue views', () => {
  it('keeps views sorted by name and replaces a view saved again under the same name', () => {
    const store = new SavedViewStore('views', memoryStorage());
    store.save({ name: 'urgent', filter: { severity: 'urgent' } });
    store.save({ name: 'mine', filter: { scope: 'mine' } });
    const views = store.save({ name: 'urgent', filter: { severity: 'major' } });
    expect(views).toEqual([
      { name: 'mine', filter: { scope: 'mine' } },
      { name: 'urgent', filter: { severity: 'major' } },
    ]);
    expect(store.remove('mine')).toEqual([{ name: 'urgent', filter: { severity: 'major' } }]);
  });

  it('reads corrupt storage as no views', () => {
    const storage = memoryStorage();
    storage.setItem('views', '{not json');
    expect(new SavedViewStore('views', storage).list()).toEqual([]);
  });

  it('compares filters regardless of key order and empty values', () => {
    expect(sameFilter({ stage: 'intake', severity: 'major' }, { severity: 'major', stage: 'intake', text: '' })).toBe(true);
    expect(sameFilter({ stage: 'intake' }, { stage: 'handling' })).toBe(false);
  });
});
