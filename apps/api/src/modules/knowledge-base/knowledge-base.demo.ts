import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';

/** Demo knowledge base (order 40). */
@Injectable()
export class KnowledgeBaseDemoSeeder implements OnModuleInit {
  constructor(private readonly seeders: DemoSeeders) {}

  onModuleInit(): void {
    this.seeders.register(40, 'knowledge-base', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(_m: EntityManager, _ctx: DemoContext): Promise<void> {}
}
