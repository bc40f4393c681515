import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELASTICSEARCH_VERSION, elasticsearchLayout, elasticsearchSettings } from './elasticsearch.service.ts';
import { pomPath } from './maven.ts';

function settings(modules: string[]): Map<string, string> {
  const args = elasticsearchSettings({ httpPort: 9200, layout: elasticsearchLayout('/es'), modules });
  const map = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    expect(args[i]).toBe('-E');
    const [key, ...value] = args[i + 1]!.split('=');
    map.set(key!, value.join('='));
  }
  return map;
}

describe('elasticsearchSettings', () => {
  it('runs a single loopback node without security, with its own data and logs', () => {
    const s = settings(['x-pack-core', 'x-pack-security']);
    expect(s.get('discovery.type')).toBe('single-node');
    expect(s.get('xpack.security.enabled')).toBe('false');
    expect(s.get('network.host')).toBe('127.0.0.1');
    expect(s.get('http.port')).toBe('9200');
    expect(s.get('transport.port')).toBe('9300-9399');
    expect(s.get('path.data')).toBe('/es/data');
    expect(s.get('path.logs')).toBe('/es/logs');
    expect(s.get('cluster.routing.allocation.disk.threshold_enabled')).toBe('false');
  });

  it('disables the GeoIP downloader only when the module exists (unknown settings abort the start)', () => {
    expect(settings(['x-pack-core']).has('ingest.geoip.downloader.enabled')).toBe(false);
    expect(settings(['ingest-geoip']).get('ingest.geoip.downloader.enabled')).toBe('false');
  });

  it('disables ML (a setting x-pack-core accepts without the ML module)', () => {
    expect(settings(['x-pack-core']).get('xpack.ml.enabled')).toBe('false');
  });

  it('keeps the transport range within valid ports', () => {
    const args = elasticsearchSettings({ httpPort: 65_500, layout: elasticsearchLayout('/es'), modules: [] });
    expect(args).toContain('transport.port=65435-65534');
  });
});

it('ELASTICSEARCH_VERSION matches stack/elasticsearch/pom.xml', () => {
  const pom = readFileSync(pomPath('elasticsearch'), 'utf8');
  expect(/<elasticsearch\.version>([^<]+)</.exec(pom)?.[1]).toBe(ELASTICSEARCH_VERSION);
});
