import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'sqlite', file: join('./data', 'quartiersbuch.sqlite') },
      dataDir: './data',
      demoData: true,
      trustProxy: false,
      staticDir: './dist',
      logLevel: 'info',
      defaultQuarter: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/qb',
      DEMO_DATA: 'off',
      STATIC_DIR: '/srv/app',
      LOG_LEVEL: 'warn',
      DEFAULT_QUARTER: 'krefeld-sued',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: '/var/lib/qb/quartiersbuch.sqlite' },
      demoData: false,
      staticDir: '/srv/app',
      logLevel: 'warn',
      defaultQuarter: 'krefeld-sued',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgres://qb@db:5432/qb';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
  });

  it.each(['off', '0', 'false', 'OFF', ' no '])('DEMO_DATA=%s switches demo data off', (value) => {
    expect(loadConfig({ DEMO_DATA: value }).demoData).toBe(false);
  });

  it.each(['on', '1', 'true', ''])('DEMO_DATA=%s keeps demo data on', (value) => {
    expect(loadConfig({ DEMO_DATA: value }).demoData).toBe(true);
  });

  it('NODE_ENV=production switches demo data off by default', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'off' }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).demoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'on' }).demoData).toBe(true);
  });

  it.each(['on', '1', 'true', 'ja'])(
    'refuses DEMO_DATA=%s together with NODE_ENV=production',
    (value) => {
      const env = { NODE_ENV: 'production', DEMO_DATA: value };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(
        /DEMO_DATA ist eingeschaltet, aber NODE_ENV=production/,
      );
    },
  );

  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['off', false],
    ['0', false],
    ['true', true],
    ['ON', true],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    [' 127.0.0.1 , 10.0.0.0/8,::1, fd00::/8 ', ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('TRUST_PROXY=%j is %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT.*"abc"/],
    [{ TRUST_PROXY: 'yes please' }, /TRUST_PROXY.*"yes please"/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '300.1.1.1' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '127.0.0.1,' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '-1' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '1000' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: 'proxy.example.org' }, /TRUST_PROXY/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ DEMO_DATA: 'vielleicht' }, /DEMO_DATA/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
