import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type KbArticleItem = Ok<'/api/v1/kb/articles', 'get'>['data'][number];
export type KbArticlePage = Ok<'/api/v1/kb/articles', 'get'>;
export type KbArticle = Ok<'/api/v1/kb/articles/{id}', 'get'>;
export type KbCategory = Ok<'/api/v1/kb/categories', 'get'>['data'][number];
export type KbVersionSummary = Ok<'/api/v1/kb/articles/{id}/versions', 'get'>['data'][number];
export type KbVersion = Ok<'/api/v1/kb/articles/{id}/versions/{n}', 'get'>;
export type PublicKbItem = Ok<'/api/v1/public/kb/articles', 'get'>['data'][number];
export type PublicKbArticle = Ok<'/api/v1/public/kb/articles/{id}', 'get'>;
export type CreateKbArticleBody = Body<'/api/v1/kb/articles', 'post'>;
export type UpdateKbArticleBody = Body<'/api/v1/kb/articles/{id}', 'patch'>;
export type KbStatus = KbArticle['status'];
export type KbVisibility = KbArticle['visibility'];

export interface KbListQuery {
  q?: string;
  status?: string;
  visibility?: string;
  categoryId?: string;
  tag?: string;
  authorId?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

const byId = (id: string) => ({ params: { path: { id } } });

export const kbApi = {
  list: (query: KbListQuery) => unwrap(api.GET('/api/v1/kb/articles', { params: { query: query as never } })),
  get: (id: string) => unwrap(api.GET('/api/v1/kb/articles/{id}', byId(id))),
  create: (body: CreateKbArticleBody) => unwrap(api.POST('/api/v1/kb/articles', { body })),
  update: (id: string, body: UpdateKbArticleBody) => unwrap(api.PATCH('/api/v1/kb/articles/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/kb/articles/{id}', byId(id))),
  versions: (id: string) => unwrap(api.GET('/api/v1/kb/articles/{id}/versions', byId(id))),
  version: (id: string, n: number) => unwrap(api.GET('/api/v1/kb/articles/{id}/versions/{n}', { params: { path: { id, n } } })),
  view: (id: string) => unwrap(api.POST('/api/v1/kb/articles/{id}/view', byId(id))),
  vote: (id: string, helpful: boolean) => unwrap(api.POST('/api/v1/kb/articles/{id}/vote', { ...byId(id), body: { helpful } })),
  unvote: (id: string) => unwrap(api.DELETE('/api/v1/kb/articles/{id}/vote', byId(id))),
  preview: (body: string) => unwrap(api.POST('/api/v1/kb/preview', { body: { body } })),
  categories: () => unwrap(api.GET('/api/v1/kb/categories')),
  createCategory: (body: Body<'/api/v1/kb/categories', 'post'>) => unwrap(api.POST('/api/v1/kb/categories', { body })),
  updateCategory: (id: string, body: Body<'/api/v1/kb/categories/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/kb/categories/{id}', { ...byId(id), body })),
  removeCategory: (id: string) => unwrap(api.DELETE('/api/v1/kb/categories/{id}', byId(id))),
  publicList: (query: { q?: string; categoryId?: string; cursor?: string; limit?: number }) => unwrap(api.GET('/api/v1/public/kb/articles', { params: { query: query as never } })),
  publicGet: (id: string) => unwrap(api.GET('/api/v1/public/kb/articles/{id}', byId(id))),
};
