// Routes. Signed-out visitors go to the sign-in page (national sign-in, and the demo personas outside production);
// citizens get the portal, officers the console. Each page is its own chunk, loaded when first visited (./pages.ts).
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { homeOf, isAssistStaff, isCitizen, isInvoiceIssuer, isOfficer } from './auth/session';
import { isCounterStaff } from '../assist/roles';
import { RealtimeProvider } from './api/realtime';
import { Layout } from './Layout';
import {
  SignIn,
  SignedIn,
  Dashboard,
  Services,
  MyCases,
  MyHistory,
  ClientHistory,
  CasePage,
  ApplicationPage,
  Confirmation,
  Inbox,
  TaskPage,
  NotFound,
  AssistStart,
  AssistSession,
  CounterStart,
  CounterApplication,
  DelegationsPage,
  AppsPage,
  MyRegisterData,
  ProfilePage,
  DataUsePage,
  RepresentedPage,
  OrganisationPage,
  MyInvoices,
  InvoicePage,
  PaymentReturn,
  AgencyInvoices,
  SuspensePage,
  IssueInvoice,
  CatalogSearch,
  ServicePage,
  AgencyCatalog,
  EntryPage,
  EditorPage,
  ReviewQueue,
  ReviewPage,
  StalePage,
} from './pages';
import { isCatalogAuthor, isCatalogReviewer, isCatalogStaff } from '../catalog/roles';

const ALLOWED = {
  citizen: isCitizen,
  officer: isOfficer,
  invoiceIssuer: isInvoiceIssuer,
  staff: isAssistStaff,
  counter: isCounterStaff,
  catalogAuthor: isCatalogAuthor,
  catalogReviewer: isCatalogReviewer,
  catalogStaff: isCatalogStaff,
};

function Require({ role, children }: { role: keyof typeof ALLOWED; children: ReactNode }) {
  const { principal } = useAuth();
  const location = useLocation();
  if (!principal) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (!ALLOWED[role](principal)) return <Navigate to={homeOf(principal)} replace />;
  return <>{children}</>;
}

function Home() {
  const { principal } = useAuth();
  if (!principal) return <Navigate to="/sign-in" replace />;
  if (!isCitizen(principal) && homeOf(principal) !== '/') return <Navigate to={homeOf(principal)} replace />;
  return <Dashboard />;
}

export function App() {
  return (
    <AuthProvider>
      <RealtimeProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<Home />} />
              <Route path="sign-in" element={<SignIn />} />
              <Route path="signed-in" element={<SignedIn />} />
              <Route
                path="services"
                element={
                  <Require role="citizen">
                    <Services />
                  </Require>
                }
              />
              <Route
                path="cases"
                element={
                  <Require role="citizen">
                    <MyCases />
                  </Require>
                }
              />
              <Route
                path="cases/:id"
                element={
                  <Require role="citizen">
                    <CasePage />
                  </Require>
                }
              />
              <Route
                path="applications/:id"
                element={
                  <Require role="citizen">
                    <ApplicationPage />
                  </Require>
                }
              />
              <Route
                path="applications/:id/confirmation"
                element={
                  <Require role="citizen">
                    <Confirmation />
                  </Require>
                }
              />
              <Route
                path="invoices"
                element={
                  <Require role="citizen">
                    <MyInvoices />
                  </Require>
                }
              />
              <Route
                path="invoices/:id"
                element={
                  <Require role="citizen">
                    <InvoicePage />
                  </Require>
                }
              />
              <Route
                path="payments/online/:id"
                element={
                  <Require role="citizen">
                    <PaymentReturn />
                  </Require>
                }
              />
              <Route
                path="history"
                element={
                  <Require role="citizen">
                    <MyHistory />
                  </Require>
                }
              />
              <Route
                path="officer/clients"
                element={
                  <Require role="officer">
                    <ClientHistory />
                  </Require>
                }
              />
              <Route
                path="officer/clients/:personalCode"
                element={
                  <Require role="officer">
                    <ClientHistory />
                  </Require>
                }
              />
              <Route
                path="officer/tasks"
                element={
                  <Require role="officer">
                    <Inbox />
                  </Require>
                }
              />
              <Route
                path="officer/tasks/:id"
                element={
                  <Require role="officer">
                    <TaskPage />
                  </Require>
                }
              />
              <Route
                path="agency/invoices"
                element={
                  <Require role="officer">
                    <AgencyInvoices />
                  </Require>
                }
              />
              <Route
                path="agency/invoices/new"
                element={
                  <Require role="invoiceIssuer">
                    <IssueInvoice />
                  </Require>
                }
              />
              <Route
                path="agency/invoices/:id"
                element={
                  <Require role="officer">
                    <InvoicePage agency />
                  </Require>
                }
              />
              <Route
                path="agency/suspense"
                element={
                  <Require role="officer">
                    <SuspensePage />
                  </Require>
                }
              />
              <Route
                path="assist"
                element={
                  <Require role="staff">
                    <AssistStart />
                  </Require>
                }
              />
              <Route
                path="assist/counter"
                element={
                  <Require role="counter">
                    <CounterStart />
                  </Require>
                }
              />
              <Route
                path="assist/counter/:id"
                element={
                  <Require role="counter">
                    <CounterApplication />
                  </Require>
                }
              />
              <Route
                path="assist/:grantId"
                element={
                  <Require role="staff">
                    <AssistSession />
                  </Require>
                }
              />
              <Route
                path="delegations"
                element={
                  <Require role="citizen">
                    <DelegationsPage />
                  </Require>
                }
              />
              <Route
                path="apps"
                element={
                  <Require role="citizen">
                    <AppsPage />
                  </Require>
                }
              />
              <Route
                path="my-data"
                element={
                  <Require role="citizen">
                    <MyRegisterData />
                  </Require>
                }
              />
              <Route
                path="profile"
                element={
                  <Require role="citizen">
                    <ProfilePage />
                  </Require>
                }
              />
              <Route
                path="my-data/use"
                element={
                  <Require role="citizen">
                    <DataUsePage />
                  </Require>
                }
              />
              <Route
                path="organisations"
                element={
                  <Require role="citizen">
                    <RepresentedPage />
                  </Require>
                }
              />
              <Route
                path="organisations/:regNo"
                element={
                  <Require role="citizen">
                    <OrganisationPage />
                  </Require>
                }
              />
              <Route path="catalog" element={<CatalogSearch />} />
              <Route
                path="catalog/reviews"
                element={
                  <Require role="catalogReviewer">
                    <ReviewQueue />
                  </Require>
                }
              />
              <Route
                path="catalog/reviews/:serviceId/:version"
                element={
                  <Require role="catalogReviewer">
                    <ReviewPage />
                  </Require>
                }
              />
              <Route
                path="catalog/stale"
                element={
                  <Require role="catalogStaff">
                    <StalePage />
                  </Require>
                }
              />
              <Route path="catalog/:id" element={<ServicePage />} />
              <Route
                path="agency/catalog"
                element={
                  <Require role="catalogStaff">
                    <AgencyCatalog />
                  </Require>
                }
              />
              <Route
                path="agency/catalog/new"
                element={
                  <Require role="catalogAuthor">
                    <EditorPage />
                  </Require>
                }
              />
              <Route
                path="agency/catalog/:id"
                element={
                  <Require role="catalogStaff">
                    <EntryPage />
                  </Require>
                }
              />
              <Route
                path="agency/catalog/:id/edit"
                element={
                  <Require role="catalogAuthor">
                    <EditorPage key="edit" />
                  </Require>
                }
              />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </RealtimeProvider>
    </AuthProvider>
  );
}
