"""Live progress read off the output stream, published to the real cache (Redis)."""

import pytest
from django.core.cache import cache

from judge.progress import progress_get, progress_publisher
from judge.runners.go.progress import OutputProgress

RUN = b"@@dojo:build@@\n@@dojo:run@@\n"


@pytest.fixture
def reporter():
    cache.delete("judge:progress:424242")
    yield OutputProgress(progress_publisher(424242), total=2)
    cache.delete("judge:progress:424242")


def test_phases_and_counts_as_the_output_arrives(reporter):
    out = bytearray(b"@@dojo:build@@\n")
    reporter(out)
    assert progress_get(424242) == {"phase": "building"}
    out += b'@@dojo:run@@\n|{"Action":"run","Test":"TestA"}\n|{"Action":"pass","Test":"TestA/sub","Elapsed":0}\n'
    reporter(out)
    assert progress_get(424242) == {"phase": "tests", "done": 0, "total": 2}
    # A half-written line is left for the next call; then the top-level pass counts once.
    out += b'|{"Action":"pass","Test":"Tes'
    reporter(out)
    out += b'tA","Elapsed":0}\n|{"Action":"pass","Test":"TestA","Elapsed":0}\n'
    reporter(out)
    assert progress_get(424242) == {"phase": "tests", "done": 1, "total": 2}
    out += b"@@dojo:bench sub 1@@\n"
    reporter(out)
    assert progress_get(424242)["phase"] == "benchmarks"


def test_the_last_change_is_published_even_if_the_stream_then_goes_quiet(reporter):
    out = bytearray(RUN)
    reporter(out)
    out += b'{"Action":"pass","Test":"TestFirst","Elapsed":0}\n'
    reporter(out)  # immediately after the previous call: no throttle may swallow it
    assert progress_get(424242)["done"] == 1
