"""Test target for `rampart scan`: one Flask app in two profiles.

insecure  every mistake the live rules look for (debugger on, no headers,
          weak cookies, reflected XSS, SQL built from strings, open redirect,
          forms without or with unchecked CSRF tokens, no login throttling,
          exposed .env/.git/backup/listing, CORS reflecting any origin)
hardened  the same routes done right

Started by tests/live on 127.0.0.1 only; `--tls-*` serves HTTPS with Python's
ssl module (legacy protocols and weak ciphers on request). `--redirect-to`
turns the process into a plain redirector (the HTTP twin of an HTTPS app).
Never imported by rampart; rampart never executes audited code.
"""
import argparse
import secrets
import sqlite3
import ssl
import traceback
from datetime import timedelta

from flask import Flask, abort, make_response, redirect, request, session
from markupsafe import escape
from werkzeug.serving import WSGIRequestHandler

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--profile", choices=["insecure", "hardened"], default="insecure")
parser.add_argument("--tls-cert")
parser.add_argument("--tls-key")
parser.add_argument("--tls-legacy", action="store_true", help="also accept TLS 1.0/1.1")
parser.add_argument("--tls-weak-ciphers", action="store_true", help="also accept NULL ciphers")
parser.add_argument("--hsts", default=None, help="Strict-Transport-Security value, 'none' for none")
parser.add_argument("--csp", choices=["none", "weak", "strict"], default=None)
parser.add_argument("--redirect-to", default=None, help="answer every request with a 301 to this origin")
parser.add_argument("--link-to", default=None, help="an out-of-scope URL the home page links and /away redirects to")
parser.add_argument("--require-header", default=None, help="'Name: value' every request must carry (else 401)")
args = parser.parse_args()
INSECURE = args.profile == "insecure"

app = Flask(__name__)
app.secret_key = "test-only-secret"
app.config.update(
    SESSION_COOKIE_SECURE=not INSECURE,
    SESSION_COOKIE_HTTPONLY=not INSECURE,
    SESSION_COOKIE_SAMESITE=None if INSECURE else "Lax",
    PERMANENT_SESSION_LIFETIME=timedelta(days=365 if INSECURE else 1),
)

DB = sqlite3.connect(":memory:", check_same_thread=False)
DB.execute("CREATE TABLE items (id INTEGER, name TEXT)")
DB.execute("INSERT INTO items VALUES (1, 'lamp')")

FAILED_LOGINS = {}

CSP = {
    "none": None,
    "weak": "script-src 'self' 'unsafe-inline' 'unsafe-eval' http://cdn.example.com *",
    "strict": "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
}


def page(title, body):
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def csrf_token():
    if "csrf" not in session:
        session["csrf"] = secrets.token_hex(16)
    return session["csrf"]


def csrf_ok():
    if INSECURE:
        return True  # renders tokens, never checks them
    sent = request.form.get("csrf_token")
    return bool(sent) and sent == session.get("csrf")


if args.redirect_to:
    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def to_https(path):
        return redirect(args.redirect_to.rstrip("/") + "/" + path, code=301)


@app.before_request
def require_header():
    if args.require_header:
        name, value = [part.strip() for part in args.require_header.split(":", 1)]
        if request.headers.get(name) != value:
            return page("unauthorised", "<p>log in first</p>"), 401
    return None


@app.route("/away")
def away():
    return redirect(args.link_to or "/")


@app.route("/")
def home():
    session.permanent = True
    session["visited"] = True
    body = (
        '<a href="/search?q=lamp">search</a> <a href="/item?id=1">item</a> '
        '<a href="/go?next=/">go</a> <a href="/login">login</a> <a href="/profile">profile</a> '
        '<a href="/logout">logout</a> <a href="https://elsewhere.example/">away</a>'
        '<form method="get" action="/search"><input name="q"></form>'
    )
    if args.link_to:
        body += f'<a href="{args.link_to}">partner</a> <a href="/away">away</a>'
        body += f'<a href="/go?next={args.link_to}">go elsewhere</a>'

    response = make_response(page("home", body))
    if INSECURE:
        response.set_cookie("csrf_token", csrf_token(), domain="127.0.0.1")
    return response


@app.route("/search")
def search():
    q = request.args.get("q", "")
    rows = DB.execute("SELECT name FROM items WHERE name LIKE ?", (f"%{q}%",)).fetchall()
    shown = q if INSECURE else escape(q)
    return page("search", f"<p>results for {shown}: {len(rows)}</p>")


