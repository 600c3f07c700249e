#!/usr/bin/env python3
"""End-to-end tests of `rampart deps` and `rampart db`, run by ctest from the
repo root with the binary as argv[1] (or $RAMPART). Advisory updates and the
PEP 691 index are served by a local HTTP server on 127.0.0.1 (random free
port), started and stopped here; every subprocess has a timeout."""
import http.server
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback
import xml.etree.ElementTree as ET
import zipfile

RAMPART = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("RAMPART", "build/rampart")
FIXTURES = pathlib.Path("tests/deps/fixtures").resolve()
OSV = FIXTURES / "osv"
TMP = pathlib.Path(tempfile.mkdtemp(prefix="rampart_deps_cli_"))
DB = TMP / "cache" / "advisories.sqlite3"


def run(*args, cwd=None, env=None, timeout=60):
    e = dict(os.environ)
    e["XDG_CACHE_HOME"] = str(TMP / "xdg")  # never touch the real cache
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([RAMPART, *args], cwd=cwd, env=e, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def project(name, files):
    root = TMP / name
    if root.exists():
        shutil.rmtree(root)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def osv_zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(OSV.rglob("*.json")):
            z.write(p, p.name)
    return buf.getvalue()


ZIP = osv_zip_bytes()
INDEX = {
    # 2.6.0 is yanked and 3.0.0rc1 is a pre-release: the latest is 2.0.3.
    "demo-pkg": {"meta": {"api-version": "1.1"}, "name": "demo-pkg",
                 "files": [{"filename": "demo_pkg-2.0.3.tar.gz", "url": "x", "hashes": {}},
                           {"filename": "demo_pkg-2.6.0.tar.gz", "url": "x", "hashes": {}, "yanked": "broken"},
                           {"filename": "demo_pkg-3.0.0rc1.tar.gz", "url": "x", "hashes": {}}],
                 "versions": ["1.1.0", "2.0.3", "2.6.0", "3.0.0rc1"]},
    "other-lib": {"meta": {"api-version": "1.0"}, "name": "other-lib",
                  "files": [{"filename": "other_lib-1.5-py3-none-any.whl", "url": "x", "hashes": {}}]},
}
REQUESTS = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        REQUESTS.append((self.path, self.headers.get("Accept", "")))
        if self.path == "/all.zip":
            self.send_response(200)
            self.send_header("Content-Length", str(len(ZIP)))
            self.end_headers()
            self.wfile.write(ZIP)
        elif self.path == "/truncated.zip":
            # Announces the full length, sends half, closes: a cut download.
            self.send_response(200)
            self.send_header("Content-Length", str(len(ZIP)))
            self.end_headers()
            self.wfile.write(ZIP[: len(ZIP) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/corrupt.zip":
            body = b"PK\x03\x04" + b"\x00garbage" * 100
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/simple/"):
            name = self.path[len("/simple/"):].strip("/")
            if name in INDEX:
                body = json.dumps(INDEX[name]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.pypi.simple.v1+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)
        else:
            self.send_error(404)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.timeout = 5
BASE = f"http://127.0.0.1:{server.server_address[1]}"
thread = threading.Thread(target=server.serve_forever, daemon=True)

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def db_status_without_database_says_how_to_get_one():
    code, out, err = run("db", "status", "--db", str(TMP / "none.sqlite3"))
    assert code == 2, (code, err)
    assert "rampart db update" in err, err


@test
def deps_without_database_is_an_error_with_advice():
    root = project("nodb", {"requirements.txt": "demo-pkg==1.1.0\n"})
    code, out, err = run("deps", str(root))  # default path under XDG_CACHE_HOME: absent
    assert code == 2, (code, err)
    assert "no advisory database at" in err and str(TMP / "xdg") in err, err
    assert "rampart db update" in err, err


@test
def db_update_from_directory_and_status():
    code, out, err = run("db", "update", "--from", str(OSV), "--db", str(DB))
    assert code == 0, (code, out, err)
    assert "imported 6 advisories (1 withdrawn" in out, out
    code, out, err = run("db", "status", "--db", str(DB), "--format", "json")
    assert code == 0, err
    status = json.loads(out)
    assert status["records"] == 6 and status["withdrawn"] == 1 and status["source"] == str(OSV), status
    assert status["age_days"] == 0
    code, out, err = run("db", "status", "--db", str(DB))
    assert "records:  6 advisories (1 withdrawn) for 3 packages" in out, out


@test
def db_update_from_local_http_server_and_failures_keep_old_database():
    db = TMP / "http" / "advisories.sqlite3"
    code, out, err = run("db", "update", "--from", BASE + "/all.zip", "--db", str(db))
    assert code == 0, (code, out, err)
    assert "imported 2 advisories" in out, out  # the JSON fixtures only
    before = db.read_bytes()
    for path, expect in [("/truncated.zip", ""), ("/corrupt.zip", "zip"), ("/missing.zip", "404")]:
        code, out, err = run("db", "update", "--from", BASE + path, "--db", str(db), timeout=60)
        assert code == 2, (path, code, out, err)
        assert BASE + path in err, (path, err)
        assert expect in err, (path, err)
        assert "is unchanged" in err, (path, err)
        assert db.read_bytes() == before, path
        leftovers = [p.name for p in db.parent.iterdir() if p.name != db.name]
        assert not leftovers, leftovers
    code, out, err = run("db", "status", "--db", str(db), "--format", "json")
    assert json.loads(out)["source"] == BASE + "/all.zip"


@test
def db_update_shows_a_progress_bar_on_a_terminal_only():
    db = TMP / "tty" / "advisories.sqlite3"
    code, out, err = run("db", "update", "--from", str(OSV), "--db", str(db))
    assert code == 0 and "[" not in err and "%" not in err, err  # not a terminal: no bar
    if not shutil.which("script"):
        print("  (skipped the terminal half: `script` not found)")
        return
    # `script` runs the command on a pseudo-terminal.
    p = subprocess.run(["script", "-qec", f"{RAMPART} db update --from {OSV} --db {db}", "/dev/null"],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "XDG_CACHE_HOME": str(TMP / "xdg")})
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
    assert "import   [##############################] 100% 7/7 records" in p.stdout + p.stderr, p.stdout


@test
def deps_reports_and_exit_codes():
    root = project("vuln", {"requirements.txt": "flask==3.0.3\ndemo-pkg==1.1.0\n"})
    code, out, err = run("deps", str(root), "--db", str(DB), "--no-color")
    assert code == 1, (code, out, err)
    assert "requirements.txt:2:1: DEP001" in out, out
    assert "GHSA-aaaa-bbbb-cccc (PYSEC-2099-1, CVE-2099-0001)" in out, out
    code, out, err = run("deps", str(root), "--db", str(DB), "--fail-on", "critical")
    assert code == 1  # CVSS 9.8 is critical
    clean = project("clean", {"requirements.txt": "demo-pkg==2.0.3\n"})
    code, out, err = run("deps", str(clean), "--db", str(DB))
    assert code == 0, (code, out, err)


@test
def deps_output_formats():
    root = project("formats", {"requirements.txt": "demo-pkg==1.1.0\nflask==3.0.3\n"})
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    text = json.dumps(doc)
    assert "DEP001" in text and "GHSA-aaaa-bbbb-cccc" in text, text[:500]
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert results[0]["ruleId"] == "DEP001", results[0]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("requirements.txt") and loc["region"]["startLine"] == 1, loc
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "cyclonedx")
    bom = json.loads(out)
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.5", bom
    purls = sorted(c.get("purl") for c in bom["components"])
    assert purls == ["pkg:pypi/demo-pkg@1.1.0", "pkg:pypi/flask@3.0.3"], purls
    assert any(v.get("id") == "GHSA-aaaa-bbbb-cccc" for v in bom["vulnerabilities"]), bom["vulnerabilities"]
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "junit")
    ET.fromstring(out)
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "github")
    assert out.startswith("::"), out
    out_file = TMP / "report.json"
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "json", "-o", str(out_file))
    assert code == 1 and json.loads(out_file.read_text()), err
    code, out, err = run("deps", str(root), "--db", str(DB), "--format", "yaml")
    assert code == 2 and "unknown format `yaml`" in err, err


