/**
 * What the demo's visits, reports and recommendations say: the headings of the duties in Hòa Bình
 * 26-QĐ/TU and Bắc Kạn 1390-QĐ/TU (domain-notes §2, §7). Generic on purpose: no real commune's
 * situation is described.
 */
export const PURPOSES = [
  'Nắm tình hình triển khai nghị quyết của Đảng ủy xã',
  'Kiểm tra tiến độ xây dựng nông thôn mới',
  'Nắm tình hình đời sống, tâm trạng của nhân dân',
  'Làm việc với Đảng ủy, Ủy ban nhân dân xã về phát triển kinh tế - xã hội',
  'Hướng dẫn công tác chuẩn bị đại hội chi bộ',
  'Nắm tình hình sản xuất vụ đông xuân',
  'Kiểm tra công tác phòng, chống thiên tai',
] as const;

export const ACTIVITY_NOTES = {
  'working-session': 'Làm việc với Thường trực Đảng ủy và lãnh đạo Ủy ban nhân dân xã',
  'field-work': 'Đi thực tế mô hình sản xuất tại thôn',
  'dialogue-with-residents': 'Đối thoại, lắng nghe ý kiến của nhân dân tại nhà văn hóa thôn',
  conference: 'Dự hội nghị sơ kết của xã',
  'party-cell-meeting': 'Dự sinh hoạt chi bộ thôn (Kế hoạch 10-KH/TW)',
  'committee-meeting': 'Dự họp Ban Chấp hành Đảng bộ xã',
} as const;

export const FINDINGS = [
  { topic: 'socio-economic', text: 'Tiến độ giải ngân vốn chương trình mục tiêu quốc gia còn chậm so với kế hoạch.' },
  { topic: 'socio-economic', text: 'Diện tích cây ăn quả tập trung tăng, hình thành một số hợp tác xã mới.' },
  { topic: 'political-system', text: 'Chất lượng sinh hoạt chi bộ ở một số thôn chưa cao, nội dung còn chung chung.' },
  { topic: 'living-conditions', text: 'Đời sống nhân dân cơ bản ổn định; còn một số hộ nghèo chưa có nhà ở kiên cố.' },
  { topic: 'defence-security', text: 'Tình hình an ninh, trật tự ổn định, không có điểm nóng.' },
  { topic: 'difficulties', text: 'Đường giao thông liên thôn xuống cấp sau mùa mưa, đi lại khó khăn.' },
  { topic: 'models', text: 'Mô hình tổ hợp tác chăn nuôi có hiệu quả, có thể nhân rộng.' },
] as const;

/** Recommendations, each with the agency (catalogue key) it would be forwarded to. */
export const RECOMMENDATIONS = [
  { agency: 'agriculture', text: 'Đề nghị hỗ trợ giống cây trồng cho các hộ bị thiệt hại do mưa lũ.' },
  { agency: 'finance', text: 'Đề nghị bố trí vốn sửa chữa tuyến đường liên thôn đã xuống cấp.' },
  { agency: 'health', text: 'Đề nghị tăng cường bác sĩ về trạm y tế xã theo lịch luân phiên.' },
  { agency: 'education', text: 'Đề nghị xem xét bổ sung phòng học cho điểm trường thôn.' },
  { agency: 'propaganda', text: 'Đề nghị cung cấp tài liệu tuyên truyền về sắp xếp đơn vị hành chính.' },
  { agency: 'farmers', text: 'Đề nghị hỗ trợ vốn vay cho hội viên phát triển chăn nuôi.' },
] as const;

export const ANSWERS = [
  'Sở đã tiếp nhận, giao phòng chuyên môn phối hợp với Ủy ban nhân dân xã khảo sát và đề xuất phương án.',
  'Đã đưa vào kế hoạch năm sau; đề nghị xã hoàn thiện hồ sơ theo hướng dẫn.',
  'Cơ quan đã bố trí kinh phí và thông báo cho xã triển khai.',
] as const;

export const EVALUATION_COMMENTS = {
  excellent: 'Đồng chí thường xuyên về cơ sở, nắm chắc tình hình, kịp thời tháo gỡ khó khăn cho xã.',
  good: 'Đồng chí về cơ sở đều đặn, báo cáo đầy đủ; đề nghị tăng thời gian đi thực tế tại các thôn.',
  completed: 'Đồng chí hoàn thành nhiệm vụ; số ngày về cơ sở còn ít, một số báo cáo nộp chậm.',
  'not-completed': 'Đồng chí ít về cơ sở, chưa nắm được tình hình của xã.',
} as const;
