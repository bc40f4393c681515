import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenTarget, forbiddenUrl, nonPublicRange, webhookDispatcher } from './webhook-guard.ts';

describe('webhook targets', () => {
  it('tells public addresses from the rest, IPv4 inside IPv6 included', () => {
    for (const a of ['8.8.8.8', '203.0.114.9', '2606:4700:4700::1111']) expect(nonPublicRange(a), a).toBeUndefined();
    expect(nonPublicRange('127.0.0.1')).toBe('loopback');
    expect(nonPublicRange('10.1.2.3')).toBe('private');
    expect(nonPublicRange('192.168.0.10')).toBe('private');
    expect(nonPublicRange('172.16.5.4')).toBe('private');
    expect(nonPublicRange('169.254.169.254')).toBe('linkLocal');
    expect(nonPublicRange('::1')).toBe('loopback');
    expect(nonPublicRange('fd00::1')).toBe('uniqueLocal');
    expect(nonPublicRange('fe80::1')).toBe('linkLocal');
    expect(nonPublicRange('::ffff:127.0.0.1')).toBe('loopback');
    expect(nonPublicRange('0.0.0.0')).toBe('unspecified');
  });

  it('refuses URLs that name a non-public address or localhost as written', () => {
    expect(forbiddenUrl('https://hooks.slack.com/services/T/B/x')).toBeUndefined();
    expect(forbiddenUrl('http://169.254.169.254/latest')).toMatch(/linkLocal/);
    expect(forbiddenUrl('http://[::1]:8080/')).toMatch(/loopback/);
    expect(forbiddenUrl('http://localhost:9200/')).toMatch(/loopback/);
    expect(forbiddenUrl('http://api.localhost/')).toMatch(/loopback/);
  });

  describe('at connection time', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_req, res) => res.end('reached'));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('refuses a host name that resolves to a private address', async () => {
      const dispatcher = webhookDispatcher(false)!;
      const error = await fetch(`http://localhost:${port}/`, { dispatcher }).then(
        () => undefined,
        (e: { cause?: unknown }) => e.cause,
      );
      expect(error).toBeInstanceOf(ForbiddenTarget);
      expect((error as Error).message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
      await dispatcher.close();
    });

    it('lets it through when private targets are allowed', async () => {
      expect(webhookDispatcher(true)).toBeUndefined();
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('reached');
    });
  });
});
