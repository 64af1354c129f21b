"""A browser-like HTTP session for the bench scripts: own cookies, no redirects followed, signed in through the login form."""
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class SignedIn:
    def __init__(self, base, email, password, agent="bench", timeout=600):
        self.base, self.timeout = base, timeout
        self.browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())
        self.browser.addheaders = [("Sec-Fetch-Site", "same-origin"), ("User-Agent", agent)]
        _, login, _ = self.get("/Account/Login")
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', login).group(1)
        form = urllib.parse.urlencode({"email": email, "password": password, "__RequestVerificationToken": token}).encode()
        try:
            self.browser.open(urllib.request.Request(base + "/Account/Login", data=form))
        except urllib.error.HTTPError:
            pass  # the redirect after signing in

    def get(self, path):
        """(status, body, milliseconds to the last byte)"""
        started = time.monotonic()
        try:
            with self.browser.open(self.base + path, timeout=self.timeout) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
        return status, body, (time.monotonic() - started) * 1000
