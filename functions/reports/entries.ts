import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, companyDay } from '#shared/domain/dates.ts';
import { pack, unpack } from '#functions/platform/compact.ts';
import { isConditionFailure } from '#functions/platform/db.ts';
import { env } from '#functions/platform/env.ts';
import { deleteAll } from '#functions/platform/items.ts';
import { queryAll } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact, type TransactItem } from '#functions/platform/transact.ts';
import { getSettings } from '#functions/tenants/settings.ts';

/**
 * Report entries and their nightly roll-up: the reports off the business path.
 *
 * Each event the reports count writes one *entry* (or two: a cancellation takes back on its order's
 * confirmation day and moves the funnel on its own): every aggregate row it moves, packed, at
 * `REPORT#ENTRIES`, sort key `<anchor>#<eventId>#<source>`. The entry is created only if it is new, so it
 * is its own processed marker: one write unit, where a transaction of a marker and an update per
 * aggregate (eleven for a confirmation) cost two units each. Its `day` is the company day it counts on;
 * its anchor is the same instant's UTC day (or the order's booking day), a day the event fixes whatever
 * the company's time zone, so a redelivery after a time-zone change finds its entry. A company day's
 * entries lie at anchors of the day before to the day after.
 *
 * A nightly roll-up (the `nightly-report` job) sums each day that is over from all its
 * entries into one *rolled* item of the day (`REPORT#ROLLED`, sk = day; packed rows) and records how
 * far it has rolled (`through`). An entry for a day before today (a late cancellation, a
 * payment dated last week) also writes a *dirty mark* (`REPORT#DIRTY`, sk = `<day>#…`) in its
 * transaction; a dirty day is summed from its entries until the roll-up has rolled it again and taken
 * the marks it read away (a mark written meanwhile stays). A report sums rolled days that are clean and
 * the entries of the others, the last days live, and adds the aggregates written before entries
 * existed (store.ts), so no data moved.
 *
 * These partitions stay out of the company's inventory (no index write per entry): the purge deletes
 * them by name (`reportPartitions`), and the export leaves them out as derived data.
 */

/** One aggregate row an entry moves: its partition (`DAILY`, `BY#product`...), sort key, label, additions. */
export type Row = [partition: string, sk: string, label: string | null, adds: Record<string, number>];
/** Where an entry's day comes from: the event's instant, the order's booking day, a payment's date. */
export type Source = 'e' | 'c' | 'p';
export interface Entry {
  anchor: string;
  source: Source;
  day: string;
  rows: Row[];
}

const PARTS = ['ENTRIES', 'DIRTY', 'ROLLED'] as const;
const partition = (t: TenantContext, part: (typeof PARTS)[number]) => t.key('REPORT', part);
/** The partitions of entries, dirty marks and rolled days, which the purge deletes by name. */
export const reportPartitions = (tenantId: string) => PARTS.map((part) => `${tenantId}#REPORT#${part}`);
const THROUGH = 'THROUGH';
/** How long after a company's midnight its day before is rolled: far longer than a consumer's 29 s. */
const ROLL_MARGIN_MS = 10 * 60_000;
/** How far the roll-up has gone (`through`) and the generation of its newest run (`gen`). */
const throughKey = (t: TenantContext) => ({ pk: partition(t, 'ROLLED'), sk: THROUGH });
/** Days a roll-up run rolls at most (the first run of a company with months of entries takes several nights). */
const MAX_DAYS_A_RUN = 31;
/** A rolled day's rows, packed, per item (a company with thousands of keys in a day gets more than one). */
const ROWS_PER_ITEM = 2_000;

/** The UTC day of an instant: an entry's anchor, fixed by the event whatever the company's time zone. */
export const utcDay = (at: string | Date) => new Date(at).toISOString().slice(0, 10);

/** An entry's item, written only if it is new (`applyMarked`). */
export function entryItem(t: TenantContext, eventId: string, e: Entry): Record<string, unknown> {
  return {
    pk: partition(t, 'ENTRIES'),
    sk: `${e.anchor}#${eventId}#${e.source}`,
    entity: 'report_entry',
    day: e.day,
    rowsGz: pack(e.rows),
  };
}

/**
 * The dirty mark an entry needs when its day may be rolled already: any day before today. A day is
 * rolled only ten minutes after it is over (`ROLL_MARGIN_MS`), so an entry written without a mark (for
 * today) was committed before the roll of its day read: a consumer takes at most 29 s from reading the
 * clock to writing.
 */
export function dirtyMark(t: TenantContext, eventId: string, e: Entry, today: string): TransactItem | undefined {
  if (e.day >= today) return undefined;
  return {
    Put: {
      TableName: env.tableName,
      Item: { pk: partition(t, 'DIRTY'), sk: `${e.day}#${e.anchor}#${eventId}#${e.source}`, entity: 'report_dirty' },
    },
  };
}

/** What an aggregate row sums to: its label and figures. */
export interface Sum {
  label?: string;
  adds: Record<string, number>;
}
/** Sums by partition (`DAILY`, `BY#product`...) and sort key (`<day>` or `<day>#<key>`). */
export type Sums = Map<string, Map<string, Sum>>;

