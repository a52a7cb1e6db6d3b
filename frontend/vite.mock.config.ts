// `npm run dev:mock`: the app against the in-memory API of the unit tests
// (src/testing/mocks/handlers.ts, which follows docs/API.md), for working on
// screens without the backend. Never used by the build.
import type { IncomingMessage } from "node:http";
import { defineConfig, mergeConfig, type Plugin } from "vite";
import base from "./vite.config.ts";

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function mockApi(): Plugin {
  return {
    name: "sayara-mock-api",
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        if (request.url?.startsWith("/media/")) {
          // Stand-in photos: a coloured card per file name.
          const hue = [...request.url].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
          response.setHeader("Content-Type", "image/svg+xml");
          response.end(
            `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect width="400" height="300" fill="hsl(${hue} 35% 55%)"/>` +
              `<path d="M90 190l20-50a25 25 0 0 1 23-16h134a25 25 0 0 1 23 16l20 50v40H90z" fill="rgba(255,255,255,.85)"/>` +
              `<circle cx="135" cy="232" r="20" fill="#222"/><circle cx="265" cy="232" r="20" fill="#222"/></svg>`,
          );
          return;
        }
        if (!request.url?.startsWith("/api/")) return next();
        const { getResponse } = await import("msw");
        const mocks = await server.ssrLoadModule("/src/testing/mocks/handlers.ts");
        if (!mocks.state.listings.length) mocks.resetState();
        mocks.state.cookieSessions = true;
        const headers = new Headers();
        for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
        const body = await readBody(request);
        const fetchRequest = new Request(`http://${request.headers.host}${request.url}`, {
          method: request.method,
          headers,
          body: body?.length ? new Uint8Array(body) : undefined,
        });
        const answer = await getResponse(mocks.httpHandlers, fetchRequest).catch(() => undefined);
        if (!answer) {
          response.statusCode = 404;
          response.setHeader("Content-Type", "application/json");
          response.end(JSON.stringify({ detail: "Not in the mock API." }));
          return;
        }
        response.statusCode = answer.status;
        answer.headers.forEach((value, key) => response.setHeader(key, value));
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    },
  };
}

export default defineConfig((env) => {
  const config = mergeConfig(base(env), { plugins: [mockApi()] });
  // Nothing is proxied: the mock answers /api, and /ws has no server here (the app polls instead).
  config.server = { ...config.server, proxy: {} };
  return config;
});
