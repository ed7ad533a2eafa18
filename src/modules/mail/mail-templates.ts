// The emails the service sends: plain text, one purpose each, links to PUBLIC_URL.

export interface MailContent {
  subject: string;
  text: string;
}

const SIGNATURE = '\n\n— AEO Audit\n';

/** A link for an email: `<publicUrl>/<path>`, with `?token=<token>` when there is one. */
export function emailLink(publicUrl: string, path: string, token?: string): string {
  return `${publicUrl}/${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function passwordResetMail(link: string, ttlMinutes: number): MailContent {
  return {
    subject: 'Reset your AEO Audit password',
    text:
      `Someone asked to reset the password of your AEO Audit account.\n\n` +
      `To choose a new password, open this link within ${ttlMinutes} minutes:\n${link}\n\n` +
      `Using it signs you out everywhere. If you did not ask for this, ignore this email: your ` +
      `password stays as it is.` +
      SIGNATURE,
  };
}

export function verifyEmailMail(link: string, ttlHours: number): MailContent {
  return {
    subject: 'Confirm your email address for AEO Audit',
    text:
      `Welcome to AEO Audit. Please confirm that this address is yours by opening this link ` +
      `within ${ttlHours} hours:\n${link}\n\nIf you did not create an account, ignore this email.` +
      SIGNATURE,
  };
}

export function registrationAttemptMail(signInLink: string, resetLink: string): MailContent {
  return {
    subject: 'Someone tried to create an AEO Audit account with your address',
    text:
      `Someone tried to create a new AEO Audit account with this email address, which already ` +
      `has one. If it was you, sign in instead:\n${signInLink}\n\nForgot your password? ` +
      `Reset it here:\n${resetLink}\n\nIf it was not you, you can ignore this email.` +
      SIGNATURE,
  };
}

export function confirmEmailChangeMail(link: string, ttlHours: number): MailContent {
  return {
    subject: 'Confirm your new email address for AEO Audit',
    text:
      `You asked to use this address for your AEO Audit account. To confirm, open this link ` +
      `within ${ttlHours} hours:\n${link}\n\nIf you did not ask for this, ignore this email.` +
      SIGNATURE,
  };
}

export function emailTakenMail(signInLink: string): MailContent {
  return {
    subject: 'This address already has an AEO Audit account',
    text:
      `Someone asked to move an AEO Audit account to this address, but it already belongs to an ` +
      `account, so nothing was changed. If that account is yours, sign in here:\n${signInLink}\n\n` +
      `If you did not ask for this, ignore this email.` +
      SIGNATURE,
  };
}

export function emailChangeNoticeMail(newEmail: string, resetLink: string): MailContent {
  return {
    subject: 'Your AEO Audit email address is being changed',
    text:
      `Someone signed in to your AEO Audit account asked to change its address to ${newEmail}. ` +
      `The change happens only once the new address confirms it.\n\nIf this was not you, reset ` +
      `your password now, which signs everyone else out:\n${resetLink}` +
      SIGNATURE,
  };
}

export interface InvitationMailDetails {
  /** Who invited: their name and address, or the address alone. */
  inviter: string;
  workspace: string;
  role: string;
  roleDescription: string;
  /** The invited address (the account that accepts must have it). */
  email: string;
  acceptLink: string;
  declineLink: string;
  expiresAt: Date;
}

/** Names are free text: in a subject they keep to one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function workspaceInvitationMail(details: InvitationMailDetails): MailContent {
  const expires = `${details.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    subject: `You are invited to the workspace "${oneLine(details.workspace)}" on AEO Audit`,
    text:
      `${oneLine(details.inviter)} invited you to join the workspace "${oneLine(details.workspace)}" ` +
      `on AEO Audit with the role ${details.role}.\n${details.role}: ${details.roleDescription}\n\n` +
      `To accept, open this link and sign in with this address (${details.email}):\n` +
      `${details.acceptLink}\n\n` +
      `No account yet? Create one with ${details.email} first, then open the link again.\n\n` +
      `Not interested? Decline the invitation:\n${details.declineLink}\n\n` +
      `The invitation expires on ${expires}. If you did not expect it, you can ignore this email.` +
      SIGNATURE,
  };
}
