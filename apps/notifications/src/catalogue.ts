import type { Channel, Locale, MessageType } from '@gov/contracts-notifications';
import type { Milestone, VisitStream } from '@gov/contracts-tickets';
import { DomainError } from '@gov/platform';

export interface Rendered {
  title: string;
  body: string;
}

interface Entry {
  /** The data the templates need; rendering without one of them is refused. */
  needs: readonly string[];
  /** Where this type goes unless the person chose otherwise. */
  channels: readonly Channel[];
  /** In-app, WeChat template message and email: a title and a full text. */
  full: Readonly<Record<Locale, Rendered>>;
  /** SMS: one short line (signature added by the provider). */
  short: Readonly<Record<Locale, string>>;
}

/**
 * The typed message catalogue: per message type, the data it needs, its default channels and its texts per
 * channel kind and locale, zh-CN first with English as the fallback. `{name}` is filled from the data.
 */
export const CATALOGUE: Readonly<Record<MessageType, Entry>> = {
  TICKET_ACKNOWLEDGED: {
    needs: ['title'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '您的诉求已受理', body: '您反映的“{title}”已受理，我们会按时限办理并告知进展。' },
      en: { title: 'Your report was received', body: 'Your report "{title}" has been received; we will keep you posted.' },
    },
    short: { 'zh-CN': '您反映的“{title}”已受理。', en: 'Your report "{title}" was received.' },
  },
  TICKET_DISPATCHED_TO_YOU: {
    needs: ['title', 'location'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '您有新的派单', body: '工单“{title}”（{location}）已派给您，请及时接单处理。' },
      en: { title: 'A ticket was dispatched to you', body: 'Ticket "{title}" ({location}) is yours; please accept it.' },
    },
    short: { 'zh-CN': '新派单：“{title}”（{location}），请及时处理。', en: 'New ticket: "{title}" ({location}).' },
  },
  TICKET_ESCALATED_TO_YOUR_DEPARTMENT: {
    needs: ['title', 'location', 'acknowledgeBy'],
    channels: ['IN_APP', 'SMS'],
    full: {
      'zh-CN': { title: '吹哨报到：请及时响应', body: '社区就“{title}”（{location}）向贵部门吹哨，请于{acknowledgeBy}前报到响应。' },
      en: { title: 'A whistle was blown to your department', body: 'The community escalated "{title}" ({location}) to your department; please acknowledge by {acknowledgeBy}.' },
    },
    short: { 'zh-CN': '吹哨报到：“{title}”（{location}），请于{acknowledgeBy}前响应。', en: 'Whistle: "{title}" ({location}); acknowledge by {acknowledgeBy}.' },
  },
  TICKET_SLA_WARNING: {
    needs: ['title', 'milestone', 'dueAt'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '工单即将超时', body: '工单“{title}”的{milestone}时限为{dueAt}，请抓紧办理。' },
      en: { title: 'A ticket is about to run late', body: 'Ticket "{title}" is due ({milestone}) at {dueAt}; please hurry.' },
    },
    short: { 'zh-CN': '工单“{title}”即将超时（{dueAt}）。', en: 'Ticket "{title}" due at {dueAt}.' },
  },
  TICKET_RESOLVED_PLEASE_RATE: {
    needs: ['title'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '您的诉求已办结，请评价', body: '您反映的“{title}”已办结，请对处理结果进行评价。' },
      en: { title: 'Your report was resolved — please rate it', body: 'Your report "{title}" was resolved; please rate the result.' },
    },
    short: { 'zh-CN': '您反映的“{title}”已办结，请评价。', en: '"{title}" was resolved; please rate it.' },
  },
  TICKET_REOPENED: {
    needs: ['title', 'reopenCount'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '工单被退回重办', body: '居民对“{title}”评价为未解决，已第{reopenCount}次重新打开，请跟进。' },
      en: { title: 'A ticket was reopened', body: 'The resident rated "{title}" not fixed; reopened ({reopenCount}). Please follow up.' },
    },
    short: { 'zh-CN': '“{title}”被退回重办（第{reopenCount}次）。', en: '"{title}" reopened ({reopenCount}).' },
  },
  CARE_VISIT_OVERDUE: {
    needs: ['stream', 'dueAt'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '关爱走访已逾期', body: '您负责的一户关爱对象（{stream}）应于{dueAt}前走访，请尽快上门。' },
      en: { title: 'A care visit is overdue', body: 'A household in your care ({stream}) was due a visit by {dueAt}; please go soon.' },
    },
    short: { 'zh-CN': '关爱走访已逾期（应于{dueAt}前），请尽快上门。', en: 'Care visit overdue since {dueAt}.' },
  },
  PARTY_SECRETARY_APPOINTED: {
    needs: ['organisation'],
    channels: ['IN_APP'],
    full: {
      'zh-CN': { title: '任职通知', body: '您已任{organisation}书记。' },
      en: { title: 'Appointment', body: 'You are now the secretary of {organisation}.' },
    },
    short: { 'zh-CN': '您已任{organisation}书记。', en: 'You are now secretary of {organisation}.' },
  },
  MEETING_CONVENED: {
    needs: ['meeting', 'time', 'place'],
    channels: ['IN_APP', 'WECHAT'],
    full: {
      'zh-CN': { title: '会议通知：{meeting}', body: '兹定于{time}在{place}召开{meeting}，请准时参加。' },
      en: { title: 'Meeting: {meeting}', body: '{meeting} will be held at {place} on {time}; please attend.' },
    },
    short: { 'zh-CN': '{time}在{place}召开{meeting}，请准时参加。', en: '{meeting}: {time}, {place}.' },
  },
  NOTICE_PUBLISHED: {
    needs: ['title', 'body'],
    channels: ['IN_APP', 'WECHAT'],
    full: {
      'zh-CN': { title: '【通知】{title}', body: '{body}' },
      en: { title: '[Notice] {title}', body: '{body}' },
    },
    short: { 'zh-CN': '【通知】{title}', en: '[Notice] {title}' },
  },
  NOTICE_EMERGENCY: {
    needs: ['title', 'body'],
    channels: ['IN_APP', 'WECHAT', 'SMS'],
    full: {
      'zh-CN': { title: '【紧急通知】{title}', body: '{body}' },
      en: { title: '[Urgent] {title}', body: '{body}' },
    },
    short: { 'zh-CN': '【紧急通知】{title}：{body}', en: '[Urgent] {title}: {body}' },
  },
};

