import type { Page } from '@playwright/test';
import { removeDir, startServer, tempDataDir, type TestServer } from '../server/test/harness';
import { Cellar, expect, test } from './support/cellar';
import {
  blockId,
  cellBlock,
  doc,
  expectAllSettled,
  expectAnswering,
  linkUrl,
  numberSheet,
  packRaw,
  payloadOf,
  rawLink,
  rememberServer,
  serverState,
  serverTable,
  SHARE_VERSION,
  sqlBlock,
  toBase64Url,
  urlTable,
  visit,
} from './support/links';
import type { Block } from '../src/workbook/document';

// Issue 15's probe set of crafted links, opened by a person connected to a real server with the
// admin token. Each is refused in words or opens safely; across all of them the server is never
// written to, nothing is fetched from a foreign host without consent, no page error, and the tab
// answers after each.
// Groups run side by side; each worker has its own server process.
test.describe.configure({ mode: 'parallel' });
let dataDir: string;
let server: TestServer;
let baseline: Record<string, string>;
test.beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startServer(dataDir);
  await server.query('CREATE TABLE victim AS SELECT range AS id FROM range(3)');
  await server.query("CREATE TABLE payroll AS SELECT * FROM (VALUES ('ada', 9000), ('bo', 7000)) t(name, salary)");
  baseline = await serverState(server);
});
test.afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

const REFUSED = 'This link could not be opened; nothing was changed.';
/** A host no test serves (TEST-NET-3): a request to it is what must not happen. */
const FOREIGN = 'http://203.0.113.7';

/** What a probe must end in. `opens`: the workbook opens and every block settles (ok or error). */
type Outcome =
  | { refused: RegExp }
  | { opens: true; hosts?: 'deny'; server?: 'deny'; check?: (c: Cellar) => Promise<void> }
  /** Refused or opened: either is safe; what matters is the rest of the probe's checks. */
  | { either: true }
  /** Not taken for a link at all: the open workbook stays as it was. */
  | { unchanged: true };

interface Probe {
  name: string;
  url: string;
  outcome: Outcome;
}

const link = (blocks: Block[], params: Record<string, string> = {}, title?: string) => linkUrl(payloadOf(doc(blocks, title)), params);
const raw = (header: unknown, files: Uint8Array[] = []) => linkUrl(packRaw(rawLink(typeof header === 'string' ? header : JSON.stringify(header), files)));
const header = (d: unknown, files: { blockId: string; size: number }[] = []) => ({ v: SHARE_VERSION, doc: d, files, missing: [] });
const good = payloadOf(doc([sqlBlock('a', 'SELECT 1 AS one')]));
const flipped = `${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`;
const cells = (n: number) => Array.from({ length: n }, (_, i) => cellBlock(`n${i}`, i));
const chart = (source: string): Block => ({ id: blockId(), kind: 'chart', name: 'c', source: source as Block['id'], spec: { mark: 'bar', encoding: {} } }) as Block;

/** SQL a link might try on the server (asked about, denied) and in the browser (runs there, or fails in words). */
const STATEMENTS = ['DROP TABLE victim', "ATTACH 'stolen.db' AS stolen", "COPY victim TO 'victim.csv'", 'INSTALL httpfs', 'LOAD httpfs', 'SET threads = 1'];

