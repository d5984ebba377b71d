import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sourceDir = path.join(root, 'src/platform/views/assets');
const cacheDir = path.join(root, '.cache/assets');
const cssFile = path.join(cacheDir, 'hearth.css');

function newestSource(): number {
  return Math.max(
    ...fs
      .readdirSync(sourceDir)
      .filter((file) => file.endsWith('.scss'))
      .map((file) => fs.statSync(path.join(sourceDir, file)).mtimeMs),
    fs.statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  );
}

/** Compiles Hearth's stylesheet into .cache/ unless it is up to date. Returns its path. */
export function buildStylesheet(): string {
  const built = fs.statSync(cssFile, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestSource()) return cssFile;
  const result = sass.compile(path.join(sourceDir, 'hearth.scss'), {
    loadPaths: [root, path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    logger: sass.Logger.silent,
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  const temporary = `${cssFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, result.css);
  fs.renameSync(temporary, cssFile);
  return cssFile;
}

const week = 7 * 24 * 3600;

/** Serves the stylesheet, Hearth's scripts and the GOV.UK and MOJ Frontend assets under /assets/. */
export async function setUpAssets(app: FastifyInstance): Promise<void> {
  const staticOptions = { decorateReply: false, maxAge: week * 1000, index: false } as const;
  await app.register(fastifyStatic, {
    ...staticOptions,
    root: sourceDir,
    prefix: '/assets/',
    allowedPath: (pathName) => /^\/[\w-]+\.(js|svg)$/.test(pathName),
  });
  const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
  const moj = path.join(root, 'node_modules/@ministryofjustice/frontend/moj');
  await app.register(fastifyStatic, {
    ...staticOptions,
    root: path.join(govuk, 'assets'),
    prefix: '/assets/govuk/',
  });
  await app.register(fastifyStatic, {
    ...staticOptions,
    root: path.join(moj, 'assets'),
    prefix: '/assets/moj/',
  });
  const scripts = {
    '/assets/govuk/govuk-frontend.min.js': path.join(govuk, 'govuk-frontend.min.js'),
    '/assets/moj/moj-frontend.min.js': path.join(moj, 'moj-frontend.min.js'),
  };
  for (const [url, file] of Object.entries(scripts)) {
    const body = fs.readFileSync(file);
    app.get(url, { logLevel: 'warn' }, async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', `public, max-age=${week}`)
        .send(body),
    );
  }
  app.get('/assets/hearth.css', { logLevel: 'warn' }, async (_request, reply) => {
    const css = await fs.promises.readFile(buildStylesheet());
    return reply.type('text/css; charset=utf-8').header('cache-control', `public, max-age=${3600}`).send(css);
  });
}
