// `voc keys create|list|revoke`: API keys straight in Elasticsearch, without the API, so
// that the first admin key exists before anyone can call it (voc has no default password).
// The token is printed once, on stdout alone (`TOKEN=$(voc keys create …)` works); what
// else there is to say goes to stderr. Every change is written to the audit log as done
// by the command line and the operating-system user who ran it.
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import Table from 'cli-table3';
import { createAuditLog } from '../access/audit-log.ts';
import { createKeyStore, DEFAULT_EXPIRY_DAYS, ensureApiKeysIndex, MAX_EXPIRY_DAYS } from '../access/key-store.ts';
import { ensureAuditIndex } from '../access/audit-log.ts';
import { keyBodySchema } from '../access/key.schema.ts';
import { roleDescriptions, roles, type Role } from '../core/http/access.ts';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import type { Config } from '../core/config/config.ts';
import { cliConfig } from './context.ts';
import { EXIT_USAGE } from './exit-codes.ts';

const days = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_EXPIRY_DAYS) throw new InvalidArgumentError(`a whole number of days from 1 to ${MAX_EXPIRY_DAYS}`);
  return n;
};

async function withStores<T>(config: Config, fn: (s: { keys: ReturnType<typeof createKeyStore>; audit: ReturnType<typeof createAuditLog> }) => Promise<T>): Promise<T> {
  const es = createElasticsearchClient(config.elasticsearch);
  try {
    await ensureApiKeysIndex(es, config.elasticsearch.indexPrefix);
    await ensureAuditIndex(es, config.elasticsearch.indexPrefix);
    return await fn({ keys: createKeyStore(es, config.elasticsearch.indexPrefix), audit: createAuditLog(es, config.elasticsearch.indexPrefix) });
  } finally {
    await es.close();
  }
}

const cliActor = () => ({ keyId: 'cli', name: `voc keys (${userInfo().username})`, role: 'cli' as const });

export function keysCommand(deps: { loadConfig?: () => Config } = {}): Command {
  const load = deps.loadConfig ?? cliConfig;
  const keys = new Command('keys').description('API keys and their roles (the first admin key is made here)');
  keys.addHelpText(
    'after',
    `\nRoles:\n${roles.map((r) => `  ${r.padEnd(10)} ${roleDescriptions[r]}`).join('\n')}\n\nCall the API with the header "Authorization: Bearer <token>".`,
  );

  keys
    .command('create')
    .description('create a key and print its token (shown this once)')
    .requiredOption('--name <name>', 'who or what uses the key, e.g. "ops on-call" or "zendesk-bridge"')
    .addOption(new Option('--role <role>', 'what the key may do').choices(roles).makeOptionMandatory())
    .option('--expires-in-days <days>', `days until the key stops working (1–${MAX_EXPIRY_DAYS})`, days, DEFAULT_EXPIRY_DAYS)
    .action(async (opts: { name: string; role: Role; expiresInDays: number }, command: Command) => {
      const parsed = keyBodySchema.safeParse({ name: opts.name, role: opts.role, expiresInDays: opts.expiresInDays });
      if (!parsed.success) command.error(`error: ${parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}`, { exitCode: EXIT_USAGE });
      const { token, key } = await withStores(load(), async ({ keys: store, audit }) => {
        const actor = cliActor();
        const made = await store.create({ ...parsed.data!, createdBy: actor.name });
        await audit.record({ actor, action: 'key.create', target: { type: 'key', id: made.key.id }, after: made.key });
        return made;
      });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`voc: created key ${key.id} "${key.name}" (${key.role}), expires ${key.expiresAt.slice(0, 10)}. The token above is shown this once; keep it in a secret store.\n`);
    });

  keys
    .command('list')
    .description('list the keys (never their secrets)')
    .option('--revoked', 'also list revoked keys')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { revoked?: boolean; json?: boolean }) => {
      const list = await withStores(load(), ({ keys: store }) => store.list({ includeRevoked: opts.revoked }));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      if (list.length === 0) return void process.stderr.write('voc: no keys yet; create the first with `voc keys create --name <who> --role admin`\n');
      const table = new Table({ head: ['id', 'name', 'role', 'created', 'expires', 'last used', 'revoked'] });
      for (const k of list) table.push([k.id, k.name, k.role, k.createdAt.slice(0, 10), k.expiresAt.slice(0, 10), k.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? '', k.revokedAt?.slice(0, 10) ?? '']);
      process.stdout.write(`${table.toString()}\n`);
    });

  keys
    .command('revoke')
    .description('revoke a key at once (it stays listed as revoked)')
    .argument('<id>', 'the key id (the 12 characters after "voc_")')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const changed = await withStores(load(), async ({ keys: store, audit }) => {
        const actor = cliActor();
        const result = await store.revoke(id, actor.name);
        if (result && result.before.revokedAt === undefined) await audit.record({ actor, action: 'key.revoke', target: { type: 'key', id }, before: result.before, after: result.after });
        return result;
      });
      if (!changed) command.error(`error: no key has the id ${id} (see voc keys list)`, { exitCode: EXIT_USAGE });
      process.stderr.write(changed!.before.revokedAt ? `voc: key ${id} was already revoked on ${changed!.before.revokedAt}\n` : `voc: key ${id} revoked; API processes refuse it within 5 seconds\n`);
    });
  return keys;
}
