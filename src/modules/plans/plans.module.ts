// Plans and quotas: what each account may run.
import type { AppModule } from '../module.types.js';
import { AuditQuotaUsage, UserPlan } from './plan.entity.js';
import { UserPlanResolver } from './plan.resolver.js';

export const plansModule: AppModule = {
  name: 'plans',
  entities: [UserPlan, AuditQuotaUsage],
  resolvers: [UserPlanResolver],
  nodeTypes: [],
};
