// The root fields whose arguments carry a credential (a password, or a token standing for one:
// refresh, reset, verification and invitation tokens). The IDE never writes the variables of an
// operation calling one of them to the browser's storage (graphql-ide.client.ts). The test of the
// IDE derives this list from schema.graphql, so a new field of that kind fails CI until added here.
export const IDE_CREDENTIAL_FIELDS: readonly string[] = [
  'acceptInvitation',
  'changePassword',
  'confirmEmailChange',
  'declineInvitation',
  'deleteAccount',
  'login',
  'logout',
  'refreshSession',
  'register',
  'resetPassword',
  'updateProfile',
  'verifyEmail',
];
