import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { findReportStream } from '#src/commands/fieldwork/findFieldwork.js';
import { openTestApp, type TestApp } from '../helpers/testApp.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { authenticityOf, detailOf, failedCodes } from './inspect.js';
import { buildProvince, type Acting } from './province.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/inspection/${name}`, import.meta.url));

/** The bytes a cadre signs: the stored ReportFiled data, which the store keeps as RFC 8785 JSON. */
async function canonicalBytesOf(app: TestApp, reportId: string): Promise<Buffer> {
  const events = await app.store.readStream(await findReportStream(app.store, reportId));
  const filed = events.find((e) => e.type === 'ReportFiled' && (e.data as { reportId: string }).reportId === reportId);
  return Buffer.from(filed?.rawData ?? '', 'utf8');
}

async function post(app: TestApp, who: Acting, url: string, payload: object) {
  const res = await app.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${who.token}` }, payload });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

t.test(`submitter signatures on ${databaseKind}`, async (t) => {
  // Trust anchors are read when the routes are built (README "Inspection: signatures").
  process.env.DIABAN_TRUST_ANCHORS = fixture('ca.pem');
  const app = await openTestApp();
  t.teardown(async () => {
    delete process.env.DIABAN_TRUST_ANCHORS;
    await app.close();
  });
  const p = await buildProvince(app);
  const registerKey = async (kind: 'ed25519' | 'x509', pem: string) => (await post(app, p.cadre, `/v1/cadres/${p.cadreId}/keys`, { kind, pem })).body.keyId as string;
  const signReport = async (reportId: string, keyId: string, signature: Buffer) => post(app, p.cadre, `/v1/reports/${reportId}/signature`, { keyId, signature: signature.toString('base64') });
  const confirmedReport = async (day: number) => {
    const { visitId, reportId } = await p.visitAndReport('02641', day, day);
    await p.confirm(visitId);
    return reportId;
  };

  t.test('an Ed25519 signature with the registered key verifies', async (t) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyId = await registerKey('ed25519', publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const reportId = await confirmedReport(1);
    const stored = await signReport(reportId, keyId, sign(null, await canonicalBytesOf(app, reportId), privateKey));
    t.same(stored, { status: 201, body: { verified: true, problem: null } });
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'authentic');
    t.match(detailOf(body, 'PROVENANCE_SIGNATURE'), /1 submitter signature verified/);
  });

  t.test('a report signed with a wrong key is questionable', async (t) => {
    const registered = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const keyId = await registerKey('ed25519', registered.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const reportId = await confirmedReport(2);
    const stored = await signReport(reportId, keyId, sign(null, await canonicalBytesOf(app, reportId), other.privateKey));
    t.equal(stored.status, 201, 'stored: the authenticity check is what judges it');
    t.equal(stored.body.verified, false);
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'questionable');
    t.same(failedCodes(body), ['PROVENANCE_SIGNATURE']);
    t.match(detailOf(body, 'PROVENANCE_SIGNATURE'), new RegExp(`does not verify with key ${keyId}`));
  });

  t.test('an RSA certificate chaining to the trust anchor verifies', async (t) => {
    const keyId = await registerKey('x509', readFileSync(fixture('valid-rsa.pem'), 'utf8'));
    const reportId = await confirmedReport(3);
    await signReport(reportId, keyId, sign('sha256', await canonicalBytesOf(app, reportId), readFileSync(fixture('valid-rsa.key'), 'utf8')));
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'authentic', detailOf(body, 'PROVENANCE_SIGNATURE'));
  });

  t.test('an ECDSA certificate expired at filing is questionable', async (t) => {
    const keyId = await registerKey('x509', readFileSync(fixture('expired-ec.pem'), 'utf8'));
    const reportId = await confirmedReport(4);
    await signReport(reportId, keyId, sign('sha256', await canonicalBytesOf(app, reportId), readFileSync(fixture('expired-ec.key'), 'utf8')));
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.same(failedCodes(body), ['PROVENANCE_SIGNATURE']);
    t.match(detailOf(body, 'PROVENANCE_SIGNATURE'), /was not valid on the filing date .*valid 2020-01-01T00:00:00.000Z – 2021-01-01T00:00:00.000Z/);
  });

  t.test('keys: the cadre itself or an admin; unusable keys refused', async (t) => {
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    t.equal((await post(app, p.committee, `/v1/cadres/${p.cadreId}/keys`, { kind: 'ed25519', pem })).status, 403);
    t.equal((await post(app, p.admin, `/v1/cadres/${p.cadreId}/keys`, { kind: 'ed25519', pem })).status, 201);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const refused = await post(app, p.cadre, `/v1/cadres/${p.cadreId}/keys`, { kind: 'ed25519', pem: rsa });
    t.same([refused.status, refused.body.code], [400, 'INSPECTION_KEY_INVALID']);
    const reportId = await confirmedReport(5);
    const unknown = await post(app, p.cadre, `/v1/reports/${reportId}/signature`, { keyId: '00000000-0000-4000-8000-000000000000', signature: 'AAAA' });
    t.same([unknown.status, unknown.body.code], [404, 'INSPECTION_KEY_NOT_FOUND']);
  });
});
