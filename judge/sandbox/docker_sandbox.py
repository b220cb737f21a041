"""The Docker side of judging: one container per job, always removed.

Rules (see docs/contract and docs/judge-protocol.md): no network, read-only root, a capped
tmpfs, no capability but the two the image's judge needs to drop to its unprivileged uids
(the submission's code never runs as root), limits on memory/CPU/pids/files, a wall-clock
kill and an output cap enforced here, explicit empty environment. Code goes in through
stdin; output comes back through the attach stream, which we stop reading at the cap.
"""

import atexit
import contextlib
import dataclasses
import logging
import os
import select
import socket
import struct
import threading
import time
import uuid

import docker
from django.conf import settings
from docker.errors import DockerException, NotFound
from docker.types import LogConfig, Ulimit

from judge.sandbox.job import Job, SandboxResult

log = logging.getLogger(__name__)

LABEL = "dojo.judge"
OWNER_LABEL = "dojo.owner"
# The image's judge starts as root and runs the compiler as 10001 and the submission's code
# as 10002 (docs/judge-protocol.md, "Trust boundary"); SETUID/SETGID are all it keeps.
SANDBOX_USER = "0:0"
SANDBOX_CAPABILITIES = ["SETUID", "SETGID"]


class SandboxUnavailable(Exception):
    """The Docker Engine or the image is not usable; never the submission's fault."""


_client = None
_client_pid = None


def docker_client():
    """One client per process: a forked Celery child must not share its parent's sockets."""
    global _client, _client_pid
    if _client is None or _client_pid != os.getpid():
        try:
            _client = docker.DockerClient(base_url=settings.DOCKER_HOST, timeout=30)
        except DockerException as exc:
            raise SandboxUnavailable(f"cannot reach Docker Engine at {settings.DOCKER_HOST}: {exc}") from exc
        _client_pid = os.getpid()
    return _client


def _create(client, job: Job, name: str):
    """Low-level API: with stdin_open and detach=False it sets StdinOnce, so Docker closes
    the program's stdin when we finish writing the job (the high-level API cannot)."""
    lim = job.limits
    host_config = client.api.create_host_config(
        network_mode="none",
        read_only=True,
        # The container's own /tmp, a private tmpfs: no host directory is shared.
        tmpfs={"/tmp": f"rw,exec,nosuid,nodev,size={lim.tmpfs_bytes},mode=1777"},  # noqa: S108
        cap_drop=["ALL"],
        cap_add=SANDBOX_CAPABILITIES,
        security_opt=["no-new-privileges"],
        init=True,
        mem_limit=lim.memory_bytes,
        memswap_limit=lim.memory_bytes,
        nano_cpus=lim.nano_cpus,
        pids_limit=lim.pids,
        ulimits=[
            Ulimit(name="nofile", soft=lim.open_files, hard=lim.open_files),
            Ulimit(name="fsize", soft=lim.file_bytes, hard=lim.file_bytes),
        ],
        # No log: the output is read from the attach stream, and the container is removed
        # right after. json-file made dockerd encode and write every line (~70 KB a Submit)
        # to disk: 285 ms against 235 ms of dockerd and containerd CPU per job, measured.
        log_config=LogConfig(type="none"),
    )
    created = client.api.create_container(
        job.image,
        job.command,
        stdin_open=True,
        detach=False,
        user=SANDBOX_USER,
        environment={},
        working_dir="/tmp",  # noqa: S108 - inside the container (its tmpfs above)
        labels={LABEL: "1", OWNER_LABEL: f"{socket.gethostname()}:{os.getpid()}"},
        host_config=host_config,
        name=name,
        network_disabled=True,
    )
    return client.containers.get(created["Id"])


class SandboxStalled(SandboxUnavailable):
    """The sandbox took the job and printed nothing: its program never got it."""


