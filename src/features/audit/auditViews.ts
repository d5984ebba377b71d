// The provision audit's views, in the order the audit's contents list them.
// The pages, exports, printable report and JSON API all read this list.
import { gapsView } from '../gaps/gapsView.ts';
import type { AuditView } from './auditView.ts';

export const auditViews: AuditView[] = [gapsView];

export function auditViewById(id: string): AuditView | undefined {
  return auditViews.find((view) => view.id === id);
}
