"""Open HTML views in a real headless Chromium (Debian's `chromium`) over the DevTools protocol.

Speaks CDP through `--remote-debugging-pipe` (JSON messages separated by NUL on
file descriptors 3 and 4), so it needs no websocket client and opens no port.
Records console errors, uncaught exceptions, log errors (blocked loads, CSP) and
JavaScript dialogs for each page. Used by the view tests and `bench/bench_views.py`.
"""
from __future__ import annotations

import base64
import fcntl
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars")


class BrowserError(RuntimeError):
    """Chromium could not be started or did not answer."""


def find_chromium() -> Optional[str]:
    """The Chromium executable: $CHROMIUM, else `chromium` or `chromium-browser` on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@dataclass
class PageReport:
    """What a page did while it was open."""

    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.exceptions + self.log_errors + [f"dialog: {d}" for d in self.dialogs]


class Chromium:
    """A headless Chromium process; use as a context manager and open pages with `open(path)`."""

    def __init__(self, executable: Optional[str] = None, width: int = 1400, height: int = 900):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no chromium on PATH (run scripts/chromium.sh)")
        self.width, self.height = width, height
        self._ids = itertools.count(1)
        self._pending: dict[int, dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()
        self._reports: dict[str, PageReport] = {}
        self._events: dict[str, list[dict[str, Any]]] = {}
        self._profile = tempfile.mkdtemp(prefix="stdkg-chromium-")
        self._proc: Optional[subprocess.Popen] = None

    def __enter__(self) -> "Chromium":
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire_pipes() -> None:
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 100)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 100)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [self.executable, *FLAGS, f"--user-data-dir={self._profile}", f"--window-size={self.width},{self.height}",
                "--remote-debugging-pipe", "about:blank"]
        self._proc = subprocess.Popen(args, preexec_fn=wire_pipes, close_fds=False,
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.call("Browser.getVersion", timeout=30)
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._post("Browser.close", {})
        except OSError:
            pass
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        for f in (self._out, self._in):
            try:
                f.close()
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = self._in.read(1 << 16)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                with self._cond:
                    self._pending[-1] = {"closed": True}
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                self._dispatch(json.loads(raw))

    def _dispatch(self, msg: dict[str, Any]) -> None:
        if "id" in msg:
            with self._cond:
                self._pending[msg["id"]] = msg
                self._cond.notify_all()
            return
        session, method, params = msg.get("sessionId"), msg.get("method", ""), msg.get("params", {})
        report = self._reports.get(session or "")
        if report is None:
            return
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            report.exceptions.append(str(d.get("exception", {}).get("description") or d.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            e = params["entry"]
            report.log_errors.append(f"{e.get('source')}: {e.get('text')} {e.get('url', '')}".strip())
        elif method == "Page.javascriptDialogOpening":
            report.dialogs.append(f"{params.get('type')}: {params.get('message')}")
            self._post("Page.handleJavaScriptDialog", {"accept": True}, session)
        elif method == "Network.requestWillBeSent":
            report.requests.append(params.get("request", {}).get("url", ""))
        with self._cond:
            self._events.setdefault(session, []).append(msg)
            self._cond.notify_all()

    def _post(self, method: str, params: dict[str, Any], session: Optional[str] = None) -> int:
        msg_id = next(self._ids)
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        with self._write_lock:
            self._out.write(json.dumps(msg).encode("utf-8") + b"\0")
        return msg_id

    def call(self, method: str, params: Optional[dict[str, Any]] = None, session: Optional[str] = None,
             timeout: float = 60) -> dict[str, Any]:
        """Send one CDP command and wait for its result."""
        msg_id = self._post(method, params or {}, session)
        deadline = time.monotonic() + timeout
        with self._cond:
            while msg_id not in self._pending:
                if -1 in self._pending:
                    raise BrowserError(f"chromium closed the pipe during {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no answer to {method} in {timeout} s")
                self._cond.wait(left)
            msg = self._pending.pop(msg_id)
        if "error" in msg:
            raise BrowserError(f"{method}: {msg['error']}")
        return msg.get("result", {})

    def open(self, path: Path | str, timeout: float = 60) -> "Page":
        """A new tab showing the local file `path`, after its load event."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        self._reports[session] = page.report
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            self.call(method, session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        url = Path(path).resolve().as_uri() if not str(path).startswith(("file:", "about:", "data:")) else str(path)
        page.navigated_at = time.perf_counter()
        self.call("Page.navigate", {"url": url}, session=session)
        page.wait_event("Page.loadEventFired", timeout)
        page.loaded_at = time.perf_counter()
        return page

    def allow_downloads(self, folder: Path | str) -> Path:
        """Save what pages download (an `<a download>` click) into `folder`."""
        folder = Path(folder).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        self.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
        return folder

    def _wait_event(self, session: str, method: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i, msg in enumerate(self._events.get(session, [])):
                    if msg.get("method") == method:
                        return self._events[session].pop(i)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no {method} in {timeout} s")
                self._cond.wait(left)


class Page:
    """One tab: evaluate JavaScript, wait for a condition, take a screenshot, read its report."""

    def __init__(self, browser: Chromium, session: str, target: str):
        self.browser, self.session, self.target = browser, session, target
        self.report = PageReport()
        self.navigated_at = self.loaded_at = 0.0

    def wait_event(self, method: str, timeout: float = 60) -> dict[str, Any]:
        return self.browser._wait_event(self.session, method, timeout)

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The JSON value of a JavaScript expression (promises awaited); raises on a JS exception."""
        result = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                        "awaitPromise": True}, session=self.session, timeout=timeout)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 60, poll: float = 0.05) -> Any:
        """Poll until the expression is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"{expression!r} still false after {timeout} s")
            time.sleep(poll)

    def screenshot(self, path: Path | str) -> Path:
        """Save a PNG of the viewport."""
        data = self.browser.call("Page.captureScreenshot", {"format": "png"}, session=self.session)["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})
