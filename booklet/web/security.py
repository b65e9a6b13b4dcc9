"""What keeps the web page safe: access token, host check, CSRF, security headers, capped form reading.

The model, in the order a request meets it (``Guard`` wraps the whole
application, error pages included):

- Bound to the loopback address (the default), the page answers only requests
  whose ``Host`` is ``localhost``, ``127.0.0.1`` or ``[::1]``: a web site in the
  user's browser cannot reach it through a DNS name it controls (DNS rebinding).
- Bound to any other address, or started with ``--token``, every request needs
  the token: ``?token=…`` once (answered with a cookie and a redirect to the
  same address without it), then the cookie, or an ``Authorization: Bearer``
  or ``X-Booklet-Token`` header for scripts.
- Every visitor gets a random session cookie (HttpOnly, SameSite=Lax); every
  form carries a CSRF token derived from it with the server's secret, and
  every POST is refused (403) without the right one.
- A form is read with size caps before it is parsed (``read_form``): the whole
  body, each field, each upload and the number of fields; too much is 413.
- Every response carries a strict Content-Security-Policy (scripts only from
  the page itself or with the request's nonce, no framing, no plugins, forms
  post only to the page), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer`` and ``X-Frame-Options: DENY``.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from booklet.limits import MAX_FORM_FIELD, MAX_FORM_FIELDS, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from booklet.web.jobs import Refused

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
SESSION_COOKIE = "booklet_session"
TOKEN_COOKIE = "booklet_token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
CLOSE = {"Connection": "close"}  # a body too large is answered, and the rest of it is never read


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host.startswith("127.")


def csp(nonce: str) -> str:
    return "; ".join((
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


class HTTPProblem(Exception):
    """An answer other than the page: status, a sentence for the error page, extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status = status
        self.message = message
        self.headers = headers or {}
        super().__init__(message)


def _token_cookie_value(token: str) -> str:
    return hashlib.sha256(f"booklet-token:{token}".encode()).hexdigest()


