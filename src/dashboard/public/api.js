// The dashboard reads the same HTTP API as any client, with the token the user logged in with.
export const session = {
  get token() { return sessionStorage.getItem('diaban.token'); },
  set token(v) { v ? sessionStorage.setItem('diaban.token', v) : sessionStorage.removeItem('diaban.token'); },
};

export class ApiFailure extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
  }
}

export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { authorization: `Bearer ${session.token}`, accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok) throw new ApiFailure(res.status, typeof parsed === 'object' ? parsed : { message: text });
  return parsed;
}

/** Downloads with the bearer token (a plain link could not send it). */
export async function download(path, filename) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) throw new ApiFailure(res.status, await res.json().catch(() => ({})));
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
