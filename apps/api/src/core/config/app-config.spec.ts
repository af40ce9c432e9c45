import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
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
