"""How a student's code is confined while it is graded.

Student code runs only inside the notebook's kernel. Every kernel the workers start goes through a small launcher
(a kernelspec in the worker's own JUPYTER_PATH) that

1. sets resource limits (CPU seconds, address space, file size, no core dumps) and asks the OS to
   kill the kernel if its grader process dies;
2. starts the kernel inside bubblewrap when it is available: no network, its own PID/IPC/UTS namespaces (every
   process the student started dies with it), no capabilities, a read-only view of only what the kernel needs
   (the system, the Python installation, the kit's package and datasets), and two small size-capped tmpfs folders
   as the only writable places: /tmp and the notebook's folder (seeded with the student's answer file). The
   course's grading/ folder, solutions/, .git, the gradebook and other students' work are simply not there;
3. caps the text and display output a kernel may send (a flood ends the kernel instead of filling the grader's
   memory).

The kernel talks to its grader through IPC sockets in the worker's runtime folder (network namespaces have no
shared loopback). Where bubblewrap is missing or fails its self-test, steps 1 and 3 still apply and the run says so
on every status line: UNSANDBOXED.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Limits:
    cpu_seconds: int = 120          # CPU time of the kernel (all cells together)
    memory_mb: int = 3072           # address space of the kernel (pandas + matplotlib map about 1 GB)
    file_mb: int = 64               # largest file the kernel may write
    scratch_mb: int = 256           # size of each writable tmpfs in the sandbox (/tmp, the notebook folder)
    output_mb: int = 8              # text + display output a kernel may send in all
    cell_timeout: int = 120         # seconds per cell (nbgrader's Execute.timeout), then interrupted, scored 0
    student_timeout: int = 120      # wall clock for one whole submission (the slowest honest one takes ~10 s)
    runtime_mb: int = 8             # the kernel's runtime folder (connection file, sockets): a private tmpfs


@dataclass
class Sandbox:
    mode: str                       # "bwrap" or "none"
    reason: str = ""                # why there is no OS sandbox
    bwrap: str | None = None
    ro_paths: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)   # answer keys and the grader: an empty folder is shown instead

    @property
    def label(self) -> str:
        return "sandboxed (bubblewrap)" if self.mode == "bwrap" else f"UNSANDBOXED ({self.reason})"


def _readonly_paths() -> list[str]:
    """What a kernel must see: the system, the Python installation, the venv, the kit's package and datasets."""
    import medialit
    from medialit import _paths

    paths = {"/usr", "/etc", os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), sys.prefix}
    paths.add(str(Path(medialit.__file__).resolve().parents[1]))     # src/ (editable) or site-packages
    try:
        paths.add(str(_paths.data_dir().resolve()))
    except Exception:  # noqa: BLE001 - a kit without datasets still runs; the lesson reports it
        pass
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        top = Path("/") / name
        if top.exists() and not top.is_symlink():
            paths.add(str(top))
    return sorted(p for p in paths if os.path.exists(p))


def hidden_paths() -> list[str]:
    """What must not exist in the sandbox although it lies under a path the kernel needs: the annotation layers
    (the answer keys), the tools that build them, and this package (keys and rules)."""
    from medialit import _paths

    hidden = {str(Path(__file__).resolve().parent)}
    try:
        data = _paths.data_dir().resolve()
        hidden |= {str(data / "annotations"), str(data / "tools")}
    except Exception:  # noqa: BLE001
        pass
    import medialit

    packaged = Path(medialit.__file__).resolve().parent / "_datasets"
    hidden |= {str(packaged / "annotations"), str(packaged / "tools")}
    return sorted(p for p in hidden if os.path.isdir(p))


def bwrap_args(bwrap: str, ro_paths: list[str], cwd: str, runtime: str, mpl_cache: str, kernel_dir: str,
               limits: Limits, answer_fd: int | None, answer_name: str | None,
               hidden: list[str] = ()) -> list[str]:
    size = str(limits.scratch_mb * MB)
    args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        top = Path("/") / name
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
    # a private /tmp first, then the read-only paths: a kit that lives under /tmp (a CI clone) stays visible
    args += ["--proc", "/proc", "--dev", "/dev", "--size", size, "--tmpfs", "/tmp"]
    for path in ro_paths:
        args += ["--ro-bind", path, path]
    empty = os.path.join(kernel_dir, "empty")
    os.makedirs(empty, exist_ok=True)
    for path in hidden:  # an empty read-only folder in place of each: the keys are simply not there
        args += ["--ro-bind", empty, path]
    args += ["--ro-bind", mpl_cache, mpl_cache, "--ro-bind", kernel_dir, kernel_dir,
             "--bind", runtime, runtime, "--size", size, "--tmpfs", cwd]
    if answer_fd is not None:
        args += ["--file", str(answer_fd), os.path.join(cwd, answer_name)]
    args += ["--remount-ro", "/", "--chdir", cwd, "--"]
    return args


