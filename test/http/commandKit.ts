import type { LightMyRequestResponse } from 'fastify';
import { TokenStore } from '../../src/auth/TokenStore.js';
import type { TokenRole } from '../../src/auth/roles.js';
import { openTestApp, type TestApp } from '../helpers/testApp.js';
import { settle } from '../helpers/settle.js';

/** "Today" in every command test: 2025-03-15 in Vietnam. */
export const NOW = new Date('2025-03-15T03:00:00Z');

export interface Kit extends TestApp {
  tokens: TokenStore;
  /** A token for a role with its scope. */
  token(role: TokenRole, scope?: { cadreId?: string; unitCode?: string; agencyId?: string; provinceCode?: string }): Promise<string>;
  post(url: string, token: string | null, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Every event in the store, in order. */
  events(): Promise<{ streamId: string; type: string; data: unknown; metadata: Record<string, unknown> }[]>;
  count(): Promise<number>;
}

export async function openKit(): Promise<Kit> {
  const app = await openTestApp({ now: () => NOW });
  const tokens = new TokenStore(app.database);
  const kit: Kit = {
    ...app,
    tokens,
    async token(role, scope = {}) {
      return (await tokens.create({ role, ...scope })).token;
    },
    post(url, token, body, headers = {}) {
      return app.app.inject({
        method: 'POST',
        url,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    async events() {
      await settle(app.store);
      const page = await app.store.readAll({ limit: 100000 });
      return page.events.map((e) => ({ streamId: e.streamId, type: e.type, data: e.data, metadata: { ...e.metadata } }));
    },
    async count() {
      await settle(app.store);
      return (await app.store.readAll({ limit: 100000 })).events.length;
    },
  };
  return kit;
}

/** The answer of a command that must have succeeded. */
export function created(response: LightMyRequestResponse): { id: string; streamId: string; version: string; position: string; events: { id: string; type: string }[] } {
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
  return response.json();
}

/** Every command route's URL template (`/v1/visits/{id}/confirm`), from the OpenAPI document. */
export async function commandRouteTemplates(kit: Kit): Promise<string[]> {
  const tags = ['units', 'agencies', 'cadres', 'policies', 'assignments', 'plans', 'fieldwork', 'recommendations', 'evaluations'];
  const doc = (await kit.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { post?: { tags?: string[] } }> };
  return Object.entries(doc.paths)
    .filter(([, methods]) => methods.post?.tags?.some((tag) => tags.includes(tag)) === true)
    .map(([path]) => path);
}