def _read_stream(sock, deadline: float, cap: int, end_marker: bytes = b"", on_output=None,
                 first_output_by: float | None = None):
    """Demultiplex Docker's attach stream until EOF, the end marker, the deadline or the cap.

    Returns (output, timed_out, truncated, (exit status, OOM kills) from the end marker or None).
    stdout and stderr are interleaved in order; the end marker line is not part of output.
    Raises SandboxStalled when nothing at all has come by `first_output_by`.
    """
    pending = b""
    out = bytearray()
    stalled_by = first_output_by  # None once anything came
    while True:
        now = time.monotonic()
        if stalled_by is not None and now >= stalled_by:
            raise SandboxStalled("the sandbox printed nothing after it was given the job")
        if now >= deadline:
            return bytes(out), True, False, None
        ready, _, _ = select.select([sock], [], [], min(deadline, stalled_by or deadline) - now)
        if not ready:
            continue
        chunk = sock.recv(65536)
        if not chunk:
            return bytes(out), False, False, None
        stalled_by = None
        pending += chunk
        while len(pending) >= 8:
            size = struct.unpack(">I", pending[4:8])[0]
            if len(pending) < 8 + size:
                break
            frame_start = len(out)
            out += pending[8 : 8 + size]
            pending = pending[8 + size :]
            if on_output is not None:
                on_output(out)
            if len(out) > cap:
                return bytes(out[:cap]), False, True, None
            if end_marker:
                ended = _end_line(out, max(0, frame_start - len(end_marker) - 24), end_marker)
                if ended is not None:
                    return bytes(out[: out.rfind(end_marker)]), False, False, ended


def _end_line(out: bytearray, search_from: int, end_marker: bytes):
    """(exit status, OOM kills) from `<end_marker>STATUS OOM@@`, once it is complete."""
    at = out.find(end_marker, search_from)
    if at < 0:
        return None
    fields, sep, _ = bytes(out[at + len(end_marker) :]).partition(b"@@")
    numbers = fields.split()
    if not sep or len(numbers) != 2 or not all(n.isdigit() for n in numbers):
        return None
    return int(numbers[0]), int(numbers[1])


def _name(job: Job) -> str:
    hint = f"{job.name_hint}-" if job.name_hint else ""
    return f"dojo-judge-{hint}{uuid.uuid4().hex[:12]}"


def _create_started(client, job: Job, name: str):
    try:
        container = _create(client, job, name)
    except docker.errors.ImageNotFound as exc:
        raise SandboxUnavailable(f"runner image {job.image} is missing; run `make image`") from exc
    except DockerException as exc:
        raise SandboxUnavailable(f"cannot create a container: {exc}") from exc
    try:
        container.start()
    except DockerException:
        _remove(container)
        raise
    return container


class WarmSandbox:
    """One started sandbox per worker process, already waiting on stdin for its next job,
    so a job does not wait for Docker to create and start a container (~0.25 s).

    It holds nothing of any job: options, code and tests all arrive on stdin. It is used
    only by a job with the same image, command and limits, and never after it idled long.
    Used containers are removed by the same background thread, after the next one is up,
    so neither creating nor removing a container delays a verdict.
    """

    MAX_IDLE_SECONDS = 60
    WAIT_FOR_FILL_SECONDS = 2.0

    def __init__(self):
        self._cond = threading.Condition()
        self._entry = None  # (key, container, started at)
        self._filling = False

    @staticmethod
    def key(job: Job):
        return job.image, tuple(job.command), dataclasses.replace(job.limits, wall_seconds=0)

    def take(self, job: Job):
        with self._cond:
            # A sandbox already being started is ready sooner than a new one would be.
            self._cond.wait_for(lambda: self._entry is not None or not self._filling, self.WAIT_FOR_FILL_SECONDS)
            entry, self._entry = self._entry, None
        if entry is None:
            return None
        key, container, born = entry
        if key != self.key(job) or time.monotonic() - born > self.MAX_IDLE_SECONDS:
            _remove(container)
            return None
        return container

    def after_job(self, job: Job, used):
        """Start the next sandbox, then remove the used one, off the verdict's path."""
        with self._cond:
            fill = self._entry is None and not self._filling
            self._filling = self._filling or fill
        threading.Thread(target=self._refill_then_remove, args=(job if fill else None, used), daemon=True).start()

    def _refill_then_remove(self, job, used):
        try:
            if job is not None:
                self._fill(job)
        finally:
            if used is not None:
                _remove(used)

    def _fill(self, job: Job):
        container = None
        try:
            container = _create_started(docker_client(), job, f"dojo-judge-warm-{uuid.uuid4().hex[:12]}")
        except Exception:  # the next job simply starts its own container
            log.warning("could not prepare a warm sandbox", exc_info=True)
        with self._cond:
            old, self._filling = self._entry, False
            if container is not None:
                self._entry = (self.key(job), container, time.monotonic())
            self._cond.notify_all()
        if old and container is not None:
            _remove(old[1])

    def drain(self):
        with self._cond:
            entry, self._entry = self._entry, None
        if entry:
            _remove(entry[1])