const PROBES: Probe[][] = [
  [
    { name: 'tampered payload', url: linkUrl(flipped), outcome: { refused: /damaged|cut short/ } },
    { name: 'cut payload', url: linkUrl(good.slice(0, Math.floor(good.length / 2))), outcome: { refused: /damaged|cut short/ } },
    { name: 'too-new link version', url: linkUrl(`9${good.slice(1)}`), outcome: { refused: /newer Cellar.*Update Cellar/ } },
    { name: 'not base64', url: linkUrl('1.$$$***((('), outcome: { refused: /damaged: it holds characters/ } },
    { name: 'no version', url: linkUrl('eNpLTEoGAAJNASc'), outcome: { refused: /not a Cellar link/ } },
    { name: 'empty payload', url: '/#w=', outcome: { unchanged: true } },
    { name: 'header not JSON', url: raw('{"v":1,"doc":'), outcome: { refused: /does not read as JSON/ } },
    { name: 'header without files', url: raw({ v: 1, doc: doc([]) }), outcome: { refused: /has no workbook/ } },
  ],
  [
    { name: 'zip bomb (inflates past 64 MB)', url: raw(header(doc([])), [new Uint8Array(70 * 1024 * 1024)]), outcome: { refused: /more than 64 MB/ } },
    { name: '501 blocks', url: link(cells(501)), outcome: { refused: /501 blocks.*at most 500/ } },
    { name: '100,001 sheet cells', url: link([numberSheet('s1', 50_000), numberSheet('s2', 50_001)]), outcome: { refused: /100,001 cells.*at most 100,000/ } },
    { name: 'document version from the future', url: raw(header({ ...doc([]), version: 99 })), outcome: { refused: /cannot be opened/ } },
    { name: 'files that match no block', url: raw(header(doc([]), [{ blockId: 'nope', size: 3 }]), [new Uint8Array(3)]), outcome: { refused: /files do not match/ } },
    { name: 'bytes beyond its files', url: raw(header(doc([])), [new Uint8Array(10)]), outcome: { refused: /holds more than/ } },
  ],
  [
    {
      name: '__proto__ and constructor keys in the JSON',
      url: raw(`{"v":1,"__proto__":{"polluted":1},"doc":{"version":4,"title":"p","constructor":{"prototype":{"polluted":1}},"blocks":[{"__proto__":{"polluted":1},"id":"b1","kind":"sql","name":"a","sql":"SELECT 1 AS one"}]},"files":[],"missing":[]}`),
      outcome: { either: true },
    },
    { name: 'duplicate block names', url: link([sqlBlock('a', 'SELECT 1 AS x'), sqlBlock('a', 'SELECT 2 AS x')]), outcome: { either: true } },
    { name: 'duplicate block ids', url: link([{ ...sqlBlock('a', 'SELECT 1 AS x'), id: 'same' as Block['id'] }, { ...sqlBlock('b', 'SELECT 2 AS x'), id: 'same' as Block['id'] }]), outcome: { either: true } },
    { name: 'chart whose source is missing', url: link([chart('missing')]), outcome: { either: true } },
    { name: 'a cycle', url: link([sqlBlock('a', 'SELECT * FROM b'), sqlBlock('b', 'SELECT * FROM a')]), outcome: { opens: true } },
    { name: 'block name carrying SQL', url: link([sqlBlock('x"; DROP TABLE victim; --', 'SELECT 1 AS one')]), outcome: { either: true } },
  ],
  [
    ...STATEMENTS.map((sql): Probe => ({ name: `${sql} placed on the server`, url: link([sqlBlock('s', sql, 'server')]), outcome: { opens: true, server: 'deny' } })),
    { name: 'a server table read by a server-source table', url: link([serverTable('t', 'victim')]), outcome: { opens: true, server: 'deny' } },
    // The server lists a workbook only its own tables, so main's victim and payroll are not the
    // linked workbook's server tables: these run in the browser, where there are none.
    { name: 'DELETE FROM victim, auto-placed (victim is in main on the server)', url: link([sqlBlock('s', 'DELETE FROM victim')]), outcome: { opens: true } },
    { name: "SELECT from main's payroll, auto-placed", url: link([sqlBlock('s', 'SELECT count(*) AS n FROM payroll')]), outcome: { opens: true } },
  ],
  [
    ...STATEMENTS.map((sql): Probe => ({ name: `${sql} in the browser`, url: link([sqlBlock('s', sql, 'browser')]), outcome: { opens: true } })),
    { name: 'read_csv of a foreign URL built at run time', url: link([sqlBlock('s', `SELECT * FROM read_csv('http://' || '203.0.113.7' || '/x.csv')`)]), outcome: { opens: true } },
  ],
  [
    { name: 'URL table on a foreign host (denied)', url: link([urlTable('t', `${FOREIGN}/data.csv`)]), outcome: { opens: true, hosts: 'deny' } },
    {
      name: "?region= trying to inject SQL into a cell",
      url: link([{ ...cellBlock('region', 'EU'), control: { type: 'text' }, value: 'EU' }, sqlBlock('q', 'SELECT $region AS region')], { region: "x'); DROP TABLE victim; --" }),
      outcome: { opens: true, check: async (c) => expect(await c.query('SELECT region FROM q')).toEqual([{ region: "x'); DROP TABLE victim; --" }]) },
    },
    { name: 'a 1 MB title', url: link([sqlBlock('a', 'SELECT 1 AS one')], {}, 't'.repeat(1_000_000)), outcome: { either: true } },
    {
      name: 'HTML in the title',
      url: link([sqlBlock('a', 'SELECT 1 AS one')], {}, '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'),
      outcome: { opens: true, check: async (c) => expect(await c.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined() },
    },
    { name: 'published link to javascript:', url: `/#p=${toBase64Url(new TextEncoder().encode(JSON.stringify({ u: 'javascript:alert(1)//', i: 'x', t: 'y' })))}`, outcome: { refused: /not a published Cellar workbook/ } },
    { name: 'published link to file:', url: `/#p=${toBase64Url(new TextEncoder().encode(JSON.stringify({ u: 'file:///etc/passwd', i: 'x', t: 'y' })))}`, outcome: { refused: /not a published Cellar workbook/ } },
  ],
  [
    // 150, not 500: block k expands k nested views, so a chain's run time grows with its square
    // (500 took 95 s here, the tab answering SELECT 1 in ~13 ms throughout).
    { name: 'a chain of 150 SQL blocks, each reading the one before', url: link(Array.from({ length: 150 }, (_, i) => sqlBlock(`c${i}`, i === 0 ? 'SELECT 1 AS x' : `SELECT x + 1 AS x FROM c${i - 1}`))), outcome: { opens: true } },
    { name: 'SQL nested 100,000 parentheses deep', url: link([sqlBlock('deep', `SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)} AS x`)]), outcome: { opens: true } },
    { name: 'a 1 MB SQL block', url: link([sqlBlock('big', `SELECT '${'x'.repeat(1_000_000)}' AS x`)]), outcome: { either: true } },
  ],
];

/** Opens one probe and checks that it ended as it must, with the open workbook untouched when refused. */
async function runProbe(cellar: Cellar, probe: Probe): Promise<void> {
  const page = cellar.page;
  const before = await page.evaluate(() => window.cellar.document());
  await visit(page, probe.url);
  const { outcome } = probe;
  if ('refused' in outcome) {
    const notice = page.getByTestId('notice').filter({ hasText: outcome.refused });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(outcome.refused.source.includes('published') ? 'could not be opened; nothing was changed' : REFUSED);
    expect(await page.evaluate(() => window.cellar.document())).toEqual(before);
  } else if ('opens' in outcome) {
    if (outcome.hosts) {
      await expect(page.getByTestId('consent-dialog')).toBeVisible();
      await page.getByTestId('consent-deny').click();
    }
    await expectAllSettled(page);
    if (outcome.server) {
      await expect(page.getByTestId('server-consent')).toBeVisible();
      await page.getByTestId('server-consent-deny').click();
      await expect(page.getByTestId('server-consent')).toBeHidden();
      const errors = page.locator('[data-testid="block-error"][data-error-kind="consent"]');
      await expect(errors.first()).toBeVisible();
    }
    await outcome.check?.(cellar);
  } else if ('unchanged' in outcome) {
    expect(await page.evaluate(() => window.cellar.document())).toEqual(before);
  } else {
    // Refused in words, or opened with every block settled (the app is ready once the link was handled).
    const refused = await page.getByTestId('notice').filter({ hasText: REFUSED }).count();
    if (refused) expect(await page.evaluate(() => window.cellar.document())).toEqual(before);
    else await expectAllSettled(page);
    const errors = await page.getByTestId('block-error').allTextContents();
    test.info().annotations.push({ type: probe.name, description: refused ? 'refused' : `opened; errors: ${JSON.stringify(errors.map((e) => e.slice(0, 160)))}` });
  }
  expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'))).toBe(false);
  await expectAnswering(page);
}

/** Page errors, and requests to hosts other than the app's and the opener's own server. */
function watch(page: Page, external: string[]): { pageErrors: string[]; foreign: () => string[] } {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { pageErrors, foreign: () => external.filter((u) => new URL(u).origin !== new URL(server.url).origin) };
}

PROBES.forEach((group, i) => {
  test(`crafted links ${i + 1}: ${group.map((p) => p.name).join('; ')}`, async ({ cellar, page, externalRequests }) => {
    test.setTimeout(300_000);
    const { pageErrors, foreign } = watch(page, externalRequests);
    await rememberServer(page, server);
    for (const probe of group) {
      await test.step(probe.name, () => runProbe(cellar, probe));
      expect(foreign(), `${probe.name}: requests to foreign hosts`).toEqual([]);
      expect(pageErrors, `${probe.name}: page errors`).toEqual([]);
      expect(await serverState(server), `${probe.name}: the server was written to`).toEqual(baseline);
    }
  });
});

test('a published link to a server that does not answer says so in words, and nothing was changed', async ({ cellar, page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const before = await page.evaluate(() => window.cellar.document());
  const ref = { u: 'http://127.0.0.1:9', i: 'x', t: 'y' };
  await visit(page, `/#p=${toBase64Url(new TextEncoder().encode(JSON.stringify(ref)))}`);
  await expect(page.getByTestId('consent-hosts')).toHaveText('127.0.0.1:9');
  await page.getByTestId('consent-allow').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'could not be opened; nothing was changed' })).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => window.cellar.document())).toEqual(before);
  expect(pageErrors).toEqual([]);
  await expectAnswering(page);
  expect(await serverState(server)).toEqual(baseline);
  void cellar;
});
