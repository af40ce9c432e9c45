import { takeViolations } from './contract';
import { closeLeftoverApps } from './test-app';

/** Fails the spec file when any response it received broke the OpenAPI contract (jest setupFilesAfterEnv). */
afterAll(() => {
  const found = takeViolations();
  if (found.length) {
    const unique = [...new Set(found)];
    throw new Error(`${unique.length} response(s) broke openapi.yaml:\n  ${unique.join('\n  ')}`);
  }
});

// registered here (the root block), so it runs after the spec file's own afterAll hooks
afterAll(() => closeLeftoverApps(), 120_000);
