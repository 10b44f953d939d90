// A tiny static server for the built page (apps/web/dist): `npm run web` and the browser tests.
// Serves under an optional sub-path (`--base /maskport/`) to show the page needs no fixed root.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` on `host:port` (0: any free port) under the path `base`.
 * @param {{ root?: string, port?: number, host?: string, base?: string }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>} `url` ends with `base`
 */
export async function startServer(options = {}) {
  const root = resolve(options.root ?? DIST);
  const host = options.host ?? "127.0.0.1";
  const base = `/${(options.base ?? "/").split("/").filter(Boolean).join("/")}/`.replace("//", "/");
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (path === base.slice(0, -1)) return send(response, 301, "", { location: base });
    if (!path.startsWith(base) || (request.method !== "GET" && request.method !== "HEAD")) return send(response, 404, "not found");
    let file = resolve(root, `.${sep}${path.slice(base.length)}`);
    if (file !== root && !file.startsWith(root + sep)) return send(response, 404, "not found");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const size = (await stat(file)).size;
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": size, "cache-control": "no-store", "x-content-type-options": "nosniff" });
      if (request.method === "HEAD") return response.end();
      createReadStream(file).pipe(response);
    } catch {
      send(response, 404, "not found");
    }
  });
  await new Promise((done, fail) => server.once("error", fail).listen(options.port ?? 0, host, () => done(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://${host}:${port}${base}`,
    close: () => new Promise((done) => server.close(() => done(undefined))),
  };
}

function send(response, status, text, headers = {}) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  response.end(text);
}

// `node apps/web/scripts/serve.mjs [--port 5175] [--base /sub/]`: serves until Ctrl-C.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  try {
    await stat(join(DIST, "index.html"));
  } catch {
    console.error(`${DIST}index.html is missing: build the page first (npm run web builds it).`);
    process.exit(1);
  }
  const { url } = await startServer({ port: Number(flag("--port") ?? 5175), base: flag("--base") ?? "/" });
  console.log(`maskport web page: ${url}  (Ctrl-C stops it)`);
}
