import net from 'node:net';

/**
 * Test-only environment. (Application code reads process.env only through src/config.)
 * CI=true makes every optional external dependency mandatory: a missing one fails instead of skipping.
 */
export const testEnv = Object.freeze({
  isCI: process.env.CI === 'true' || process.env.CI === '1',
  databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_test',
});

/** A fixed 32-byte test key; never used outside tests. */
export const TEST_KEYRING_TEXT = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * Defaults for every hub or CLI process a test starts (the test's own settings win). The demo publisher
 * gets a port that was free when the run began, the same for the whole run so `demo` stays idempotent
 * (its entity ID names the port). Without it, `demo` and `serve --demo` would use PORT+1 — 3001 by
 * default — where a developer's running `npm start` answers, and the test would register that publisher.
 */
const childDefaults: Record<string, string> = {};

export function childProcessDefaults(): Readonly<Record<string, string>> {
  if (!childDefaults.DEMO_PUBLISHER_PORT)
    throw new Error('test/support/hooks.js was not loaded (mocha --require): no free demo publisher port');
  return childDefaults;
}

/** Called once by the root hook (test/support/hooks.ts). */
export async function reserveChildProcessDefaults(): Promise<void> {
  const port = await new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  childDefaults.DEMO_PUBLISHER_PORT = String(port);
}
