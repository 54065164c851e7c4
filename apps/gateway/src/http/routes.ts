import type { RequestContract } from '@gov/contracts-core';
import { ListInboxQuery, MarkReadCommand, RegisterWebhookCommand } from '@gov/contracts-notifications';
import {
  CloseAreaCommand,
  CloseOrganisationCommand,
  CreateAreaCommand,
  CreateOrganisationCommand,
  GetAreaQuery,
  GetOrganisationQuery,
  GetOrganisationTreeQuery,
  ListAreaSubtreeQuery,
  MoveAreaCommand,
  MoveOrganisationCommand,
  RenameAreaCommand,
  RenameOrganisationCommand,
  SetSecretaryCommand,
} from '@gov/contracts-party';
import {
  AcknowledgeEscalationCommand,
  AcknowledgeTicketCommand,
  AddNoteCommand,
  AgreePlanCommand,
  CancelTicketCommand,
  ClaimTicketCommand,
  CloseTicketCommand,
  DeferTicketCommand,
  DispatchTicketCommand,
  EscalateTicketCommand,
  DefineCategoryCommand,
  GetCalendarQuery,
  GetCategoryQuery,
  ListCategoriesQuery,
  GetTicketQuery,
  ImportHotlineCaseCommand,
  RecordHotlineSyncCommand,
  LinkTicketCommand,
  ListNotesQuery,
  ListTicketsQuery,
  MergeTicketCommand,
  RateTicketCommand,
  RecordPatrolCommand,
  RecordRevisitCommand,
  RejectTicketCommand,
  ResolveTicketCommand,
  ResumeTicketCommand,
  ReturnTicketCommand,
  SetCalendarCommand,
  StartTicketCommand,
  SetDutyRosterCommand,
  SubmitTicketCommand,
  SuperviseTicketCommand,
  TicketHistoryQuery,
  TicketKpisQuery,
  TransferOwnershipCommand,
  TriageTicketCommand,
  WaitForResidentCommand,
} from '@gov/contracts-tickets';

/**
 * One REST route: an HTTP method and path mapped onto one contract. Path parameters and (for GET) query
 * parameters, or the JSON body, are merged into the contract's request; the OpenAPI document is generated
 * from this table and the contracts.
 */
export interface Route {
  method: 'get' | 'post' | 'patch' | 'put';
  /** Express-style path, e.g. /api/v1/areas/:id */
  path: string;
  contract: RequestContract;
  tag: string;
  summary: string;
  /** Success status: 201 for creates. */
  status?: number;
}