warm_sandbox = WarmSandbox()
atexit.register(warm_sandbox.drain)


def run_job(job: Job, *, warm: bool = True) -> SandboxResult:
    client = docker_client()
    started = time.monotonic()
    container = warm_sandbox.take(job) if warm else None
    try:
        if container is None:
            container = _create_started(client, job, _name(job))
        elif job.name_hint:
            container.rename(_name(job))  # so a running job can be found by what it judges
        # The judge script reads stdin before it prints anything, so attaching after the
        # start loses no output.
        attach = container.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        sock = getattr(attach, "_sock", attach)
        deadline = time.monotonic() + job.limits.wall_seconds
        # A gone sandbox (below) reads no stdin either: a job larger than the socket's buffers
        # would block here for ever, so the send has a time limit of its own.
        sock.settimeout(job.first_output_seconds or job.limits.wall_seconds)
        try:
            sock.sendall(job.stdin)
        except TimeoutError as exc:
            raise SandboxStalled("the sandbox did not take the job") from exc
        except OSError:
            pass  # the program may exit without reading all of stdin; its output says why
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
        # Silence until then means the program never got the job: a warm sandbox whose Docker
        # Engine was restarted is gone, yet its attach stream stays open to the deadline.
        first_output_by = time.monotonic() + job.first_output_seconds if job.first_output_seconds else None
        try:
            output, timed_out, truncated, ended = _read_stream(sock, deadline, job.limits.output_bytes,
                                                               job.end_marker, job.on_output, first_output_by)
        finally:
            _hang_up(sock)
        if timed_out or truncated:
            _kill(container)
        if ended is not None:
            exit_code, oom = ended[0], ended[1] > 0
        else:
            exit_code = container.wait(timeout=10).get("StatusCode")
            container.reload()
            oom = bool(container.attrs.get("State", {}).get("OOMKilled"))
        return SandboxResult(
            exit_code=exit_code,
            output=output,
            wall_seconds=time.monotonic() - started,
            timed_out=timed_out,
            oom_killed=oom,
            output_truncated=truncated,
        )
    except (DockerException, OSError) as exc:
        raise SandboxUnavailable(f"sandbox failure: {exc}") from exc
    finally:
        if warm:
            warm_sandbox.after_job(job, container)
        elif container is not None:
            _remove(container)


def _hang_up(sock):
    """End the attach connection now. close() alone does not while docker-py's response
    still holds the socket: dockerd then keeps writing a flood into a full socket, its exit
    handling waits for that stream, and the kill that follows hung for the client's whole
    30 s timeout (reproduced: 4 of 27 floods; with shutdown first, 0 of 20)."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def _kill(container):
    with contextlib.suppress(NotFound, DockerException):
        container.kill()


def _remove(container):
    try:
        container.remove(force=True)
    except NotFound:
        pass
    except DockerException:
        log.exception("could not remove container %s; the reaper will", container.name)


def _owner_is_dead(labels: dict) -> bool:
    """True when the container's worker process ran on this host and is gone."""
    host, _, pid = labels.get(OWNER_LABEL, "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    # A killed worker's process lingers as a zombie until its new parent reaps it.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def reap_containers(max_age_seconds: float) -> int:
    """Remove judge containers a dead worker left behind. Returns how many.

    A container goes when its worker process (on this host) is gone, or when it is older
    than any job may run; a live worker's container is never touched. The listing is
    sparse (no inspect per container): one may vanish while we look, which is fine.
    """
    client = docker_client()
    removed = 0
    now = time.time()
    for container in client.containers.list(all=True, sparse=True, filters={"label": LABEL}):
        age = now - container.attrs.get("Created", 0)
        if age >= max_age_seconds or _owner_is_dead(container.attrs.get("Labels") or {}):
            _remove(container)
            removed += 1
    return removed
