# Multi-stage build of the whole product: the API serving the built SPA on one port.
# Build: docker build -f docker/api.Dockerfile -t keyuan-crm .
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/shared/package.json libs/shared/
COPY libs/sdk/package.json libs/sdk/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build && pnpm --filter @keyuan/api deploy --prod --legacy /out

FROM node:20.20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000 WEB_DIST=/app/web
# a 256 MB old space: full collections before garbage reaches 400 MB (README, Memory); raise it for very large XLSX imports
ENV NODE_OPTIONS=--max-old-space-size=256
COPY --from=build /out /app/api
COPY --from=build /app/apps/web/dist /app/web
COPY --from=build /app/pnpm-workspace.yaml /app/pnpm-workspace.yaml
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "api/dist/main.js"]
