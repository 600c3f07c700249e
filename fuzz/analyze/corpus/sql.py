import sqlite3

from flask import Flask, request

app = Flask(__name__)
TABLE = "notes"


def db():
    return sqlite3.connect("notes.db")


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: hardcoded-sql-expression
    rows = db().execute("SELECT id, title FROM notes WHERE title LIKE '%" + q + "%'").fetchall()
    # ok: hardcoded-sql-expression
    safe = db().execute("SELECT id, title FROM notes WHERE title LIKE ?", ("%" + q + "%",)).fetchall()
    return {"rows": rows, "safe": safe}


@app.route("/note/<note_id>")
def note(note_id):
    cur = db().cursor()
    # ruleid: hardcoded-sql-expression
    cur.execute(f"SELECT title, body FROM notes WHERE id = {note_id}")
    # ok: hardcoded-sql-expression
    cur.execute("SELECT title, body FROM notes WHERE id = ?", (note_id,))
    return cur.fetchone()


def formats(cur, user, limit):
    # ruleid: hardcoded-sql-expression
    cur.execute("DELETE FROM sessions WHERE user = '%s'" % user)
    # ruleid: hardcoded-sql-expression
    cur.execute("UPDATE users SET name = '{}' WHERE id = 1".format(user))
    # ruleid: hardcoded-sql-expression
    cur.execute("INSERT INTO log (msg) VALUES ('" + user + "')")
    # ruleid: hardcoded-sql-expression
    query = ("SELECT name "
             "FROM users "
             "WHERE name = '%s'" % user)
    # ok: hardcoded-sql-expression
    cur.execute("SELECT * FROM users LIMIT %d" % limit)
    # ok: hardcoded-sql-expression
    cur.execute("SELECT * FROM " + TABLE + " WHERE id = 1")
    # ok: hardcoded-sql-expression
    cur.execute(f"SELECT * FROM {TABLE}")
    return query


def prefix_then_value(cur, user):
    base = "SELECT * FROM users WHERE name = "
    # ruleid: hardcoded-sql-expression
    cur.execute(base + user)
    # ruleid: hardcoded-sql-expression
    cur.execute(f"""
        SELECT *
          FROM users
         WHERE name = '{user}'
    """)


def not_sql(name, err):
    # ok: hardcoded-sql-expression
    message = "Hello " + name + ", please select a seat"
    # ok: hardcoded-sql-expression
    log = f"could not select the row from cache: {err}"
    # ok: hardcoded-sql-expression
    label = "Update " + name
    # todook: hardcoded-sql-expression
    prompt = "Select a file from " + name
    return message, log, label, prompt


def placeholders(cur, ids):
    # todook: hardcoded-sql-expression
    cur.execute("SELECT * FROM t WHERE id IN (%s)" % ",".join("?" * len(ids)), ids)
