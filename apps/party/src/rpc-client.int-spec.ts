import { defineQuery } from '@gov/contracts-core';
import { RpcClient, RpcError } from '@gov/platform';
import { acquireInfra, refusalCode, uniquePrefix, type TestInfra } from '@gov/testing';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { z } from 'zod';

const Echo = defineQuery({
  subject: 'rpctest.echo.get',
  description: 'answers with what it was given',
  request: z.object({ n: z.number().int() }),
  response: z.object({ n: z.number().int() }),
  errors: ['RPCTEST.ODD'],
});

/** The platform's typed RPC client against a real NATS server, with hand-written responders on the far side. */
describe('typed RPC client: answers, refusals and no answer at all', () => {
  let infra: TestInfra;
  let nc: NatsConnection;
  let responder: NatsConnection;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    infra = await acquireInfra();
    nc = await connect({ servers: infra.natsUrl });
    responder = await connect({ servers: infra.natsUrl });
  });
  afterAll(async () => {
    await nc?.close();
    await responder?.close();
    await infra?.stop();
  });

  it('says UNAVAILABLE at once when nobody answers the subject', async () => {
    const client = new RpcClient(nc, { prefix, timeoutMs: 5_000 });
    const started = Date.now();
    expect(await refusalCode(client.request(Echo, { n: 1 }))).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('pairs every answer with its own request, however they interleave, and passes refusals on with their codes', async () => {
    const subscription = responder.subscribe(`${prefix}${Echo.subject}`, {
      callback: (_error, message) => {
        const { data, id } = message.json<{ data: { n: number }; id: string }>();
        const answer = data.n % 7 === 3 ? { id, err: { code: 'RPCTEST.ODD', message: 'a remainder of three' } } : { id, response: { n: data.n } };
        setTimeout(() => message.respond(JSON.stringify(answer)), Math.floor(Math.random() * 20));
      },
    });
    await responder.flush();
    try {
      const client = new RpcClient(nc, { prefix, timeoutMs: 5_000 });
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, n) => client.request(Echo, { n }).then((reply) => reply.n, (error: RpcError) => error.code)),
      );
      expect(outcomes).toEqual(Array.from({ length: 200 }, (_, n) => (n % 7 === 3 ? 'RPCTEST.ODD' : n)));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('says TIMEOUT when the responder never answers, and INTERNAL when an answer breaks the contract', async () => {
    const silent = responder.subscribe(`${prefix}${Echo.subject}`, { callback: () => undefined });
    await responder.flush();
    const client = new RpcClient(nc, { prefix, timeoutMs: 300 });
    expect(await refusalCode(client.request(Echo, { n: 1 }))).toBe('TIMEOUT');
    silent.unsubscribe();
    const wrong = responder.subscribe(`${prefix}${Echo.subject}`, {
      callback: (_error, message) => void message.respond(JSON.stringify({ response: { n: 'one' } })),
    });
    await responder.flush();
    expect(await refusalCode(client.request(Echo, { n: 1 }))).toBe('INTERNAL');
    wrong.unsubscribe();
  });

  it('refuses a request that breaks the contract before sending it, and says UNAVAILABLE once the connection is closed', async () => {
    const client = new RpcClient(nc, { prefix, timeoutMs: 1_000 });
    expect(await refusalCode(client.request(Echo, { n: 1.5 }))).toBe('VALIDATION_FAILED');
    const closing = await connect({ servers: infra.natsUrl });
    const late = new RpcClient(closing, { prefix, timeoutMs: 1_000 });
    await closing.close();
    expect(await refusalCode(late.request(Echo, { n: 1 }))).toBe('UNAVAILABLE');
  });
});
