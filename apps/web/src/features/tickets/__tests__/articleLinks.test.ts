import { describe, expect, it } from 'vitest';
import { articleLink, linkableArticles, withLink, type SuggestedArticle } from '../composables/articleLinks';

const articles: SuggestedArticle[] = [
  { id: 'a1', title: '如何申请退款', visibility: 'public' },
  { id: 'a2', title: '退款内部流程', visibility: 'internal' },
];

describe('article links in ticket replies', () => {
  it('offers only public articles for a public reply, every article for an internal note', () => {
    expect(linkableArticles(articles, 'public').map((a) => a.id)).toEqual(['a1']);
    expect(linkableArticles(articles, 'internal').map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('links the help center for customers and the agents page for a note, on a line of its own, once', () => {
    const link = articleLink(articles[0], 'public', 'https://crm.example.com');
    expect(link).toBe('如何申请退款: https://crm.example.com/help/a1');
    expect(articleLink(articles[1], 'internal', 'https://crm.example.com')).toBe('退款内部流程: https://crm.example.com/kb/a2');
    expect(withLink('', link)).toBe(link);
    expect(withLink('您好，请参考：  \n', link)).toBe(`您好，请参考：\n${link}`);
    expect(withLink(`您好\n${link}`, link)).toBe(`您好\n${link}`);
  });
});

describe('TicketConversation article links', () => {
  it('inserts the help-center link of a public article into a public reply; internal articles only into notes', async () => {
    const { mountWithApp, flush } = await import('@/test/mount');
    const { default: TicketConversation } = await import('../components/TicketConversation.vue');
    const w = mountWithApp(TicketConversation, { props: { ticketId: 't1', comments: [], canReply: true, articles } });
    expect(w.find('[data-testid="reply-article-a2"]').exists()).toBe(false);
    await w.find('[data-testid="reply-article-a1"]').trigger('click');
    await flush();
    expect((w.find('textarea[data-testid="reply-body"]').element as HTMLTextAreaElement).value).toBe(`如何申请退款: ${window.location.origin}/help/a1`);
    await w.find('[data-testid="reply-internal"] input').setValue(true);
    await flush();
    expect(w.find('[data-testid="reply-article-a2"]').exists()).toBe(true);
    w.unmount();
  });
});
