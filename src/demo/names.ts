import type { IsoDate } from '#events/common.js';
import type { Random } from './random.js';

/**
 * Plausible Vietnamese names drawn as combinations of common surnames, middle names and given
 * names. A combination may happen to match someone's name; none is meant to describe a person.
 * Surnames are weighted roughly as they are common (Nguyễn first by far).
 */
const SURNAMES = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Vũ', 4], ['Đặng', 3], ['Bùi', 3],
  ['Đỗ', 3], ['Hồ', 2], ['Ngô', 2], ['Dương', 2], ['Lý', 1], ['Phan', 3], ['Võ', 3], ['Huỳnh', 2],
  ['Lò', 1], ['Hà', 1], ['Nông', 1], ['Triệu', 1], ['Lục', 1], ['Sầm', 1],
] as const;

const MIDDLE = { male: ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Xuân', 'Thanh', 'Công', 'Đình', 'Quang'], female: ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Thùy'] };
const GIVEN = {
  male: ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Sơn', 'Long', 'Thắng', 'Hải', 'Trung', 'Bình', 'Khánh', 'Phong', 'Cường', 'Hiếu', 'Toàn', 'Lâm', 'Quân', 'Tú', 'Vinh', 'Thành'],
  female: ['Hoa', 'Lan', 'Hương', 'Mai', 'Hạnh', 'Thảo', 'Linh', 'Trang', 'Yến', 'Nga', 'Hằng', 'Phương', 'Dung', 'Loan', 'Huyền', 'Vân', 'Nhung', 'Oanh'],
};

const surnameTotal = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);

function surname(random: Random): string {
  let roll = random.next() * surnameTotal;
  for (const [name, weight] of SURNAMES) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return 'Nguyễn';
}

export function fullName(random: Random): string {
  const sex = random.chance(0.6) ? 'male' : 'female';
  return `${surname(random)} ${random.pick(MIDDLE[sex])} ${random.pick(GIVEN[sex])}`;
}

/** Cadres in service are between 28 and 58 in 2020. */
export function dateOfBirth(random: Random): IsoDate {
  const year = random.int(1962, 1992);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** A mobile number in the 09x/03x ranges, never dialled: the demo writes no real contact. */
export function phone(random: Random): string {
  return `0${random.pick(['912', '913', '983', '986', '347', '368'])}${String(random.int(0, 999999)).padStart(6, '0')}`;
}
