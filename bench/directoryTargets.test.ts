import { describe, expect, it } from 'vitest';
import { finderBodies, orukPaths } from './directoryTargets.ts';

describe('the directory benchmark targets', () => {
  it('posts a postcode with every search, narrowed or sorted in turn', () => {
    const bodies = finderBodies(['BX1 0AB', 'BX2 1BD', 'BX3 2DE', 'BX4 3EF']).map(
      (b) => new URLSearchParams(b),
    );
    expect(bodies.map((b) => b.get('postcode'))).toEqual(['BX1 0AB', 'BX2 1BD', 'BX3 2DE', 'BX4 3EF']);
    expect(bodies[1]?.getAll('audiences')).toEqual(['grandparent']);
    expect(bodies[2]?.getAll('supportKinds')).toEqual(['group']);
    expect(bodies[3]?.get('sort')).toBe('soonest');
    expect(bodies[0]?.toString()).toBe('postcode=BX1+0AB');
  });

  it('asks for every page of 50 once, then pages narrowed to each term', () => {
    const paths = orukPaths(120, ['t1']);
    expect(paths).toEqual([
      '/openreferral/services?per_page=50&page=1',
      '/openreferral/services?per_page=50&page=2',
      '/openreferral/services?per_page=50&page=3',
      '/openreferral/services?per_page=50&page=1&taxonomy_term_id=t1',
    ]);
    expect(orukPaths(0, [])).toHaveLength(1);
  });
});
