import { sql, type RawBuilder } from 'kysely';
import { quoteArrayElement as quote } from '../db/arrayLiteral.js';

/** The types a column handed over by rowsFrom may have: scalars, jsonb, and arrays per row. */
export type ColumnType = 'uuid' | 'text' | 'date' | 'integer' | 'bigint' | 'jsonb' | 'text[]' | 'date[]';

export type Columns<R> = ReadonlyArray<readonly [keyof R & string, ColumnType]>;

/**
 * Rows handed to PostgreSQL as one array literal per column, unnested into rows: a FROM item
 * `(SELECT … FROM unnest($1::uuid[], $2::text[], …))` with the named columns, for an
 * `INSERT … SELECT` of thousands of rows in one statement. PostgreSQL reads each value with its
 * type's input function, as COPY does: a quarter of the time `jsonb_to_recordset` takes to parse
 * the same rows as JSON (50,000 due rows: 0.46 against 1.75 s), and the literals are cheaper to
 * build than the JSON. A column whose values are arrays per row travels as the text of each array
 * and is cast row by row.
 *
 * Null (or a missing property) is NULL; every other value but an integer is quoted (a string
 * "NULL" stays a string). Scalars are strings, numbers, bigints or booleans spelt as PostgreSQL
 * reads the column's type (dates as YYYY-MM-DD, uuids as text): one it cannot read is refused by
 * PostgreSQL. A jsonb value is any JSON value (a string is a JSON string). Anything else (an object
 * in a scalar column, an element of a per-row array that is not a string, number or null) is
 * refused here with a TypeError, not spelt as something else.
 */
export function rowsFrom<R>(rows: readonly R[], columns: Columns<R>): RawBuilder<unknown> {
  const params = columns.map(([name, type]) => {
    const literal: string[] = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) literal[i] = element((rows[i] as Record<string, unknown>)[name], type);
    return sql`${`{${literal.join(',')}}`}::${sql.raw(arrayType(type))}`;
  });
  const names = columns.map(([name]) => sql.ref(name));
  const select = columns.map(([name, type]) => (type.endsWith('[]') ? sql`${sql.ref(name)}::${sql.raw(type)} AS ${sql.ref(name)}` : sql.ref(name)));
  return sql`(SELECT ${sql.join(select)} FROM unnest(${sql.join(params)}) AS u(${sql.join(names)}))`;
}

/** The parameter's array type: arrays per row travel as text, cast by the select list. */
function arrayType(type: ColumnType): string {
  return type.endsWith('[]') ? 'text[]' : `${type}[]`;
}

/** One value as an element of an array literal. */
function element(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type) {
    case 'integer':
    case 'bigint':
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      if (typeof value === 'bigint') return value.toString();
      return quote(scalar(value, type));
    case 'jsonb':
      return quote(JSON.stringify(value));
    case 'text[]':
    case 'date[]': {
      if (!Array.isArray(value)) throw new TypeError(`a ${type} value must be an array, not ${typeof value}`);
      const inner: string[] = new Array<string>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item !== 'string' && typeof item !== 'number') throw new TypeError(`an element of a ${type} value must be a string, a number or null, not ${typeof item}`);
        inner[i] = item === null ? 'NULL' : quote(String(item));
      }
      return quote(`{${inner.join(',')}}`);
    }
    default:
      return quote(scalar(value, type));
  }
}

/** A scalar's text; an object (or a function, a symbol) has none to give. */
function scalar(value: unknown, type: ColumnType): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new TypeError(`a ${type} value must be a string, a number, a bigint or a boolean, not ${typeof value}`);
}

