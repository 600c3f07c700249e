"""Test target for `rampart scan`: a FastAPI app with its docs on (the
default) or off (`--hide-docs`), served by uvicorn on 127.0.0.1 only."""
import argparse

import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--hide-docs", action="store_true")
args = parser.parse_args()

if args.hide_docs:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
else:
    app = FastAPI()


@app.get("/", response_class=HTMLResponse)
def home():
    return "<!doctype html><html><head><title>api</title></head><body>api</body></html>"


@app.get("/items/{item_id}")
def item(item_id: int):
    return {"id": item_id}


uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
