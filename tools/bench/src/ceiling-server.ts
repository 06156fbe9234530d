import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The ceiling: bare node:http answering the exact bytes and content type of a Patient read. */
export async function startCeilingServer(body: string, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const payload = Buffer.from(body);
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': payload.length });
    response.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/fhir/Patient/ceiling`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
