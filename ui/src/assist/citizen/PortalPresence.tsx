// Which portal page the citizen is on, for a support specialist watching the whole portal session (view mode):
// sent on every page change and after a reconnect. The form page adds its step, focus and errors itself.
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useSocket } from '../../app/api/realtime';
import { useAuth } from '../../app/auth/AuthContext';
import { isCitizen } from '../../app/auth/session';

export function PortalPresence() {
  const socket = useSocket();
  const { principal } = useAuth();
  const { pathname } = useLocation();
  const citizen = isCitizen(principal);
  useEffect(() => {
    if (!socket || !citizen) return undefined;
    const send = () => {
      socket.emit('cobrowse:presence', { page: pathname, step: null, focus: null, errors: [] });
    };
    if (socket.connected) send();
    socket.on('connect', send);
    return () => {
      socket.off('connect', send);
    };
  }, [socket, citizen, pathname]);
  return null;
}
