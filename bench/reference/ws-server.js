// Reference for bench/run-fanout: a Node `ws` broadcast chat in LanChat's protocol shape.
// ws://127.0.0.1:PORT/ws?token=T&username=NAME; every text frame {"text": ...} is broadcast to
// every client (the sender's own copy is its acknowledgement) as {"username": ..., "text": ...}.
// Usage: node ws-server.js [--port 0] [--token T]; prints "listening on http://127.0.0.1:PORT".
'use strict';
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(option('--port', '0'));
const token = option('--token', 'T');

const server = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 65536 });

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/ws') {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (url.searchParams.get('token') !== token) {
      ws.close(1008, 'invalid token');
      return;
    }
    const username = url.searchParams.get('username') || '';
    if (username.length < 1 || username.length > 32) {
      ws.close(4001, 'invalid username');
      return;
    }
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let frame;
      try {
        frame = JSON.parse(data.toString());
      } catch (e) {
        return;
      }
      if (typeof frame.text !== 'string') return;
      const out = JSON.stringify({ username, text: frame.text });
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(out);
      }
    });
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