@test
def bad_input_names_file_and_line():
    root = project("badreq", {"requirements.txt": "demo-pkg==2.0.3\nflask >= \nrequests==2.31.0\n"})
    code, out, err = run("deps", str(root), "--db", str(DB))
    assert code == 2, (code, out, err)
    assert "requirements.txt:2: missing version" in out + err, out + err
    root = project("badcfg", {"requirements.txt": "demo-pkg==2.0.3\n",
                              "pyproject.toml": "[tool.rampart.deps]\nignore = [\n  { id = \"X\" },\n]\n"})
    code, out, err = run("deps", str(root), "--db", str(DB))
    assert code == 2, (code, err)
    assert "pyproject.toml:3: `ignore` entry for `X` needs a `reason`" in err, err
    code, out, err = run("deps", str(root), "--db", str(DB), "--python-version", "three")
    assert code == 2 and "--python-version" in err, err
    code, out, err = run("deps", str(TMP / "does-not-exist"), "--db", str(DB))
    assert code == 2 and "not a directory" in err, err
    garbage = TMP / "garbage.sqlite3"
    garbage.write_text("not sqlite")
    ok_root = project("garbagedb", {"requirements.txt": "demo-pkg==2.0.3\n"})
    code, out, err = run("deps", str(ok_root), "--db", str(garbage))
    assert code == 2 and "garbage.sqlite3" in err, err


@test
def ignore_list_suppresses_with_reason():
    root = project("ignored", {"requirements.txt": "demo-pkg==1.1.0\n",
                               "pyproject.toml": "[tool.rampart.deps]\nignore = [{ id = \"CVE-2099-0001\", "
                                                 "reason = \"not reachable\", expires = 2999-01-01 }]\n"})
    code, out, err = run("deps", str(root), "--db", str(DB))
    assert code == 0, (code, out, err)
    code, out, err = run("deps", str(root), "--db", str(DB), "--show-suppressed")
    assert "not reachable" in out or "suppressed" in out, out


