/**
 * Builds the Mini App's page into `dist/webapp/` (or another folder): the TypeScript under
 * `page/` bundled and minified by esbuild into one `app.js`, the stylesheet and the HTML
 * copied. Run by `npm run build` (so `npm start` serves a fresh page) and by the tests.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_STATIC_DIR, PROJECT_DIR } from './server.ts';

const PAGE = path.join(PROJECT_DIR, 'src/webapp/page');

export async function buildPage(outDir = DEFAULT_STATIC_DIR): Promise<string> {
  // Loaded only when building: the bot's start-up does not pay for esbuild.
  const { build } = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(PAGE, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'safari15'],
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'warning',
    legalComments: 'none',
  });
  await build({ entryPoints: [path.join(PAGE, 'styles.css')], bundle: true, minify: true, outfile: path.join(outDir, 'app.css'), logLevel: 'warning' });
  await copyFile(path.join(PAGE, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}

/** The page's folder for the bot to serve: dist/webapp, built first when it is not there (a run without `npm run build`). */
export async function pageDir(): Promise<string> {
  if (!existsSync(path.join(DEFAULT_STATIC_DIR, 'index.html'))) await buildPage(DEFAULT_STATIC_DIR);
  return DEFAULT_STATIC_DIR;
}

// `npm run build:webapp` (not when bundled into dist/main.js, where this file is no longer itself)
if (process.argv[1] && path.basename(import.meta.filename) === 'build.ts' && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await buildPage();
