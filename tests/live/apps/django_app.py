"""Test target for `rampart scan`: a one-file Django 3.2 project.

--debug on   DEBUG = True (technical 404/500 pages), default cookie flags,
             a report-only CSP, Django's own CSRF protection
--debug off  DEBUG = False with the deployment settings done right, plus an
             enforced CSP, Permissions-Policy and COOP from a small middleware

Served by `runserver --noreload` on 127.0.0.1 only (tests/live starts it).
"""
import argparse
import sys

import django
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--debug", choices=["on", "off"], default="on")
args = parser.parse_args()
DEBUG = args.debug == "on"

settings.configure(
    DEBUG=DEBUG,
    SECRET_KEY="test-only-django-secret-key-not-used-anywhere-else-0123456789",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        __name__ + ".extra_headers",
    ],
    INSTALLED_APPS=["django.contrib.sessions"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    SESSION_COOKIE_SECURE=not DEBUG,
    CSRF_COOKIE_SECURE=not DEBUG,
    DATABASES={},
)
django.setup()


def extra_headers(get_response):
    def middleware(request):
        response = get_response(request)
        if DEBUG:
            response["Content-Security-Policy-Report-Only"] = "default-src 'self'"
        else:
            response["Server"] = "app"
            response["Content-Security-Policy"] = (
                "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
            response["Permissions-Policy"] = "camera=(), microphone=()"
            response["Cross-Origin-Opener-Policy"] = "same-origin"
        return response
    return middleware


def home(request):
    request.session["seen"] = True
    return HttpResponse('<!doctype html><html><head><title>home</title></head><body>'
                        '<a href="/login/">login</a> <a href="/report/">report</a></body></html>')


def report(request):
    return HttpResponse(str(1 // int(request.GET.get("n", "0"))))  # ZeroDivisionError: a 500


FAILED_LOGINS = {}


def login(request):
    if request.method == "POST":
        if not DEBUG:  # the hardened profile throttles failed logins per client
            ip = request.META.get("REMOTE_ADDR")
            FAILED_LOGINS[ip] = FAILED_LOGINS.get(ip, 0) + 1
            if FAILED_LOGINS[ip] > 5:
                response = HttpResponse("too many attempts", status=429)
                response["Retry-After"] = "60"
                return response
        return HttpResponse("<html><body><p>invalid credentials</p></body></html>")
    token = get_token(request)
    return HttpResponse('<html><body><form method="post" action="/login/">'
                        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                        '<input name="username"><input type="password" name="password"></form>'
                        '</body></html>')


urlpatterns = [path("", home), path("login/", login), path("report/", report)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line
    execute_from_command_line([sys.argv[0], "runserver", f"127.0.0.1:{args.port}", "--noreload"])
