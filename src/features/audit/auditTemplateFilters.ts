// The filters the audit's templates call: `table | auditChart(spec)` draws a
// chart of a shown table (the table's own choice when no spec is given).
import type nunjucks from 'nunjucks';
import { type ChartSpec, defaultChartSpec, renderChart } from './auditCharts.ts';
import type { ShownTable } from './auditTable.ts';

export function addAuditTemplateFilters(env: nunjucks.Environment): void {
  env.addFilter('auditChart', (table: ShownTable, spec?: ChartSpec) => {
    const chosen = spec ?? defaultChartSpec(table);
    return chosen ? renderChart(table, chosen) : undefined;
  });
}
