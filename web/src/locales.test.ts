import { describe, expect, it } from 'vitest';
import { en, zhCN } from './locales.ts';
import { publicEventTypeNames, roles } from '#shared/api/enums.ts';
import { customerStages, importProblems, noteChannels, customerKinds, validationCodes } from '#shared/api/enums.ts';
import { fapiaoStatuses, fapiaoTypes, invoiceStatuses, paymentMethods, paymentStatuses } from '#shared/api/enums.ts';
import { importKinds, importWarnings } from '#shared/api/enums.ts';
import { importColumns } from '#shared/domain/import-columns.ts';
import { reportGroupings } from '#shared/api/enums.ts';
import { notificationKinds } from '#shared/domain/notification-text.ts';
import { DataScope, ticketAssignments } from '#shared/api/tenants.ts';
import {
  alertKinds,
  dispositions,
  returnReasons,
  returnResolutions,
  returnStatuses,
  settlementMethods,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStatuses,
} from '#shared/api/enums.ts';
import { creditNoteStatuses } from '#shared/api/aftersales.ts';
import { printDocuments } from '#shared/api/print-settings.ts';
import { auditEntities } from '#shared/api/audit.ts';
import { routes } from '#shared/api/routes.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(zhCN))
      expect(
        k.split('.').reduce((o: any, p) => o[p], zhCN),
        k,
      ).not.toBe('');
  });

  it('names every role, stage, kind, channel, import problem and validation code the API can return', () => {
    for (const dict of [zhCN, en]) {
      for (const r of roles) expect(dict.roles[r]).toBeTruthy();
      for (const s of customerStages) expect(dict.stages[s]).toBeTruthy();
      for (const c of noteChannels) expect(dict.channels[c]).toBeTruthy();
      for (const k of customerKinds) expect(dict.kinds[k]).toBeTruthy();
      for (const p of importProblems) expect(dict.imports.problems[p]).toBeTruthy();
      for (const c of validationCodes) expect(dict.validation[c]).toBeTruthy();
    }
  });

  it('names every import kind, the field each column can fill and every import warning', () => {
    for (const dict of [zhCN, en]) {
      for (const k of importKinds) {
        expect(dict.imports.kinds[k]).toBeTruthy();
        expect(dict.imports.kindHints[k]).toBeTruthy();
        for (const f of Object.keys(importColumns[k]))
          expect((dict.imports.fields[k] as Record<string, string>)[f], `${k}.${f}`).toBeTruthy();
      }
      for (const w of importWarnings) expect(dict.imports.warnings[w]).toBeTruthy();
    }
  });

  it('names every invoice, payment and fapiao status, payment method and fapiao type', () => {
    for (const dict of [zhCN, en]) {
      for (const s of invoiceStatuses) expect(dict.finance.statuses[s]).toBeTruthy();
      for (const m of paymentMethods) expect(dict.finance.methods[m]).toBeTruthy();
      for (const s of paymentStatuses) expect(dict.payments.statuses[s]).toBeTruthy();
      for (const s of fapiaoStatuses) expect(dict.fapiao.statuses[s]).toBeTruthy();
      for (const f of fapiaoTypes) expect(dict.billing.fapiaoTypes[f]).toBeTruthy();
    }
  });

  it('names every notification kind, data scope and report grouping', () => {
    for (const dict of [zhCN, en]) {
      for (const k of notificationKinds) expect(dict.inbox.kinds[k]).toBeTruthy();
      for (const s of DataScope.options) {
        expect(dict.scopes[s]).toBeTruthy();
        expect(dict.dashboard.scopes[s]).toBeTruthy();
      }
      for (const g of reportGroupings) expect(dict.reports.groupings[g]).toBeTruthy();
    }
  });

  it('names every after-sales status, reason, resolution, disposition, ticket kind, priority and channel, and credit notes as a way of settling', () => {
    for (const dict of [zhCN, en]) {
      const a = dict.aftersales;
      for (const s of ticketStatuses) expect(a.tickets.statuses[s]).toBeTruthy();
      for (const k of ticketKinds) expect(a.tickets.kinds[k]).toBeTruthy();
      for (const p of ticketPriorities) expect(a.tickets.priorities[p]).toBeTruthy();
      for (const c of ticketChannels) expect(a.tickets.channels[c]).toBeTruthy();
      for (const s of returnStatuses) expect(a.returns.statuses[s]).toBeTruthy();
      for (const r of returnReasons) expect(a.returns.reasons[r]).toBeTruthy();
      for (const r of returnResolutions) expect(a.returns.resolutions[r]).toBeTruthy();
      for (const d of dispositions) expect(a.returns.dispositions[d]).toBeTruthy();
      for (const s of creditNoteStatuses) expect(a.creditNotes.statuses[s]).toBeTruthy();
      for (const m of settlementMethods) expect(dict.finance.methods[m]).toBeTruthy();
      for (const x of ticketAssignments) expect(dict.settings.assignments[x]).toBeTruthy();
      for (const k of alertKinds) expect(dict.alerts.kinds[k]).toBeTruthy();
    }
  });

  it('names every public event type (notification rules) and every printed document', () => {
    const at = (o: object, path: string) =>
      path.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], o);
    for (const dict of [zhCN, en]) {
      for (const e of publicEventTypeNames) {
        expect(at(dict.notificationRules.events, e), e).toBeTruthy();
        expect(typeof at(dict.notificationRules.events, e), e).toBe('string');
        expect(at(dict.notificationRules.families, e.slice(0, e.indexOf('.'))), e).toBeTruthy();
      }
      for (const d of printDocuments) {
        expect(dict.printSettings.documents[d]).toBeTruthy();
        expect(dict.printSettings.sample.titles[d]).toBeTruthy();
      }
    }
  });

  it('names every kind of record the audit log keeps and every change the route table audits', () => {
    const audited = routes.flatMap((r) => ('audit' in r && r.audit ? [r.operationId as string] : []));
    expect(audited.length).toBeGreaterThan(0);
    for (const dict of [zhCN, en]) {
      for (const e of auditEntities) expect(dict.audit.entities[e], e).toBeTruthy();
      for (const a of audited) expect((dict.audit.actions as Record<string, string>)[a], a).toBeTruthy();
    }
  });
});
