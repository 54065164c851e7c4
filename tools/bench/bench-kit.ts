// Shared by the benchmarks: closed-loop and fixed-rate load, latency percentiles, processes that must be
// ready before the load starts, and the result table. Timings live here, never in tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { streamName } from '@gov/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

export const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface Result {
  name: string;
  count: number;
  rps: number;
  p50: number;
  p99: number;
}

function summarise(name: string, latencies: number[], elapsedSeconds: number): Result {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { name, count: latencies.length, rps: latencies.length / elapsedSeconds, p50: at(0.5), p99: at(0.99) };
}

/** Closed loop: `concurrency` callers back to back for `seconds`, after a warm-up. */
export async function load(name: string, once: (i: number) => Promise<unknown>, options: { warmup?: number } = {}): Promise<Result> {
  for (let i = 0; i < (options.warmup ?? 200); i++) await once(-i - 1);
  const latencies: number[] = [];
  let next = 0;
  const until = performance.now() + seconds * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await once(next++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(name, latencies, (performance.now() - started) / 1_000);
}

/** Open loop: requests started at a fixed rate whatever the answers do, so queueing shows in the latency. */
export async function loadAtRate(name: string, perSecond: number, once: (i: number) => Promise<unknown>): Promise<Result> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.max(1, Math.round(perSecond * seconds));
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = performance.now();
    pending.push(once(i).then(() => void latencies.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return summarise(name, latencies, (performance.now() - started) / 1_000);
}

const live = new Set<ChildProcess>();
// However the bench ends (a failed start, an exception, Ctrl-C), it leaves no process behind.
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Starts a TypeScript entry point as its own process and waits until its output says it is ready. */
export function spawnUntilReady(entry: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE_DIR && entry.startsWith('apps/') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, 'tools/run.mjs', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function printTable(title: string, results: Result[]) {
  console.log(`\n${title}\n`);
  console.log('| path | requests | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.count} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
}

export function verdict(label: string, ratio: number, target: number) {
  console.log(`${label}: ${(ratio * 100).toFixed(1)}% (target ≥ ${target * 100}%) ${ratio >= target ? 'MET' : 'NOT MET'}`);
}

/** Removes the JetStream streams a run created under its subject prefix. */
export async function deleteStreams(nc: NatsConnection, prefix: string) {
  const jsm = await jetstreamManager(nc);
  for await (const stream of jsm.streams.list()) {
    if (stream.config.name.startsWith(streamName(prefix, ''))) await jsm.streams.delete(stream.config.name);
  }
}
