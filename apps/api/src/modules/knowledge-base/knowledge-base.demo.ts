import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { KbArticle } from './kb-article.entity';
import { KbCategory } from './kb-category.entity';
import { enBody, KB_DEMO_CATEGORIES, KB_TOPICS, zhBody } from './kb-demo-content';

/**
 * Demo knowledge base (order 40): the category tree and each topic as a Chinese and an English article
 * (56 articles), mostly published, internal process topics internal, every ninth a draft, one archived;
 * a few have earlier versions; views and votes vary.
 */
@Injectable()
export class KnowledgeBaseDemoSeeder implements OnModuleInit {
  constructor(private readonly seeders: DemoSeeders) {}

  onModuleInit(): void {
    this.seeders.register(40, 'knowledge-base', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const cats = new Map<string, string>();
    for (const [i, c] of KB_DEMO_CATEGORIES.entries()) {
      const saved = await m.getRepository(KbCategory).save({ name: c.name, nameEn: c.nameEn, parentId: c.parent ? cats.get(c.parent)! : null, position: i * 10 });
      cats.set(c.key, saved.id);
    }
    const author = ctx.users['service@keyuan.local']?.id ?? null;
    const editor = ctx.users['manager@keyuan.local']?.id ?? author;
    let i = 0;
    for (const topic of KB_TOPICS) {
      for (const lang of ['zh', 'en'] as const) {
        i += 1;
        const t = topic[lang];
        const status = i % 9 === 0 ? 'draft' : i === 20 ? 'archived' : 'published';
        const revision = i % 7 === 1 ? 3 : 1;
        const body = lang === 'zh' ? zhBody(t, revision > 1 ? revision : 0) : enBody(t, revision > 1 ? revision : 0);
        const at = new Date(Date.now() - (60 - i) * 86_400_000);
        const helpful = Math.floor(ctx.random() * 40);
        const saved = await m.getRepository(KbArticle).save({
          title: t.title,
          summary: t.tip,
          body,
          tags: [t.key, lang === 'zh' ? '中文' : 'English'],
          categoryId: cats.get(topic.cat)!,
          status,
          visibility: topic.visibility,
          authorId: author,
          revision,
          contentBy: revision > 1 ? editor : author,
          contentAt: at,
          publishedAt: status === 'draft' ? null : at,
          createdAt: new Date(at.getTime() - 20 * 86_400_000),
          updatedAt: at,
        });
        // counters are history here (no vote rows behind them): the app moves them by increments only
        await m.query(`UPDATE kb_articles SET view_count = $2, helpful_count = $3, not_helpful_count = $4 WHERE id = $1`, [
          saved.id,
          status === 'draft' ? 0 : 20 + Math.floor(ctx.random() * 800),
          helpful,
          Math.floor(helpful * ctx.random() * 0.3),
        ]);
        for (let n = 1; n < revision; n++) {
          const old = lang === 'zh' ? zhBody(t, n > 1 ? n : 0) : enBody(t, n > 1 ? n : 0);
          await m.query(
            `INSERT INTO kb_article_versions (article_id, number, title, summary, body, edited_by, edited_at, replaced_by, replaced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [saved.id, n, t.title, t.tip, old, author, new Date(at.getTime() - (revision - n + 1) * 86_400_000), editor, new Date(at.getTime() - (revision - n) * 86_400_000)],
          );
        }
      }
    }
  }
}
