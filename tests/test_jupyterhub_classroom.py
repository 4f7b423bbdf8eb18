"""A classroom on JupyterHub, end to end on this machine (issue #19; docs/jupyterhub.md is the guide it checks).

One module fixture builds the classroom the guide describes, with nothing installed globally and nothing written
under /etc:

- JupyterHub, JupyterLab, nbgrader (pip, from PyPI) and the student bundle's package (no grader, no answer keys)
  in a virtual environment made with Debian's /usr/bin/python3.11 in a world-readable temporary folder (the kit's
  own .venv lives under root's home, which the local accounts cannot enter), and configurable-http-proxy (npm)
  beside it; the grader and the keys are in the teacher's copy of the kit, in the teacher's home;
- real local accounts, a teacher and three students (mlt-<hex>-…), their homes chmod 700;
- nbgrader's exchange in a shared folder (chmod 777, as nbgrader's release sets it), named by `c.Exchange.root` in a
  configuration folder handed to every single-user server by `c.Spawner.environment["JUPYTER_CONFIG_PATH"]`;
- JupyterHub on 127.0.0.1 (free ports), LocalProcessSpawner, NullAuthenticator (no login page at all: the test acts
  through the hub's REST API with a service token, and with a token per user that the service makes for it).

Then the whole cycle, through the hub's HTTP API: the teacher generates lesson 01-corpus (`make release`: the kit's
`release` verb, as the teacher) and releases it (the Formgrader's API in the teacher's server); each student fetches
it (nbgrader's assignment_list server extension), hands in an answer through the Contents API (ada the full
solution, bo a partial answer, cy the untouched release) and submits; the teacher collects (Formgrader), grades with
the kit's grader in the teacher's course (`make autograde LESSON=01-corpus`, run as the teacher: unsandboxed if
bubblewrap cannot run for a non-root user here, with the grader's warning), writes the feedback (`make feedback`)
and releases it (Formgrader); the students fetch their feedback. The grades must be those of grading the same
notebooks locally, as the other grading tests do; and no student can see another's work.

The accounts, the processes and the temporary folders are removed at the end, also after a failure. Needs root
(it makes accounts: otherwise skipped), node/npm, /usr/bin/python3.11 with venv, and PyPI and the npm registry:
without them the module skips, except in CI (env CI set), where it fails.
"""

from __future__ import annotations

import json
import os
import pwd
import runpy
import secrets
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import sys
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

import kit
from test_grading_kit import LESSON, course_copy, release, solution, tools

pytestmark = pytest.mark.xdist_group("jupyterhub")

IN_CI = bool(os.environ.get("CI"))
PYTHON = "/usr/bin/python3.11"
COURSE_ID = "media-literacy-lab"  # grading/nbgrader_config.py
# what the single-user environment gets from PyPI (the kit itself is installed from this checkout)
PIP_PACKAGES = ["jupyterhub>=5", "jupyterlab", "nbgrader>=0.9.6"]
SERVICE = "classroom-test"
BUNDLE_FOLDER = "medialit-lab"  # the student bundle's top folder (src/medialit_grader/bundle.py)
LOG_TAIL = 80  # lines of the hub's log shown with a failure


# -- prerequisites -----------------------------------------------------------------------------------------------
def _missing(why: str):
    """A prerequisite is missing: CI must have it (fail), a developer's machine may not (skip)."""
    if IN_CI:
        pytest.fail(f"CI: {why}", pytrace=False)
    pytest.skip(why)


def _reachable(url: str) -> str | None:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "*/*"}), timeout=20) as r:
            r.read(1)
        return None
    except Exception as error:  # noqa: BLE001 (any failure means: not reachable)
        return f"{url}: {error}"


def _check_prerequisites() -> None:
    if os.geteuid() != 0:
        pytest.skip("the JupyterHub classroom test makes real local accounts (useradd): run it as root")
    for tool in ("node", "npm", "useradd", "userdel", "runuser"):
        if not shutil.which(tool):
            _missing(f"`{tool}` is not installed; the JupyterHub classroom test needs it "
                     "(Debian: apt-get install nodejs npm passwd util-linux)")
    probe = subprocess.run([PYTHON, "-c", "import venv, ensurepip"], capture_output=True, text=True) \
        if os.path.exists(PYTHON) else None
    if probe is None or probe.returncode != 0:
        _missing(f"{PYTHON} with its venv module is needed for the hub's user environment "
                 "(Debian: apt-get install python3.11-venv)")
    registry = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True,
                              timeout=60).stdout.strip() or "https://registry.npmjs.org/"
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
    for url in (index.rstrip("/") + "/jupyterhub/", registry.rstrip("/") + "/configurable-http-proxy"):
        problem = _reachable(url)
        if problem:
            _missing(f"the JupyterHub classroom test installs from PyPI and the npm registry, not reachable: {problem}")