class Guard:
    """ASGI middleware around the whole application: host, token, session and headers."""

    def __init__(self, app, token: str | None, local: bool, secret: bytes, render_error):
        self.app = app
        self.token = token
        self.local = local
        self.secret = secret
        self.render_error = render_error  # (status, message, nonce) → (body bytes, content type)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        cookies = _cookies(headers.get("cookie", ""))
        state = scope.setdefault("state", {})
        state["csp_nonce"] = nonce
        extra: list[tuple[bytes, bytes]] = []

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _value in message.get("headers", [])}
                added = [(b"content-security-policy", csp(nonce).encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY"),
                         (b"cross-origin-opener-policy", b"same-origin"),
                         (b"cross-origin-resource-policy", b"same-origin")]
                if b"cache-control" not in present:
                    added.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []),
                                                  *[(key, value) for key, value in added if key not in present],
                                                  *extra]}
            await send(message)

        host = headers.get("host", "").rsplit(":", 1)[0] if not headers.get("host", "").endswith("]") \
            else headers.get("host", "")
        if self.token is None and self.local and not is_local(host):
            await self._refuse(send_with_headers, 400, "This page answers only at localhost or 127.0.0.1.", nonce)
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                rest = urlencode([(key, value) for key, value in parse_qsl(scope["query_string"].decode("latin-1"))
                                  if key != "token"])
                location = scope["path"] + (f"?{rest}" if rest else "")
                cookie = f"{TOKEN_COOKIE}={_token_cookie_value(self.token)}; Path=/; HttpOnly; SameSite=Lax"
                await send_with_headers({"type": "http.response.start", "status": 303,
                                         "headers": [(b"location", location.encode("latin-1")),
                                                     (b"set-cookie", cookie.encode())]})
                await send_with_headers({"type": "http.response.body", "body": b""})
                return
            if not self._has_token(headers, cookies):
                await self._refuse(send_with_headers, 401, "This page needs its access token. Open the address "
                                   "`booklet serve` printed (it ends in ?token=…).", nonce)
                return
        session = cookies.get(SESSION_COOKIE, "")
        if not (len(session) == 32 and all(c in "0123456789abcdef" for c in session)):
            session = secrets.token_hex(16)
            extra.append((b"set-cookie", f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax".encode()))
        state["session"] = session
        state["csrf"] = csrf_token(self.secret, session)
        await self.app(scope, receive, send_with_headers)

    def _has_token(self, headers: dict[str, str], cookies: dict[str, str]) -> bool:
        assert self.token is not None
        expected = _token_cookie_value(self.token)
        if hmac.compare_digest(cookies.get(TOKEN_COOKIE, "").encode(), expected.encode()):
            return True
        bearer = headers.get("authorization", "")
        offered = bearer[7:] if bearer.lower().startswith("bearer ") else headers.get("x-booklet-token", "")
        return bool(offered) and hmac.compare_digest(offered.encode(), self.token.encode())

    async def _refuse(self, send, status: int, message: str, nonce: str) -> None:
        body, content_type = self.render_error(status, message, nonce)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type.encode()),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _cookies(header: str) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is no cookie, not an error page
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def csrf_token(secret: bytes, session: str) -> str:
    return hmac.new(secret, f"csrf:{session}".encode(), hashlib.sha256).hexdigest()


# -- forms ----------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """An uploaded file, read whole but never more than its limit; its name is for display only."""

    field: str
    filename: str
    content_type: str
    data: bytes

    def text(self) -> str:
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused([f"{self.filename}: is not UTF-8 text (save the file as UTF-8)"]) from None

    def rows(self, max_rows: int = MAX_UPLOAD_ROWS) -> list[list[str]]:
        """The file as CSV rows; more than ``max_rows`` is refused, like the command line refuses it."""
        reader = csv.reader(io.StringIO(self.text(), newline=""))
        rows = []
        try:
            for row in reader:
                if len(rows) >= max_rows:
                    raise Refused([f"{self.filename}: has more than {max_rows:,} rows; split it into smaller files"])
                rows.append(row)
        except csv.Error as exc:
            raise Refused([f"{self.filename}:{reader.line_num}: not a CSV file: {exc}"]) from None
        return rows


@dataclass
class Form:
    """A submitted form's fields and uploads; the helpers refuse what a build must not get."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    uploads: dict[str, Upload] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0].strip() if values else default

    def getall(self, name: str) -> list[str]:
        return [value.strip() for value in self.fields.get(name, [])]

    def flag(self, name: str) -> bool:
        return self.get(name) in ("1", "on", "true", "yes")

    def choice(self, name: str, allowed, default: str) -> str:
        value = self.get(name, default) or default
        if value not in allowed:
            raise Refused([f"{name}: {value!r} is not one of {', '.join(allowed)}"])
        return value

    def upload(self, name: str) -> Upload | None:
        return self.uploads.get(name)


def content_length(headers) -> int | None:
    value = headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise HTTPProblem(400, "The request's Content-Length is not a number.") from None


async def read_form(request, max_bytes: int = MAX_REQUEST_BYTES, max_upload: int = MAX_UPLOAD_BYTES) -> Form:
    """The POSTed form, read within its limits and with its CSRF token checked.

    413 when the body, a field or an upload is over its limit, 400 when it is
    not a form, 403 when the CSRF token is missing or wrong.
    """
    from starlette.formparsers import MultiPartException
    from starlette.requests import Request

    length = content_length(request.headers)
    if length is not None and length > max_bytes:
        raise HTTPProblem(413, f"The form is too large: {length:,} bytes; at most {max_bytes:,} are accepted.",
                          CLOSE)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise HTTPProblem(400, "Expected a form.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise HTTPProblem(413, f"The form is too large; at most {max_bytes:,} bytes are accepted.", CLOSE)
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return {"type": "http.request", "body": b"", "more_body": False}
        sent = True
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    # Without "app" in its scope, Starlette raises the parser's own error, which says what was too large.
    parsed_request = Request({key: value for key, value in request.scope.items() if key != "app"}, receive=replay)
    try:
        data = await parsed_request.form(max_files=4, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_FIELD * 4)
    except MultiPartException as exc:
        status = 413 if "size" in exc.message or "Too many" in exc.message else 400
        raise HTTPProblem(status, f"The form cannot be read: {exc.message}") from None
    form = Form()
    try:
        for name, value in data.multi_items():
            if isinstance(value, str):
                if len(value) > MAX_FORM_FIELD:
                    raise HTTPProblem(413, f"The field {name!r} is too long; at most {MAX_FORM_FIELD:,} characters.")
                form.fields.setdefault(name, []).append(value)
            elif value.filename:  # an empty file input sends a part with no name: no upload
                content = await value.read(max_upload + 1)
                if len(content) > max_upload:
                    raise HTTPProblem(413, f"The file {display_name(value.filename)!r} is too large; "
                                           f"uploads are limited to {max_upload:,} bytes.")
                form.uploads[name] = Upload(name, display_name(value.filename), value.content_type or "", content)
    finally:
        await data.close()
    submitted = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")
    expected = request.scope.get("state", {}).get("csrf", "")
    if not submitted or not expected or not hmac.compare_digest(submitted.encode(), expected.encode()):
        raise HTTPProblem(403, "This form has expired or did not come from this page (CSRF check). "
                               "Reload the page and send it again.")
    return form


def display_name(filename: str) -> str:
    """An uploaded file's name as we show it: its last part, printable, short. Never used as a path."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable())[:80]
    return name or "upload"
