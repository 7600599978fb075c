"""MinHash fingerprints of a story's text, and the LSH bands that find near-duplicates.

Shingles are word 5-grams of the lower-cased words (3-grams for texts under 60 words; character
5-grams for Chinese). 128 permutations split into 32 bands of 4 rows: two stories with a Jaccard
similarity of 0.7 share a band with probability 0.9998, two at 0.3 with probability 0.23; every
candidate is then checked on its full signature.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 7
_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def shingles(text: str) -> set[str]:
    lower = text.lower()
    if len(_CJK.findall(lower)) > len(lower) / 4:
        chars = "".join(_CJK.findall(lower))
        return {chars[i : i + 5] for i in range(max(1, len(chars) - 4))}
    words = _WORD.findall(lower)
    n = 5 if len(words) >= 60 else 3
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def signature(text: str) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, band hash) pairs; the hash fits a signed 64-bit integer column."""
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "big", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype(np.uint64).tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.uint64)
