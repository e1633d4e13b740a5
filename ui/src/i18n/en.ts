// English texts: the same keys as lv.ts.
import type { lv } from './lv';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const en: Texts<typeof lv> = {
  layout: {
    skip: 'Skip to content', brand: 'Public services portal', signedInAs: 'Signed in: {{name}}', signOut: 'Sign out',
    nav: 'Main navigation', language: 'Language', footer: 'Public services portal of the state administration · demo environment',
  },
  nav: { dashboard: 'Home', services: 'Services', cases: 'My cases', inbox: 'Agency tasks', assist: 'Assist citizens' },
  status: {
    draft: 'Draft', submitted: 'Submitted', in_progress: 'In progress', info_requested: 'More information requested',
    awaiting_payment: 'Awaiting payment', answered: 'Answered', licence_issued: 'Licence issued', rejected: 'Rejected',
    completed: 'Completed', withdrawn: 'Withdrawn',
  },
  channel: { eservice: 'E-service', in_person: 'In person', phone: 'Phone', email: 'E-mail', post: 'Post', other: 'Other' },
  case: { history: 'Status history' },
  common: { cancel: 'Cancel' },
  errors: {
    summaryTitle: 'There is a problem', generic: 'Something went wrong. Please try again.',
    keyword: {
      required: 'This field is required', minLength: 'Too short: at least {{limit}} characters', maxLength: 'Too long: at most {{limit}} characters',
      pattern: 'Wrong format', format: 'Wrong format', const: 'Please confirm', enum: 'Choose one of the values',
      type: 'Wrong value', unknown_field: 'Unknown field', minimum: 'Too small', maximum: 'Too large',
    },
  },
  signIn: {
    title: 'Sign in', unavailable: 'The demo sign-in is not available.', failed: 'Signing in failed.',
    demo: 'Demo sign-in.', demoHelp: 'This is not real authentication: choose one of the test personas.',
  },
  notFound: { title: 'Page not found', home: 'Go to the home page' },
  dashboard: {
    title: 'Home', greeting: 'Hello, {{name}}!', lead: 'Information from the state registers in one click, your cases and drafts.',
    address: 'Declared address', addressHelp: 'A statement from the population register at once, no form.',
    addressButton: 'Get the statement', asking: 'Asking the register…', addressFailed: 'The statement could not be obtained.', openStatement: 'Open the statement case',
    openCases: 'Open cases', allCases: 'All my cases', drafts: 'Drafts to resume', noDrafts: 'No drafts.',
    savedAt: 'Saved {{date}}', servicesCard: 'E-services', servicesHelp: 'Find and start an e-service.', browse: 'All services',
  },
  services: {
    title: 'E-services', search: 'Search services', start: 'Start', starting: 'Opening…', startNamed: 'Start: {{title}}',
    startFailed: 'The service could not be opened.',
    count_zero: '{{count}} services found', count_one: '{{count}} service found', count_other: '{{count}} services found',
  },
  application: {
    title: 'Application', notFound: 'Application not found.', caseId: 'Case number', status: 'Status', fillIn: 'Fill in the form',
    draftHelp: 'What you enter is saved automatically; you can continue the draft until {{date}}, on another device too.',
    submit: 'Submit', submitting: 'Submitting…', stale: 'The draft changed meanwhile. Review it and submit again.',
    waitingFor: 'Waiting for an answer from: {{system}}', submittedData: 'Submitted data',
  },
  autosave: {
    idle: 'Changes are saved automatically', pending: 'Unsaved changes…', saving: 'Saving…', saved: 'Saved',
    savedAt: 'Saved {{time}}', error: 'Could not save; will try again', closed: 'The application has been submitted',
  },
  documents: { title: 'Documents', download: 'Download: {{title}}', failed: 'The document could not be downloaded.' },
  withdraw: { title: 'Withdraw the application', start: 'Withdraw the application', reason: 'Reason (optional)', confirm: 'Confirm withdrawal' },
  info: {
    title: 'Answer the request', help: 'The agency asks for more information. Correct the data and attach files if needed.',
    files: 'Attachments (PDF, PNG, JPEG, text)', send: 'Send the answer',
  },
  cases: {
    title: 'My cases', lead: 'All your cases in every channel — e-services, in person, phone, post.', none: 'You have no cases yet.',
    changed: 'Case {{id}} status: {{status}}', asRepresentative: 'as representative', showHistory: 'Show history',
    open: 'Open', openNamed: 'Open case {{id}}',
  },
  inbox: {
    title: 'Agency tasks', status: 'Status', mine: 'Mine only', empty: 'No tasks.', task: 'Task', recipient: 'Applicant',
    case: 'Case', due: 'Due', state: 'State', overdue: 'overdue',
    caption_zero: '{{count}} tasks', caption_one: '{{count}} task', caption_other: '{{count}} tasks',
    sort: 'Sort', sorts: { due_at: 'By due date', '-created_at': 'Newest first' },
    filter: { active: 'Active', open: 'New', claimed: 'Claimed', completed: 'Completed' },
  },
  task: {
    title: 'Task', notFound: 'Task not found.', back: '← Back to tasks', recipient: 'Applicant', claim: 'Claim',
    claimed: 'The task is yours now.', claimedBy: 'Claimed by: {{name}}', decided: 'Decided. Case status: {{status}}',
    completed: 'Completed: {{outcome}}', data: 'Application data', files: 'Attachments',
  },
  decision: {
    title: 'Decision', outcome: 'Decision', chooseOutcome: 'Choose a decision', message: 'Message to the citizen',
    messageHint: 'Required when rejecting or asking for more information.', messageRequired: 'Write a message to the citizen',
    submit: 'Decide', outcomes: { approve: 'Approve', reject: 'Reject', requestInfo: 'Ask for more information' },
  },
  cobrowse: {
    theCitizen: 'The citizen', staffMember: 'Staff member', changedBy: 'Changed by {{name}}', changedByCitizen: 'Changed by the citizen',
    changeAnnounced: '{{name}} changed “{{field}}”.', citizenHere: 'The citizen is on this field',
  },
  help: {
    title: 'Get help',
    lead: 'If an employee of a customer centre or an agency is helping you, create a code and read it out to them. They will see this form as you do. You can stop their access at any moment.',
    leadPortal: 'If a portal support specialist is helping with a technical problem, create a code and read it out. The specialist will see which page you are on, but not your personal code or other sensitive data, and cannot change anything.',
    modeLegend: 'What may the helper do?',
    modes: { view: 'View only', assist: 'View, fill in and submit for me' },
    modeHints: { view: 'sees the form but changes nothing', assist: 'may correct fields and submit the application on your behalf' },
    create: 'Create a code', creating: 'Creating…', codeTitle: 'Your code',
    codeHelp: 'Read this code out to the staff member. It works once, until {{time}}.',
    codeMode: { view: 'They will only be able to view.', assist: 'They will be able to fill in and submit.' },
    codeExpired: 'The code has expired. Create a new one.', cancelCode: 'Cancel the code', newCode: 'Create a new code',
    codeCancelled: 'The code has been cancelled.', watching: 'Who can see your form', watchingPortal: 'Who can see your portal session',
    watcherMode: { view: 'viewing only', assist: 'may fill in and submit' },
    roles: { 'kac-staff': 'customer centre', 'agency-officer': 'agency staff', 'support-specialist': 'portal support' },
    switchTo: { view: 'Allow viewing only', assist: 'Allow filling in' },
    stop: 'Stop access', stopped: '{{name}} can no longer see your data.',
    joined: '{{name}} joined: {{mode}}.', modeChanged: '{{name}} now {{mode}}.',
  },
  assist: {
    title: 'Assist a citizen', lead: 'Ask the citizen to create a code under “Get help” in the portal and read it out to you.',
    codeLabel: 'Join code', codeHint: 'Eight characters, for example ABCD-EFGH.', codeRequired: 'Enter the code',
    codeFormat: 'The code has eight letters or digits, for example ABCD-EFGH', join: 'Join',
    joinErrors: {
      invalid_code: 'No such code. Ask the citizen to read it out again.', code_used: 'This code has been used already; each code works once.',
      code_expired: 'The code has expired. Ask for a new one.', code_revoked: 'The citizen has revoked this code.',
      wrong_scope: 'This code is meant for a portal support specialist.', validation_failed: 'The code has eight letters or digits, for example ABCD-EFGH',
      no_consent: 'You no longer have access to this session: the citizen stopped it or it ended.',
    },
    sessionTitle: 'Co-browsing session with a citizen', recipient: 'Citizen', application: 'Application', portalSession: 'Portal session',
    modeLabel: 'Mode', modes: { view: 'View', assist: 'Assist (may edit and submit)' },
    presenceTitle: 'What the citizen sees', page: 'Page', step: 'Step', focus: 'Field the citizen is on', errors: 'Errors on the citizen’s screen',
    noFocus: 'none', noErrors: 'None', unknown: 'unknown', seenAt: 'Updated',
    steps: { form: 'Filling in the form' },
    pages: { dashboard: 'Home', services: 'List of services', cases: 'My cases', signIn: 'Sign-in', application: 'Application {{id}}' },
    formTitle: 'The citizen’s form', assistHint: 'The citizen sees your changes at once, marked with your name.',
    viewHint: 'View mode: the fields cannot be changed.', frozenHint: 'The application has been submitted: the form can no longer change.', maskedHint: 'Sensitive data (such as the personal code and phone number) is masked.',
    submit: 'Submit on the citizen’s behalf', submitted: 'Submitted on the citizen’s behalf. Case status: {{status}}.',
    submitErrors: { no_basis: 'Submitting needs the citizen’s consent in assist mode, a written mandate or a registered delegation.', not_draft: 'The application has been submitted already.' },
    notDraft: 'The application is no longer a draft (status: {{status}}).', leave: 'Leave the session',
    ended: {
      revoked: 'The citizen stopped the session. You no longer have access to their data.', left: 'You left the session.',
      ended: 'The session has ended.', expired: 'The session has expired.',
    },
    another: 'Enter another code', reconnecting: 'The connection dropped; reconnecting… Your changes will be sent.',
    modeNow: { view: 'The citizen now allows viewing only.', assist: 'The citizen now allows filling in and submitting.' },
  },
  enum: {
    owner: 'Owner', tenant: 'Tenant', 'family-member': 'Family member', other: 'Other',
    personal: 'Personal use', employer: 'For the employer', bank: 'For a bank',
  },
};
