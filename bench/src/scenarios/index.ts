import { contractScenarios } from './contracts';
import { customObjectScenarios } from './custom-objects';
import { customerScenarios } from './customers';
import { opportunityScenarios } from './opportunities';
import { salesScenarios } from './sales';
import { campaignScenarios } from './campaigns';
import { knowledgeBaseScenarios } from './knowledge-base';
import { paymentScenarios } from './payments';
import { ticketScenarios } from './tickets';
import { analyticsScenarios } from './analytics';
import { integrationScenarios } from './integrations';
import { customFieldScenarios } from './custom-fields';
import type { Scenario } from './types';

/**
 * Every scenario `pnpm bench` runs, in order. A module adds its own in a file of this folder
 * (see customers.ts and bench/README.md) and lists it here.
 */
export const SCENARIOS: Scenario[] = [...customerScenarios, ...opportunityScenarios, ...salesScenarios, ...contractScenarios, ...customObjectScenarios, ...campaignScenarios, ...paymentScenarios, ...knowledgeBaseScenarios, ...ticketScenarios, ...analyticsScenarios, ...integrationScenarios, ...customFieldScenarios];
