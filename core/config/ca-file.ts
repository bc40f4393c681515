// Reads the CA certificate files named by *_CA_FILE variables. They are read when the
// configuration is loaded, not when a client is created: a process creates many clients
// (readiness checks, queues, the rate limiter) at different moments, and a missing file
// should stop it at start-up with one error naming the variable, as `voc config --check`
// does, rather than as a TLS failure of whichever connection happens to come first.
// Rotating a CA therefore takes a restart, as it would anyway for open connections.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type ConfigProblem = { variable: string; message: string };

const pemBlock = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** The PEM text of `file` (one or more certificates), or undefined with a problem recorded. */
export function readCaFile(variable: string, file: string | undefined, problems: ConfigProblem[]): string | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'a directory, not a file' : (error as Error).message;
    problems.push({ variable, message: `cannot read ${file}: ${reason}` });
    return undefined;
  }
  const blocks = text.match(pemBlock) ?? [];
  if (blocks.length === 0) {
    // A DER file or a private key is the usual mix-up; TLS would only say "unable to get issuer".
    problems.push({ variable, message: `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)` });
    return undefined;
  }
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      problems.push({ variable, message: `certificate ${i + 1} in ${file} cannot be parsed: ${(error as Error).message}` });
      return undefined;
    }
  }
  return text;
}
