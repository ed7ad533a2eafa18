# syntax=docker/dockerfile:1
# The API and the worker in one image (`docker run … node … dist/src/worker.js` for a worker).
# Build stage: every dependency, compile TypeScript, then drop the development dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# npm's preinstall runs the Node version check: the script comes before `npm ci`.
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: production dependencies and compiled output only, as the unprivileged `node`
# user; nothing in /app is writable by it. Backups run with the database's own client tools
# (docs/backups.md), not from this image.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
  PORT=4000 \
  WORKER_HTTP_PORT=9464
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/scripts ./scripts
USER node
EXPOSE 4000 9464
# Liveness of the API by default; a worker container sets HEALTHCHECK_URL to its :9464/healthz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.cjs"]
# SIGTERM reaches node itself (no shell in between): it drains and stops in order.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "--import", "./dist/src/instrument.js", "dist/src/main.js"]