def detect(force_none: bool = False) -> Sandbox:
    """bubblewrap if it is installed and passes a self-test (start Python in the sandbox, see no network)."""
    if force_none or os.environ.get("MEDIALIT_SANDBOX") == "none":
        return Sandbox("none", "disabled by MEDIALIT_SANDBOX=none")
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return Sandbox("none", "bubblewrap is not installed: apt-get install bubblewrap")
    ro = _readonly_paths()
    hidden = hidden_paths()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="medialit-bwrap-test-") as tmp:
        for sub in ("cwd", "run", "mpl", "k"):
            os.mkdir(os.path.join(tmp, sub))
        args = bwrap_args(bwrap, ro, os.path.join(tmp, "cwd"), os.path.join(tmp, "run"), os.path.join(tmp, "mpl"),
                          os.path.join(tmp, "k"), Limits(), None, None, hidden)
        probe = ("import os, socket, sys, medialit\n"
                 f"if any(os.listdir(p) for p in {hidden!r}): print('keys visible'); sys.exit()\n"
                 "try:\n socket.create_connection(('192.0.2.1', 9), timeout=1); print('network')\n"
                 "except OSError:\n print('ok')\n")
        try:
            out = subprocess.run(args + [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return Sandbox("none", f"bubblewrap self-test failed: {error}")
    if out.returncode != 0 or out.stdout.strip() != "ok":
        why = (out.stderr.strip().splitlines() or [out.stdout.strip()])[-1:]
        return Sandbox("none", f"bubblewrap self-test failed: {' '.join(why)[:200]}")
    return Sandbox("bwrap", bwrap=bwrap, ro_paths=ro, hidden=hidden)


# -- the kernel launcher, written into each worker's kernelspec ----------------------------------------------------
LAUNCHER = r'''"""Starts one student's kernel under limits (and in bubblewrap). Written by src/medialit_grader/sandbox.py."""
import ctypes, json, os, resource, sys
here = os.path.dirname(os.path.abspath(__file__))
spec = json.load(open(os.path.join(here, "sandbox.json")))
connection_file = sys.argv[1]
try:  # die when the grader dies (PR_SET_PDEATHSIG = 1, SIGKILL = 9)
    ctypes.CDLL(None).prctl(1, 9)
except Exception:
    pass
for name, value in spec["limits"].items():
    resource.setrlimit(getattr(resource, name), (value, value))
env = dict(spec["env"])
for name in ("NBGRADER_EXECUTION", "MEDIALIT_DATA", "LANG", "LC_ALL", "TZ"):
    if name in os.environ:
        env[name] = os.environ[name]
boot = [spec["python"], os.path.join(here, "boot.py"), "-f", connection_file]
cwd = os.getcwd()
if spec["mode"] == "bwrap":
    answer = os.path.join(cwd, spec["answer_name"])
    fd = None
    if os.path.exists(answer):
        fd = os.open(answer, os.O_RDONLY)
        os.set_inheritable(fd, True)
    sys.path.insert(0, spec["tools"])
    from sandbox import bwrap_args, Limits
    argv = bwrap_args(spec["bwrap"], spec["ro_paths"], cwd, spec["runtime"], spec["mpl_cache"], here,
                      Limits(**spec["limit_values"]), fd, spec["answer_name"], spec["hidden"]) + boot
    os.execve(argv[0], argv, env)
os.execve(boot[0], boot, env)
'''

BOOT = r'''"""Inside the sandbox: cap the kernel's output, then start an ordinary IPython kernel."""
import os, sys
LIMIT = int(os.environ.get("MEDIALIT_OUTPUT_LIMIT", "8388608"))
_sent = [0]
_stderr = os.dup(2)  # ipykernel captures fd 2 later: keep the real one for the grader's log
def _count(n):
    _sent[0] += n
    if _sent[0] > LIMIT:
        os.write(_stderr, b"medialit: output limit exceeded\n")
        os._exit(86)
from ipykernel import iostream, zmqshell
_write = iostream.OutStream.write
def write(self, string):
    _count(len(string))
    return _write(self, string)
iostream.OutStream.write = write
_publish = zmqshell.ZMQDisplayPublisher.publish
def publish(self, data, *args, **kwargs):
    _count(sum(len(str(v)) for v in (data or {}).values()))
    return _publish(self, data, *args, **kwargs)
zmqshell.ZMQDisplayPublisher.publish = publish
from ipykernel import kernelapp
kernelapp.launch_new_instance()
'''


def write_kernelspec(jupyter_path: Path, runtime: Path, mpl_cache: Path, home: Path, sandbox: Sandbox,
                     limits: Limits, answer_name: str) -> None:
    """A `python3` kernelspec in the worker's own JUPYTER_PATH whose argv is the launcher."""
    kdir = jupyter_path / "kernels" / "python3"
    kdir.mkdir(parents=True, exist_ok=True)
    (kdir / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    (kdir / "boot.py").write_text(BOOT, encoding="utf-8")
    tmp_home = "/tmp" if sandbox.mode == "bwrap" else str(home)
    spec = {
        "mode": sandbox.mode, "bwrap": sandbox.bwrap, "ro_paths": sandbox.ro_paths, "hidden": sandbox.hidden,
        "python": sys.executable,
        "tools": str(Path(__file__).resolve().parent), "runtime": str(runtime), "mpl_cache": str(mpl_cache),
        "answer_name": answer_name, "limit_values": limits.__dict__,
        "limits": {
            "RLIMIT_CPU": limits.cpu_seconds, "RLIMIT_AS": limits.memory_mb * MB,
            "RLIMIT_FSIZE": limits.file_mb * MB, "RLIMIT_CORE": 0,
        },
        "env": {
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": tmp_home,
            "MPLCONFIGDIR": str(mpl_cache), "MPLBACKEND": "agg", "IPYTHONDIR": f"{tmp_home}/.ipython",
            "PYTHONDONTWRITEBYTECODE": "1", "MEDIALIT_OUTPUT_LIMIT": str(limits.output_mb * MB),
        },
    }
    (kdir / "sandbox.json").write_text(json.dumps(spec), encoding="utf-8")
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(kdir / "launch.py"), "{connection_file}"],
        "display_name": "Python 3 (graded, confined)", "language": "python",
        # a signal would reach the launcher (bubblewrap), not the kernel: interrupt by message instead
        "interrupt_mode": "message",
    }), encoding="utf-8")


