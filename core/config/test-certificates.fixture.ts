// For tests only: a throwaway private CA and a server certificate it signed for localhost
// and 127.0.0.1, made with the openssl command line when a test file loads (no key is ever
// committed). Tests that need them skip where openssl is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestCertificates = {
  dir: string;
  /** Path of the CA certificate, what a *_CA_FILE variable names. */
  caFile: string;
  ca: string;
  /** Server certificate and key, for a local TLS server. */
  cert: string;
  key: string;
};

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'voc-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=voc test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  const read = (name: string) => readFileSync(file(name), 'utf8');
  return { dir, caFile: file('ca.pem'), ca: read('ca.pem'), cert: read('server.pem'), key: read('server.key') };
}
