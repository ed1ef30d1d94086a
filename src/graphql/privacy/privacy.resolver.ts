import { Arg, Authorized, Ctx, ID, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { keyResolverFor } from '../../auth/keyResolver';
import { POLICY } from '../../auth/policy';
import { eraseCustomer } from '../../privacy/erase';
import { exportCustomerData } from '../../privacy/export';
import type { Context } from '../context';
import { CustomerDataExport, CustomerErasure } from './privacy.type';

@Resolver()
export class PrivacyResolver {
  @Authorized(...POLICY.dataExport)
  @UseMiddleware(OwnCustomer('userId'))
  @Mutation(() => CustomerDataExport, { description: 'Everything FinRec stores about the customer, as JSON in a typed envelope (CUSTOMER keys: their own only)' })
  exportCustomerData(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<CustomerDataExport> {
    return exportCustomerData(ctx.db, userId);
  }

  @Authorized(...POLICY.admin)
  @Mutation(() => CustomerErasure, {
    description: 'Erase the customer in one transaction: profile, interactions, feedback and risk assessments deleted, API keys revoked, served lists kept under a pseudonym for the audit trail',
  })
  async eraseCustomer(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<CustomerErasure> {
    const erased = await eraseCustomer(ctx.db, userId);
    ctx.scoring.forget(userId); // no ranking or last-good list of the erased customer may be served again
    if (erased.apiKeysRevoked > 0) keyResolverFor(ctx.db).forgetAll(); // their keys stop working at once, not after the key cache's TTL
    return erased;
  }
}
