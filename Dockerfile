# ManualForge server image: multi-stage (build with dev dependencies, run without them), non-root.
# Build: docker build -t manualforge .      Run: docker run -p 4000:4000 -v mf-data:/data manualforge
# Base images are Debian (bookworm) Node images from Docker Hub; nothing is downloaded at run time.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY client/package.json client/
COPY prisma prisma
RUN npm ci --no-audit --no-fund
COPY . .
# Server (dist/), web page (client/web/dist); then drop dev dependencies.
RUN npm run build && npm run build:client && npm run build:explorer && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
# poppler-utils: PDF page rendering (pdftoppm); fonts: Latin (DejaVu, Liberation) and CJK
# (WenQuanYi Zen Hei, used for Chinese/Japanese BOMs in generated manuals).
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils fonts-dejavu-core fonts-liberation fonts-wqy-zenhei \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/storage && chown -R node:node /data
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATABASE_URL=file:/data/manualforge.db \
    STORAGE_DIR=/data/storage
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/dist dist
COPY --from=build --chown=node:node /app/prisma prisma
COPY --from=build --chown=node:node /app/client/package.json client/package.json
COPY --from=build --chown=node:node /app/client/web/dist client/web/dist
COPY --from=build --chown=node:node /app/client/explorer/dist client/explorer/dist
# The image's own user (uid 1000), never root.
USER node
VOLUME ["/data"]
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/server/src/main.js"]
