import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * The small HTTP port of a service: /health/live (the process answers), /health/ready (every check passes:
 * database, NATS) and /metrics (Prometheus).
 */
export class HealthServer {
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly checks: ReadinessCheck[],
  ) {}

  async readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2_000).unref()),
          ]);
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${(error as Error).message}`] as const;
        }
      }),
    );
    return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer(async (request, response) => {
      const url = request.url?.split('?')[0];
      if (url === '/health/live' || url === '/health') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'up' }));
      } else if (url === '/health/ready') {
        const readiness = await this.readiness();
        response
          .writeHead(readiness.ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: readiness.ready ? 'up' : 'down', checks: readiness.checks }));
      } else if (url === '/metrics') {
        response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        response.end(await this.metrics.registry.metrics());
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"NOT_FOUND"}');
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
