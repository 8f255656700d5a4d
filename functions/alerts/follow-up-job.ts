import { job } from '#functions/platform/jobs.ts';
import { remindFollowUps } from './inbox.ts';

/** Hourly: notes whose next follow-up has come remind the customer's owner (once). */
export const handler = job('follow-up-reminders', remindFollowUps);
