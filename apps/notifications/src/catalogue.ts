import type { Locale, MessageType } from '@gov/contracts-notifications';
import { DomainError } from '@gov/platform';

interface Template {
  title: string;
  body: string;
}

/**
 * The typed message catalogue: per message type, the data it needs and its in-app texts per locale,
 * zh-CN first with English as the fallback. `{name}` is filled from the data.
 */
export const CATALOGUE: Readonly<Record<MessageType, { needs: readonly string[]; inApp: Readonly<Record<Locale, Template>> }>> = {
  TICKET_ACKNOWLEDGED: {
    needs: ['title'],
    inApp: {
      'zh-CN': { title: '您的诉求已受理', body: '您反映的“{title}”已受理，我们会按时限办理并告知进展。' },
      en: { title: 'Your report was received', body: 'Your report "{title}" has been received; we will keep you posted.' },
    },
  },
  TICKET_DISPATCHED_TO_YOU: {
    needs: ['title', 'location'],
    inApp: {
      'zh-CN': { title: '您有新的派单', body: '工单“{title}”（{location}）已派给您，请及时接单处理。' },
      en: { title: 'A ticket was dispatched to you', body: 'Ticket "{title}" ({location}) is yours; please accept it.' },
    },
  },
  TICKET_RESOLVED_PLEASE_RATE: {
    needs: ['title'],
    inApp: {
      'zh-CN': { title: '您的诉求已办结，请评价', body: '您反映的“{title}”已办结，请对处理结果进行评价。' },
      en: { title: 'Your report was resolved — please rate it', body: 'Your report "{title}" was resolved; please rate the result.' },
    },
  },
  TICKET_REOPENED: {
    needs: ['title', 'reopenCount'],
    inApp: {
      'zh-CN': { title: '工单被退回重办', body: '居民对“{title}”评价为未解决，已第{reopenCount}次重新打开，请跟进。' },
      en: { title: 'A ticket was reopened', body: 'The resident rated "{title}" not fixed; reopened ({reopenCount}). Please follow up.' },
    },
  },
};

/** Renders a message; a template variable the data lacks is refused, never sent half-filled. */
export function render(type: MessageType, locale: Locale, data: Record<string, string | number>): Template {
  const entry = CATALOGUE[type];
  const missing = entry.needs.filter((name) => data[name] === undefined || data[name] === '');
  if (missing.length > 0) {
    throw new DomainError('NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING', `${type} needs ${missing.join(', ')}`, { type, missing });
  }
  const template = entry.inApp[locale] ?? entry.inApp.en;
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(data[name] ?? `{${name}}`));
  return { title: fill(template.title), body: fill(template.body) };
}
