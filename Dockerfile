# The voc application image: one image for every role (api, processor, scheduler) and for
# the one-shot `voc init`. TypeScript runs through tsx's loader (bin/voc.mjs); the only
# build is the web console's (a first stage with the dev dependencies Vite needs), and only
# its output reaches the image, so dev dependencies (tsc, vitest, madge, vite) stay out. Kafka, Elasticsearch,
# Redis and Grafana run as their own containers (docker-compose.yml).
#
# No HEALTHCHECK here: only the api role listens on HTTP, so health is declared per service
# in docker-compose.yml.
FROM node:20-bookworm-slim AS console
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY console console
RUN npm run build:console

FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies before sources: this layer is rebuilt only when the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# Sources stay root-owned and read-only to the app; .dockerignore keeps out tests,
# local state and the Grafana files (Grafana gets those through a bind mount).
COPY . .
COPY --from=console /build/console/dist console/dist

USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/voc.mjs"]
CMD ["serve"]
