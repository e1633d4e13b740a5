// English texts of registered delegations and the counter (the `delegations` section of en.ts): the same keys as
// delegations-lv.ts.
import type { delegationsLv } from './delegations-lv';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const delegationsEn: Texts<typeof delegationsLv> = {
  nav: 'Delegations',
  title: 'Delegations',
  lead: 'Let someone you trust handle e-services on your behalf, for example at a unified state and municipal customer centre. You can revoke a delegation at any moment, and it ends at once.',
  given: 'Delegations I have given', held: 'Delegations I hold',
  noneGiven: 'You have not delegated to anyone yet.', noneHeld: 'Nobody has delegated to you.',
  columns: { representative: 'Representative', principal: 'Given by', scope: 'E-services', validity: 'Valid', status: 'Status', action: 'Action' },
  scopeAll: 'All e-services',
  validity: '{{from}} – {{until}}', validityOpen: 'from {{from}} until revoked',
  status: { active: 'Valid', scheduled: 'Not yet valid', expired: 'Expired', revoked: 'Revoked' },
  revoke: 'Revoke', revokeNamed: 'Revoke the delegation to {{name}}', confirmRevoke: 'Revoke the delegation to {{name}}? It ends at once.',
  confirm: 'Yes, revoke', keep: 'Keep it', revoked: 'The delegation to {{name}} has been revoked and is no longer valid.',
  form: {
    title: 'New delegation', personalCode: 'Representative’s personal code', personalCodeHint: 'For example 010180-12345.',
    name: 'Representative’s first name and surname', validFrom: 'Valid from', validUntil: 'Valid until (optional)',
    validUntilHint: 'Without an end date the delegation is valid until you revoke it (at most 10 years).',
    scope: 'For which e-services?', scopeAll: 'All e-services', scopeSome: 'Only the ones I choose', eservices: 'Chosen e-services',
    submit: 'Register the delegation', saving: 'Registering…', registered: 'The delegation to {{name}} has been registered.',
  },
  errors: {
    codeRequired: 'Enter the personal code', codeFormat: 'A personal code has 11 digits, for example 010180-12345',
    invalid_person_id: 'The personal code is not valid: check the digits', self_delegation: 'You cannot delegate to yourself',
    nameRequired: 'Enter the first name and surname', dateRequired: 'Enter a date', in_past: 'The date cannot be in the past',
    before_valid_from: 'The end date cannot be before the start date', too_long: 'A delegation can be valid for at most 10 years',
    unknown_eservice: 'There is no such e-service', chooseEservice: 'Choose at least one e-service',
    already_revoked: 'The delegation has been revoked already.', load: 'The delegations could not be loaded.',
  },
  counter: {
    mandateRecord: 'Recording the written mandate', mandateRecordHint: 'The representative is checked against the population register. The application opens only once the mandate is recorded.',
    repCode: 'Representative\'s personal code', repName: 'Representative\'s name (as on their identity document)',
    mandateFile: 'Scanned mandate', mandateFileHint: 'PDF, PNG or JPEG, up to 10 MB.',
    mandateValidFrom: 'Mandate valid from', mandateValidUntil: 'Mandate valid until (if stated)',
    link: 'Application at the counter on a mandate or delegation', linkHint: 'When the citizen or their representative is at the counter with a written mandate or a registered delegation.',
    title: 'Application at the counter', lead: 'Fill in and submit an e-service on a citizen’s behalf, on the basis of a written mandate or a registered delegation.',
    personalCode: 'Citizen’s personal code', personalCodeHint: 'The personal code of the person the application is for, for example 010180-12345.',
    find: 'Find delegations', finding: 'Searching…',
    basis: 'Basis for acting on the citizen’s behalf', mandate: 'Written mandate', mandateRef: 'Number, date and issuer of the mandate',
    mandateRefHint: 'For example No. 12/2026, 04.05.2026, notary I. Liepa.',
    delegation: 'Registered delegation: {{name}}, personal code {{code}}, {{validity}}',
    noDelegations: 'This person has no valid registered delegations.', checkIdentity: 'Check the representative’s identity document.',
    eservice: 'E-service', chooseEservice: 'Choose an e-service', open: 'Open the application', opening: 'Opening…',
    formTitle: 'The citizen’s application', recipient: 'Citizen', basisLabel: 'Basis', representative: 'Representative',
    basisNames: { mandate: 'written mandate', delegation: 'registered delegation' },
    loading: 'Loading data from the register…', submit: 'Submit on the citizen’s behalf', submitted: 'Submitted on the citizen’s behalf. Case status: {{status}}.',
    notDraft: 'The application is no longer a draft (status: {{status}}).', another: 'New application at the counter',
    errors: {
      fileRequired: 'Attach the scanned mandate', representative_name_mismatch: 'The name does not match the population register for this personal code',
      representative_not_in_register: 'The population register has no person with this personal code', no_mandate: 'The mandate is no longer valid (revoked or expired).',
      mandate_scope: 'The mandate does not cover this e-service.', expired: 'The mandate has expired', before_valid_from: 'The end date cannot be before the start date',
      self_mandate: 'The representative cannot be the principal', temporarily_unavailable: 'The population register does not answer right now. Try again in a moment.',
      lookupFirst: 'Find the delegations first', chooseBasis: 'Choose a basis', mandateRequired: 'Enter the number and date of the mandate (at least 3 characters)',
      no_delegation: 'The delegation is no longer valid (revoked or expired). Search again.', delegation_scope: 'The delegation does not cover this e-service.',
      no_basis: 'The basis for acting is no longer valid (the delegation was revoked or has expired).', not_draft: 'The application has been submitted already.',
      forbidden: 'Acting at the counter needs your account to belong to a customer centre.',
    },
  },
};
