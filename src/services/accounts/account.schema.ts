import { z } from 'zod';

/** An account of the platform as the hotline sees it: enough to verify a caller and prioritise them. */
export const AccountRecordSchema = z
  .object({
    id: z.string().min(1),
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'phone is E.164, e.g. "+8613800138000"'),
    email: z.email().optional(),
    name: z.string().min(1),
    tier: z.enum(['standard', 'enterprise']).default('standard'),
    status: z.enum(['active', 'banned']).default('active'),
    enterpriseId: z.string().optional().describe('The blue-V enterprise id, for enterprise accounts.'),
  })
  .strict()
  .refine((a) => a.tier !== 'enterprise' || a.enterpriseId, { message: 'an enterprise account needs an enterpriseId', path: ['enterpriseId'] });
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

export const AccountsFileSchema = z.object({ accounts: z.array(AccountRecordSchema) }).strict();
