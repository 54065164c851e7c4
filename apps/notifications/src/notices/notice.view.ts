import type { Notice as NoticeView } from '@gov/contracts-notifications';
import type { Notice } from './notice.entities';

export function noticeView(notice: Notice): NoticeView {
  return {
    id: notice.id as NoticeView['id'],
    kind: notice.kind,
    priority: notice.priority,
    audience: notice.audience,
    content: notice.content,
    channels: notice.channels,
    status: notice.status,
    publishedBy: notice.publishedBy,
    scheduledAt: notice.scheduledAt.toISOString(),
    validUntil: notice.validUntil ? notice.validUntil.toISOString() : null,
    minPublicationDays: notice.minPublicationDays,
    recipients: notice.recipients,
    doorToDoorHouseholds: notice.doorToDoorHouseholds,
    createdAt: notice.createdAt.toISOString(),
    dispatchedAt: notice.dispatchedAt ? notice.dispatchedAt.toISOString() : null,
    approval: notice.approval ?? null,
    retraction: notice.retraction ?? null,
  };
}
