import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('reads DATABASE_READ_URL as a comma-separated list of replicas and READ_YOUR_WRITES_MS', () => {
    expect(loadConfig({})).toMatchObject({ databaseReadUrls: [], readYourWritesMs: 5000 });
    expect(loadConfig({ DATABASE_READ_URL: ' postgres://r1/k , postgresql://r2/k,', READ_YOUR_WRITES_MS: '0' })).toMatchObject({
      databaseReadUrls: ['postgres://r1/k', 'postgresql://r2/k'],
      readYourWritesMs: 0,
    });
    expect(() => loadConfig({ DATABASE_READ_URL: 'mysql://r1/k' })).toThrow(ConfigError);
  });

  it('reads LOG_REQUESTS and IMPORT_MAX_BYTES with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ logRequests: true, importMaxBytes: 200 * 1024 * 1024 });
    expect(loadConfig({ LOG_REQUESTS: 'false', IMPORT_MAX_BYTES: '1048576' })).toMatchObject({ logRequests: false, importMaxBytes: 1048576 });
  });

  it.each([
    ['LOG_REQUESTS', 'maybe'],
    ['IMPORT_MAX_BYTES', '10mb'],
    ['IMPORT_MAX_BYTES', '0'],
  ])('stops on %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  });
});
