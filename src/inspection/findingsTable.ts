import type { ExportTable } from '../exports/ExportTable.js';
import type { InspectionFinding } from './bulkInspection.js';

const VERDICT_VI = { questionable: 'Đáng ngờ', tampered: 'Bị sửa đổi' } as const;

/**
 * The bulk inspection as an export table (one report a row, the failed checks' codes and their
 * plain-word reasons), written as CSV or XLSX by the shared writers in src/exports.
 */
export function findingsTable(findings: readonly InspectionFinding[]): ExportTable {
  return {
    name: 'Kiểm tra báo cáo',
    columns: [
      { key: 'reportId', header: 'Mã báo cáo' }, { key: 'visitId', header: 'Mã chuyến đi' }, { key: 'cadreId', header: 'Mã cán bộ' },
      { key: 'unitCode', header: 'Đơn vị' }, { key: 'startDate', header: 'Từ ngày', type: 'date' }, { key: 'endDate', header: 'Đến ngày', type: 'date' },
      { key: 'verdict', header: 'Kết luận' }, { key: 'codes', header: 'Mã kiểm tra' }, { key: 'reasons', header: 'Lý do' },
    ],
    rows: findings.map((f) => ({
      ...f,
      verdict: VERDICT_VI[f.verdict],
      codes: f.reasons.map((r) => r.code).join(' '),
      reasons: f.reasons.map((r) => `${r.code}: ${r.detail}`).join('\n'),
    })),
  };
}