@app.route("/item")
def item():
    item_id = request.args.get("id", "1")
    try:
        if INSECURE:
            rows = DB.execute(f"SELECT name FROM items WHERE id = '{item_id}'").fetchall()
        else:
            rows = DB.execute("SELECT name FROM items WHERE id = ?", (item_id,)).fetchall()
    except sqlite3.Error:
        if INSECURE:
            return "<pre>" + traceback.format_exc() + "</pre>", 500
        return page("error", "<p>bad request</p>"), 400
    return page("item", f"<p>{escape(rows)}</p>")


@app.route("/go")
def go():
    target = request.args.get("next", "/")
    if not INSECURE and (not target.startswith("/") or target.startswith("//")):
        target = "/"
    return redirect(target)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        ip = request.remote_addr
        if not INSECURE:
            FAILED_LOGINS[ip] = FAILED_LOGINS.get(ip, 0) + 1
            if FAILED_LOGINS[ip] > 5:
                return page("slow down", "<p>too many attempts</p>"), 429, {"Retry-After": "60"}
            if not csrf_ok():
                return page("error", "<p>The CSRF token is missing.</p>"), 400
        return page("login", "<p>invalid credentials</p>")
    token = "" if INSECURE else f'<input type="hidden" name="csrf_token" value="{csrf_token()}">'
    return page("login", f'<form method="post" action="/login">{token}'
                         '<input name="username"><input type="password" name="password"></form>')


@app.route("/profile", methods=["GET", "POST"])
def profile():
    if request.method == "POST":
        if not csrf_ok():
            return page("error", "<p>The CSRF token is missing.</p>"), 400
        return page("profile", "<p>saved</p>")
    return page("profile", '<form method="post" action="/profile">'
                           f'<input type="hidden" name="csrf_token" value="{csrf_token()}">'
                           '<input name="email" type="email"></form>')


@app.route("/logout")
def logout():
    session.clear()
    return redirect("/")


@app.route("/loop-a")
def loop_a():
    return redirect("/loop-b")


@app.route("/loop-b")
def loop_b():
    return redirect("/loop-a")


@app.route("/.env")
def dotenv():
    if not INSECURE:
        abort(404)
    return "SECRET_KEY=test-only\nDATABASE_URL=sqlite:///db.sqlite3\n", 200, {"Content-Type": "text/plain"}


@app.route("/.git/HEAD")
def git_head():
    if not INSECURE:
        abort(404)
    return "ref: refs/heads/main\n", 200, {"Content-Type": "text/plain"}


@app.route("/backup.sql")
def backup():
    if not INSECURE:
        abort(404)
    return "CREATE TABLE users (id INTEGER, email TEXT);\n", 200, {"Content-Type": "application/sql"}


@app.route("/static/")
def listing():
    if not INSECURE:
        abort(404)
    return page("Index of /static/", '<h1>Index of /static/</h1><a href="app.js">app.js</a>')


@app.errorhandler(404)
def not_found(error):
    return page("not found", "<p>not found</p>"), 404


@app.after_request
def headers(response):
    h = response.headers
    csp = args.csp or ("none" if INSECURE else "strict")
    hsts = args.hsts or ("none" if INSECURE else "max-age=63072000; includeSubDomains; preload")
    if CSP[csp]:
        h["Content-Security-Policy"] = CSP[csp]
    if hsts != "none" and request.scheme == "https":
        h["Strict-Transport-Security"] = hsts
    if INSECURE:
        h["X-Powered-By"] = "Flask"
        origin = request.headers.get("Origin")
        if origin:
            h["Access-Control-Allow-Origin"] = origin
            h["Access-Control-Allow-Credentials"] = "true"
    else:
        h["X-Content-Type-Options"] = "nosniff"
        h["X-Frame-Options"] = "DENY"
        h["Referrer-Policy"] = "same-origin"
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


ssl_context = None
if args.tls_cert:
    ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ssl_context.load_cert_chain(args.tls_cert, args.tls_key)
    if args.tls_legacy or args.tls_weak_ciphers:
        ciphers = "ALL:eNULL:@SECLEVEL=0" if args.tls_weak_ciphers else "ALL:@SECLEVEL=0"
        ssl_context.set_ciphers(ciphers)
    if args.tls_legacy:
        ssl_context.minimum_version = ssl.TLSVersion.TLSv1
    else:
        ssl_context.minimum_version = ssl.TLSVersion.TLSv1_2


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *a, **k):
        pass

    def version_string(self):
        # The hardened profile hides the server banner; the insecure one keeps
        # Werkzeug's "Werkzeug/x.y Python/x.y".
        return "app" if not INSECURE or args.redirect_to else super().version_string()


app.run(host="127.0.0.1", port=args.port, debug=INSECURE and not args.redirect_to, use_reloader=False,
        ssl_context=ssl_context, request_handler=QuietHandler, threaded=True)
