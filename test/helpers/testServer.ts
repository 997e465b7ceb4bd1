import type { AddressInfo } from 'node:net';
import { TokenStore } from '../../src/auth/TokenStore.js';
import type { TokenSpec } from '../../src/auth/TokenStore.js';
import { openTestApp, type TestApp } from './testApp.js';

/** The real app listening on a loopback port, for browser and CLI tests. */
export async function openTestServer(): Promise<TestApp & { url: string; token(spec: TokenSpec): Promise<string> }> {
  const testApp = await openTestApp();
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = testApp.app.server.address() as AddressInfo;
  const tokens = new TokenStore(testApp.database);
  return { ...testApp, url: `http://127.0.0.1:${port}`, token: async (spec) => (await tokens.create(spec)).token };
}
