import type { OverdueItem } from '../plan/overdueRepository.ts';
import { overdueShown } from '../plan/overdueRepository.ts';
import { overdueFor } from '../plan/planSchedule.ts';

/** The home page's overdue list: each item with its family, what is overdue and for how long. */
export function presentOverdue(items: readonly OverdueItem[], today: string) {
  return {
    items: items.slice(0, overdueShown).map((item) => ({
      family: `${item.reference} ${item.familyName}`,
      href:
        item.kind === 'review'
          ? `/practice/families/${item.familyId}/plan#agreement`
          : `/practice/families/${item.familyId}/plan/actions/${item.id}/edit`,
      text: item.kind === 'review' ? 'Plan review' : (item.what ?? ''),
      owner: item.owner,
      dueOn: item.dueOn,
      overdueFor: overdueFor(item.dueOn, today),
    })),
    more: items.length > overdueShown,
  };
}
