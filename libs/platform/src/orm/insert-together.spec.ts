import { quoteLiteral } from './insert-together';

describe('quoteLiteral: a string as a PostgreSQL literal, as libpq escapes it', () => {
  it.each([
    ['plain', 'abc', "'abc'"],
    ['empty', '', "''"],
    ['single quotes doubled', "O'Neil's", "'O''Neil''s'"],
    ['a backslash makes an E literal with backslashes doubled', 'a\\b', " E'a\\\\b'"],
    ['quotes and backslashes together', "it's \\n", " E'it''s \\\\n'"],
    ['newlines and unicode kept as they are', '第一行\n第二行 🚰', "'第一行\n第二行 🚰'"],
    ['dollar quoting is just text', '$$x$$', "'$$x$$'"],
  ])('%s', (_name, text, literal) => {
    expect(quoteLiteral(text)).toBe(literal);
  });
});