function addRows(sums: Sums, rows: Row[]) {
  for (const [part, sk, label, adds] of rows) {
    const byKey = sums.get(part) ?? new Map<string, Sum>();
    sums.set(part, byKey);
    const sum = byKey.get(sk) ?? { adds: {} };
    byKey.set(sk, sum);
    if (label !== null) sum.label = label;
    for (const [attribute, value] of Object.entries(adds)) sum.adds[attribute] = (sum.adds[attribute] ?? 0) + value;
  }
}

const rowsOfSums = (sums: Sums): Row[] =>
  [...sums].flatMap(([part, byKey]) => [...byKey].map(([sk, { label, adds }]): Row => [part, sk, label ?? null, adds]));

const between = (t: TenantContext, part: (typeof PARTS)[number], from: string, to: string, consistent: boolean) =>
  queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': partition(t, part), ':from': from, ':to': `${to}#\uffff` },
    ConsistentRead: consistent,
  });

/** The entries that count on the days from–to (their anchors a day either side). */
async function entriesOf(t: TenantContext, from: string, to: string, consistent: boolean) {
  const items = await between(t, 'ENTRIES', addDays(from, -1), addDays(to, 1), consistent);
  return {
    read: items.length,
    entries: items
      .filter((i) => String(i.day) >= from && String(i.day) <= to)
      .map((i) => ({ day: String(i.day), rows: unpack<Row[]>(i.rowsGz as Uint8Array) })),
  };
}

async function rolledThrough(t: TenantContext): Promise<string | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: partition(t, 'ROLLED'), sk: THROUGH },
      ConsistentRead: true,
    }),
  );
  return Item?.through as string | undefined;
}

/**
 * Rolled days' rows: each day's head and its further items of the same roll (`gen`) up to its `items`
 * count (a read between a roll's items and a later roll's is not isolated: only one roll's items count).
 */
function rolledRows(items: Record<string, unknown>[]) {
  const heads = new Map(items.filter((i) => i.sk === i.day).map((i) => [String(i.day), i]));
  return items
    .filter((i) => {
      const head = heads.get(String(i.day));
      const part = String(i.sk).slice(11);
      return head && i.gen === head.gen && (part === '' ? 0 : Number(part)) < Number(head.items ?? 1);
    })
    .map((i) => ({ day: String(i.day), rows: unpack<Row[]>(i.rowsGz as Uint8Array) }));
}

/**
 * What the reports' entries and rolled days sum to over the days from–to, and how many items it read.
 * Read in this order, each strongly consistent: how far the roll-up has gone, then the dirty marks,
 * then the rolled days (a roll-up writes a day before it takes its marks away, and the days before it
 * moves `through`), so a day read as rolled and clean is rolled with everything it has.
 */
export async function entrySums(t: TenantContext, from: string, to: string): Promise<{ sums: Sums; read: number }> {
  const through = await rolledThrough(t);
  const rolledTo = through && through >= from ? (through < to ? through : to) : undefined;
  const marks = rolledTo ? await between(t, 'DIRTY', from, rolledTo, true) : [];
  const dirty = [...new Set(marks.map((m) => String(m.sk).slice(0, 10)))];
  const liveFrom = rolledTo ? addDays(rolledTo, 1) : from;
  const [rolled, ...live] = await Promise.all([
    rolledTo ? between(t, 'ROLLED', from, rolledTo, true) : Promise.resolve([]),
    ...(liveFrom <= to ? [entriesOf(t, liveFrom, to, false)] : []),
    ...dirty.map((day) => entriesOf(t, day, day, true)),
  ]);
  const sums: Sums = new Map();
  for (const day of rolledRows(rolled)) if (!dirty.includes(day.day)) addRows(sums, day.rows);
  for (const part of live) for (const entry of part.entries) addRows(sums, entry.rows);
  return { sums, read: 1 + marks.length + rolled.length + live.reduce((s, p) => s + p.read, 0) };
}

/** Only the newest roll-up writes: its generation is still the one on the `through` item. */
const stillNewest = (t: TenantContext, gen: number): TransactItem => ({
  ConditionCheck: {
    TableName: env.tableName,
    Key: throughKey(t),
    ConditionExpression: 'gen = :gen',
    ExpressionAttributeValues: { ':gen': gen },
  },
});

/** A roll-up that another, newer one has overtaken: it writes and deletes nothing more. */
class Overtaken extends Error {}

/** Writes a day's roll in one transaction, if this roll-up is still the newest. */
async function writeDay(t: TenantContext, day: string, rows: Row[], gen: number): Promise<void> {
  const chunks: Row[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_ITEM) chunks.push(rows.slice(i, i + ROWS_PER_ITEM));
  if (!chunks.length) chunks.push([]);
  const items = chunks.map((chunk, i) => ({
    pk: partition(t, 'ROLLED'),
    sk: i ? `${day}#${i}` : day,
    entity: 'report_rolled',
    day,
    gen,
    ...(i ? {} : { items: chunks.length }),
    rowsGz: pack(chunk),
  }));
  try {
    await transact(t, [stillNewest(t, gen), ...items.map((Item) => ({ Put: { TableName: env.tableName, Item } }))]);
  } catch (error) {
    if (isConditionFailure(error)) throw new Overtaken();
    throw error;
  }
}

