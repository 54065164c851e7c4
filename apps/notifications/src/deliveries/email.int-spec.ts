import { createServer, type Server, type Socket } from 'node:net';
import { SendMessageCommand, SetPreferencesCommand } from '@gov/contracts-notifications';
import { anActor, bootService, type ServiceUnderTest } from '@gov/testing';
import { notificationsService } from '../service';
import { ChannelSender } from './channel-sender';

const COMMUNITY = '/310117/310117001/310117001001/';

/** Just enough of an SMTP server (RFC 5321, no TLS, no auth) to receive what the service sends. */
function smtpServer(mail: { from: string; to: string[]; data: string }[]): Server {
  return createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP test');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mail.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 OK queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') current.from = line.slice(10);
        if (verb === 'RCPT') current.to.push(line.slice(8));
        if (verb === 'DATA') inData = true;
        reply(verb === 'DATA' ? '354 go ahead' : verb === 'QUIT' ? '221 bye' : '250 OK');
        if (verb === 'QUIT') socket.end();
      }
    });
  });
}

describe('notifications: e-mail over SMTP when configured', () => {
  let sut: ServiceUnderTest;
  let server: Server;
  const mail: { from: string; to: string[]; data: string }[] = [];

  beforeAll(async () => {
    server = smtpServer(mail);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    sut = await bootService(notificationsService, {
      env: { EMAIL_PROVIDER: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_FROM: 'notices@xinkai.example', CHANNEL_SEND_MS: '0', FANOUT_MS: '0' },
    });
  });
  afterAll(async () => {
    await sut?.stop();
    server?.close();
  });

  it('sends the message to the address the person gave, with the delivery id', async () => {
    const resident = anActor(['RESIDENT'], [COMMUNITY], { id: 'resident-mail' });
    await sut.client.request(
      SetPreferencesCommand,
      { contacts: { email: 'li@example.org' }, channels: [{ type: 'MEETING_CONVENED', channel: 'EMAIL', enabled: true }] },
      { actor: resident },
    );
    const sent = await sut.client.request(
      SendMessageCommand,
      { type: 'MEETING_CONVENED', recipients: [resident.id], data: { meeting: '业主大会', time: '12月1日19:00', place: '小区会所' } },
      // Another service of the platform (the autonomy service convening the owners' assembly) sends it.
      { actor: anActor([], [], { kind: 'system', id: 'autonomy-service' }) },
    );
    expect(sent.deliveries).toBe(3); // in-app, WeChat (no open id: suppressed), e-mail
    const sender = sut.service.app.get(ChannelSender);
    expect(await sender.send(new Date())).toMatchObject({ sent: 1 });
    expect(mail).toHaveLength(1);
    expect(mail[0].from).toContain('notices@xinkai.example');
    expect(mail[0].to).toEqual(['<li@example.org>']);
    expect(mail[0].data).toMatch(/^X-Gov-Delivery-Id: [0-9a-f-]{36}\r?$/im);
    const subject = /^Subject: =\?UTF-8\?B\?(.+)\?=\r?$/m.exec(mail[0].data)?.[1] ?? '';
    expect(Buffer.from(subject, 'base64').toString('utf8')).toBe('会议通知：业主大会');
    const [row] = await sut.em().execute<{ status: string }[]>(`select status from delivery where channel = 'EMAIL'`);
    expect(row.status).toBe('SENT');
  });
});
