/** Our own node:http servers (the webhook, the Mini App): bound with the same timeouts, closed the same way. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServer {
  address: AddressInfo;
  /** Stops taking requests; those being handled are answered when done. */
  close(): void;
}

/** Listens on `host:port` (rejects if it cannot bind), with request and header timeouts. */
export async function listen(server: http.Server, port: number, host: string): Promise<HttpServer> {
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close() {
      server.close();
      server.closeIdleConnections();
    },
  };
}
