"""A deliberately insecure Flask notes app: the bundled demo for `make demo`.

Every problem here is one a real team ships. rampart should report each of them;
the comments say which practice each one breaks. Do not deploy this.
"""
import hashlib
import os
import pickle
import random
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, Markup, redirect, render_template, render_template_string, request, session

app = Flask(__name__)
# practice 7: a secret in code
app.config["SECRET_KEY"] = "s3cr3t-dev-key-please-change"
app.config["SESSION_COOKIE_SECURE"] = False  # practice 4
DATABASE_PASSWORD = "hunter2-production"

DB = "notes.db"


def db():
    return sqlite3.connect(DB)


@app.route("/")
def index():
    return render_template("index.html", notes=db().execute("SELECT id, title FROM notes").fetchall())


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # practice 2: SQL built from a string
    rows = db().execute("SELECT id, title FROM notes WHERE title LIKE '%" + q + "%'").fetchall()
    return render_template("index.html", notes=rows, query=q)


@app.route("/note/<note_id>")
def note(note_id):
    cur = db().cursor()
    cur.execute(f"SELECT title, body FROM notes WHERE id = {note_id}")
    title, body = cur.fetchone()
    # practice 6: unescaped HTML
    return render_template_string("<h1>" + title + "</h1>" + body)


@app.route("/preview", methods=["POST"])
def preview():
    return Markup(request.form["body"])


@app.route("/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    # practice 2: shell injection
    return subprocess.check_output("ping -c 1 " + host, shell=True)


@app.route("/import", methods=["POST"])
def import_notes():
    data = pickle.loads(request.get_data())
    config = yaml.load(request.files["config"].read())
    return {"imported": len(data), "config": config}


@app.route("/login", methods=["POST"])
def login():
    # practice 8: no rate limiting; practice 9: failed logins not logged
    user = request.form["user"]
    password_hash = hashlib.md5(request.form["password"].encode()).hexdigest()
    row = db().execute("SELECT id FROM users WHERE name = ? AND password = ?", (user, password_hash)).fetchone()
    if row:
        session["user"] = row[0]
        session["token"] = str(random.random())
        return redirect(request.args.get("next", "/"))
    return "bad login", 401


@app.route("/fetch")
def fetch():
    return requests.get(request.args["url"], verify=False).text


@app.route("/files/<path:name>")
def files(name):
    with open(os.path.join("/srv/notes/files", name)) as handle:
        return handle.read()


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
