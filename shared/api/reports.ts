import * as z from 'zod';

export const Dashboard = z.object({
  customers: z.object({
    createdToday: z.number().int(),
    createdThisMonth: z.number().int(),
    createdByDay: z.array(z.object({ date: z.string(), count: z.number().int() })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;
