# The production image: Next's standalone server, run as `node server.js` by a non-root user.
# Migrations are a deploy step of their own (`npm run db:migrate`), never part of build or start.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lock file installs soketi's uWebSockets.js from this local package.
COPY packages ./packages
RUN npm ci --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The traced server with the node_modules it uses; that includes PGlite's WASM, data and
# extension bundles, which it loads from its package folder at run time.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Stamps each request with its socket's address before Next sees it (the sign-in limits' client address).
COPY --from=build --chown=node:node /app/server/peer-address.cjs ./peer-address.cjs
# Without DATABASE_URL the server keeps an embedded PGlite database here: mount a volume on it.
RUN mkdir /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--require", "./peer-address.cjs", "server.js"]