export const routes: Route[] = [
  { method: 'post', path: '/api/v1/areas', contract: CreateAreaCommand, tag: 'areas', summary: '新建区域 / Create an area', status: 201 },
  { method: 'get', path: '/api/v1/areas/:id', contract: GetAreaQuery, tag: 'areas', summary: '查看区域 / Get an area' },
  { method: 'get', path: '/api/v1/areas/:id/subtree', contract: ListAreaSubtreeQuery, tag: 'areas', summary: '下级区域列表 / List an area subtree' },
  { method: 'patch', path: '/api/v1/areas/:id', contract: RenameAreaCommand, tag: 'areas', summary: '重命名区域 / Rename an area' },
  { method: 'post', path: '/api/v1/areas/:id/move', contract: MoveAreaCommand, tag: 'areas', summary: '调整上级区域 / Move an area' },
  { method: 'post', path: '/api/v1/areas/:id/close', contract: CloseAreaCommand, tag: 'areas', summary: '撤销区域 / Close an area' },
  {
    method: 'post',
    path: '/api/v1/organisations',
    contract: CreateOrganisationCommand,
    tag: 'organisations',
    summary: '新建党组织 / Create a party organisation',
    status: 201,
  },
  { method: 'get', path: '/api/v1/organisations/:id', contract: GetOrganisationQuery, tag: 'organisations', summary: '查看党组织 / Get a party organisation' },
  {
    method: 'get',
    path: '/api/v1/organisations/:id/tree',
    contract: GetOrganisationTreeQuery,
    tag: 'organisations',
    summary: '党组织树 / Get the organisation tree',
  },
  { method: 'patch', path: '/api/v1/organisations/:id', contract: RenameOrganisationCommand, tag: 'organisations', summary: '重命名党组织 / Rename' },
  {
    method: 'post',
    path: '/api/v1/organisations/:id/move',
    contract: MoveOrganisationCommand,
    tag: 'organisations',
    summary: '调整上级党组织 / Move under another parent',
  },
  {
    method: 'put',
    path: '/api/v1/organisations/:id/secretary',
    contract: SetSecretaryCommand,
    tag: 'organisations',
    summary: '设置书记 / Set the secretary',
  },
  {
    method: 'post',
    path: '/api/v1/organisations/:id/close',
    contract: CloseOrganisationCommand,
    tag: 'organisations',
    summary: '撤销党组织 / Dissolve',
  },
  {
    method: 'post',
    path: '/api/v1/tickets',
    contract: SubmitTicketCommand,
    tag: 'tickets',
    summary: '提交诉求 / Submit a ticket',
    status: 201,
  },
  { method: 'get', path: '/api/v1/tickets', contract: ListTicketsQuery, tag: 'tickets', summary: '工单列表 / List tickets' },
  {
    method: 'post',
    path: '/api/v1/hotline-cases',
    contract: ImportHotlineCaseCommand,
    tag: 'tickets',
    summary: '导入12345工单 / Mirror a 12345 case',
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/hotline-cases/:externalNo/sync',
    contract: RecordHotlineSyncCommand,
    tag: 'tickets',
    summary: '记录12345回复状态 / Record the reply to 12345',
  },
  { method: 'post', path: '/api/v1/patrols', contract: RecordPatrolCommand, tag: 'tickets', summary: '巡查/走访记录 / Record a patrol or care visit', status: 201 },
  { method: 'get', path: '/api/v1/me/inbox', contract: ListInboxQuery, tag: 'notifications', summary: '我的消息 / My inbox' },
  { method: 'post', path: '/api/v1/me/inbox/read', contract: MarkReadCommand, tag: 'notifications', summary: '标为已读 / Mark read' },
  {
    method: 'post',
    path: '/api/v1/webhooks',
    contract: RegisterWebhookCommand,
    tag: 'notifications',
    summary: '注册回调地址 / Register a webhook (partner units)',
    status: 201,
  },
  { method: 'put', path: '/api/v1/duty-rosters', contract: SetDutyRosterCommand, tag: 'tickets', summary: '值班派单名单 / Set a duty roster' },
  { method: 'get', path: '/api/v1/ticket-kpis', contract: TicketKpisQuery, tag: 'tickets', summary: '工单指标 / Ticket KPIs' },
  { method: 'get', path: '/api/v1/tickets/:id', contract: GetTicketQuery, tag: 'tickets', summary: '查看工单 / Get a ticket' },
  {
    method: 'put',
    path: '/api/v1/calendars/:districtCode',
    contract: SetCalendarCommand,
    tag: 'tickets',
    summary: '设置工作日历 / Set a district working calendar',
  },
  {
    method: 'put',
    path: '/api/v1/catalogue/:districtCode/categories/:code',
    contract: DefineCategoryCommand,
    tag: 'tickets',
    summary: '设置服务类别 / Define a service category',
  },
  { method: 'get', path: '/api/v1/catalogue/:districtCode/categories', contract: ListCategoriesQuery, tag: 'tickets', summary: '服务目录 / Service catalogue' },
  { method: 'get', path: '/api/v1/catalogue/:districtCode/categories/:code', contract: GetCategoryQuery, tag: 'tickets', summary: '服务类别 / A category' },
  { method: 'get', path: '/api/v1/calendars/:districtCode', contract: GetCalendarQuery, tag: 'tickets', summary: '工作日历 / Working calendar' },
  { method: 'post', path: '/api/v1/tickets/:id/notes', contract: AddNoteCommand, tag: 'tickets', summary: '进展备注 / Add a progress note', status: 201 },
  { method: 'get', path: '/api/v1/tickets/:id/notes', contract: ListNotesQuery, tag: 'tickets', summary: '进展备注 / Progress notes' },
  { method: 'get', path: '/api/v1/tickets/:id/history', contract: TicketHistoryQuery, tag: 'tickets', summary: '工单流转记录 / History' },
  ...(
    [
      ['acknowledge', AcknowledgeTicketCommand, '受理（首问负责）/ Acknowledge'],
      ['triage', TriageTicketCommand, '分级分类 / Triage'],
      ['dispatch', DispatchTicketCommand, '派单 / Dispatch'],
      ['claim', ClaimTicketCommand, '抢单 / Claim'],
      ['transfer-ownership', TransferOwnershipCommand, '转移首问责任 / Transfer first-contact ownership'],
      ['start', StartTicketCommand, '接单 / Start'],
      ['return', ReturnTicketCommand, '退单 / Give back'],
      ['wait-for-resident', WaitForResidentCommand, '等待居民 / Wait for the resident'],
      ['resume', ResumeTicketCommand, '恢复办理 / Resume'],
      ['defer', DeferTicketCommand, '暂缓 / Defer'],
      ['escalate', EscalateTicketCommand, '吹哨 / Escalate to a department'],
      ['acknowledge-escalation', AcknowledgeEscalationCommand, '部门报到 / Department acknowledges'],
      ['resolve', ResolveTicketCommand, '办结 / Resolve'],
      ['rate', RateTicketCommand, '评价 / Rate'],
      ['close', CloseTicketCommand, '关闭 / Close'],
      ['reject', RejectTicketCommand, '不予受理 / Reject'],
      ['cancel', CancelTicketCommand, '撤回 / Cancel'],
      ['merge', MergeTicketCommand, '合并重复诉求 / Merge a duplicate'],
      ['link', LinkTicketCommand, '关联工单 / Link a related ticket'],
      ['agree-plan', AgreePlanCommand, '联席会议方案 / Record the joint meeting plan'],
      ['supervise', SuperviseTicketCommand, '挂牌督办 / List for supervision'],
      ['record-revisit', RecordRevisitCommand, '回访 / Record a revisit'],
    ] as const
  ).map(([action, contract, summary]): Route => ({
    method: 'post',
    path: `/api/v1/tickets/:id/${action}`,
    contract,
    tag: 'tickets',
    summary,
  })),
];

export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
}
