/**
 * Builds the Mini App's page into `dist/webapp/` (or another folder): the TypeScript under
 * `page/` bundled and minified by esbuild into one `app.js`, the stylesheet and the HTML
 * copied. Run by `npm run build` (so `npm start` serves a fresh page) and by the tests.
 */
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_STATIC_DIR } from './server.ts';

const PAGE = path.join(import.meta.dirname, 'page');

export async function buildPage(outDir = DEFAULT_STATIC_DIR): Promise<string> {
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

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await buildPage();
