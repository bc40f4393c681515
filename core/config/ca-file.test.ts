import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaFile, type ConfigProblem } from './ca-file.ts';
import { hasOpenssl, makeTestCertificates } from './test-certificates.fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'voc-ca-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

function read(file: string | undefined): { pem: string | undefined; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  return { pem: readCaFile('ELASTICSEARCH_CA_FILE', file, problems), problems };
}

describe('CA files', () => {
  it('reads nothing when the variable is unset', () => {
    expect(read(undefined)).toEqual({ pem: undefined, problems: [] });
  });

  it.skipIf(!hasOpenssl)('returns the PEM text of one certificate or a chain (skipped without openssl, which makes the test certificates)', () => {
    const certs = makeTestCertificates();
    try {
      expect(read(certs.caFile)).toEqual({ pem: certs.ca, problems: [] });
      const chain = write('chain.pem', certs.cert + certs.ca);
      expect(read(chain).pem).toBe(certs.cert + certs.ca);
    } finally {
      rmSync(certs.dir, { recursive: true, force: true });
    }
  });

  it('names the variable and the file when it cannot be read', () => {
    expect(read(join(dir, 'missing.pem')).problems).toEqual([{ variable: 'ELASTICSEARCH_CA_FILE', message: `cannot read ${join(dir, 'missing.pem')}: no such file` }]);
    expect(read(dir).problems[0]!.message).toBe(`cannot read ${dir}: a directory, not a file`);
  });

  it('refuses a file without a PEM certificate, such as a private key', () => {
    const key = write('server.key', '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n');
    expect(read(key)).toEqual({ pem: undefined, problems: [{ variable: 'ELASTICSEARCH_CA_FILE', message: `${key} holds no PEM certificate (-----BEGIN CERTIFICATE-----)` }] });
  });

  it('refuses a certificate that does not parse', () => {
    const broken = write('broken.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const { pem, problems } = read(broken);
    expect(pem).toBeUndefined();
    expect(problems[0]!.message).toMatch(new RegExp(`^certificate 1 in ${broken} cannot be parsed`));
  });
});
