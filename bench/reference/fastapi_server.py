"""Reference for bench/run-fanout: the FastAPI/uvicorn WebSocket chat in LanChat's protocol shape.

ws://127.0.0.1:PORT/ws?token=T&username=NAME; every text frame {"text": ...} is broadcast to every
client (the sender's own copy is its acknowledgement) as {"username": ..., "text": ...}, in the
form of FastAPI's documented ConnectionManager example. Uses Debian's python3-fastapi and
python3-uvicorn. Usage: python3 fastapi_server.py [--port 0] [--token T]; prints
"listening on http://127.0.0.1:PORT" once the socket is bound.
"""
import argparse
import json
import socket
import sys

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--token", default="T")
args = parser.parse_args()

app = FastAPI()


class ConnectionManager:
    def __init__(self):
        self.active_connections: list[WebSocket] = []

    async def broadcast(self, message: str):
        for connection in list(self.active_connections):
            try:
                await connection.send_text(message)
            except Exception:  # a peer that went away; its own handler removes it
                pass


manager = ConnectionManager()


@app.websocket("/ws")
async def chat(websocket: WebSocket, token: str = "", username: str = ""):
    await websocket.accept()
    if token != args.token:
        await websocket.close(code=1008)
        return
    if not 1 <= len(username) <= 32:
        await websocket.close(code=4001)
        return
    manager.active_connections.append(websocket)
    try:
        while True:
            data = await websocket.receive_text()
            try:
                frame = json.loads(data)
            except ValueError:
                continue
            text = frame.get("text") if isinstance(frame, dict) else None
            if isinstance(text, str):
                await manager.broadcast(json.dumps({"username": username, "text": text}))
    except WebSocketDisconnect:
        pass
    finally:
        if websocket in manager.active_connections:
            manager.active_connections.remove(websocket)


sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", args.port))
sock.listen(2048)
print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
config = uvicorn.Config(app, log_level="warning", ws="websockets", lifespan="off", backlog=2048)
uvicorn.Server(config).run(sockets=[sock])
sys.exit(0)
