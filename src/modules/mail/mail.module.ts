// Email: the outbox every message is written to, delivered by the mail job.
import type { AppModule } from '../module.types.js';
import { OutboxMessage } from './outbox-message.entity.js';

export const mailModule: AppModule = {
  name: 'mail',
  entities: [OutboxMessage],
  resolvers: [],
  nodeTypes: [],
};
