// A small schema with the API's shape: nested Relay connections under the viewer and audits.
import { buildSchema } from 'graphql';

export const schema = buildSchema(/* GraphQL */ `
  directive @a on FIELD

  type Query {
    viewer: User
    audit(id: ID!): Audit
    audits(first: Int, after: String, last: Int, before: String): AuditConnection!
  }

  type Subscription {
    auditProgress(id: ID!): AuditProgress!
  }

  type User {
    id: ID!
    email: String!
    name: String
    audits(first: Int, after: String, last: Int, before: String): AuditConnection!
  }

  type AuditConnection {
    edges: [AuditEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type AuditEdge {
    cursor: String!
    node: Audit!
  }

  type Audit {
    id: ID!
    url: String!
    status: String!
    score: Float
    owner: User!
    findings(first: Int, after: String, last: Int, before: String): FindingConnection!
  }

  type FindingConnection {
    edges: [FindingEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type FindingEdge {
    cursor: String!
    node: Finding!
  }

  type Finding {
    id: ID!
    title: String!
    severity: String!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type AuditProgress {
    audit: Audit!
    progress: Float!
  }
`);
