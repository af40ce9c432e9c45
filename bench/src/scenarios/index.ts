import { customerScenarios } from './customers';
import { salesScenarios } from './sales';
import type { Scenario } from './types';

/**
 * Every scenario `pnpm bench` runs, in order. A module adds its own in a file of this folder
 * (see customers.ts and bench/README.md) and lists it here.
 */
export const SCENARIOS: Scenario[] = [...customerScenarios, ...salesScenarios];
