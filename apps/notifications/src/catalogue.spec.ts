import { MessageType } from '@gov/contracts-notifications';
import { CATALOGUE, render } from './catalogue';

describe('message catalogue', () => {
  it('renders zh-CN first, English on request', () => {
    expect(render('TICKET_ACKNOWLEDGED', 'zh-CN', { title: '楼道漏水' })).toEqual({
      title: '您的诉求已受理',
      body: '您反映的“楼道漏水”已受理，我们会按时限办理并告知进展。',
    });
    expect(render('TICKET_REOPENED', 'en', { title: 'Leak', reopenCount: 2 }).body).toBe(
      'The resident rated "Leak" not fixed; reopened (2). Please follow up.',
    );
  });

  it.each([
    ['TICKET_DISPATCHED_TO_YOU', { title: 'x' }, 'location'],
    ['TICKET_REOPENED', { title: 'x' }, 'reopenCount'],
    ['TICKET_ACKNOWLEDGED', { title: '' }, 'title'],
  ] as const)('refuses %s without %j filled (missing %s)', (type, data, missing) => {
    expect(() => render(type, 'zh-CN', data)).toThrow(expect.objectContaining({ code: 'NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING', details: expect.objectContaining({ missing: [missing] }) }));
  });

  it('renders the short text for SMS', () => {
    expect(render('NOTICE_EMERGENCY', 'zh-CN', { title: '停水', body: '今晚23:00至次日02:00抢修' }, 'SMS').body).toBe('【紧急通知】停水：今晚23:00至次日02:00抢修');
    expect(render('NOTICE_EMERGENCY', 'zh-CN', { title: '停水', body: '今晚抢修' }, 'WECHAT')).toEqual({ title: '【紧急通知】停水', body: '今晚抢修' });
  });

  it('has both locales and both text kinds for every type, a default channel, and declares every variable it uses', () => {
    for (const type of MessageType.options) {
      const entry = CATALOGUE[type];
      expect(entry.channels.length).toBeGreaterThan(0);
      for (const locale of ['zh-CN', 'en'] as const) {
        const used = [...`${entry.full[locale].title}${entry.full[locale].body}${entry.short[locale]}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const name of used) expect(entry.needs).toContain(name);
      }
    }
  });
});
