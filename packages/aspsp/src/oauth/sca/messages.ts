import type { Locale } from './locale.ts';

/** Every text the customer reads, per language. Placeholders: {tpp}, {destination}, {left}. */
const FR = {
  bank: 'Banque Populaire',
  sandboxNotice: 'Environnement de test (sandbox) — aucune donnée réelle.',
  loginTitle: 'Identifiez-vous',
  loginIntro: '{tpp} souhaite accéder à vos comptes. Identifiez-vous pour continuer.',
  username: 'Identifiant banque à distance',
  continue: 'Continuer',
  cancel: 'Annuler et revenir',
  unknownUser: 'Identifiant inconnu. Vérifiez votre saisie.',
  password: 'Mot de passe',
  wrongCredentials: 'Identifiant ou mot de passe incorrect. Vérifiez votre saisie.',
  otpTitle: 'Authentification forte',
  otpIntro: 'Saisissez le code reçu par SMS au {destination}.',
  otp: 'Code SMS',
  confirm: 'Valider',
  wrongOtp: 'Code incorrect. Il vous reste {left} essai(s).',
  consentTitle: 'Votre consentement',
  consentCbpii:
    '{tpp} souhaite pouvoir vérifier, lors de vos paiements par carte, que vos comptes peuvent les couvrir.',
  // What PUT /consents may then forward (STET Access): the PSU is told of all of it here, at the bank.
  consentAisp:
    '{tpp} souhaite consulter les soldes et les opérations des comptes que vous choisissez, ainsi que la liste de vos bénéficiaires de confiance et vos nom et prénom.',
  chooseAccounts: 'Comptes concernés',
  noAccountChosen: 'Choisissez au moins un compte.',
  statusClosed: 'clôturé',
  statusBlocked: 'bloqué',
  approve: 'Autoriser',
  deny: 'Refuser',
  inactivity: 'Sans action de votre part pendant {minutes} minutes, vous serez redirigé vers {tpp}.',
  errorTitle: 'Demande impossible',
  sessionExpired: 'Votre session a expiré. Revenez à votre application pour recommencer.',
  tooManyRequests: 'Trop de demandes depuis votre connexion. Réessayez dans une minute.',
  inputRefused: 'Demande refusée : {problem}. Revenez à votre application pour recommencer.',
  internalError: 'Erreur interne de la banque. Revenez à votre application et réessayez plus tard.',
};

const EN: typeof FR = {
  bank: 'Banque Populaire',
  sandboxNotice: 'Test environment (sandbox) — no real data.',
  loginTitle: 'Sign in',
  loginIntro: '{tpp} asks to access your accounts. Sign in to continue.',
  username: 'Online banking ID',
  continue: 'Continue',
  cancel: 'Cancel and go back',
  unknownUser: 'Unknown ID. Please check what you typed.',
  password: 'Password',
  wrongCredentials: 'Wrong ID or password. Please check what you typed.',
  otpTitle: 'Strong authentication',
  otpIntro: 'Enter the code sent by SMS to {destination}.',
  otp: 'SMS code',
  confirm: 'Confirm',
  wrongOtp: 'Wrong code. {left} attempt(s) left.',
  consentTitle: 'Your consent',
  consentCbpii: '{tpp} asks to check, when you pay by card, that your accounts can cover the payment.',
  consentAisp:
    '{tpp} asks to read the balances and transactions of the accounts you choose, your trusted beneficiaries and your first and last name.',
  chooseAccounts: 'Accounts',
  noAccountChosen: 'Choose at least one account.',
  statusClosed: 'closed',
  statusBlocked: 'blocked',
  approve: 'Allow',
  deny: 'Refuse',
  inactivity: 'Without any action for {minutes} minutes, you will be sent back to {tpp}.',
  errorTitle: 'Request not possible',
  sessionExpired: 'Your session has expired. Go back to your application to start again.',
  tooManyRequests: 'Too many requests from your connection. Try again in a minute.',
  inputRefused: 'Request refused: {problem}. Go back to your application to start again.',
  internalError: 'Internal error at the bank. Go back to your application and try again later.',
};

export type Messages = typeof FR;

export function messages(locale: Locale): Messages {
  return locale === 'en' ? EN : FR;
}

export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
