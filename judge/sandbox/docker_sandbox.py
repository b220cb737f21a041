"""The Docker side of judging: one container per job, always removed.

Rules (see docs/contract): no network, read-only root, a capped tmpfs, non-root, no
capabilities, limits on memory/CPU/pids/files, a wall-clock kill and an output cap enforced
here, explicit empty environment. Code goes in through stdin; output comes back through the
attach stream, which we stop reading at the cap.
"""

import logging
import os
import select
import socket
import struct
import time
import uuid

import docker
from docker.errors import DockerException, NotFound
from docker.types import LogConfig, Ulimit
from django.conf import settings

from judge.sandbox.job import Job, SandboxResult

log = logging.getLogger(__name__)

LABEL = "dojo.judge"
OWNER_LABEL = "dojo.owner"
SANDBOX_USER = "10001:10001"


class SandboxUnavailable(Exception):
    """The Docker Engine or the image is not usable; never the submission's fault."""


_client = None


def docker_client():
    global _client
    if _client is None:
        try:
            _client = docker.DockerClient(base_url=settings.DOCKER_HOST, timeout=30)
        except DockerException as exc:
            raise SandboxUnavailable(f"cannot reach Docker Engine at {settings.DOCKER_HOST}: {exc}") from exc
    return _client


def _create(client, job: Job):
    """Low-level API: with stdin_open and detach=False it sets StdinOnce, so Docker closes
    the program's stdin when we finish writing the job (the high-level API cannot)."""
    lim = job.limits
    host_config = client.api.create_host_config(
        network_mode="none",
        read_only=True,
        tmpfs={"/tmp": f"rw,exec,nosuid,nodev,size={lim.tmpfs_bytes},mode=1777"},
        cap_drop=["ALL"],
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
        log_config=LogConfig(type="json-file", config={"max-size": "1m", "max-file": "1"}),
    )
    created = client.api.create_container(
        job.image,
        job.command,
        stdin_open=True,
        detach=False,
        user=SANDBOX_USER,
        environment={},
        working_dir="/tmp",
        labels={LABEL: "1", OWNER_LABEL: f"{socket.gethostname()}:{os.getpid()}", **job.labels},
        host_config=host_config,
        name=f"dojo-judge-{uuid.uuid4().hex[:12]}",
        network_disabled=True,
    )
    return client.containers.get(created["Id"])


def _read_stream(sock, deadline: float, cap: int):
    """Demultiplex Docker's attach stream until EOF, the deadline or the cap.

    Returns (output, timed_out, truncated). stdout and stderr are interleaved in order.
    """
    pending = b""
    out = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return bytes(out), True, False
        ready, _, _ = select.select([sock], [], [], remaining)
        if not ready:
            continue
        chunk = sock.recv(65536)
        if not chunk:
            return bytes(out), False, False
        pending += chunk
        while len(pending) >= 8:
            size = struct.unpack(">I", pending[4:8])[0]
            if len(pending) < 8 + size:
                break
            out += pending[8 : 8 + size]
            pending = pending[8 + size :]
            if len(out) > cap:
                return bytes(out[:cap]), False, True


def run_job(job: Job) -> SandboxResult:
    client = docker_client()
    started = time.monotonic()
    container = None
    try:
        try:
            container = _create(client, job)
        except docker.errors.ImageNotFound as exc:
            raise SandboxUnavailable(f"runner image {job.image} is missing; run `make image`") from exc
        except DockerException as exc:
            raise SandboxUnavailable(f"cannot create a container: {exc}") from exc
        attach = container.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        sock = getattr(attach, "_sock", attach)
        container.start()
        deadline = time.monotonic() + job.limits.wall_seconds
        try:
            sock.sendall(job.stdin)
        except OSError:
            pass  # the program may exit without reading all of stdin; its output says why
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        output, timed_out, truncated = _read_stream(sock, deadline, job.limits.output_bytes)
        sock.close()
        if timed_out or truncated:
            _kill(container)
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
        if container is not None:
            _remove(container)


def _kill(container):
    try:
        container.kill()
    except (NotFound, DockerException):
        pass


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
    than any job may run; a live worker's container is never touched.
    """
    client = docker_client()
    removed = 0
    now = time.time()
    for container in client.containers.list(all=True, filters={"label": LABEL}):
        created = container.attrs.get("Created", "")
        age = now - _parse_created(created) if created else float("inf")
        if age >= max_age_seconds or _owner_is_dead(container.labels):
            _remove(container)
            removed += 1
    return removed


def _parse_created(value: str) -> float:
    from datetime import datetime

    # Docker gives nanoseconds; Python takes microseconds.
    head, _, frac = value.rstrip("Z").partition(".")
    stamp = datetime.fromisoformat(head + "+00:00")
    return stamp.timestamp() + (float("0." + frac[:6]) if frac else 0.0)
