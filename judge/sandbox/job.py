from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    wall_seconds: float
    memory_bytes: int
    nano_cpus: int
    pids: int
    tmpfs_bytes: int
    output_bytes: int
    open_files: int = 256
    # Largest file a process may write (fsize); tmpfs size caps the total.
    file_bytes: int = 256 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    image: str
    command: list
    stdin: bytes
    limits: Limits
    # Part of the container's name (e.g. "submission-42"), to find a running job by it.
    name_hint: str = ""
    # The program's own "I am done" line, `<end_marker><exit status>@@`: reading stops there
    # rather than at the end of the stream, which comes only after Docker's teardown.
    end_marker: bytes = b""
    # The program prints something this soon after it reads its stdin, whatever the job: no
    # output by then is the sandbox's failure (SandboxStalled), never the job's. 0: no check.
    first_output_seconds: float = 0
    # What the runner needs back to read the result (e.g. which variant dir is which).
    context: dict = field(default_factory=dict, compare=False)
    # Called with the output so far after each chunk read (live progress); must be cheap.
    on_output: object = field(default=None, compare=False)


@dataclass
class SandboxResult:
    exit_code: int | None
    output: bytes
    wall_seconds: float
    timed_out: bool = False
    oom_killed: bool = False
    output_truncated: bool = False
