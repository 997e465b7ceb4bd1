// Vietnamese first (the users' language), English as a switch. Keys are stable; missing keys show the key.
export const messages = {
  vi: {
    skip: 'Bỏ qua đến nội dung', tagline: 'Cán bộ theo dõi địa bàn', logout: 'Đăng xuất', login: 'Đăng nhập',
    token: 'Mã truy cập (token)', loginHelp: 'Dán mã truy cập của bạn (xem .diaban/demo-tokens.json khi chạy bản mẫu).',
    overview: 'Tổng quan', coverage: 'Phân công địa bàn', attendance: 'Đi cơ sở', reports: 'Báo cáo', recommendations: 'Kiến nghị',
    history: 'Lịch sử phân công', inspection: 'Kiểm tra', ledger: 'Sổ cái', cadre: 'Cán bộ',
    province: 'Tỉnh/thành', year: 'Năm', from: 'Từ ngày', to: 'Đến ngày', at: 'Tại ngày', agency: 'Cơ quan', show: 'Xem',
    unit: 'Đơn vị', code: 'Mã', follower: 'Cán bộ theo dõi', none: 'Chưa có', followers: 'Số cán bộ', days: 'Số ngày', quota: 'Định mức',
    visits: 'Lượt', cellMeetings: 'Sinh hoạt chi bộ', status: 'Tình trạng', met: 'Đạt', onTrack: 'Đúng tiến độ', behind: 'Chậm',
    officials: 'Cán bộ đi cơ sở', reportsFiled: 'Báo cáo đã nộp', reportsOnTime: 'Báo cáo đúng hạn', raised: 'Kiến nghị nêu ra',
    answered: 'Kiến nghị đã trả lời', open: 'Đang mở', overdue: 'Quá hạn', exportCsv: 'Tải CSV', exportXlsx: 'Tải Excel',
    gaps: 'Đơn vị chưa có người theo dõi', doubles: 'Đơn vị có nhiều người theo dõi', multi: 'Cán bộ theo dõi nhiều đơn vị',
    pastTerm: 'Phân công quá nhiệm kỳ', reportId: 'Mã báo cáo', check: 'Kiểm tra', verdict: 'Kết luận', download: 'Tải gói bằng chứng',
    authentic: 'Xác thực', transcribed: 'Chép lại từ hồ sơ cũ', unattested: '(theo hồ sơ gốc, sổ cái không xác nhận được)', questionable: 'Đáng ngờ', tampered: 'Bị sửa đổi', treeSize: 'Kích thước cây', checkpoint: 'Điểm kiểm',
    witnesses: 'Nhân chứng', verify: 'Kiểm tra toàn bộ sổ cái', verified: 'Sổ cái toàn vẹn', failed: 'Phát hiện sai lệch',
    loading: 'Đang tải…', error: 'Lỗi', forbidden: 'Vai trò của bạn không xem được trang này.', unitOrCadre: 'Mã đơn vị hoặc mã cán bộ',
    validFrom: 'Từ', validTo: 'Đến', endReason: 'Lý do kết thúc', decision: 'Quyết định', kind: 'Loại', rate: 'Tỷ lệ',
    evaluations: 'Đánh giá', rating: 'Xếp loại', name: 'Họ tên', total: 'Tổng',
  },
  en: {
    skip: 'Skip to content', tagline: 'Officials following grassroots units', logout: 'Log out', login: 'Log in',
    token: 'Access token', loginHelp: 'Paste your access token (the demo writes them to .diaban/demo-tokens.json).',
    overview: 'Overview', coverage: 'Coverage', attendance: 'Attendance', reports: 'Reports', recommendations: 'Recommendations',
    history: 'Assignment history', inspection: 'Inspection', ledger: 'Ledger', cadre: 'Cadre',
    province: 'Province', year: 'Year', from: 'From', to: 'To', at: 'As of', agency: 'Agency', show: 'Show',
    unit: 'Unit', code: 'Code', follower: 'Follower', none: 'None', followers: 'Followers', days: 'Days', quota: 'Quota',
    visits: 'Visits', cellMeetings: 'Party-cell meetings', status: 'Status', met: 'Met', onTrack: 'On track', behind: 'Behind',
    officials: 'Officials at the grassroots', reportsFiled: 'Reports filed', reportsOnTime: 'Reports on time', raised: 'Recommendations raised',
    answered: 'Recommendations answered', open: 'Open', overdue: 'Overdue', exportCsv: 'Download CSV', exportXlsx: 'Download Excel',
    gaps: 'Units with no follower', doubles: 'Units with several followers', multi: 'Cadres following several units',
    pastTerm: 'Assignments past their term', reportId: 'Report id', check: 'Check', verdict: 'Verdict', download: 'Download proof bundle',
    authentic: 'Authentic', transcribed: 'Transcribed history', unattested: '(by its source; the ledger cannot attest it)', questionable: 'Questionable', tampered: 'Tampered', treeSize: 'Tree size', checkpoint: 'Checkpoint',
    witnesses: 'Witnesses', verify: 'Verify the whole ledger', verified: 'Ledger intact', failed: 'Discrepancy found',
    loading: 'Loading…', error: 'Error', forbidden: 'Your role cannot see this page.', unitOrCadre: 'Unit code or cadre id',
    validFrom: 'From', validTo: 'Until', endReason: 'End reason', decision: 'Decision', kind: 'Kind', rate: 'Rate',
    evaluations: 'Evaluations', rating: 'Rating', name: 'Name', total: 'Total',
  },
};

let lang = localStorage.getItem('diaban.lang') === 'en' ? 'en' : 'vi';
export const getLang = () => lang;
export function setLang(next) {
  lang = next;
  localStorage.setItem('diaban.lang', next);
  document.documentElement.lang = next;
}
export const t = (key) => messages[lang][key] ?? key;

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = String(iso).slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
export const formatNumber = (n) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(Number(n));
