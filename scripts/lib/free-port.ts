// A TCP port that is free now: for a server whose URL another process must know before it starts (the national
// sign-in simulator registers the API's callback URL at its start). Another process could take it in between; on a
// test machine that is rare and shows as the API failing to listen (EADDRINUSE), not as a wrong result.
import net from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
