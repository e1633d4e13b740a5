// Every page of the app, each loaded when first visited (React.lazy): the first page a citizen opens downloads only
// the shell and that page, the form renderer and its validator (@rjsf, ajv) come with the form pages, and the staff,
// agency and catalogue consoles never reach a citizen's browser. Layout shows the fallback while a page loads.
import { lazy, type ComponentType } from 'react';

/** A lazily loaded page from a module's named export. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page's props are whatever the page declares
function page<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

export const SignIn = page(() => import('./auth/SignIn'), 'SignIn');
export const SignedIn = page(() => import('./auth/SignedIn'), 'SignedIn');
export const Dashboard = page(() => import('../cases/Dashboard'), 'Dashboard');
export const Services = page(() => import('../applications/Services'), 'Services');
export const MyCases = page(() => import('../cases/MyCases'), 'MyCases');
export const CasePage = page(() => import('../cases/CasePage'), 'CasePage');
export const ApplicationPage = page(() => import('../applications/ApplicationPage'), 'ApplicationPage');
export const Confirmation = page(() => import('../applications/Confirmation'), 'Confirmation');
export const Inbox = page(() => import('../applications/tasks/Inbox'), 'Inbox');
export const TaskPage = page(() => import('../applications/tasks/TaskPage'), 'TaskPage');
export const NotFound = page(() => import('./NotFound'), 'NotFound');
export const AssistStart = page(() => import('../assist/staff/AssistStart'), 'AssistStart');
export const AssistSession = page(() => import('../assist/staff/AssistSession'), 'AssistSession');
export const CounterStart = page(() => import('../assist/counter/CounterStart'), 'CounterStart');
export const CounterApplication = page(() => import('../assist/counter/CounterApplication'), 'CounterApplication');
export const DelegationsPage = page(() => import('../delegations/DelegationsPage'), 'DelegationsPage');
export const AppsPage = page(() => import('../apps/AppsPage'), 'AppsPage');
export const MyRegisterData = page(() => import('../register-data/MyRegisterData'), 'MyRegisterData');
export const ProfilePage = page(() => import('../profile/ProfilePage'), 'ProfilePage');
export const DataUsePage = page(() => import('../data-use/DataUsePage'), 'DataUsePage');
export const RepresentedPage = page(() => import('../organisations/RepresentedPage'), 'RepresentedPage');
export const OrganisationPage = page(() => import('../organisations/OrganisationPage'), 'OrganisationPage');
export const MyInvoices = page(() => import('../billing/MyInvoices'), 'MyInvoices');
export const InvoicePage = page(() => import('../billing/InvoicePage'), 'InvoicePage');
export const PaymentReturn = page(() => import('../billing/PaymentReturn'), 'PaymentReturn');
export const AgencyInvoices = page(() => import('../billing/AgencyInvoices'), 'AgencyInvoices');
export const SuspensePage = page(() => import('../billing/SuspensePage'), 'SuspensePage');
export const IssueInvoice = page(() => import('../billing/IssueInvoice'), 'IssueInvoice');
export const CatalogSearch = page(() => import('../catalog/public/CatalogSearch'), 'CatalogSearch');
export const ServicePage = page(() => import('../catalog/public/ServicePage'), 'ServicePage');
export const AgencyCatalog = page(() => import('../catalog/agency/AgencyCatalog'), 'AgencyCatalog');
export const EntryPage = page(() => import('../catalog/agency/EntryPage'), 'EntryPage');
export const EditorPage = page(() => import('../catalog/editor/EditorPage'), 'EditorPage');
export const ReviewQueue = page(() => import('../catalog/reviews/ReviewQueue'), 'ReviewQueue');
export const ReviewPage = page(() => import('../catalog/reviews/ReviewPage'), 'ReviewPage');
export const StalePage = page(() => import('../catalog/stale/StalePage'), 'StalePage');
export const MyHistory = page(() => import('../timeline/MyHistory'), 'MyHistory');
export const ClientHistory = page(() => import('../timeline/ClientHistory'), 'ClientHistory');
