import type { ReactNode } from 'react';

/** A message box: errors are announced at once (role=alert), other messages politely (role=status). */
export function Alert({ kind, children }: { kind: 'error' | 'info' | 'success'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p role="status" className="muted">
      …
    </p>
  );
}
