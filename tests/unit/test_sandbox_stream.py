"""Reading Docker's multiplexed attach stream, over a real socket pair."""

import socket
import struct
import threading
import time

import pytest

from judge.runners.go.protocol import END_LINE as END
from judge.sandbox.docker_sandbox import SandboxStalled, _read_stream

_open = []  # writer ends that must stay open (no EOF) until the test ends


def frames(*chunks, stream=1):
    return b"".join(struct.pack(">BxxxI", stream, len(c)) + c for c in chunks)


def feed(data: bytes, pieces=7, close=True):
    ours, theirs = socket.socketpair()
    _open.append(theirs)

    def send():
        step = max(1, len(data) // pieces)
        for i in range(0, len(data), step):
            theirs.sendall(data[i : i + step])
            time.sleep(0.001)
        if close:
            theirs.close()

    threading.Thread(target=send, daemon=True).start()
    return ours


def test_interleaves_stdout_and_stderr_until_eof():
    sock = feed(frames(b"out1\n") + frames(b"err1\n", stream=2) + frames(b"out2\n"))
    assert _read_stream(sock, time.monotonic() + 5, 1000) == (b"out1\nerr1\nout2\n", False, False, None)


def test_stops_at_the_end_marker_even_when_split_across_frames_and_reads():
    data = frames(b"tests ok\n", b"@@dojo:en", b"d 1", b" 2@@\n")
    sock = feed(data, pieces=13, close=False)  # no EOF: Docker would still be tearing down
    assert _read_stream(sock, time.monotonic() + 5, 1000, END) == (b"tests ok", False, False, (1, 2))


def test_an_end_line_printed_by_user_code_is_just_output():
    fake = b"x\n|@@dojo:end 0 0@@\n"  # dojo-jail starts every user line with "|"
    sock = feed(frames(fake, b"more\n"))
    assert _read_stream(sock, time.monotonic() + 5, 1000, END) == (fake + b"more\n", False, False, None)


def test_output_cap_and_deadline():
    sock = feed(frames(b"x" * 600, b"y" * 600))
    assert _read_stream(sock, time.monotonic() + 5, 1000) == (b"x" * 600 + b"y" * 400, False, True, None)
    silent = feed(b"", close=False)
    output, timed_out, truncated, status = _read_stream(silent, time.monotonic() + 0.2, 1000)
    assert (output, timed_out, status) == (b"", True, None)


def test_no_output_at_all_by_the_first_output_time_is_a_stalled_sandbox():
    silent = feed(b"", close=False)
    started = time.monotonic()
    with pytest.raises(SandboxStalled):
        _read_stream(silent, started + 5, 1000, END, first_output_by=started + 0.2)
    assert time.monotonic() - started < 1  # not the wall deadline


def test_output_before_the_first_output_time_lets_the_job_run_to_its_deadline():
    quiet_after = feed(frames(b"@@dojo:build@@\n"), close=False)  # then silence, like a long test
    started = time.monotonic()
    output, timed_out, _, status = _read_stream(quiet_after, started + 0.5, 1000, END, first_output_by=started + 0.1)
    assert (output, timed_out, status) == (b"@@dojo:build@@\n", True, None)


def test_hanging_up_ends_the_connection_even_while_another_object_holds_the_socket():
    """docker-py's attach response keeps a reference to the socket: close() alone would leave
    the connection open, and dockerd writing a flood into it (see _hang_up)."""
    from judge.sandbox.docker_sandbox import _hang_up

    ours, theirs = socket.socketpair()
    held = ours.makefile("rb")  # like the response object docker-py keeps
    _hang_up(ours)
    theirs.settimeout(2)
    assert theirs.recv(1) == b""  # the peer sees the end at once
    held.close()
    theirs.close()
