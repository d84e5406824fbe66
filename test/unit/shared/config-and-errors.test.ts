import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '../../../src/config';
import { toHttpError } from '../../../src/http/error-handler';
import { ConflictError, NotFoundError, ValidationError } from '../../../src/shared/errors';
import { redactUrl } from '../../../src/shared/logger';

describe('config', () => {
  test('when nothing is set, then the documented defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DEFAULT_TIME_ZONE: 'Asia/Ho_Chi_Minh',
      SEED_ON_EMPTY: true,
      LOG_LEVEL: 'info',
    });
    expect(c.MONGODB_URI).toBeUndefined();
  });
  test('when the invalid-key throttle is set, then it is validated like the feed token limit', () => {
    expect(loadConfig({})).toMatchObject({ AUTH_INVALID_KEY_LIMIT: 20, AUTH_INVALID_KEY_WINDOW_SECONDS: 600 });
    expect(loadConfig({ AUTH_INVALID_KEY_LIMIT: '5', AUTH_INVALID_KEY_WINDOW_SECONDS: '60' })).toMatchObject({
      AUTH_INVALID_KEY_LIMIT: 5,
      AUTH_INVALID_KEY_WINDOW_SECONDS: 60,
    });
    expect(() => loadConfig({ AUTH_INVALID_KEY_LIMIT: '0' })).toThrow(/AUTH_INVALID_KEY_LIMIT/);
    expect(() => loadConfig({ AUTH_INVALID_KEY_WINDOW_SECONDS: 'soon' })).toThrow(/AUTH_INVALID_KEY_WINDOW_SECONDS/);
  });
  test('when settings are invalid, then one error names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        MONGODB_URI: 'postgres://x',
        DEFAULT_TIME_ZONE: 'Mars/Olympus',
        PUBLIC_BASE_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split('=')[0]);
    expect(names.sort()).toEqual(['DEFAULT_TIME_ZONE', 'MONGODB_URI', 'PORT', 'PUBLIC_BASE_URL']);
  });
  test('when a base URL ends with a slash, then it is trimmed', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://lich.example.gov.vn/' }).PUBLIC_BASE_URL).toBe(
      'https://lich.example.gov.vn',
    );
  });
});

describe('error mapping', () => {
  test('when domain errors are mapped, then each gets its status and the one JSON shape', () => {
    expect(toHttpError(ValidationError.field('rrule', 'FREQ is missing'))).toEqual({
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The request has invalid fields.',
          details: [{ field: 'rrule', problem: 'FREQ is missing' }],
        },
      },
    });
    expect(toHttpError(new NotFoundError('Series', 'x')).status).toBe(404);
    expect(toHttpError(new ConflictError('taken')).status).toBe(409);
  });
  test('when mongoose cannot cast a value from the request, then it is a 400 naming the path, without the value', () => {
    const mapped = toHttpError(new mongoose.Error.CastError('Number', 'abc<script>', 'number'));
    expect(mapped).toEqual({
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The request has invalid fields.',
          details: [{ field: 'number', problem: 'is not a valid Number' }],
        },
      },
    });
    expect(JSON.stringify(mapped)).not.toContain('abc');
  });
  test('when an unexpected error is mapped, then the client learns nothing of it', () => {
    const mapped = toHttpError(new Error('connection string mongodb://secret@host failed at foo.ts:12'));
    expect(mapped).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'Something went wrong on our side.' } },
    });
  });
});

describe('redactUrl', () => {
  test('when a private feed or a token parameter is logged, then the secret is gone', () => {
    expect(redactUrl('/feeds/abcDEF123.ics?expand=1')).toBe('/feeds/[redacted]?expand=1');
    expect(redactUrl('/feeds/public/ubnd.ics')).toBe('/feeds/public/ubnd.ics');
    // Every query value but those of known harmless parameters (see test/unit/shared/redact-url.test.ts).
    expect(redactUrl('/x?token=abc&y=2')).toBe('/x?token=[redacted]&y=[redacted]');
  });
});
