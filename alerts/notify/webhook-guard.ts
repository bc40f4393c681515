// Outgoing webhooks go to public addresses only, unless WEBHOOK_ALLOW_PRIVATE is set: a rule
// author must not be able to make voc post into the private network it runs in (cloud
// metadata at 169.254.169.254, an admin port on localhost, a database on 10.x). The check
// runs twice: on the URL when a rule is saved (a literal address or "localhost", for a clear
// 400), and on every address a host name resolves to at the moment of connecting (the
// connection uses the address that was checked, so a name that changes its answer between
// check and use gains nothing).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

export class ForbiddenTarget extends Error {
  override readonly name = 'ForbiddenTarget';
}

/** The kind of a non-public address ("loopback", "private", "linkLocal", …), or undefined for a public unicast one. */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  const range = ipaddr.process(address).range(); // IPv4-mapped IPv6 is judged as the IPv4 it carries
  return range === 'unicast' ? undefined : range;
}

/** Why a URL may not be a webhook target as written (a literal non-public address or localhost), or undefined. */
export function forbiddenUrl(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'not a URL';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost is a loopback address';
  if (isIP(host)) {
    const range = nonPublicRange(host);
    if (range) return `${host} is a ${range} address`;
  }
  return undefined;
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => nonPublicRange(a.address));
    if (bad) return callback(new ForbiddenTarget(`${hostname} resolves to ${bad.address}, a ${nonPublicRange(bad.address)} address; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE)`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/** An HTTP dispatcher whose connections refuse non-public addresses (undefined: no restriction). */
export function webhookDispatcher(allowPrivate: boolean): Agent | undefined {
  return allowPrivate ? undefined : new Agent({ connect: { lookup: guardedLookup } });
}
