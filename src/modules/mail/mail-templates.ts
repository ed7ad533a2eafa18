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
