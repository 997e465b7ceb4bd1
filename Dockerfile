# diaban app image. TypeScript runs through tsx (no build step), as with `npm start`.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY events ./events
COPY projections ./projections
COPY data ./data
COPY tsconfig.json ./
ENV HOST=0.0.0.0 PORT=3000 DIABAN_DATA_DIR=/data
EXPOSE 3000
USER node
# A young generation of 32 MB semi-spaces (V8's default is 16), as `npm start` runs (README "Two commands").
CMD ["node", "--max-semi-space-size=32", "bin/diaban.js", "serve"]
