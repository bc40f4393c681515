// docker-compose.yml cannot be run here (no Docker engine in CI), so this reads it as data
// and checks what would otherwise only fail at `docker compose up`: app environments
// against the config schema, roles, image versions against the local stack, published
// ports, volumes, Grafana mounts, start-up dependencies, Prometheus scraping each role where
// it serves /metrics, and the Elasticsearch password's way from .env to Elasticsearch, the
// voc services and Grafana's datasource.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../core/config/config.schema.ts';
import { loadConfig } from '../core/config/config.ts';
import { readAlias } from '../core/names.ts';

const repo = new URL('../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, repo), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: unknown[];
  volumes?: unknown[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
};
// merge: compose resolves YAML merge keys (`<<: *anchor`); the yaml package only on request.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;

const APP_IMAGE = 'voc:local';
const appServices = Object.entries(services).filter(([, s]) => s.image === APP_IMAGE);
const roleServices = appServices.filter(([, s]) => s.command?.[0] === 'serve');

/** NAME=value lines of an env file; `#NAME=` lines are documented but unset. */
function parseEnvFile(text: string): { values: Record<string, string>; documented: Set<string> } {
  const values: Record<string, string> = {};
  const documented = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    documented.add(m[2]!);
    if (!m[1]) values[m[2]!] = m[3]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return { values, documented };
}

/** What compose reads from `.env` after `cp .env.example .env`, with nothing else set in the shell. */
const dotEnv = parseEnvFile(read('.env.example'));

/**
 * Compose interpolation: `$$` is a literal `$`, `${X:-default}` falls back when X is unset
 * or empty, `${X:?message}` refuses to start without X.
 */
function interpolate(value: string, vars: Record<string, string> = dotEnv.values): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}|\$(\w+)/g, (match, braced?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const set = vars[name];
    if (set !== undefined && !(colon === ':' && set === '')) return set;
    if (op === '-') return arg!;
    if (op === '?') throw new Error(`compose refuses to start: ${name}: ${arg}`);
    return '';
  });
}

function envOf(s: Service, vars?: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''), vars)]));
}

function pomProperty(file: string, property: string): string {
  const match = new RegExp(`<${property.replace(/\./g, '\\.')}>([^<]+)</`).exec(read(file));
  if (!match) throw new Error(`${file} has no <${property}>`);
  return match[1]!.trim();
}

/** Short port syntax: [ip:]host:container[/proto]. */
function parsePort(p: unknown): { ip?: string; host: string; container: string } {
  if (typeof p !== 'string') throw new Error(`use the short "127.0.0.1:host:container" port syntax, got ${JSON.stringify(p)}`);
  const parts = p.replace(/\/(tcp|udp)$/, '').split(':');
  if (parts.length === 3) return { ip: parts[0], host: parts[1]!, container: parts[2]! };
  if (parts.length === 2) return { host: parts[0]!, container: parts[1]! };
  return { host: '', container: parts[0]! };
}

/** Short volume syntax: source:target[:mode]. */
function parseVolume(v: unknown): { source: string; target: string } {
  if (typeof v !== 'string') throw new Error(`use the short "source:target[:ro]" volume syntax, got ${JSON.stringify(v)}`);
  const [source, target] = v.split(':');
  return { source: source!, target: target! };
}

const dependencies = (s: Service) => (Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, { condition: 'service_started' }])) : s.depends_on ?? {});

