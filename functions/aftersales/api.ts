import { afterSalesRoutes } from '#shared/api/routes/aftersales.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as returns from './returns.ts';
import * as tickets from './tickets.ts';
import { rate, viewRating } from './ratings.ts';

/** What only a few routes use (credit notes, printing, the report, the timeline) loads with the first of them. */
const occasional = () => import('./occasional.ts');

export const handler = httpApi(afterSalesRoutes, {
  createReturn: async ({ tenant, params, body }) => {
    const ret = await returns.requestReturn(tenant, params.id, body);
    return new Reply(ret, { location: `/v1/returns/${ret.id}` });
  },
  listOrderReturns: ({ tenant, params }) => returns.returnsOfOrder(tenant, params.id),
  listReturns: ({ tenant, query }) => returns.listReturns(tenant, query),
  getReturn: ({ tenant, params }) => returns.getReturn(tenant, params.id),
  approveReturn: ({ tenant, params, expectedVersion }) =>
    returns.decideReturn(tenant, params.id, 'approved', null, expectedVersion),
  rejectReturn: ({ tenant, params, body, expectedVersion }) =>
    returns.decideReturn(tenant, params.id, 'rejected', body.reason, expectedVersion),
  cancelReturn: ({ tenant, params, expectedVersion }) =>
    returns.decideReturn(tenant, params.id, 'cancelled', null, expectedVersion),
  receiveReturn: ({ tenant, params, body, expectedVersion }) =>
    returns.receiveReturn(tenant, params.id, body, expectedVersion),
  closeReturn: ({ tenant, params, expectedVersion }) => returns.closeReturn(tenant, params.id, expectedVersion),
  listCreditNotes: async ({ tenant, query }) => (await occasional()).listCreditNotes(tenant, query),
  getCreditNote: async ({ tenant, params }) => (await occasional()).getCreditNote(tenant, params.id),
  printCreditNote: async ({ tenant, params, query }) => {
    const { getCreditNote, printExtras, renderCreditNote } = await occasional();
    const [note, settings] = await Promise.all([getCreditNote(tenant, params.id), getSettings(tenant)]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, 'credit_note', lang, {
      order: note.orderId,
      baseCurrency: settings.baseCurrency,
    });
    return renderCreditNote(note, settings, lang, extras);
  },
  refundCreditNote: async ({ tenant, params, body, expectedVersion }) =>
    (await occasional()).refundCreditNote(tenant, params.id, body, expectedVersion),
  listTickets: ({ tenant, query }) => tickets.listTickets(tenant, query),
  createTicket: async ({ tenant, body }) => {
    const ticket = await tickets.createTicket(tenant, body);
    return new Reply(ticket, { location: `/v1/tickets/${ticket.id}` });
  },
  getTicket: ({ tenant, params }) => tickets.getTicket(tenant, params.id),
  updateTicket: ({ tenant, params, body, expectedVersion }) =>
    tickets.updateTicket(tenant, params.id, body, expectedVersion),
  listTicketComments: ({ tenant, params }) => tickets.listComments(tenant, params.id),
  addTicketComment: ({ tenant, params, body }) => tickets.addComment(tenant, params.id, body),
  getAfterSalesReport: async ({ tenant, query }) => (await occasional()).afterSalesReport(tenant, query),
  getCustomerTimeline: async ({ tenant, params }) => (await occasional()).customerTimeline(tenant, params.id),
  getRating: ({ params }) => viewRating(params.token),
  rate: ({ params, body }) => rate(params.token, body),
});
