import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenSpec, TokenStore } from '../auth/TokenStore.js';

export interface DemoToken {
  readonly role: string;
  readonly token: string;
  readonly label: string;
}

/** Who each demo token speaks for; found in the seeded history. */
export interface DemoTokenScopes {
  readonly organizerProvince: string;
  readonly cadreId: string;
  readonly communeCode: string;
  readonly agencyId: string;
}

export const DEMO_TOKENS_FILE = 'demo-tokens.json';

/** One token per role, created through the token store like `diaban token create`. */
export async function createDemoTokens(tokens: TokenStore, scopes: DemoTokenScopes): Promise<DemoToken[]> {
  const specs: TokenSpec[] = [
    { role: 'admin', label: 'demo: quản trị' },
    { role: 'organizer', provinceCode: scopes.organizerProvince, label: 'demo: Ban Tổ chức Tỉnh ủy Lào Cai' },
    { role: 'cadre', cadreId: scopes.cadreId, label: 'demo: cán bộ theo dõi xã' },
    { role: 'unit-committee', unitCode: scopes.communeCode, label: 'demo: Đảng ủy xã' },
    { role: 'agency', agencyId: scopes.agencyId, label: 'demo: Sở Nông nghiệp và Môi trường tỉnh Lào Cai' },
    { role: 'inspector', label: 'demo: Ủy ban Kiểm tra' },
    { role: 'viewer', label: 'demo: chỉ xem' },
  ];
  const created: DemoToken[] = [];
  for (const spec of specs) {
    const { token } = await tokens.create(spec);
    created.push({ role: spec.role, token, label: spec.label ?? spec.role });
  }
  return created;
}

export interface DemoTokensFile {
  readonly url?: string;
  readonly seed: number;
  readonly scale: string;
  readonly today: string;
  readonly scopes: DemoTokenScopes;
  readonly tokens: readonly DemoToken[];
}

/** `<DIABAN_DATA_DIR>/demo-tokens.json`, readable by its owner only: the tokens are secrets. */
export async function writeDemoTokens(dataDir: string, file: DemoTokensFile): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DEMO_TOKENS_FILE);
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** The lines `serve` and `seed-demo` print. */
export function formatDemoTokens(file: DemoTokensFile, path: string): string {
  const width = Math.max(...file.tokens.map((t) => t.role.length));
  const lines = [
    ...(file.url ? [`diaban demo: ${file.url}`] : []),
    `demo tokens (Authorization: Bearer <token>), also in ${path}:`,
    ...file.tokens.map((t) => `  ${t.role.padEnd(width)}  ${t.token}  ${t.label}`),
  ];
  return `${lines.join('\n')}\n`;
}