/** Renders a message for a channel; a template variable the data lacks is refused, never sent half-filled. */
export function render(type: MessageType, locale: Locale, data: Record<string, string | number>, channel: Channel = 'IN_APP'): Rendered {
  const entry = CATALOGUE[type];
  const missing = entry.needs.filter((name) => data[name] === undefined || data[name] === '');
  if (missing.length > 0) {
    throw new DomainError('NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING', `${type} needs ${missing.join(', ')}`, { type, missing });
  }
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(data[name] ?? `{${name}}`));
  if (channel === 'SMS') {
    const text = fill(entry.short[locale] ?? entry.short.en);
    return { title: text.slice(0, 100), body: text };
  }
  const template = entry.full[locale] ?? entry.full.en;
  return { title: fill(template.title), body: fill(template.body) };
}

/** Names of the tickets service's codes as people read them. */
export const LABELS: { milestone: Record<Milestone, Record<Locale, string>>; stream: Record<VisitStream, Record<Locale, string>> } = {
  milestone: {
    ON_SITE: { 'zh-CN': '到场', en: 'on-site' },
    CONTROLLED: { 'zh-CN': '基本控制', en: 'under control' },
    REVISIT: { 'zh-CN': '回访', en: 'revisit' },
    COMPLETED_WITH_FEEDBACK: { 'zh-CN': '办结反馈', en: 'completion and feedback' },
    PLAN_AGREED: { 'zh-CN': '形成解决方案', en: 'agreed plan' },
    WHISTLE_ACKNOWLEDGED: { 'zh-CN': '吹哨报到', en: 'whistle acknowledgement' },
    SUPERVISION_DEADLINE: { 'zh-CN': '督办', en: 'supervision' },
    HOTLINE_DEADLINE: { 'zh-CN': '12345', en: '12345 hotline' },
  },
  stream: {
    PROPERTY_DAILY_PATROL: { 'zh-CN': '物业日常巡查', en: 'property daily patrol' },
    RC_FOLLOW_UP: { 'zh-CN': '居委跟进', en: 'RC follow-up' },
    VOLUNTEER_WEEKLY: { 'zh-CN': '志愿者每周探访', en: 'weekly volunteer visit' },
    PAIRED_MEMBER: { 'zh-CN': '党员结对', en: 'paired party member' },
  },
};
