import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/store/store.ts';

const child = path.join(import.meta.dirname, 'crash-child.ts');

/** Runs the child until it has acknowledged `acks` actions (plus a random moment), then SIGKILLs it. */
function runAndKill(dir: string, acks: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Map<string, number>();
    let seen = 0;
    let buffer = '';
    p.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const m = /^ack (\w+) (\d+)$/.exec(line);
        if (!m) continue;
        acked.set(m[1]!, Math.max(acked.get(m[1]!) ?? 0, Number(m[2])));
        if (++seen === acks) setTimeout(() => p.kill('SIGKILL'), Math.random() * 15);
      }
    });
    p.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

test('kill -9 in the middle of a burst of writes: every file parses and holds only whole actions, every acknowledged one', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-crash-'));
  try {
    for (let round = 0; round < 8; round++) {
      const acked = await runAndKill(dir, 20 + Math.floor(Math.random() * 60));
      const names = (await readdir(path.join(dir, 'cells'))).filter((n) => n.endsWith('.json'));
      for (const n of names) JSON.parse(await readFile(path.join(dir, 'cells', n), 'utf8')); // parses
      const store = await Store.open({ dir, today: '2024-11-04' });
      for (const id of ['c1', 'c2', 'c3']) {
        const d = (await store.cell(id))!;
        const count = Number(d.cell.placeName);
        const ids = Object.keys(d.members);
        assert.equal(ids.length, count, `${id}: the counter and the members agree (no half action)`);
        assert.deepEqual(new Set(ids), new Set(Array.from({ length: count }, (_, i) => `m${i + 1}`)));
        assert.ok(count >= (acked.get(id) ?? 0), `${id}: acknowledged ${acked.get(id)} actions, found ${count}`);
      }
      await store.close(); // the next child takes the folder
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
