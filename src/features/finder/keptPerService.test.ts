import { describe, expect, it } from 'vitest';
import { KeptPerService } from './keptPerService.ts';

describe('what is kept per service', () => {
  it('is made once while the fields it is made from are the same, and again when one changes', () => {
    let made = 0;
    const kept = new KeptPerService<{ id: string; name: string; note: string }, string>(
      ['name'],
      (row) => {
        made += 1;
        return `card of ${row.name}`;
      },
      2,
    );
    expect(kept.get({ id: 'a', name: 'Group', note: 'x' })).toBe('card of Group');
    // Another field than those named changed: the kept one stands.
    expect(kept.get({ id: 'a', name: 'Group', note: 'y' })).toBe('card of Group');
    expect(made).toBe(1);
    expect(kept.get({ id: 'a', name: 'Renamed', note: 'y' })).toBe('card of Renamed');
    expect(made).toBe(2);
    // Full at two services: a third forgets them all.
    kept.get({ id: 'b', name: 'B', note: '' });
    kept.get({ id: 'c', name: 'C', note: '' });
    expect(kept.get({ id: 'a', name: 'Renamed', note: 'y' })).toBe('card of Renamed');
    expect(made).toBe(5);
  });
});