# -- small helpers -----------------------------------------------------------------------------------------------
def _npm_env() -> dict:
    """npm's environment: Node.js trusts only the certificates built into it, plus NODE_EXTRA_CA_CERTS. Where the
    registry is reached through a proxy whose certificate the system trusts (Python's ssl and pip do), npm without
    that variable retries for many minutes and fails; so it gets the system's certificate file too."""
    import ssl

    env = dict(os.environ)
    system = ssl.get_default_verify_paths()
    bundle = next((p for p in (system.cafile, system.openssl_cafile, "/etc/ssl/certs/ca-certificates.crt")
                   if p and os.path.isfile(p)), None)
    if bundle and not env.get("NODE_EXTRA_CA_CERTS"):
        env["NODE_EXTRA_CA_CERTS"] = bundle
    return env


def _tail(path: Path, lines: int = LOG_TAIL) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


def _run(args, what: str, timeout: int = 600, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{what} failed ({result.returncode}): {' '.join(map(str, args))}\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def _wait(what: str, check, timeout: float, interval: float = 0.5, alive=None):
    """Poll check() until it returns a true value; alive() (if given) must stay true meanwhile."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise AssertionError(f"gave up waiting for {what}: the process died")
        try:
            value = check()
            if value:
                return value
        except Exception as error:  # noqa: BLE001 (kept for the message)
            last = error
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}" + (f" (last error: {last})" if last
                                                                                  else ""))


def _pids_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status", encoding="utf-8") as handle:
                    uid = next(int(line.split()[1]) for line in handle if line.startswith("Uid:"))
            except (OSError, StopIteration, ValueError):
                continue
            if uid in uids:
                pids.append(int(entry))
    return pids


def _kill(pids, sig=signal.SIGKILL) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


class Client:
    """The hub's REST API and the users' servers behind its proxy, with one token."""

    def __init__(self, url: str, token: str):
        import requests

        self.url = url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def request(self, method: str, path: str, expect=(200,), timeout: float = 120, **kwargs):
        response = self.session.request(method, self.url + path, timeout=timeout, allow_redirects=False, **kwargs)
        if expect and response.status_code not in expect:
            raise AssertionError(f"{method} {path}: HTTP {response.status_code}, expected {expect}: "
                                 f"{response.text[:2000]}")
        return response

    def hub(self, method: str, path: str, **kwargs):
        return self.request(method, "/hub/api" + path, **kwargs)

    def user(self, method: str, name: str, path: str, **kwargs):
        return self.request(method, f"/user/{name}{path}", **kwargs)

    def put_file(self, name: str, path: str, text: str, notebook: bool = False):
        model = ({"type": "notebook", "format": "json", "content": json.loads(text)} if notebook
                 else {"type": "file", "format": "text", "content": text})
        return self.user("PUT", name, f"/api/contents/{path}", json=model, expect=(200, 201))

    def get_file(self, name: str, path: str):
        return self.user("GET", name, f"/api/contents/{path}", params={"content": "1"}).json()


# -- the classroom -----------------------------------------------------------------------------------------------
class Classroom:
    def __init__(self, tmp: Path, tag: str):
        self.tmp = tmp
        self.env, self.proxy_dir, self.hub_dir = tmp / "env", tmp / "proxy", tmp / "hub"
        self.config_dir, self.exchange = tmp / "jupyter-config", tmp / "exchange"
        self.teacher = f"mlt-{tag}-teacher"
        self.students = {role: f"mlt-{tag}-{role}" for role in ("ada", "bo", "cy")}  # full, partial, untouched
        self.users: list[str] = []  # the accounts made so far (removed at the end)
        self.hub_process: subprocess.Popen | None = None
        self.hub_log = self.hub_dir / "hub.log"
        self.timings: dict[str, float] = {}
        self.results: dict = {}

    # - timings and failures
    @contextmanager
    def step(self, name: str):
        start = time.monotonic()
        try:
            yield
        except Exception as error:
            raise AssertionError(f"JupyterHub classroom, step '{name}': {error}\n"
                                 f"--- last {LOG_TAIL} lines of the hub's log ({self.hub_log}) ---\n"
                                 f"{_tail(self.hub_log)}") from error
        finally:
            self.timings[name] = time.monotonic() - start

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    @property
    def course(self) -> Path:
        return self.home(self.teacher) / "course"

    def user_env(self, user: str) -> dict:
        return {"HOME": str(self.home(user)), "USER": user, "LOGNAME": user, "LANG": "C.UTF-8",
                "PATH": f"{self.env / 'bin'}:/usr/local/bin:/usr/bin:/bin", "JUPYTER_CONFIG_PATH": str(self.config_dir),
                "MPLBACKEND": "agg"}

    def as_user(self, user: str, args, cwd=None, check=True, timeout=600) -> subprocess.CompletedProcess:
        """A command as one of the accounts, with the environment its server has (runuser, a clean env)."""
        cmd = ["runuser", "-u", user, "--", "env", "-i", *[f"{k}={v}" for k, v in self.user_env(user).items()],
               *map(str, args)]
        result = subprocess.run(cmd, cwd=cwd or "/", capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"as {user}: {' '.join(map(str, args))} failed ({result.returncode}):\n"
                                 f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        return result

    # - building
    def install(self) -> None:
        """pip (the user environment) and npm (the proxy) at the same time."""
        os.chmod(self.tmp, 0o755)
        npm_log = self.tmp / "npm.log"
        with open(npm_log, "w") as out:
            npm = subprocess.Popen(["npm", "install", "--prefix", str(self.proxy_dir), "--no-audit", "--no-fund",
                                    "--loglevel=error", "--fetch-retries=2", "--fetch-timeout=60000",
                                    "configurable-http-proxy"], stdout=out, stderr=subprocess.STDOUT, env=_npm_env())
            try:
                with self.step("user environment (pip)"):
                    _run([PYTHON, "-m", "venv", str(self.env)], "python3.11 -m venv", timeout=300)
                    # what students share is the student bundle's package (no grader, no answer keys), as the
                    # guide installs it; the teacher's grader comes with the teacher's own clone (make_course)
                    bundle = self.tmp / "bundle.zip"
                    _run([sys.executable, "-m", "medialit_grader", "student-bundle", "--output", str(bundle)],
                         "make student-bundle", cwd=kit.ROOT)
                    with zipfile.ZipFile(bundle) as z:
                        z.extractall(self.tmp / "bundle")
                    _run([str(self.env / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", *PIP_PACKAGES, str(self.tmp / "bundle" / BUNDLE_FOLDER)],
                         "pip install", timeout=900)
                with self.step("proxy (npm)"):
                    code = npm.wait(timeout=600)
            finally:
                if npm.poll() is None:
                    npm.kill()
                    npm.wait()
        proxy = self.proxy_dir / "node_modules" / ".bin" / "configurable-http-proxy"
        if code != 0 or not proxy.exists():
            raise AssertionError(f"npm install configurable-http-proxy failed ({code}):\n{_tail(npm_log)}")
        self.proxy = proxy
        for name in ("jupyterhub", "jupyterhub-singleuser", "nbgrader", "alembic"):
            assert (self.env / "bin" / name).exists(), f"{name} is missing from the user environment"

    def make_accounts(self) -> None:
        for user in (self.teacher, *self.students.values()):
            _run(["useradd", "--create-home", "--shell", "/bin/bash", "--comment", "medialit hub test", user],
                 f"useradd {user}")
            self.users.append(user)
            os.chmod(self.home(user), 0o700)  # useradd's homes follow UMASK 022 here: 0755

    def make_course(self) -> None:
        """The exchange (shared, 777), the configuration every server reads, the teacher's course and config."""
        self.exchange.mkdir()
        os.chmod(self.exchange, 0o777)
        self.config_dir.mkdir()
        (self.config_dir / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n", encoding="utf-8")
        os.chmod(self.config_dir, 0o755)
        os.chmod(self.config_dir / "nbgrader_config.py", 0o644)
        teacher_home = self.home(self.teacher)
        course_copy(teacher_home)  # teacher_home/course: lesson 01's sources, the course configuration
        for part in ("src", "datasets"):  # and the rest of a clone of the kit: the grader, the keys, the data
            shutil.copytree(kit.ROOT / part, self.course / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        jupyter = teacher_home / ".jupyter"
        jupyter.mkdir()
        # the Formgrader reads only the config path and the server's folder: point it at the course's own config,
        # with the course folder as `path` (the course's file loads grading/nbgrader_config.py relative to it)
        # and the grader (which the course's config imports) from the course's src/, as docs/jupyterhub.md says
        (jupyter / "nbgrader_config.py").write_text(
            "import sys\n"
            f"sys.path.insert(0, {str(self.course / 'src')!r})\n"
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig('nbgrader_config.py', {str(self.course)!r})  # noqa: F821\n", encoding="utf-8")
        _run(["chown", "-R", f"{self.teacher}:{self.teacher}", str(teacher_home)], "chown the teacher's home")

    def start_hub(self, attempts: int = 3) -> None:
        """Start the hub; again on fresh ports if it died at start (a port taken between free_port and its bind)."""
        self.hub_dir.mkdir(mode=0o700)
        for attempt in range(1, attempts + 1):
            try:
                return self._start_hub()
            except AssertionError:
                if self.hub_process.poll() is None or attempt == attempts:
                    raise
                shutil.copy(self.hub_log, self.hub_dir / f"hub-attempt-{attempt}.log")
                self._kill_proxy()

    def _start_hub(self) -> None:
        self.port, hub_port, api_port = kit.free_port(), kit.free_port(), kit.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        config = {
            "ip": "127.0.0.1", "port": self.port, "hub_ip": "127.0.0.1", "hub_port": hub_port,
            "api_url": f"http://127.0.0.1:{api_port}", "proxy": str(self.proxy),
            "singleuser": str(self.env / "bin" / "jupyterhub-singleuser"),
            "environment": {"JUPYTER_CONFIG_PATH": str(self.config_dir), "MPLBACKEND": "agg", "LANG": "C.UTF-8",
                            # nbgrader shells out to alembic: the environment's bin first on PATH
                            "PATH": f"{self.env / 'bin'}:/usr/local/bin:/usr/bin:/bin"},
            "users": [self.teacher, *self.students.values()], "service": SERVICE, "token": self.token,
            "db": f"sqlite:///{self.hub_dir / 'jupyterhub.sqlite'}", "secret": str(self.hub_dir / "cookie_secret"),
        }
        (self.hub_dir / "jupyterhub_config.py").write_text(HUB_CONFIG.format(config=json.dumps(config)),
                                                           encoding="utf-8")
        with open(self.hub_log, "w") as log:
            self.hub_process = subprocess.Popen(
                [str(self.env / "bin" / "jupyterhub"), "-f", str(self.hub_dir / "jupyterhub_config.py")],
                cwd=self.hub_dir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                env={"PATH": f"{self.env / 'bin'}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
                     "HOME": str(self.hub_dir)})
        self.api = Client(self.url, self.token)
        _wait("the hub's API", lambda: self.api.hub("GET", "/", expect=()).status_code == 200, 90,
              alive=lambda: self.hub_process.poll() is None)

    def start_servers(self) -> None:
        names = [self.teacher, *self.students.values()]
        listed = {u["name"] for u in self.api.hub("GET", "/users").json()}
        assert set(names) <= listed, f"the hub does not know the accounts: {sorted(listed)}"
        for name in names:
            self.api.hub("POST", f"/users/{name}/server", expect=(201, 202))

        def ready():
            return all(self.api.hub("GET", f"/users/{n}").json().get("servers", {}).get("", {}).get("ready")
                       for n in names)

        _wait("the four single-user servers", ready, 180, interval=1, alive=lambda: self.hub_process.poll() is None)
        # one token per account, made by the service (the accounts have no password: NullAuthenticator)
        self.clients = {}
        for name in names:
            token = self.api.hub("POST", f"/users/{name}/tokens", json={"note": "classroom test",
                                                                        "expires_in": 3600},
                                 expect=(200, 201)).json()["token"]
            self.clients[name] = Client(self.url, token)

    def formgrader(self, action: str) -> dict:
        """The Formgrader's button for the lesson: release, collect, release_feedback (in the teacher's server)."""
        out = self.clients[self.teacher].user("POST", self.teacher, f"/formgrader/api/assignment/{LESSON}/{action}",
                                              timeout=300).json()
        assert out.get("success"), f"Formgrader {action} failed: {out}"
        return out

    def assignments(self, student: str, action: str) -> dict:
        """The student's Assignments tab: fetch, submit, fetch_feedback (nbgrader's assignment_list extension)."""
        out = self.clients[student].user("POST", student, f"/assignments/{action}", timeout=300,
                                         data={"course_id": COURSE_ID, "assignment_id": LESSON}).json()
        assert out.get("success"), f"{action} by {student} failed: {out}"
        return out

    def grader(self, *args: str) -> subprocess.CompletedProcess:
        """The grader's command as the teacher runs it in a terminal on the hub (docs/jupyterhub.md, section 5):
        the grader of the teacher's copy of the kit (its src/ on PYTHONPATH) with the shared environment's
        packages."""
        return self.as_user(self.teacher, ["env", f"PYTHONPATH={self.course / 'src'}", self.env / "bin" / "python",
                                           "-m", "medialit_grader", "--course", self.course, *args],
                            cwd=self.course, timeout=900)

    # - tearing down
    def _kill_proxy(self) -> None:
        """The proxy runs in its own session: the hub's pid file names it."""
        pidfile = self.hub_dir / "jupyterhub-proxy.pid"
        try:
            pid = int(pidfile.read_text().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"configurable-http-proxy" in handle.read():
                    _kill([pid])
            pidfile.unlink()
        except (OSError, ValueError):
            pass

    def stop(self) -> None:
        try:
            if self.hub_process is not None and self.hub_process.poll() is None:
                self.hub_process.terminate()  # the hub stops the servers and the proxy on its way out
                t = time.monotonic()
                try:
                    self.hub_process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pass
                self.timings["hub exit"] = time.monotonic() - t
            if self.hub_process is not None:
                try:
                    os.killpg(self.hub_process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                self.hub_process.wait()
        finally:
            self._kill_proxy()
            uids = set()
            for user in self.users:
                try:
                    uids.add(pwd.getpwnam(user).pw_uid)
                except KeyError:
                    pass
            for _ in range(3):  # servers, kernels, grader workers still running as the test's accounts
                left = _pids_of(uids)
                if not left:
                    break
                _kill(left)
                time.sleep(0.5)
            for user in self.users:
                subprocess.run(["userdel", "--remove", user], capture_output=True, timeout=120)
            shutil.rmtree(self.tmp, ignore_errors=True)


HUB_CONFIG = '''\
# written by tests/test_jupyterhub_classroom.py
import json
cfg = json.loads({config!r})
c = get_config()  # noqa: F821
c.JupyterHub.ip, c.JupyterHub.port = cfg["ip"], cfg["port"]
c.JupyterHub.hub_ip, c.JupyterHub.hub_port = cfg["hub_ip"], cfg["hub_port"]
c.ConfigurableHTTPProxy.api_url = cfg["api_url"]
c.ConfigurableHTTPProxy.command = [cfg["proxy"]]
c.JupyterHub.db_url = cfg["db"]
c.JupyterHub.cookie_secret_file = cfg["secret"]
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "jupyterhub.auth.NullAuthenticator"
c.Authenticator.allowed_users = set(cfg["users"])
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [cfg["singleuser"]]
c.Spawner.environment = cfg["environment"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.services = [{{"name": cfg["service"], "api_token": cfg["token"]}}]
c.JupyterHub.load_roles = [{{"name": "classroom-test", "services": [cfg["service"]],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]}}]
'''


def _local_grading(tmp: Path, names: dict[str, str], out: dict) -> None:
    """The same three notebooks graded in a local course copy, as test_gradebook_postgres does (a thread)."""
    try:
        start = time.monotonic()
        course = course_copy(tmp)
        kit.three_submissions(course, LESSON, (names["ada"], names["bo"], names["cy"]))
        tools(course, "autograde", LESSON, "--workers", "2")
        out["course"], out["scores"] = course, kit.scores(course, LESSON)
        out["seconds"] = time.monotonic() - start
    except BaseException as error:  # noqa: BLE001 (re-raised in the fixture)
        out["error"] = error


@pytest.fixture(scope="module")
def classroom(request, tmp_path_factory):
    _check_prerequisites()
    started = time.monotonic()
    room = Classroom(Path(tempfile.mkdtemp(prefix="medialit-hub-")), secrets.token_hex(3))
    local: dict = {}
    grading = threading.Thread(target=_local_grading, args=(tmp_path_factory.mktemp("local"), room.students, local),
                               daemon=True)
    try:
        grading.start()
        room.install()
        with room.step("accounts and course"):
            room.make_accounts()
            room.make_course()
        with room.step("hub and four servers"):
            room.start_hub()
            room.start_servers()
        run_cycle(room)
        with room.step("local grading (waiting for it)"):
            grading.join(timeout=900)
            assert not grading.is_alive(), "the local grading did not finish in 15 minutes"
            if "error" in local:
                raise local["error"]
        room.results["local"] = local
        room.timings["total"] = time.monotonic() - started
        yield room
    finally:
        stop_start = time.monotonic()
        room.stop()
        room.timings["teardown"] = time.monotonic() - stop_start
        line = "JupyterHub classroom timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in room.timings.items())
        if "local" in room.results:
            line += f" (local grading, in parallel: {local['seconds']:.0f} s)"
        capture = request.config.pluginmanager.getplugin("capturemanager")
        reporter = request.config.pluginmanager.getplugin("terminalreporter")
        if capture is not None and reporter is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)
        else:
            print(line)


def run_cycle(room: Classroom) -> None:
    """Release, fetch, answer, submit, collect, grade, feedback: every step as its user, through the hub."""
    students = room.students
    with room.step("release (teacher)"):
        room.grader("release", LESSON)  # make release LESSON=01-corpus: student version + gradebook entry
        room.results["release"] = room.formgrader("release")
        outbound = room.exchange / COURSE_ID / "outbound" / LESSON / f"{LESSON}.ipynb"
        assert outbound.exists(), f"nothing released in the exchange: {outbound}"
    partial = runpy.run_path(str(kit.ROOT / "tests" / "partials" / f"{LESSON}.py"))["PARTIAL"]
    handed_in = {  # role: (notebook or None = untouched, answers or None)
        "ada": (solution(), None),
        "bo": (kit.fill(release(), partial["cells"]), partial.get("answers", {})),
        "cy": (None, None),
    }
    with room.step("fetch, answer, submit (students)"):
        for role, name in students.items():
            listing = room.assignments(name, "fetch")["value"]
            fetched = [a for a in listing if a["assignment_id"] == LESSON and a["status"] == "fetched"]
            assert fetched, f"{name} could not fetch {LESSON}: {listing}"
            got = nbformat.from_dict(room.clients[name].get_file(name, f"{LESSON}/{LESSON}.ipynb")["content"])
            assert [c.source for c in got.cells] == [c.source for c in release().cells], \
                f"{name} fetched something else than the release"
            notebook, answers = handed_in[role]
            if notebook is not None:
                room.clients[name].put_file(name, f"{LESSON}/{LESSON}.ipynb", nbformat.writes(notebook),
                                            notebook=True)
            if answers is not None:  # the widgets' answer file, as kit.submit writes it
                folder = kit.submit(room.tmp / "answers" / role, role, LESSON, answers=answers)
                text = (folder / f"answers-{LESSON}.json").read_text(encoding="utf-8")
                room.clients[name].put_file(name, f"{LESSON}/answers-{LESSON}.json", text)
            listing = room.assignments(name, "submit")["value"]
            submitted = [a for a in listing if a["assignment_id"] == LESSON and a["status"] == "submitted"]
            assert submitted and submitted[0]["submissions"], f"{name}'s submission is not listed: {listing}"
    with room.step("collect (teacher)"):
        room.results["collect"] = room.formgrader("collect")
        for name in students.values():
            assert (room.course / "grading" / "submitted" / name / LESSON / f"{LESSON}.ipynb").exists(), \
                f"{name}'s submission was not collected: {room.results['collect']}"
    with room.step("autograde (teacher)"):
        room.results["autograde"] = room.grader("autograde", LESSON)
        room.results["scores"] = kit.scores(room.course, LESSON)
    with room.step("feedback (teacher) and fetch_feedback (students)"):
        room.grader("feedback", LESSON)
        room.results["release_feedback"] = room.formgrader("release_feedback")
        for name in students.values():
            room.assignments(name, "fetch_feedback")


# -- the tests -------------------------------------------------------------------------------------------------------
def test_the_hub_grades_are_those_of_local_grading(classroom):
    names = classroom.students
    on_hub, local = classroom.results["scores"], classroom.results["local"]["scores"]
    assert sorted(on_hub) == sorted(names.values()), on_hub
    full, part, none = (on_hub[names[r]]["__auto__"] for r in ("ada", "bo", "cy"))
    top = on_hub[names["ada"]]["__max_auto__"]
    assert top > 0 and full == top and 0 < part < top and none == 0, (full, part, none, top)
    assert on_hub == local, "the hub's grades differ from grading the same notebooks locally"
    out = classroom.results["autograde"]
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr


def test_each_student_gets_their_own_feedback_in_their_home(classroom):
    scores = classroom.results["scores"]
    for name in classroom.students.values():
        home = classroom.home(name)
        pages = sorted((home / LESSON / "feedback").glob(f"*/{LESSON}.html"))
        assert len(pages) == 1, f"no feedback in {name}'s home: {pages}"
        page = pages[0].read_text(encoding="utf-8")
        teacher_copy = classroom.course / "grading" / "feedback" / name / LESSON / f"{LESSON}.html"
        assert page == teacher_copy.read_text(encoding="utf-8"), f"{name} got another feedback page"
        assert f"{scores[name]['__auto__']:g}" in page, name
        assert pwd.getpwuid(pages[0].stat().st_uid).pw_name == name
        # and the student sees it in JupyterLab
        listing = classroom.clients[name].get_file(name, f"{LESSON}/feedback")["content"]
        assert [e["name"] for e in listing] == [pages[0].parent.name]


def test_students_see_only_their_own_files(classroom):
    room = classroom
    ada, bo, cy = (room.students[r] for r in ("ada", "bo", "cy"))
    inbound = room.exchange / COURSE_ID / "inbound"
    mine = room.home(ada) / LESSON / f"{LESSON}.ipynb"
    # the checks can succeed: ada reads her own notebook
    assert room.as_user(ada, ["cat", mine]).stdout.startswith("{")
    denied = {
        "another student's home": ["ls", room.home(ada)],
        "another student's notebook": ["cat", mine],
        "another student's copy of the submission": ["ls", room.home(ada) / ".local/share/jupyter/nbgrader_cache"],
        "the exchange's inbound folder": ["ls", inbound],
        "the exchange's feedback folder": ["ls", room.exchange / COURSE_ID / "feedback"],
        "the teacher's home": ["ls", room.home(room.teacher)],
        "the collected submissions": ["cat", room.course / "grading" / "submitted" / ada / LESSON / f"{LESSON}.ipynb"],
        "the gradebook": ["cat", room.course / "grading" / "gradebook.db"],
    }
    # the shared environment holds the students' package only: no grader, no answer keys
    python = room.env / "bin" / "python"
    probe = room.as_user(ada, [python, "-c", "import medialit, medialit_grader"], check=False)
    assert probe.returncode != 0 and "No module named 'medialit_grader'" in probe.stderr, probe.stderr[-500:]
    assert not list(room.env.rglob("annotations")), "answer keys in the shared environment"
    for other in (bo, cy):
        for what, args in denied.items():
            result = room.as_user(other, args, check=False)
            assert result.returncode != 0 and "Permission denied" in result.stderr, \
                f"{other} can read {what}: {args} -> {result.returncode} {result.stdout[:300]} {result.stderr[:300]}"
    # nbgrader keeps submissions in the inbound folder apart by an unlistable folder (0733, the teacher's) and an
    # unguessable name: <student>+<lesson>+<time>+<random>
    mode = stat.S_IMODE(os.stat(inbound).st_mode)
    assert mode & 0o004 == 0 and pwd.getpwuid(os.stat(inbound).st_uid).pw_name == room.teacher, oct(mode)
    for entry in os.listdir(inbound):
        assert len(entry.split("+")) == 4 and len(entry.split("+")[3]) >= 8, entry
    # through the hub: each student's token opens their own server only, and not the teacher's Formgrader
    for name in (ada, bo, cy):
        client = room.clients[name]
        listing = client.get_file(name, "")["content"]
        assert [e["name"] for e in listing] == [LESSON], f"{name} sees {[e['name'] for e in listing]}"
        for other in {ada, bo, cy, room.teacher} - {name}:
            response = client.user("GET", other, "/api/contents/", expect=())
            assert response.status_code in (403, 404), f"{name} reached {other}'s server: {response.status_code}"
        response = client.user("POST", room.teacher, f"/formgrader/api/assignment/{LESSON}/collect", expect=())
        assert response.status_code in (403, 404), f"{name} reached the Formgrader: {response.status_code}"
