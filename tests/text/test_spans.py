from dataclasses import dataclass

from factwire.text.spans import leftmost_longest, overlaps


@dataclass
class Hit:
    name: str
    start: int
    end: int


def test_overlaps_is_half_open():
    assert overlaps(3, 6, [(5, 9)])
    assert not overlaps(3, 5, [(5, 9)])
    assert not overlaps(3, 6, [])


def test_leftmost_longest_keeps_the_longest_at_each_start_and_drops_overlaps():
    hits = [Hit("Xiaomi", 0, 6), Hit("Xiaomi Auto", 0, 11), Hit("Auto", 7, 11), Hit("SU7", 12, 15), Hit("U7", 13, 15)]
    assert [h.name for h in leftmost_longest(hits)] == ["Xiaomi Auto", "SU7"]
    assert leftmost_longest([]) == []
