// Plans and quotas: what each account may run.
import type { AppModule } from '../module.types.js';
import { AuditQuotaUsage, WorkspacePlan } from './plan.entity.js';
import { UserPlanResolver, WorkspacePlanResolver } from './plan.resolver.js';

export const plansModule: AppModule = {
  name: 'plans',
  entities: [WorkspacePlan, AuditQuotaUsage],
  resolvers: [UserPlanResolver, WorkspacePlanResolver],
  nodeTypes: [],
};