def warm_matplotlib(cache: Path) -> None:
    """Build matplotlib's font cache once, so that no kernel spends seconds on it (the sandbox sees it read-only)."""
    cache.mkdir(parents=True, exist_ok=True)
    if not any(cache.glob("fontlist-*.json")):
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env={**os.environ,
                       "MPLCONFIGDIR": str(cache)}, capture_output=True, timeout=300)


def private_runtime(path: Path, size_mb: int) -> str:
    """In a forked worker: give it a mount namespace of its own with a size-capped tmpfs on ``path``, the kernel's
    runtime folder (the only host folder the sandbox can write). Returns "" or why it could not be done (the run
    goes on with an uncapped folder; the worker's log says so)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    clone_newns, clone_newuser = 0x00020000, 0x10000000
    ms_rec, ms_private, ms_nosuid, ms_nodev = 0x4000, 1 << 18, 2, 4
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(clone_newns if uid == 0 else clone_newns | clone_newuser) != 0:
        return f"unshare: {os.strerror(ctypes.get_errno())}"
    if uid != 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
    if libc.mount(b"none", b"/", None, ms_rec | ms_private, None) != 0:
        return f"mount --make-rprivate: {os.strerror(ctypes.get_errno())}"
    options = f"size={size_mb}m,mode=0700".encode()
    if libc.mount(b"tmpfs", str(path).encode(), b"tmpfs", ms_nosuid | ms_nodev, options) != 0:
        return f"mount tmpfs: {os.strerror(ctypes.get_errno())}"
    return ""
