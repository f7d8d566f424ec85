"""Engines agree: every engine gives every item's result once, in item order, whatever order the
work finishes in and however many workers there are."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bicorpus.engine import LocalEngine, RayEngine


def slow_square(item: tuple[int, float]) -> tuple[int, int, int]:
    """The item's square, after a delay chosen by the test (so later items can finish first),
    and the process that computed it."""
    value, delay = item
    time.sleep(delay)
    return value, value * value, os.getpid()


items = st.lists(st.tuples(st.integers(-1000, 1000), st.sampled_from([0.0, 0.001, 0.02])), max_size=24)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items, st.integers(1, 3))
def test_the_local_engine_gives_results_in_item_order_for_any_number_of_workers(
    work: list[tuple[int, float]], jobs: int
) -> None:
    results = list(LocalEngine(jobs).map(slow_square, work, str))
    assert [(value, square) for value, square, _ in results] == [(value, value * value) for value, _ in work]
    processes = {pid for _, _, pid in results}
    assert len(processes) <= max(1, min(jobs, len(work)))


@pytest.fixture(scope="module")
def ray_engine() -> Iterator[RayEngine]:
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'bicorpus[ray]'); the Ray engine cannot be tested")
    from ray import cloudpickle

    # Ray's workers cannot import this test module: send its functions by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    engine = RayEngine(jobs=2)
    yield engine
    engine.close()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(work=items)
def test_the_ray_engine_gives_the_same_results_as_the_local_engine(ray_engine: RayEngine, work: list[tuple[int, float]]) -> None:
    on_ray = [(value, square) for value, square, _ in ray_engine.map(slow_square, work, str)]
    local = [(value, square) for value, square, _ in LocalEngine(1).map(slow_square, work, str)]
    assert on_ray == local
