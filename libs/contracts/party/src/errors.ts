import { defineErrors } from '@gov/contracts-core';

export const PartyErrors = defineErrors('party', {
  'PARTY.AREA_NOT_FOUND': { status: 404, zh: '区域不存在', en: 'The area does not exist' },
  'PARTY.AREA_CODE_TAKEN': {
    status: 409,
    zh: '同一上级下已有相同编码的区域',
    en: 'An area with this code already exists under the same parent',
  },
  'PARTY.AREA_TYPE_NOT_ALLOWED': {
    status: 422,
    zh: '该类型的区域不能设在此上级之下',
    en: 'An area of this type cannot sit under that parent',
  },
  'PARTY.AREA_CYCLE': { status: 422, zh: '不能把区域移到其自身之下', en: 'An area cannot move under itself' },
  'PARTY.AREA_CLOSED': { status: 409, zh: '区域已撤销', en: 'The area is closed' },
  'PARTY.AREA_HAS_OPEN_CHILDREN': {
    status: 409,
    zh: '区域下仍有未撤销的下级区域',
    en: 'The area still has open child areas',
  },
  'PARTY.AREA_HAS_ACTIVE_ORGANISATIONS': {
    status: 409,
    zh: '区域下仍有未撤销的党组织',
    en: 'Active party organisations are still attached to the area',
  },
  'PARTY.ORGANISATION_NOT_FOUND': { status: 404, zh: '党组织不存在', en: 'The party organisation does not exist' },
  'PARTY.ORGANISATION_NAME_TAKEN': {
    status: 409,
    zh: '同一上级党组织下已有同名组织',
    en: 'An organisation with this name already exists under the same parent',
  },
  'PARTY.ORGANISATION_TYPE_NOT_ALLOWED': {
    status: 422,
    zh: '该类型的党组织不能设在此上级之下',
    en: 'An organisation of this type cannot sit under that parent',
  },
  'PARTY.ORGANISATION_CYCLE': {
    status: 422,
    zh: '不能把党组织移到其自身之下',
    en: 'An organisation cannot move under itself',
  },
  'PARTY.ORGANISATION_DISSOLVED': { status: 409, zh: '党组织已撤销', en: 'The organisation is dissolved' },
  'PARTY.ORGANISATION_HAS_ACTIVE_CHILDREN': {
    status: 409,
    zh: '党组织下仍有未撤销的下级组织',
    en: 'The organisation still has active child organisations',
  },
  'PARTY.ORGANISATION_OUTSIDE_PARENT_AREA': {
    status: 422,
    zh: '党组织所在区域须在上级党组织的区域之内',
    en: "The organisation's area must lie within its parent's area",
  },
  'PARTY.IDEMPOTENCY_KEY_REUSED': {
    status: 422,
    zh: '幂等键已用于内容不同的请求',
    en: 'The idempotency key was already used for a different request',
  },
});
export type PartyErrorCode = keyof typeof PartyErrors;
