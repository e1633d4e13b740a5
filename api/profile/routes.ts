// The citizen's profile (/api/v1/me/profile: contacts confirmed with one-time codes, the bank account for payments
// from the state, preferences) and agencies' reads of a person's contacts and bank account, with a stated purpose
// and legal basis (/api/v1/agency/persons/{personalCode}/…, agency staff and agency systems' tokens).
import { route, type RouteContext } from '../platform/routing';
import { notFound } from '../platform/errors';
import { ownProfileOf } from '../platform/auth/policy';
import type { Role } from '../platform/auth/principal';
import { CONTACT_KINDS, type ContactKind } from '../../db/profile/contacts';
import { changeBankAccount, changeContact, changePreferences, confirmCode, readProfile, resendCode } from './commands';
import { agencyReadsBankAccount, agencyReadsContacts } from './agency';
import type {
  ProfileAgencyReadQuery,
  ProfileBankAccountChange,
  ProfileContactChange,
  ProfileContactConfirm,
  ProfilePreferencesChange,
} from '../../forms/types/api';

const TAG = 'Profile';
const AGENCY_TAG = 'Person data';
const AGENCY_READERS: Role[] = ['agency-officer', 'agency-admin', 'agency-system'];

/** The caller's own personal code; 404 for a caller without one (an eIDAS identity the register does not link). */
function own(ctx: RouteContext): string {
  const personalCode = ownProfileOf(ctx.principal);
  if (!personalCode) throw notFound('profile');
  return personalCode;
}

function kindOf(ctx: RouteContext): ContactKind {
  const kind = ctx.params.kind as ContactKind;
  if (!CONTACT_KINDS.includes(kind)) throw notFound('kind of contact (email or phone)');
  return kind;
}

const RATE_LIMITED = {
  description: 'Too many codes sent for the account or to the address in the last hour: Retry-After',
  schema: 'error',
} as const;
const UNAVAILABLE = { description: 'The mail server or the SMS centre does not answer: try again later', schema: 'error' } as const;

export const profileRoutes = [
  route({
    method: 'get',
    path: '/api/v1/me/profile',
    tag: TAG,
    summary: 'Citizen: my contacts, bank account and preferences',
    auth: ['citizen'],
    responses: { 200: { description: 'The profile', schema: 'profile' }, 404: { description: 'No personal code', schema: 'error' } },
    async handler(ctx) {
      return { body: await readProfile(ctx, own(ctx)) };
    },
  }),
  route<ProfileContactChange>({
    method: 'put',
    path: '/api/v1/me/profile/contacts/:kind',
    tag: TAG,
    summary: 'Citizen: set my e-mail address or phone number; a one-time code is sent to it',
    auth: ['citizen'],
    body: 'profile-contact-change',
    responses: {
      202: {
        description: 'Saved unconfirmed; the code was sent (the same confirmed value: 202 without a code)',
        schema: 'profile-contact',
      },
      422: { description: 'Not an e-mail address or phone number', schema: 'error' },
      429: RATE_LIMITED,
      503: UNAVAILABLE,
    },
    async handler(ctx) {
      return { status: 202, body: await changeContact(ctx, own(ctx), kindOf(ctx), ctx.body.value) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/profile/contacts/:kind/code',
    tag: TAG,
    summary: 'Citizen: send a new one-time code to my unconfirmed contact',
    auth: ['citizen'],
    responses: {
      202: { description: 'Sent; earlier codes no longer work', schema: 'profile-contact' },
      404: { description: 'No such contact', schema: 'error' },
      409: { description: 'Already confirmed', schema: 'error' },
      429: RATE_LIMITED,
      503: UNAVAILABLE,
    },
    async handler(ctx) {
      return { status: 202, body: await resendCode(ctx, own(ctx), kindOf(ctx)) };
    },
  }),
  route<ProfileContactConfirm>({
    method: 'post',
    path: '/api/v1/me/profile/contacts/:kind/confirm',
    tag: TAG,
    summary: 'Citizen: confirm my contact with the one-time code sent to it',
    auth: ['citizen'],
    body: 'profile-contact-confirm',
    responses: {
      200: { description: 'Confirmed', schema: 'profile-contact' },
      422: { description: 'code_wrong (attempts left), code_expired, code_void (5 wrong), code_no_code (used or none)', schema: 'error' },
    },
    async handler(ctx) {
      return { body: await confirmCode(ctx, own(ctx), kindOf(ctx), ctx.body.code) };
    },
  }),
  route<ProfileBankAccountChange>({
    method: 'put',
    path: '/api/v1/me/profile/bank-account',
    tag: TAG,
    summary: 'Citizen: set the account the state pays me into',
    auth: ['citizen'],
    body: 'profile-bank-account-change',
    responses: {
      200: { description: 'Saved', schema: 'profile-bank-account' },
      422: { description: 'iban_malformed, iban_check_digits, iban_not_sepa, or holder_name_mismatch (not my name)', schema: 'error' },
      503: { description: 'The population register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      return { body: await changeBankAccount(ctx, own(ctx), ctx.body) };
    },
  }),
  route<ProfilePreferencesChange>({
    method: 'put',
    path: '/api/v1/me/profile/preferences',
    tag: TAG,
    summary: 'Citizen: my language and notification channels',
    auth: ['citizen'],
    body: 'profile-preferences-change',
    responses: {
      200: { description: 'Saved', schema: 'profile-preferences' },
      422: { description: 'channel_not_confirmed: e-mail or SMS without a confirmed contact', schema: 'error' },
    },
    async handler(ctx) {
      return { body: await changePreferences(ctx, own(ctx), ctx.body) };
    },
  }),
  route<unknown, ProfileAgencyReadQuery>({
    method: 'get',
    path: '/api/v1/agency/persons/:personalCode/contacts',
    params: { personalCode: 'personalCode' },
    tag: AGENCY_TAG,
    summary: "Agency: a person's confirmed contacts, for a stated purpose and legal basis (audited)",
    auth: AGENCY_READERS,
    query: 'profile-agency-read-query',
    responses: {
      200: { description: 'The confirmed contacts', schema: 'profile-agency-contacts' },
      400: {
        description: 'purpose or legalBasis missing, or an embargo not after today or more than ten years ahead (invalid_embargo)',
        schema: 'error',
      },
    },
    async handler(ctx) {
      return { headers: { 'Cache-Control': 'no-store' }, body: await agencyReadsContacts(ctx, ctx.params.personalCode, ctx.query) };
    },
  }),
  route<unknown, ProfileAgencyReadQuery>({
    method: 'get',
    path: '/api/v1/agency/persons/:personalCode/bank-account',
    params: { personalCode: 'personalCode' },
    tag: AGENCY_TAG,
    summary: "Agency: a person's account for payments from the state, for a stated purpose and legal basis (audited)",
    auth: AGENCY_READERS,
    query: 'profile-agency-read-query',
    responses: {
      200: { description: 'The account, or null', schema: 'profile-agency-bank-account' },
      400: {
        description: 'purpose or legalBasis missing, or an embargo not after today or more than ten years ahead (invalid_embargo)',
        schema: 'error',
      },
    },
    async handler(ctx) {
      return { headers: { 'Cache-Control': 'no-store' }, body: await agencyReadsBankAccount(ctx, ctx.params.personalCode, ctx.query) };
    },
  }),
];