describe('docker-compose.yml', () => {
  it('has the expected services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'elasticsearch', 'grafana', 'init', 'kafka', 'processor', 'prometheus', 'redis', 'scheduler'].sort(),
    );
    expect(appServices.map(([name]) => name).sort()).toEqual(['api', 'init', 'processor', 'scheduler']);
    for (const [name, s] of appServices) expect(s.build, `${name} builds the voc image from the Dockerfile`).toBeDefined();
  });

  it.each(appServices.map(([name, s]) => [name, s] as const))('%s sets only configuration variables, and valid ones', (_name, s) => {
    const env = envOf(s);
    for (const key of Object.keys(env)) expect(Object.keys(envSchema.shape), `${key} is not a voc configuration variable`).toContain(key);
    const parsed = envSchema.safeParse(env);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    // Without these the app would fall back to a local stack on 127.0.0.1 inside the container.
    expect(env).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', ELASTICSEARCH_URL: 'http://elasticsearch:9200', REDIS_URL: 'redis://redis:6379' });
  });

  it('runs each role in its own service, with VOC_ROLES saying the same as --roles', () => {
    const seen: string[] = [];
    for (const [name, s] of roleServices) {
      const command = s.command ?? [];
      const flag = command.indexOf('--roles');
      expect(flag, `${name}: serve --roles <role>`).toBeGreaterThan(0);
      const roles = command[flag + 1]!;
      const parsed = envSchema.shape.VOC_ROLES.safeParse(roles);
      expect(parsed.success, `${name}: ${roles} are valid roles`).toBe(true);
      expect(envOf(s).VOC_ROLES, name).toBe(roles);
      seen.push(...(parsed.data ?? []));
    }
    expect(seen.sort()).toEqual(['api', 'processor', 'scheduler']);
  });

  it('initialises once before the roles start', () => {
    expect(services.init!.command).toEqual(['init']);
    expect(services.init!.restart, 'a restarting one-shot would loop').toBe('no');
    for (const [name, s] of roleServices) {
      expect(dependencies(s).init, name).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('uses the Kafka and Elasticsearch versions of the local stack', () => {
    expect(services.kafka!.image).toBe(`apache/kafka:${pomProperty('stack/kafka/pom.xml', 'kafka.version')}`);
    expect(services.elasticsearch!.image).toBe(
      `docker.elastic.co/elasticsearch/elasticsearch:${pomProperty('stack/elasticsearch/pom.xml', 'elasticsearch.version')}`,
    );
    expect(services.redis!.image).toMatch(/^redis:7(\.|$)/);
    expect(services.grafana!.image).toMatch(/^grafana\/grafana:1[12]\.\d+\.\d+$/);
    expect(services.prometheus!.image, 'a pinned Prometheus 3').toMatch(/^prom\/prometheus:v3\.\d+\.\d+$/);
  });

  it('publishes ports on 127.0.0.1 only', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const p of s.ports ?? []) expect(parsePort(p).ip, `${name}: ${String(p)}`).toBe('127.0.0.1');
    }
  });

  it('publishes the port the API listens on, and probes it', () => {
    const api = services.api!;
    const env = envSchema.parse(envOf(api));
    expect(env.API_HOST, 'a container must listen beyond loopback').toBe('0.0.0.0');
    const ports = (api.ports ?? []).map(parsePort);
    expect(ports.map((p) => Number(p.container))).toEqual([env.API_PORT]);
    expect(ports[0]!.host).toBe('8080');
    expect(api.healthcheck?.test.join(' ')).toContain(`:${env.API_PORT}/healthz`);
  });

  it('lets host clients reach Kafka on the published external listener', () => {
    const env = envOf(services.kafka!);
    const advertised = env.KAFKA_ADVERTISED_LISTENERS!.split(',');
    expect(advertised).toContain(`PLAINTEXT://${envOf(services.api!).KAFKA_BROKERS}`);
    const external = advertised.find((l) => l.startsWith('EXTERNAL://'));
    const published = (services.kafka!.ports ?? []).map(parsePort);
    expect(published.map((p) => `EXTERNAL://localhost:${p.host}`)).toEqual([external]);
  });

  it('declares every named volume it mounts, and mounts every one it declares', () => {
    const named = Object.values(services)
      .flatMap((s) => (s.volumes ?? []).map(parseVolume))
      .filter((v) => !v.source.startsWith('.') && !v.source.startsWith('/'))
      .map((v) => v.source);
    expect([...new Set(named)].sort()).toEqual(Object.keys(compose.volumes ?? {}).sort());
  });

  it('mounts Grafana provisioning and the generated dashboards from the repository', () => {
    const mounts = (services.grafana!.volumes ?? []).map(parseVolume).filter((v) => v.source.startsWith('./'));
    for (const m of mounts) {
      const dir = new URL(m.source.slice(2) + '/', repo);
      expect(existsSync(dir) && statSync(dir).isDirectory(), `${m.source} is a folder of the repository`).toBe(true);
    }
    const target = (source: string) => mounts.find((m) => m.source === source)?.target;
    expect(target('./dashboards/provisioning/datasources')).toBe('/etc/grafana/provisioning/datasources');
    expect(target('./dashboards/provisioning/dashboards')).toBe('/etc/grafana/provisioning/dashboards');
    const provider = parse(read('dashboards/provisioning/dashboards/voc.yml')) as { providers: Array<{ options: { path: string } }> };
    const dashboardsDir = target('./dashboards/json');
    expect(dashboardsDir, 'the dashboard provider reads the mounted dashboards/json').toBe(provider.providers[0]!.options.path);
    const home = envOf(services.grafana!).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    expect(home.startsWith(`${dashboardsDir}/`)).toBe(true);
    expect(existsSync(new URL(`dashboards/json/${home.slice(dashboardsDir!.length + 1)}`, repo)), home).toBe(true);
  });

  it('points the Grafana datasource at the Elasticsearch and alias the app uses', () => {
    const ds = (parse(read('dashboards/provisioning/datasources/elasticsearch.yml')) as {
      datasources: Array<{ url: string; jsonData: { index: string } }>;
    }).datasources[0]!;
    const env = envSchema.parse(envOf(services.api!));
    expect(ds.url).toBe(env.ELASTICSEARCH_URL);
    expect(ds.jsonData.index).toBe(readAlias(env.ELASTICSEARCH_INDEX_PREFIX));
  });

  describe('Prometheus', () => {
    type ScrapeConfig = { job_name: string; metrics_path?: string; static_configs?: unknown; dns_sd_configs?: Array<{ names: string[]; type: string; port: number }> };
    const prometheus = services.prometheus!;
    const flag = (name: string) => prometheus.command?.find((c) => c.startsWith(`--${name}=`))?.slice(name.length + 3);
    const mounts = (prometheus.volumes ?? []).map((v) => ({ ...parseVolume(v), readOnly: String(v).endsWith(':ro') }));
    /** The config file Prometheus reads, found through the mount that holds --config.file. */
    const config = () => {
      const file = flag('config.file')!;
      const mount = mounts.find((m) => m.source.startsWith('./') && file.startsWith(`${m.target}/`));
      expect(mount, `${file} is mounted from the repository`).toBeDefined();
      expect(mount!.readOnly, `${mount!.source} is mounted read-only`).toBe(true);
      return parse(read(`${mount!.source.slice(2)}${file.slice(mount!.target.length)}`)) as { scrape_configs: ScrapeConfig[] };
    };

    it('keeps its data in a named volume, for a bounded time and size', () => {
      expect(mounts.find((m) => m.target === flag('storage.tsdb.path'))?.source).toMatch(/^[a-z][\w-]*$/);
      expect(flag('storage.tsdb.retention.time')).toMatch(/^\d+[dhw]$/);
      expect(flag('storage.tsdb.retention.size')).toMatch(/^\d+(MB|GB)$/);
      expect(prometheus.healthcheck?.test.join(' ')).toContain('/-/ready');
    });

    it('scrapes every role by DNS, on the port where the compose file has it serve /metrics', () => {
      const jobs = config().scrape_configs;
      const scraped = jobs.flatMap((j) => {
        // Fixed targets would miss `--scale processor=3`: compose's DNS returns every replica.
        expect(j.static_configs, `${j.job_name}: found by DNS`).toBeUndefined();
        expect(j.metrics_path ?? '/metrics', j.job_name).toBe('/metrics');
        return (j.dns_sd_configs ?? []).flatMap((sd) => sd.names.map((name) => ({ name, type: sd.type, port: sd.port })));
      });
      expect(scraped.map((t) => t.name).sort()).toEqual(roleServices.map(([name]) => name).sort());
      for (const [name, s] of roleServices) {
        const env = envSchema.parse(envOf(s));
        // The api role serves /metrics on the API port; a process without it on METRICS_PORT.
        const port = env.VOC_ROLES.includes('api') ? env.API_PORT : env.METRICS_PORT;
        expect(port, `${name} serves /metrics`).toBeDefined();
        expect(env.API_HOST, `${name} listens beyond loopback`).toBe('0.0.0.0');
        expect(scraped.find((t) => t.name === name), name).toEqual({ name, type: 'A', port });
      }
    });

    it('is the one Grafana\'s Prometheus datasource points at, started before Grafana', () => {
      const ds = (parse(read('dashboards/provisioning/datasources/prometheus.yml')) as { datasources: Array<{ url: string }> }).datasources[0]!;
      const published = (prometheus.ports ?? []).map(parsePort);
      expect(published.map((p) => p.container)).toEqual(['9090']);
      expect(ds.url).toBe(`http://prometheus:${published[0]!.container}`);
      expect(dependencies(services.grafana!).prometheus).toEqual({ condition: 'service_healthy' });
    });
  });

  describe('the Elasticsearch password, from .env', () => {
    const password = dotEnv.values.ELASTIC_PASSWORD;
    type Datasource = { url: string; basicAuth?: boolean; basicAuthUser?: string; secureJsonData?: Record<string, string>; jsonData: Record<string, unknown> };
    const datasource = () => (parse(read('dashboards/provisioning/datasources/elasticsearch.yml')) as { datasources: Datasource[] }).datasources[0]!;
    /** Grafana's expansion of provisioning values: `$NAME` or `${NAME}` from its own environment. */
    const grafanaExpand = (value: string, env: Record<string, string>) => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => env[(a ?? b)!] ?? '');

    it('is documented in .env.example, with every other variable compose reads', () => {
      expect(password, '.env.example sets ELASTIC_PASSWORD').toBeTruthy();
      const text = read('docker-compose.yml').replace(/\$\$/g, '');
      const interpolated = new Set([...text.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
      for (const name of interpolated) expect(dotEnv.documented, `${name} is read by docker-compose.yml`).toContain(name);
    });

    it('is required: compose refuses to start without it', () => {
      for (const name of ['elasticsearch', 'grafana', ...appServices.map(([n]) => n)]) {
        expect(() => envOf(services[name]!, {}), name).toThrow(/ELASTIC_PASSWORD.*\.env/);
      }
    });

    it('turns on Elasticsearch security as the elastic user\'s password', () => {
      const env = envOf(services.elasticsearch!);
      expect(env['xpack.security.enabled']).toBe('true');
      expect(env.ELASTIC_PASSWORD).toBe(password);
      // The health check must authenticate too, or Elasticsearch never counts as healthy.
      expect(services.elasticsearch!.healthcheck!.test.join(' ')).toContain('-u "elastic:$${ELASTIC_PASSWORD}"');
    });

    it.each(appServices.map(([name, s]) => [name, s] as const))('reaches %s as its Elasticsearch credentials', (_name, s) => {
      expect(loadConfig(envOf(s)).elasticsearch).toMatchObject({ username: 'elastic', password, apiKey: undefined });
    });

    it('reaches Grafana\'s datasource as basic auth, never written into the file', () => {
      const ds = datasource();
      const grafanaEnv = envOf(services.grafana!);
      expect(ds.basicAuth).toBe(true);
      expect(grafanaExpand(ds.basicAuthUser!, grafanaEnv)).toBe('elastic');
      expect(grafanaExpand(ds.secureJsonData!.basicAuthPassword!, grafanaEnv)).toBe(password);
      expect(ds.secureJsonData!.basicAuthPassword, 'a reference to Grafana\'s environment').toMatch(/^\$\w+$/);
      expect(JSON.stringify(ds)).not.toContain(password);
    });
  });

  it('depends only on services that exist, waiting for health where there is a check', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(dependencies(s))) {
        expect(services[dep], `${name} depends on unknown service ${dep}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(services[dep]!.healthcheck, `${dep} needs a healthcheck`).toBeDefined();
      }
    }
  });
});
