import { badInput } from '../errors';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** `first` must be 1–100, as GitHub's API requires: an unbounded page is a denial of service. */
export function boundedFirst(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput([{ path: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}
