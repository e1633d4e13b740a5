// One Socket.IO connection per signed-in user: live `case:status` events and draft autosave (`draft:save`). The
// Socket.IO client is loaded once someone is signed in: a visitor's first page does not download it.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import { useAuth } from '../auth/AuthContext';
import type { StatusEvent } from './types';

const SocketContext = createContext<Socket | null>(null);

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { principal } = useAuth();
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (!principal) return undefined;
    let ended = false;
    let s: Socket | null = null;
    import('socket.io-client').then(
      ({ io }) => {
        if (ended) return;
        // The handshake carries the session cookie; the server closes the socket when the session ends.
        s = io(window.location.origin, { path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
        setSocket(s);
      },
      () => undefined, // the chunk did not arrive (offline): the pages work without live updates, as when disconnected
    );
    return () => {
      ended = true;
      s?.close();
      setSocket(null);
    };
  }, [principal]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): Socket | null {
  return useContext(SocketContext);
}

/** Calls `onEvent` for every live status change of the signed-in person's cases. */
export function useStatusEvents(onEvent: (e: StatusEvent) => void): void {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return undefined;
    socket.on('case:status', onEvent);
    return () => {
      socket.off('case:status', onEvent);
    };
  }, [socket, onEvent]);
}
