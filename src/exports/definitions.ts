import type { ExportColumn, ExportTable } from './ExportTable.js';

/** Reads a JSON route of the API as the caller (same scope and validation), page by page. */
export type ApiGet = (url: string) => Promise<unknown>;

export interface ExportParams {
  province?: string;
  year?: number;
  at?: string;
  agency?: string;
}

const qs = (params: Record<string, unknown>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
};

/** Every page of a paginated route (limit 1000, the routes' maximum). */
async function allRows<T>(get: ApiGet, path: string, params: Record<string, unknown>, pick: (body: never) => { rows: T[]; total: number }): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = pick((await get(`${path}?${qs({ ...params, limit: 1000, offset })}`)) as never);
    rows.push(...page.rows);
    if (page.rows.length < 1000 || rows.length >= page.total) return rows;
  }
}

/** Cadre names as the current map shows them (personal data revealed while it exists). */
async function cadreNames(get: ApiGet, province: string | undefined): Promise<Map<string, string>> {
  const map = (await get(`/v1/map?${qs({ province, limit: 1000 })}`)) as { boards: { cadres: { cadreId: string; name: string | null }[] }[] };
  return new Map(map.boards.flatMap((b) => b.cadres.filter((c) => c.name).map((c) => [c.cadreId, c.name as string])));
}

const STATUS_VI: Record<string, string> = {
  met: 'Đạt', 'on-track': 'Đúng tiến độ', behind: 'Chậm', 'no-quota': 'Chưa có định mức',
  'on-time': 'Đúng hạn', late: 'Trễ hạn', filed: 'Đã nộp', missing: 'Chưa nộp', pending: 'Chưa đến hạn',
  transcribed: 'Chép lại từ hồ sơ cũ', questionable: 'Đáng ngờ', tampered: 'Bị sửa đổi',
};
const vi = (s: unknown) => STATUS_VI[String(s)] ?? String(s ?? '');

interface Definition {
  title: string;
  columns: ExportColumn[];
  rows(get: ApiGet, p: ExportParams): Promise<Record<string, unknown>[]>;
}

/** What can be exported, with Vietnamese headers; the same figures as the dashboard pages. */
export const exportDefinitions: Record<'attendance' | 'coverage' | 'reports' | 'inspections', Definition> = {
  attendance: {
    title: 'Đi cơ sở',
    columns: [
      { key: 'name', header: 'Họ và tên' }, { key: 'cadreId', header: 'Mã cán bộ' }, { key: 'year', header: 'Năm', type: 'number' },
      { key: 'days', header: 'Số ngày đi cơ sở', type: 'number' }, { key: 'confirmedDays', header: 'Số ngày được xác nhận', type: 'number' },
      { key: 'visits', header: 'Số lượt', type: 'number' }, { key: 'partyCellMeetings', header: 'Dự sinh hoạt chi bộ', type: 'number' },
      { key: 'required', header: 'Định mức (ngày)', type: 'number' }, { key: 'reference', header: 'Văn bản quy định' }, { key: 'status', header: 'Tình trạng' },
    ],
    async rows(get, p) {
      const [rows, names] = await Promise.all([
        allRows(get, '/v1/dashboard/attendance', { year: p.year, province: p.province, agency: p.agency }, (b: { rows: Record<string, unknown>[]; total: number }) => b),
        cadreNames(get, p.province),
      ]);
      return rows.map((r) => {
        const quota = r.quota as { required: number; reference: string } | null;
        return { ...r, name: names.get(String(r.cadreId)) ?? '', required: quota?.required ?? '', reference: quota?.reference ?? '', status: vi(r.status) };
      });
    },
  },
  coverage: {
    title: 'Phân công địa bàn',
    columns: [
      { key: 'code', header: 'Mã đơn vị' }, { key: 'name', header: 'Tên đơn vị' }, { key: 'followers', header: 'Cán bộ theo dõi' },
      { key: 'count', header: 'Số cán bộ', type: 'number' }, { key: 'state', header: 'Tình trạng' }, { key: 'at', header: 'Tại ngày', type: 'date' },
    ],
    async rows(get, p) {
      const params = { province: p.province, at: p.at, limit: 1000 };
      const map = (await get(`/v1/map?${qs(params)}`)) as { boards: { units: { code: string; name: string | null; cadres: { cadreId: string; name: string | null }[] }[] }[] };
      const cov = (await get(`/v1/dashboard/coverage?${qs(params)}`)) as { at: string; communesWithoutFollower: { items: { code: string; name: string }[] } };
      const rows = map.boards.flatMap((b) => b.units.map((u) => ({
        code: u.code, name: u.name ?? '', followers: u.cadres.map((c) => c.name ?? c.cadreId).join('; '), count: u.cadres.length,
        state: u.cadres.length > 1 ? 'Nhiều người theo dõi' : 'Có người theo dõi', at: cov.at,
      })));
      rows.push(...cov.communesWithoutFollower.items.map((c) => ({ code: c.code, name: c.name, followers: '', count: 0, state: 'Chưa có người theo dõi', at: cov.at })));
      return rows.sort((a, b) => a.code.localeCompare(b.code));
    },
  },
  reports: {
    title: 'Báo cáo',
    columns: [
      { key: 'visitId', header: 'Mã chuyến đi' }, { key: 'cadreId', header: 'Mã cán bộ' }, { key: 'unitCode', header: 'Đơn vị' },
      { key: 'startDate', header: 'Từ ngày', type: 'date' }, { key: 'endDate', header: 'Đến ngày', type: 'date' },
      { key: 'dueDate', header: 'Hạn báo cáo', type: 'date' }, { key: 'filedOn', header: 'Ngày nộp', type: 'date' },
      { key: 'state', header: 'Tình trạng' }, { key: 'amendments', header: 'Số lần sửa', type: 'number' },
    ],
    async rows(get, p) {
      const rows = await allRows(get, '/v1/dashboard/reports', { year: p.year, province: p.province }, (b: { rows: Record<string, unknown>[]; total: number }) => b);
      return rows.map((r) => ({ ...r, state: vi(r.state) }));
    },
  },
  inspections: {
    title: 'Kiểm tra báo cáo',
    columns: [
      { key: 'reportId', header: 'Mã báo cáo' }, { key: 'cadreId', header: 'Mã cán bộ' }, { key: 'unitCode', header: 'Đơn vị' },
      { key: 'startDate', header: 'Từ ngày', type: 'date' }, { key: 'endDate', header: 'Đến ngày', type: 'date' },
      { key: 'verdict', header: 'Kết luận' }, { key: 'reasons', header: 'Lý do' },
    ],
    async rows(get, p) {
      const body = (await get(`/v1/inspections?${qs({ province: p.province, year: p.year })}`)) as { findings: { verdict: string; reasons: { detail: string }[] }[] };
      return body.findings.map((f) => ({ ...f, verdict: vi(f.verdict), reasons: f.reasons.map((r) => r.detail).join('; ') }));
    },
  },
};

export type ExportName = keyof typeof exportDefinitions;

export async function buildExport(name: ExportName, get: ApiGet, params: ExportParams): Promise<ExportTable> {
  const definition = exportDefinitions[name];
  return { name: definition.title, columns: definition.columns, rows: await definition.rows(get, params) };
}
