import pytest
from hypothesis import given
from hypothesis import strategies as st

from bicorpus.beads import Bead, check_complete


@given(st.lists(st.integers(0, 10_000), max_size=4), st.lists(st.integers(0, 10_000), max_size=4))
def test_interchange_notation_round_trips(src, tgt):
    bead = Bead(tuple(src), tuple(tgt))
    assert Bead.from_interchange(bead.to_interchange()) == bead


def test_interchange_examples():
    assert Bead((0, 1), (2,)).to_interchange() == "[0,1]:[2]"
    assert Bead((3,), ()).to_interchange() == "[3]:[]"
    assert Bead.from_interchange(" [] : [5] ") == Bead((), (5,))
    assert Bead((0, 1), (2,)).type == "2-1"


@pytest.mark.parametrize("line", ["[0]", "0:[1]", "[a]:[1]"])
def test_malformed_interchange_is_rejected(line):
    with pytest.raises(ValueError, match="bead"):
        Bead.from_interchange(line)


def test_complete_alignment_has_no_problems():
    beads = [Bead((0,), (0, 1)), Bead((1,), ()), Bead((2, 3), (2,))]
    assert check_complete(beads, 4, 3) == []


def test_gaps_overlaps_and_empty_beads_are_reported():
    assert check_complete([Bead((0,), (0,)), Bead((2,), (1,))], 3, 2)
    assert check_complete([Bead((0, 1), (0,)), Bead((1,), (1,))], 2, 2)
    assert check_complete([Bead((), ())], 0, 0)
    assert check_complete([Bead((0,), (0,))], 2, 1)
