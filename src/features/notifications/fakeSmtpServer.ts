// A tiny SMTP server for tests: it speaks just enough of the protocol for
// nodemailer (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT), keeps each message it
// is given, and refuses recipients at refused.example.
import net from 'node:net';

export interface ReceivedMessage {
  from: string;
  to: string[];
  data: string;
  /** The user name given with AUTH PLAIN, if any. */
  user: string | undefined;
}

export async function startFakeSmtp(): Promise<{
  port: number;
  messages: ReceivedMessage[];
  close: () => Promise<void>;
}> {
  const messages: ReceivedMessage[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: ReceivedMessage = { from: '', to: [], data: '', user: undefined };
    let user: string | undefined;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.smtp ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push({ ...current, user });
          current = { from: '', to: [], data: '', user: undefined };
          reply('250 OK queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-fake.smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME');
        else if (verb === 'HELO') reply('250 fake.smtp');
        else if (verb === 'AUTH') {
          const parts = Buffer.from(line.split(' ')[2] ?? '', 'base64')
            .toString('utf8')
            .split('\u0000');
          user = parts[1];
          reply('235 Authentication successful');
        } else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 OK');
        } else if (verb === 'RCPT') {
          const to = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (to.endsWith('@refused.example')) reply('550 5.1.1 No such mailbox here');
          else {
            current.to.push(to);
            reply('250 OK');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 Go ahead');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '', user: undefined };
          reply('250 OK');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('250 OK');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
