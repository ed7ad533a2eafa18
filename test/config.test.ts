import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/config.js';

const STRONG_SECRET = 'x'.repeat(48);

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      redisUrl: undefined,
      introspection: true,
    });
    expect(config.corsOrigins).toEqual([]);
  });

  it('treats empty DATABASE_URL and REDIS_URL as absent (embedded defaults)', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('refuses to start in production without a JWT secret, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET }).introspection).toBe(false);
  });

  it('reads secrets from NAME_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aeo-config-'));
    const file = path.join(dir, 'jwt');
    writeFileSync(file, `${STRONG_SECRET}\n`);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET_FILE: file }).jwtSecret).toBe(STRONG_SECRET);
    expect(() => loadConfig({ JWT_SECRET_FILE: path.join(dir, 'missing') })).toThrow(/JWT_SECRET_FILE/);
  });

  it('explains invalid values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('parses comma-separated lists', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1,10.0.0.0/8',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.auditAllowedPrivateHosts).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });
});
