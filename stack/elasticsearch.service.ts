// The local Elasticsearch: one single-node cluster bound to 127.0.0.1, security off, run
// from the integ-test-zip distribution (see stack/elasticsearch/pom.xml) on our JDK.
// Layout under its placement root (elasticsearch-user.ts): home (the unzipped distribution),
// config (a private copy: Elasticsearch writes its keystore there), data, logs (its own
// files), tmp. Its console output goes to <stack>/elasticsearch/logs/elasticsearch.out.log.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCommand } from './debian-packages.ts';
import { chownTree, placeElasticsearch, type ElasticsearchPlacement } from './elasticsearch-user.ts';
import { probeElasticsearch } from './health.ts';
import { appendNote, describeTail } from './log-file.ts';
import { runMaven } from './maven.ts';
import { runLogged, spawnDetached } from './process-control.ts';
import type { ServiceContext, ServiceDriver } from './service.ts';
import { StackError } from './stack-error.ts';

/** Must match elasticsearch.version in stack/elasticsearch/pom.xml (a unit test checks). */
export const ELASTICSEARCH_VERSION = '8.19.21';

export type ElasticsearchLayout = { home: string; config: string; data: string; logs: string; tmp: string };

export function elasticsearchLayout(root: string): ElasticsearchLayout {
  const at = (name: string) => path.join(root, name);
  return { home: at('home'), config: at('config'), data: at('data'), logs: at('logs'), tmp: at('tmp') };
}

/** The -E settings; `modules` lists the distribution's modules, whose settings exist only with them. */
export function elasticsearchSettings(o: { httpPort: number; layout: ElasticsearchLayout; modules: string[] }): string[] {
  // A range, so a transport port already taken elsewhere does not block the start.
  const transportFrom = Math.min(o.httpPort + 100, 65_435);
  const settings: Record<string, string> = {
    'cluster.name': 'voc-stack',
    'node.name': 'voc-stack',
    'discovery.type': 'single-node',
    'xpack.security.enabled': 'false',
    'network.host': '127.0.0.1',
    'http.port': String(o.httpPort),
    'transport.port': `${transportFrom}-${transportFrom + 99}`,
    'path.data': o.layout.data,
    'path.logs': o.layout.logs,
    // Development disks are often nearly full; the watermarks would make indices read-only.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
    // Registered by x-pack-core, so accepted even though this distribution has no ML module.
    'xpack.ml.enabled': 'false',
  };
  // No internet here; but the setting exists only with the module, which the integ-test-zip
  // lacks, and an unknown setting aborts the start.
  if (o.modules.includes('ingest-geoip')) settings['ingest.geoip.downloader.enabled'] = 'false';
  return Object.entries(settings).flatMap(([key, value]) => ['-E', `${key}=${value}`]);
}

export function createElasticsearchService(ctx: ServiceContext): ServiceDriver {
  const { config, paths, logger } = ctx;
  const log = logger.child({ service: 'elasticsearch' });
  const logFile = paths.logFile('elasticsearch');
  const zip = path.join(paths.downloads, `elasticsearch-${ELASTICSEARCH_VERSION}.zip`);
  let placement: ElasticsearchPlacement | undefined;
  const place = () => (placement ??= placeElasticsearch(paths, log));

  async function download(): Promise<void> {
    if (existsSync(zip)) return;
    mkdirSync(paths.downloads, { recursive: true });
    await runMaven({
      service: 'elasticsearch',
      goals: ['dependency:copy-dependencies', '-DincludeTypes=zip', `-DoutputDirectory=${paths.downloads}`],
      logFile,
      logger: log,
    });
    if (!existsSync(zip)) throw new StackError(`Maven finished but ${zip} is missing\n${describeTail(logFile)}`, 'elasticsearch');
  }

  async function fetch(): Promise<void> {
    mkdirSync(paths.logsDir('elasticsearch'), { recursive: true });
    const layout = elasticsearchLayout(place().root);
    const marker = path.join(layout.home, '.voc-fetched');
    if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === ELASTICSEARCH_VERSION) return;
    await download();
    // The unzip command, not a JS unzipper: it keeps the executable bits of bin/ and native libraries.
    const unzip = await ensureCommand({ command: 'unzip', debianPackage: 'unzip', service: 'elasticsearch', logFile, logger: log });
    const staging = `${layout.home}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    log.info({ home: layout.home }, 'unpacking Elasticsearch');
    appendNote(logFile, `unzip ${zip}`);
    const code = await runLogged({ command: unzip, args: ['-q', zip, '-d', staging], logFile });
    if (code !== 0) {
      // Most likely a truncated copy: let the next fetch copy it again.
      rmSync(zip, { force: true });
      throw new StackError(`unzip ${zip} failed (exit ${code})\n${describeTail(logFile)}`, 'elasticsearch');
    }
    // A new version brings its own default config; the old keystore would not match it.
    rmSync(layout.home, { recursive: true, force: true });
    rmSync(layout.config, { recursive: true, force: true });
    renameSync(path.join(staging, `elasticsearch-${ELASTICSEARCH_VERSION}`), layout.home);
    rmSync(staging, { recursive: true, force: true });
    writeFileSync(marker, ELASTICSEARCH_VERSION + '\n');
  }

  async function start() {
    const jdk = ctx.jdk();
    await fetch();
    const { root, runAs } = place();
    const layout = elasticsearchLayout(root);
    // Nothing in tmp outlives a run; the launcher would otherwise pile up a directory per start.
    rmSync(layout.tmp, { recursive: true, force: true });
    for (const dir of [layout.data, layout.logs, layout.tmp]) mkdirSync(dir, { recursive: true });
    if (!existsSync(layout.config)) cpSync(path.join(layout.home, 'config'), layout.config, { recursive: true });
    if (runAs) chownTree(root, runAs);
    const modules = readdirSync(path.join(layout.home, 'modules'));
    const heap = config.stack.elasticsearchHeap;
    const as = runAs ? ` as ${runAs.user}` : '';
    appendNote(logFile, `starting Elasticsearch ${ELASTICSEARCH_VERSION} on 127.0.0.1:${config.stack.elasticsearchPort}${as} (home ${layout.home})`);
    const pid = await spawnDetached({
      command: path.join(layout.home, 'bin', 'elasticsearch'),
      args: elasticsearchSettings({ httpPort: config.stack.elasticsearchPort, layout, modules }),
      // A clean environment: the server must not pick up the caller's JAVA_HOME or ES_* variables.
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        LANG: 'C.UTF-8',
        HOME: root,
        ES_JAVA_HOME: jdk.home,
        ES_JAVA_OPTS: `-Xms${heap} -Xmx${heap}`,
        ES_PATH_CONF: layout.config,
        ES_TMPDIR: layout.tmp,
        // The launcher JVM leaves a final-flags directory in its temp dir on every start.
        CLI_JAVA_OPTS: `-Djava.io.tmpdir=${layout.tmp}`,
      },
      cwd: layout.logs,
      logFile,
      uid: runAs?.uid,
      gid: runAs?.gid,
    });
    return { pid, version: ELASTICSEARCH_VERSION, home: root };
  }

  return {
    name: 'elasticsearch',
    url: config.elasticsearch.url,
    port: config.stack.elasticsearchPort,
    extraPorts: [],
    // The recorded pid is bin/elasticsearch, which execs the CLI launcher; the server JVM is
    // the launcher's child in the same process group.
    processMarker: 'elasticsearch',
    external: config.elasticsearch.external,
    fetch,
    start,
    probe: () => probeElasticsearch(config.elasticsearch),
  };
}
