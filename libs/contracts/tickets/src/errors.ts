import { defineErrors } from '@gov/contracts-core';

export const TicketErrors = defineErrors('tickets', {
  'TICKETS.TICKET_NOT_FOUND': { status: 404, zh: '工单不存在', en: 'The ticket does not exist' },
  'TICKETS.TRANSITION_NOT_ALLOWED': {
    status: 409,
    zh: '工单当前状态不允许此操作',
    en: 'The ticket is not in a state that allows this',
  },
  'TICKETS.ANONYMOUS_NO_FEEDBACK': {
    status: 422,
    zh: '匿名工单不能评价',
    en: 'An anonymous ticket cannot be rated',
  },
  'TICKETS.REASON_REQUIRED': { status: 422, zh: '此操作须说明理由', en: 'This needs a reason' },
  'TICKETS.DEFER_DATE_IN_PAST': { status: 422, zh: '暂缓日期须晚于今天', en: 'The deferral date must be in the future' },
  'TICKETS.DEADLINE_IN_PAST': { status: 422, zh: '督办期限须晚于今天', en: 'The deadline must be in the future' },
  'TICKETS.DEFER_DATE_TOO_FAR': {
    status: 422,
    zh: '暂缓期限不能超过一年',
    en: 'A ticket cannot be deferred for more than a year',
  },
  'TICKETS.UNKNOWN_CATEGORY': {
    status: 422,
    zh: '本区服务目录中没有该类别',
    en: "The category is not in the district's service catalogue",
  },
  'TICKETS.ATTRIBUTE_REQUIRED': { status: 422, zh: '缺少该类别要求填写的信息', en: 'A required attribute is missing' },
  'TICKETS.ATTRIBUTE_INVALID': { status: 422, zh: '该项信息的取值无效', en: 'An attribute value is invalid' },
  'TICKETS.DUPLICATE_TARGET_INVALID': {
    status: 422,
    zh: '只能合并到本区另一张未办结的工单',
    en: 'A duplicate merges only into another open ticket of the same district',
  },
  'TICKETS.DAILY_LIMIT_REACHED': {
    status: 429,
    zh: '今日提交的诉求已达上限，请明天再试或联系网格员',
    en: 'You have reached today’s limit of submissions; try tomorrow or call your grid worker',
  },
  'TICKETS.RED_NEEDS_DEPARTMENT': {
    status: 422,
    zh: '红色（公家事）工单须派给职能部门',
    en: 'A RED (public matter) ticket goes to a department',
  },
  'TICKETS.HANDLER_REQUIRED': { status: 422, zh: '指派派单须指定处理人', en: 'Assigning needs a handler' },
  'TICKETS.HANDLER_AT_CAPACITY': {
    status: 409,
    zh: '该处理人手头工单已达上限',
    en: 'The handler already has the maximum number of open tickets',
  },
  'TICKETS.NO_HANDLER_ON_DUTY': {
    status: 409,
    zh: '没有可派单的值班处理人',
    en: 'No handler on duty has room for another ticket',
  },
  'TICKETS.CARE_PROFILE_NOT_FOUND': { status: 404, zh: '关爱对象不存在', en: 'The care profile does not exist' },
  'TICKETS.STREAM_NOT_SCHEDULED': {
    status: 422,
    zh: '该关爱对象没有安排此类走访',
    en: 'This profile has no visits scheduled for that stream',
  },
  'TICKETS.VISIT_IN_FUTURE': { status: 422, zh: '走访时间不能晚于现在', en: 'A visit cannot be recorded in the future' },
  'TICKETS.IDEMPOTENCY_KEY_REUSED': {
    status: 422,
    zh: '幂等键已用于内容不同的请求',
    en: 'The idempotency key was already used for a different request',
  },
});
export type TicketErrorCode = keyof typeof TicketErrors;