/**
 * The nightly roll-up of one company: each day that is over (ten minutes past) not rolled yet (a month of
 * days a run at most, from the first day with entries), and each dirty day, summed from all its
 * entries (a recompute, so a second run changes nothing) into its rolled items. The run first takes a
 * new generation on the `through` item, then reads the dirty marks, then entries: a day's marks are
 * deleted only after its roll is written, and only those read, so an entry written during the run keeps
 * its day dirty until the next. Two runs at once (a unit delivered twice): every write of the older one
 * checks its generation and fails once the newer has started, and the newer has read every mark the
 * older could have deleted after writing what they stood for.
 */
export async function rollUp(
  t: TenantContext,
  at: Date,
  /** For tests: what happens between reading the marks and reading the entries (another run, a late entry). */
  hooks?: { afterMarks?: () => Promise<unknown> },
): Promise<{ rolled: string[]; through?: string }> {
  const { timeZone } = await getSettings(t);
  // Never past what the wall clock allows (a run on demand may name a later time): consumers mark their
  // entries dirty by the wall clock, so a day is rolled only once it is over by it too.
  const tick = Math.min(at.getTime(), Date.now());
  const last = addDays(companyDay(new Date(tick - ROLL_MARGIN_MS), timeZone), -1);
  const { Attributes: state } = await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: throughKey(t),
      UpdateExpression: 'ADD gen :one SET entity = :e',
      ExpressionAttributeValues: { ':one': 1, ':e': 'report_rolled' },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const gen = Number(state?.gen);
  const through = state?.through as string | undefined;
  const marks = await between(t, 'DIRTY', '0000-00-00', last, true);
  await hooks?.afterMarks?.();
  // The first day with entries after what is rolled: a quiet month costs a run nothing to cross.
  const first = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': partition(t, 'ENTRIES'), ':from': through ?? '0000-00-00' },
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const anchor = (first.Items?.[0]?.sk as string | undefined)?.slice(0, 10);
  const start = anchor ? [addDays(anchor, -1), ...(through ? [addDays(through, 1)] : [])].sort().at(-1)! : undefined;
  const end = start && start <= last ? [addDays(start, MAX_DAYS_A_RUN - 1), last].sort()[0]! : undefined;
  const byDay = new Map<string, Sums>();
  const sumsOf = (day: string) => byDay.get(day) ?? byDay.set(day, new Map()).get(day)!;
  if (start && end)
    for (const entry of (await entriesOf(t, start, end, true)).entries) addRows(sumsOf(entry.day), entry.rows);
  const rolledTo = end ?? through;
  const marksOf = new Map<string, { pk: string; sk: string }[]>();
  for (const m of marks) {
    const day = String(m.sk).slice(0, 10);
    if (!rolledTo || day > rolledTo) continue; // its day is not rolled yet: read again when it is
    marksOf.set(day, [...(marksOf.get(day) ?? []), { pk: String(m.pk), sk: String(m.sk) }]);
  }
  for (const day of marksOf.keys())
    if (!(start && end && day >= start && day <= end)) {
      byDay.set(day, new Map());
      for (const entry of (await entriesOf(t, day, day, true)).entries) addRows(sumsOf(day), entry.rows);
    }
  const rolled: string[] = [];
  try {
    for (const [day, sums] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
      await writeDay(t, day, rowsOfSums(sums), gen);
      rolled.push(day);
      await deleteAll(t.db, marksOf.get(day) ?? []);
    }
    if (end && (!through || through < end))
      await t.db.send(
        new UpdateCommand({
          TableName: env.tableName,
          Key: throughKey(t),
          UpdateExpression: 'SET through = :end',
          ConditionExpression: 'gen = :gen',
          ExpressionAttributeValues: { ':end': end, ':gen': gen },
        }),
      );
  } catch (error) {
    if (error instanceof Overtaken || isConditionFailure(error)) return { rolled, through };
    throw error;
  }
  return { rolled, through: end ?? through };
}

/** Whether the company has entries not rolled yet, or dirty days: the nightly job comes back for them. */
export async function unrolled(t: TenantContext): Promise<boolean> {
  const latest = async (part: (typeof PARTS)[number]) =>
    (
      await t.db.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition(t, part) },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      )
    ).Items?.[0]?.sk as string | undefined;
  const [through, entry, mark] = await Promise.all([rolledThrough(t), latest('ENTRIES'), latest('DIRTY')]);
  // An entry counts on its anchor's day or the one after: anything anchored on `through` or later may be unrolled.
  return Boolean(mark) || Boolean(entry && (!through || entry.slice(0, 10) >= through));
}
