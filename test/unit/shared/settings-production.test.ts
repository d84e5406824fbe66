import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, loadEnvFile, productionWarnings } from '../../../src/config';
import { redactUri, withDefaultDatabase } from '../../../src/bootstrap';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('settings that follow other settings', () => {
  test('when only PORT is set, then PUBLIC_BASE_URL follows it', () => {
    expect(loadConfig({ PORT: '3204' }).PUBLIC_BASE_URL).toBe('http://localhost:3204');
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3204', PUBLIC_BASE_URL: 'https://lich.example.gov.vn' }).PUBLIC_BASE_URL).toBe(
      'https://lich.example.gov.vn',
    );
  });
  test('when only DATA_DIR is set, then the outbox is under it', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/lich-hop/' }).MAIL_OUTBOX_DIR).toBe('/var/lib/lich-hop/outbox');
    expect(loadConfig({}).MAIL_OUTBOX_DIR).toBe('./data/outbox');
    expect(loadConfig({ DATA_DIR: '/d', MAIL_OUTBOX_DIR: '/m' }).MAIL_OUTBOX_DIR).toBe('/m');
  });
  test('when MAIL_FROM has no domain, then it is refused in any mode', () => {
    expect(problemsOf({ MAIL_FROM: 'Văn phòng <no-reply@localhost>' })[0]).toMatch(/^MAIL_FROM=.*must have a domain/);
    expect(problemsOf({ MAIL_FROM: 'vanphong@lucngan.gov.vn' })).toEqual([]);
  });
});

describe('production mode (NODE_ENV=production)', () => {
  const safe = {
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://lich.lucngan.gov.vn',
    MAIL_FROM: 'Văn phòng <lich-hop@lucngan.gov.vn>',
  };
  test('when nothing asks for it, then an empty database is not seeded; SEED_ON_EMPTY=true still does', () => {
    expect(loadConfig(safe).SEED_ON_EMPTY).toBe(false);
    expect(loadConfig({ ...safe, SEED_ON_EMPTY: 'true' }).SEED_ON_EMPTY).toBe(true);
    expect(loadConfig({}).SEED_ON_EMPTY).toBe(true);
  });
  test('when the public URL is http:// on a real host or the sender is a reserved domain, then start-up is refused naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://lich.lucngan.gov.vn' });
    expect(problems.map((p) => p.split('=')[0])).toEqual(['PUBLIC_BASE_URL', 'MAIL_FROM', 'NODE_ENV']);
    expect(problems[0]).toContain('must be an https:// URL in production');
    expect(problems[1]).toContain('lich-hop.invalid');
  });
  test('when the public URL is http://localhost, then production accepts it (a trial on one machine)', () => {
    expect(problemsOf({ ...safe, PUBLIC_BASE_URL: 'http://localhost:3000' })).toEqual([]);
    expect(problemsOf({ ...safe, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' })).toEqual([]);
  });
  test('when mail is not sent or the database is local, then start-up warns', () => {
    expect(productionWarnings(loadConfig(safe)).join('\n')).toMatch(/SMTP_URL is unset[\s\S]*MONGODB_URI is unset/);
    expect(productionWarnings(loadConfig({}))).toEqual([]);
  });
});

describe('.env file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-env-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('when .env sets PORT and DATA_DIR, then they are read, and a variable of the environment wins', () => {
    fs.writeFileSync(
      path.join(dir, '.env'),
      '# comment\nPORT=3204\nDATA_DIR=/srv/lich\nMAIL_FROM="Văn phòng <a@lucngan.gov.vn>"\n',
    );
    const env: NodeJS.ProcessEnv = { DATA_DIR: '/from-env' };
    const read = loadEnvFile(env, dir);
    expect(read).toEqual({ path: path.join(dir, '.env'), applied: ['MAIL_FROM', 'PORT'], overridden: ['DATA_DIR'] });
    const config = loadConfig(env);
    expect(config).toMatchObject({
      PORT: 3204,
      DATA_DIR: '/from-env',
      PUBLIC_BASE_URL: 'http://localhost:3204',
      MAIL_OUTBOX_DIR: '/from-env/outbox',
    });
    expect(config.MAIL_FROM).toBe('Văn phòng <a@lucngan.gov.vn>');
  });
  test('when there is no .env, then nothing is read; ENV_FILE names another file, and ENV_FILE=none reads none', () => {
    expect(loadEnvFile({}, dir).path).toBeNull();
    fs.writeFileSync(path.join(dir, 'prod.env'), 'PORT=4000\n');
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=5000\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'prod.env' };
    expect(loadEnvFile(env, dir).path).toBe(path.join(dir, 'prod.env'));
    expect(env.PORT).toBe('4000');
    const none: NodeJS.ProcessEnv = { ENV_FILE: 'none' };
    expect(loadEnvFile(none, dir).path).toBeNull();
    expect(none.PORT).toBeUndefined();
    expect(() => loadEnvFile({ ENV_FILE: 'missing.env' }, dir)).toThrow(/ENV_FILE="missing.env": no such file/);
  });
});

describe('database address', () => {
  test('when MONGODB_URI names no database, then the service uses lichhop, not mongo\'s "test"', () => {
    expect(withDefaultDatabase('mongodb://127.0.0.1:27017')).toBe('mongodb://127.0.0.1:27017/lichhop');
    expect(withDefaultDatabase('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/lichhop');
    expect(withDefaultDatabase('mongodb://a:1,b:2/?replicaSet=rs0')).toBe('mongodb://a:1,b:2/lichhop?replicaSet=rs0');
    expect(withDefaultDatabase('mongodb://h/other?authSource=admin')).toBe('mongodb://h/other?authSource=admin');
  });
  test('when MONGODB_URI has credentials and no database, then they are still checked against admin', () => {
    expect(withDefaultDatabase('mongodb://root:pw@h:27017')).toBe('mongodb://root:pw@h:27017/lichhop?authSource=admin');
    expect(withDefaultDatabase('mongodb://root:pw@a,b/?replicaSet=rs0')).toBe(
      'mongodb://root:pw@a,b/lichhop?replicaSet=rs0&authSource=admin',
    );
    expect(withDefaultDatabase('mongodb://u:pw@h/?authSource=x')).toBe('mongodb://u:pw@h/lichhop?authSource=x');
  });
  test('when a connection string setting is refused, then its password is not printed', () => {
    let message = '';
    try {
      loadConfig({ SMTP_URL: 'ftp://mailer:s3cret@mail.example.vn', MAIL_FROM: 'lich@ubnd.gov.vn' });
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('s3cret');
  });
  test('when the address is logged, then its password is not', () => {
    expect(redactUri('mongodb://lichhop:s3cret@db1:27017/lichhop')).toBe('mongodb://lichhop:***@db1:27017/lichhop');
    expect(redactUri('mongodb://db1:27017/lichhop')).toBe('mongodb://db1:27017/lichhop');
  });
});
