// The part of the `smpp` package (node-smpp, no types of its own) the SMS gateway adapter and its simulator use.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(fields?: Record<string, unknown>): PDU;
  }
  export interface Session extends EventEmitter {
    send(pdu: PDU, callback?: (response: PDU) => void): boolean;
    bind_transmitter(fields: Record<string, unknown>, callback?: (pdu: PDU) => void): void;
    submit_sm(fields: Record<string, unknown>, callback?: (pdu: PDU) => void): void;
    unbind(fields?: Record<string, unknown>, callback?: (pdu: PDU) => void): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }
  export interface Server extends NetServer {
    sessions: Session[];
  }
  export function connect(
    options: { url: string; auto_enquire_link_period?: number; connectTimeout?: number },
    listener?: () => void,
  ): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const errors: Record<string, number>;
}
