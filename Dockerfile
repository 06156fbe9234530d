# One image for every Connector service; docker-compose picks the service with SERVICE.
# Build: docker build -t connector .   Run: docker run -e SERVICE=chart -e NATS_URL=... connector
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build --projects=gateway,auth,chart,practice,terminology \
 && npx tsc -p tools/tsconfig.cli.json && npx tsc-alias -p tools/tsconfig.cli.json \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY tools/scripts/run-cli.js tools/scripts/run-cli.js
USER node
# SERVICE is one of gateway, auth, chart, practice, terminology.
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/apps/${SERVICE}/src/main.js"]
