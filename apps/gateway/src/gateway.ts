import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { connect } from '@nats-io/transport-node';
import { createLogger, loadConfig, NestPinoLogger, RpcClient } from '@gov/platform';
import express from 'express';
import { GatewayEnv } from './config';
import { buildApi } from './http/api';

@Module({})
class GatewayModule {}

export interface RunningGateway {
  url: string;
  port: number;
  app: INestApplication;
  stop(): Promise<void>;
}

/** Starts the HTTP gateway: one NATS connection, the typed client, and the API router on PORT. */
export async function startGateway(env: Record<string, string | undefined> = process.env): Promise<RunningGateway> {
  const config = loadConfig(GatewayEnv, env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const nc = await connect({ servers: config.NATS_URL, name: 'gateway', maxReconnectAttempts: -1, noAsyncTraces: true });
  const rpc = new RpcClient(nc, { prefix: config.NATS_SUBJECT_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS });
  const server = express();
  server.disable('x-powered-by');
  // No hash of every response body: the API's records carry their own version, and nothing here revalidates.
  server.set('etag', false);
  server.set('trust proxy', 'loopback');
  server.use(
    buildApi({
      config,
      rpc,
      logger,
      ready: async () => {
        if (nc.isClosed()) return false;
        await nc.flush();
        return true;
      },
    }),
  );
  const app = await NestFactory.create(GatewayModule, new ExpressAdapter(server), {
    bodyParser: false,
    logger: new NestPinoLogger(logger),
  });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  const url = config.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  logger.info({ port }, `gateway listening on ${url} (docs at ${url}/docs)`);
  return {
    url,
    port,
    app,
    async stop() {
      await app.close();
      await nc.drain().catch(() => undefined);
    },
  };
}
