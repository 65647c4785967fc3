import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseRedisUrl } from '../../src/gateway/shared/redis-url.js';
import { providers } from '../../src/providers/registry.js';

const SECRET = 'pw_s3cret%40value';

/** The refusal of `url`, checked never to repeat its password or hosts. */
function refusal(url: string): string {
  const parsed = parseRedisUrl(url);
  if (!('problem' in parsed)) throw new Error('expected a refusal');
  expect(parsed.problem).toMatch(/^REDIS_URL/);
  expect(parsed.problem).not.toMatch(/s3cret|sentinel-a|node-a/);
  return parsed.problem;
}

describe('REDIS_URL', () => {
  it('leaves redis:// and rediss:// to the client as they are', () => {
    expect(parseRedisUrl('rediss://user:pw@cache:6380/2')).toEqual({
      topology: 'server',
      url: 'rediss://user:pw@cache:6380/2',
    });
  });

  it('reads a Sentinel URL: its Sentinels, master name, database and credentials', () => {
    expect(
      parseRedisUrl(`redis+sentinel://app:${SECRET}@sentinel-a:26380,sentinel-b,[::1]:26381/my%20master/3`),
    ).toEqual({
      topology: 'sentinel',
      options: {
        sentinels: [
          { host: 'sentinel-a', port: 26380 },
          { host: 'sentinel-b', port: 26379 },
          { host: '::1', port: 26381 },
        ],
        name: 'my master',
        db: 3,
        username: 'app',
        password: 'pw_s3cret@value',
      },
    });
  });

  it('gives the Sentinels credentials of their own, and TLS to Sentinels and master with rediss+sentinel', () => {
    expect(
      parseRedisUrl('rediss+sentinel://:pw@sentinel-a/mymaster?sentinel_username=s&sentinel_password=sp'),
    ).toEqual({
      topology: 'sentinel',
      options: {
        sentinels: [{ host: 'sentinel-a', port: 26379 }],
        name: 'mymaster',
        password: 'pw',
        sentinelUsername: 's',
        sentinelPassword: 'sp',
        tls: {},
        sentinelTLS: {},
        enableTLSForSentinelMode: true,
      },
    });
  });

  it('reads a Cluster URL: its startup nodes and credentials, TLS with rediss+cluster', () => {
    expect(parseRedisUrl('redis+cluster://node-a:7000,node-b:7001/')).toEqual({
      topology: 'cluster',
      nodes: [
        { host: 'node-a', port: 7000 },
        { host: 'node-b', port: 7001 },
      ],
      options: { redisOptions: {} },
    });
    expect(parseRedisUrl(`rediss+cluster://app:${SECRET}@node-a`)).toEqual({
      topology: 'cluster',
      nodes: [{ host: 'node-a', port: 6379 }],
      options: { redisOptions: { username: 'app', password: 'pw_s3cret@value', tls: {} } },
    });
  });

  it('reads what a URL may hold around its hosts: a fragment, an empty user, spaces in the list, the edge ports', () => {
    expect(parseRedisUrl('redis+sentinel://sentinel-a/mymaster/15#primary')).toEqual({
      topology: 'sentinel',
      options: { sentinels: [{ host: 'sentinel-a', port: 26379 }], name: 'mymaster', db: 15 },
    });
    expect(parseRedisUrl('redis+cluster://@node-a:1, node-b:65535')).toEqual({
      topology: 'cluster',
      nodes: [
        { host: 'node-a', port: 1 },
        { host: 'node-b', port: 65535 },
      ],
      options: { redisOptions: {} },
    });
    expect(parseRedisUrl('redis://cache:6379/')).toEqual({ topology: 'server', url: 'redis://cache:6379/' });
    expect(parseRedisUrl('redis://cache:6379/15')).toEqual({
      topology: 'server',
      url: 'redis://cache:6379/15',
    });
  });

  it('refuses a malformed URL saying what is wrong, never repeating the URL or its password', () => {
    expect(refusal(`node-a:6379`)).toMatch(/must start with redis:\/\/ or rediss:\/\//);
    expect(refusal(`-redis://:${SECRET}@node-a:6379`)).toMatch(/must start with redis:\/\/ or rediss:\/\//);
    expect(refusal(`redis://:${SECRET}@[::1`)).toMatch(/must be a URL/);
    expect(refusal('redis:///0')).toMatch(/names no host/);
    for (const path of ['x/1', '1x', '123'])
      expect(refusal(`redis://node-a:6379/${path}`)).toMatch(/database number/);
    expect(refusal(`redis+cluster://:${SECRET}@/0`)).toMatch(/no host/);
    expect(refusal('redis+cluster:///0')).toMatch(/no host/);
    expect(refusal(`redis+cluster://node-a:7000?password=${SECRET}`)).toMatch(/takes no options/);
    for (const port of ['x7000', '7000x', '65536'])
      expect(refusal(`redis+cluster://node-a:${port}`)).toMatch(/port that is not a number/);
    expect(refusal(`redis+cluster://node-a:1:7000`)).toMatch(/malformed host/);
    for (const path of ['mymaster/0/x', 'mymaster/x1', 'mymaster/1x', 'mymaster/123'])
      expect(refusal(`redis+sentinel://sentinel-a/${path}`)).toMatch(/database number/);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a/my%zzmaster`)).toMatch(
      /master name is not well percent-encoded/,
    );
    expect(refusal(`http://user:${SECRET}@node-a:6379`)).toMatch(/must start with redis:\/\/ or rediss:\/\//);
    expect(refusal(`redis+sentinal://:${SECRET}@sentinel-a/mymaster`)).toMatch(/redis\+sentinel:\/\//);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a:26379`)).toMatch(/no Sentinel master/);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a:26379/`)).toMatch(/no Sentinel master/);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a:263790/mymaster`)).toMatch(/port/);
    expect(refusal(`redis+cluster://:${SECRET}@node-a:7000,node-b:x`)).toMatch(/port/);
    expect(refusal(`redis+cluster://:${SECRET}@node-a:0`)).toMatch(/port/);
    expect(refusal(`redis+cluster://:${SECRET}@node-a:7000,,node-b`)).toMatch(/host/);
    expect(refusal(`redis+cluster://:${SECRET}@`)).toMatch(/no host/);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a/mymaster/x`)).toMatch(/database number/);
    expect(refusal(`redis+sentinel://:${SECRET}@sentinel-a/mymaster?password=x`)).toMatch(/options/);
    expect(refusal(`redis+cluster://:${SECRET}@node-a/1`)).toMatch(/only database 0/);
    expect(refusal('redis+cluster://:pw_s3cret%zz@node-a')).toMatch(/percent-encoded/);
    expect(refusal(`redis://:${SECRET}@node-a:6379/x`)).toMatch(/database number/);
  });

  it('stops the gateway at start on a malformed Sentinel or Cluster URL, saying what is wrong', () => {
    const load = (url: string) => () => loadConfig({ REDIS_URL: url }, providers);
    expect(load(`redis+sentinel://:${SECRET}@sentinel-a:26379`)).toThrow(ConfigError);
    expect(load(`redis+sentinel://:${SECRET}@sentinel-a:26379`)).toThrow(
      /REDIS_URL names no Sentinel master/,
    );
    expect(load(`redis+sentinel://:${SECRET}@sentinel-a:26379`)).not.toThrow(/s3cret/);
    expect(load(`redis+cluster://:${SECRET}@node-a:7000,node-b:70000`)).toThrow(/REDIS_URL has a port/);
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://node-a:7000,node-b' }, providers)).not.toThrow();
  });
});
