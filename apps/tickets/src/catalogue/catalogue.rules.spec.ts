import type { CategoryAttribute } from '@gov/contracts-tickets';
import { checkAttributes } from './catalogue.rules';

const leak: CategoryAttribute[] = [
  { code: 'floor', description: '楼层', datatype: 'number', required: true, order: 0 },
  {
    code: 'source',
    description: '漏水来源',
    datatype: 'singlevaluelist',
    required: true,
    order: 1,
    values: [
      { key: 'pipe', name: '水管' },
      { key: 'roof', name: '屋顶' },
    ],
  },
  { code: 'rooms', description: '受影响房间', datatype: 'multivaluelist', required: false, order: 2, values: [{ key: 'kitchen', name: '厨房' }, { key: 'bath', name: '卫生间' }] },
  { code: 'since', description: '开始时间', datatype: 'datetime', required: false, order: 3 },
  { code: 'note', description: '补充', datatype: 'text', required: false, order: 4 },
];

describe('category attributes (Open311 service definition)', () => {
  it.each([
    ['all required answered', { floor: 3, source: 'pipe' }, []],
    ['every kind answered well', { floor: 3, source: 'roof', rooms: ['kitchen', 'bath'], since: '2026-11-20T08:00:00+08:00', note: '晚上更严重' }, []],
    ['a required one missing', { floor: 3 }, ['TICKETS.ATTRIBUTE_REQUIRED:source']],
    ['a required one empty', { floor: 3, source: '' }, ['TICKETS.ATTRIBUTE_REQUIRED:source']],
    ['a number given as text', { floor: 'three', source: 'pipe' }, ['TICKETS.ATTRIBUTE_INVALID:floor']],
    ['a choice not offered', { floor: 3, source: 'neighbour' }, ['TICKETS.ATTRIBUTE_INVALID:source']],
    ['a multi-choice with one bad key', { floor: 3, source: 'pipe', rooms: ['kitchen', 'attic'] }, ['TICKETS.ATTRIBUTE_INVALID:rooms']],
    ['a bad date-time', { floor: 3, source: 'pipe', since: 'yesterday' }, ['TICKETS.ATTRIBUTE_INVALID:since']],
    ['an attribute not asked', { floor: 3, source: 'pipe', colour: 'red' }, ['TICKETS.ATTRIBUTE_INVALID:colour']],
  ] as const)('%s', (_label, values, expected) => {
    expect(checkAttributes(leak, values as never).map((p) => `${p.code}:${p.attribute}`)).toEqual(expected);
  });

  it('asks nothing of a category without attributes, and refuses any answer to it', () => {
    expect(checkAttributes([], {})).toEqual([]);
    expect(checkAttributes([], { floor: 1 })).toHaveLength(1);
  });
});
