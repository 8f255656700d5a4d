import { consumer } from '#functions/platform/events.ts';
import { runExport } from './exports.ts';

/** Writes a requested export (exports.ts). Runs as the system, for the company the event belongs to. */
export const handler = consumer('exports-runner', {
  'export.requested': (t, event) => runExport(t, event.data.id),
});