@test
def fix_dry_run_then_fix():
    original = "# app pins\ndemo-pkg==1.1.0  # why\nflask==3.0.3\n"
    root = project("fix", {"requirements.txt": original})
    code, out, err = run("deps", str(root), "--db", str(DB), "--fix", "--dry-run")
    assert code == 0, (code, out, err)
    assert "-demo-pkg==1.1.0  # why\n+demo-pkg==1.2.0  # why\n" in out, out
    assert (root / "requirements.txt").read_text() == original
    code, out, err = run("deps", str(root), "--db", str(DB), "--fix")
    assert code == 0, (code, out, err)
    assert (root / "requirements.txt").read_text() == "# app pins\ndemo-pkg==1.2.0  # why\nflask==3.0.3\n"
    code, out, err = run("deps", str(root), "--db", str(DB))
    assert code == 0, (code, out, err)
    code, out, err = run("deps", str(root), "--db", str(DB), "--dry-run")
    assert code == 2 and "--fix" in err


@test
def outdated_pins_from_a_local_pep691_index():
    root = project("outdated", {"requirements.txt": "demo-pkg==2.0.3\nother-lib==1.1\nunknown-pkg==1.0\n"})
    REQUESTS.clear()
    code, out, err = run("deps", str(root), "--db", str(DB), "--index-url", BASE + "/simple/", "--no-color")
    assert code == 1, (code, out, err)
    assert "DEP003" in out and "`other-lib==1.1` is outdated: the latest release is 1.5" in out, out
    assert "demo-pkg==2.0.3` is outdated" not in out, out  # yanked 2.6.0 and 3.0.0rc1 do not count
    assert all(a.startswith("application/vnd.pypi.simple.v1+json") for _, a in REQUESTS), REQUESTS
    assert sorted(p for p, _ in REQUESTS) == ["/simple/demo-pkg/", "/simple/other-lib/", "/simple/unknown-pkg/"], REQUESTS
    # Without an index DEP003 never fires.
    code, out, err = run("deps", str(root), "--db", str(DB))
    assert "DEP003" not in out and code == 0, (code, out)


@test
def markers_follow_the_target_environment():
    root = project("markers", {"requirements.txt": "demo-pkg==1.1.0; sys_platform == 'win32'\n"
                                                   "demo-pkg==2.0.1; python_version < '3.8'\n"})
    code, out, err = run("deps", str(root), "--db", str(DB), "--platform", "linux", "--python-version", "3.12")
    assert code == 0, (code, out)
    code, out, err = run("deps", str(root), "--db", str(DB), "--platform", "win32", "--python-version", "3.12")
    assert code == 1 and "requirements.txt:1:" in out and "requirements.txt:2:" not in out, out
    code, out, err = run("deps", str(root), "--db", str(DB), "--platform", "linux", "--python-version", "3.7")
    assert code == 1 and "requirements.txt:2:" in out and "requirements.txt:1:" not in out, out
    code, out, err = run("deps", str(root), "--db", str(DB), "--platform", "amiga")
    assert code == 2 and "--platform" in err


@test
def site_packages_and_named_manifests():
    root = project("site", {"requirements.txt": "demo-pkg==2.0.3\n"})
    site = FIXTURES / "manifests" / "site" / "lib"
    code, out, err = run("deps", str(root), "--db", str(DB), "--site-packages", str(site), "--no-color")
    # One dist-info lacks Name/Version: reported with its path, the rest audited.
    assert code == 2, (code, out, err)
    assert "demo_pkg-1.1.0.dist-info/METADATA:3:1: DEP001" in out, out
    assert "broken-1.0.dist-info/METADATA:1: no `Name:`" in out + err, out + err
    lock = project("named", {"deps/poetry.lock": "[[package]]\nname = \"demo-pkg\"\nversion = \"2.4.0\"\n",
                             "requirements.txt": "demo-pkg==1.1.0\n"})
    code, out, err = run("deps", str(lock), "--db", str(DB), "-m", "deps/poetry.lock", "--no-color")
    assert code == 1 and "deps/poetry.lock:2:1: DEP001" in out and "requirements.txt" not in out, out


@test
def select_and_ignore_rules():
    root = project("select", {"requirements.txt": "demo-pkg==1.1.0\nflask\n"})
    code, out, err = run("deps", str(root), "--db", str(DB), "--select", "DEP004", "--no-color")
    assert "DEP004" in out and "DEP001" not in out, out
    code, out, err = run("deps", str(root), "--db", str(DB), "--ignore", "DEP004", "--no-color")
    assert "DEP004" not in out and "DEP001" in out, out
    code, out, err = run("deps", str(root), "--db", str(DB), "--select", "PY101")
    assert code == 2 and "unknown rule" in err, err


def main():
    thread.start()
    passed = failed = 0
    try:
        for fn in TESTS:
            try:
                fn()
                passed += 1
                print(f"ok   {fn.__name__}")
            except Exception:
                failed += 1
                print(f"FAIL {fn.__name__}")
                traceback.print_exc()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
