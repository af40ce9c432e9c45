import { takeViolations } from './contract';

/** Fails the spec file when any response it received broke the OpenAPI contract (jest setupFilesAfterEnv). */
afterAll(() => {
  const found = takeViolations();
  if (found.length) {
    const unique = [...new Set(found)];
    throw new Error(`${unique.length} response(s) broke openapi.yaml:\n  ${unique.join('\n  ')}`);
  }
});
