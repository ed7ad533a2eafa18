// Projects: a site and brand tracked over time, with scheduled runs and an event log.
import type { AppModule } from '../module.types.js';
import { ProjectEvent } from './project-event.entity.js';
import { Project } from './project.entity.js';
import {
  AuditProjectResolver,
  ProjectEventResolver,
  ProjectEventsSubscription,
  ProjectResolver,
  TrendPointResolver,
} from './project.resolver.js';

export const projectsModule: AppModule = {
  name: 'projects',
  entities: [Project, ProjectEvent],
  resolvers: [
    ProjectResolver,
    ProjectEventResolver,
    ProjectEventsSubscription,
    AuditProjectResolver,
    TrendPointResolver,
  ],
  nodeTypes: [
    { name: 'Project', entity: Project, fetch: (ctx, id) => ctx.services.projects.findVisible(ctx, id) },
    {
      name: 'ProjectEvent',
      entity: ProjectEvent,
      // An event is visible with its project.
      fetch: async (ctx, id) => {
        const event = await ctx.em.findOne(ProjectEvent, { id });
        return event && (await ctx.services.projects.findVisible(ctx, event.project.id)) ? event : null;
      },
    },
  ],
};
