import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadBackupKey, loadConfig, type Env } from '../../server/config';

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

describe('loadBackupKey', () => {
  const key = randomBytes(32);
  const text = key.toString('base64');
  const files: Record<string, string> = { '/geheim/schluessel': `${text}\n` };
  const readFile = (file: string) => {
    const content = files[file];
    if (content === undefined) throw new Error('ENOENT');
    return content;
  };

  it('takes the key from BACKUP_KEY or from the file in BACKUP_KEY_FILE, else none', () => {
    expect(loadBackupKey({ BACKUP_KEY: text }, readFile)?.equals(key)).toBe(true);
    expect(loadBackupKey({ BACKUP_KEY_FILE: '/geheim/schluessel' }, readFile)?.equals(key)).toBe(
      true,
    );
    expect(loadBackupKey({}, readFile)).toBeUndefined();
    expect(loadBackupKey({ BACKUP_KEY: '  ' }, readFile)).toBeUndefined();
  });

  it.each([
    [{ BACKUP_KEY: text.slice(0, 40) }, 'Der Schlüssel in BACKUP_KEY ist ungültig'],
    [{ BACKUP_KEY: `${text}AAAA` }, 'Der Schlüssel in BACKUP_KEY ist ungültig'],
    [{ BACKUP_KEY: text.replace(/[+/]/g, '-').replace(/^./, '*') }, 'ist ungültig'],
    [{ BACKUP_KEY: randomBytes(32).toString('hex') }, 'ist ungültig'],
    [{ BACKUP_KEY: Buffer.alloc(32).toString('base64') }, 'ist nicht zufällig'],
    [{ BACKUP_KEY: text, BACKUP_KEY_FILE: '/geheim/schluessel' }, 'nur eines von beiden'],
    [{ BACKUP_KEY_FILE: '/gibt/es/nicht' }, 'die sich nicht lesen lässt'],
  ])('refuses %o in German, without repeating the key', (env: Env, message) => {
    expect(() => loadBackupKey(env, readFile)).toThrow(ConfigError);
    expect(() => loadBackupKey(env, readFile)).toThrow(message);
    const error = (() => {
      try {
        loadBackupKey(env, readFile);
      } catch (err) {
        return err as Error;
      }
    })();
    if (env.BACKUP_KEY) expect(error?.message).not.toContain(env.BACKUP_KEY);
  });
});
