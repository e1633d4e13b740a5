// Routes. Signed-out visitors go to the demo sign-in; citizens get the portal, officers the console.
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { isCitizen, isOfficer } from './auth/session';
import { RealtimeProvider } from './api/realtime';
import { Layout } from './components/Layout';
import { SignIn } from './pages/SignIn';
import { Dashboard } from './pages/Dashboard';
import { Services } from './pages/Services';
import { MyCases } from './pages/MyCases';
import { ApplicationPage } from './pages/application/ApplicationPage';
import { Inbox } from './officer/Inbox';
import { TaskPage } from './officer/TaskPage';
import { NotFound } from './pages/NotFound';

function Require({ role, children }: { role: 'citizen' | 'officer'; children: ReactNode }) {
  const { principal } = useAuth();
  const location = useLocation();
  if (!principal) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  const ok = role === 'citizen' ? isCitizen(principal) : isOfficer(principal);
  if (!ok) return <Navigate to={isOfficer(principal) ? '/officer/tasks' : '/'} replace />;
  return <>{children}</>;
}

function Home() {
  const { principal } = useAuth();
  if (!principal) return <Navigate to="/sign-in" replace />;
  if (isOfficer(principal) && !isCitizen(principal)) return <Navigate to="/officer/tasks" replace />;
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
              <Route path="services" element={<Require role="citizen"><Services /></Require>} />
              <Route path="cases" element={<Require role="citizen"><MyCases /></Require>} />
              <Route path="applications/:id" element={<Require role="citizen"><ApplicationPage /></Require>} />
              <Route path="officer/tasks" element={<Require role="officer"><Inbox /></Require>} />
              <Route path="officer/tasks/:id" element={<Require role="officer"><TaskPage /></Require>} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </RealtimeProvider>
    </AuthProvider>
  );
}
