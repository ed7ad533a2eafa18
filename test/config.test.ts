import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
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

  it('signs with a random secret of this installation when JWT_SECRET is unset, never a constant', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aeo-config-'));
    const embedded = path.join(dir, 'postgres');
    const first = loadConfig({ EMBEDDED_POSTGRES_DIR: embedded }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(48);
    // Kept beside the embedded database, readable by its owner only: it survives a restart.
    expect(loadConfig({ EMBEDDED_POSTGRES_DIR: embedded }).jwtSecret).toBe(first);
    expect(statSync(`${embedded}.jwt-secret`).mode & 0o777).toBe(0o600);
    // Another installation has another secret; under test each process has its own, on no disk.
    expect(loadConfig({ EMBEDDED_POSTGRES_DIR: path.join(dir, 'other') }).jwtSecret).not.toBe(first);
    const testSecret = loadConfig({
      NODE_ENV: 'test',
      EMBEDDED_POSTGRES_DIR: path.join(dir, 'test'),
    }).jwtSecret;
    expect(testSecret).not.toBe(first);
    expect(existsSync(path.join(dir, 'test.jwt-secret'))).toBe(false);
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

  it('accepts host:port allow-list entries and refuses malformed ones at start-up', () => {
    const hosts = 'intranet.local:8080, [fd00::1]:443, 10.0.0.0/8:9000';
    expect(loadConfig({ AUDIT_ALLOWED_PRIVATE_HOSTS: hosts }).auditAllowedPrivateHosts).toHaveLength(3);
    expect(() => loadConfig({ AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1, intranet:http' })).toThrow(
      /AUDIT_ALLOWED_PRIVATE_HOSTS: "intranet:http": the port must be 1-65535/,
    );
    expect(() => loadConfig({ AUDIT_ALLOWED_PRIVATE_HOSTS: 'http://intranet.local' })).toThrow(/not a URL/);
  });

  it('drains 5 s before stopping in production, not elsewhere, inside the stop deadline', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET };
    expect(loadConfig(production).shutdown).toEqual({ drainMs: 5000, timeoutMs: 30_000 });
    expect(loadConfig({ NODE_ENV: 'test' }).shutdown).toEqual({ drainMs: 0, timeoutMs: 30_000 });
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '', SHUTDOWN_TIMEOUT_MS: '8000' }).shutdown).toEqual({
      drainMs: 0,
      timeoutMs: 8000,
    });
    expect(() => loadConfig({ ...production, SHUTDOWN_TIMEOUT_MS: '4000' })).toThrow(
      new ConfigError(
        'SHUTDOWN_TIMEOUT_MS (4000) must be longer than SHUTDOWN_DRAIN_MS (5000, the default): the drain is part of it',
      ),
    );
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: '3000', SHUTDOWN_TIMEOUT_MS: '3000' })).toThrow(
      /SHUTDOWN_TIMEOUT_MS \(3000\) must be longer than SHUTDOWN_DRAIN_MS \(3000\): the drain/,
    );
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '10' })).toThrow(/SHUTDOWN_TIMEOUT_MS: .*1000/);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: '-1' })).toThrow(/SHUTDOWN_DRAIN_MS: /);
  });
});
