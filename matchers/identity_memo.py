"""Memos keyed by object identity, for values that are shared objects.

A listing's judgement is a pure function of its fields' readings (deep tuples of
hits).  ``lru_cache`` hashes such a key on every call and compares it with the
entry it finds, element by element; tuples do not keep their hash, so looking
up a cached judgement cost about as much as a tenth of scoring a listing.  Once
equal readings are one object (:class:`Interner`), the judgement can be looked
up by the readings' identities instead (:class:`IdentityMemo`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)
R = TypeVar("R")


class Interner(Generic[T]):
    """One shared object per distinct value: ``interner(value)`` is the first equal value seen.

    Bounded: past ``size`` values it starts again (later equal values are then a new
    shared object; nothing is wrong, an identity memo just misses once).
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._cache: dict[T, T] = {}

    def __call__(self, value: T) -> T:
        shared = self._cache.get(value)
        if shared is None:
            if len(self._cache) >= self._size:
                self._cache.clear()
            shared = self._cache[value] = value
        return shared

    def cache_clear(self) -> None:
        """Forget every value (as ``functools.lru_cache``'s ``cache_clear``)."""
        self._cache.clear()


class IdentityMemo(Generic[R]):
    """A memo of a pure function, looked up by the identities of its arguments.

    An entry keeps its arguments alive, so an identity in a key stays theirs for as
    long as the entry exists: a hit is a call with the very same objects, and the
    function is pure, so its answer is the one stored.  Equal arguments that are other
    objects miss and are computed again (the same answer), which is why the arguments
    should be shared objects (see :class:`Interner`).  Bounded: past ``size`` entries it
    starts again.
    """

    def __init__(self, function: Callable[..., R], size: int) -> None:
        self._function = function
        self._size = size
        self._cache: dict[tuple[int, ...], tuple[tuple[object, ...], R]] = {}

    def __call__(self, *args: object) -> R:
        key = tuple(map(id, args))
        entry = self._cache.get(key)
        if entry is not None:
            return entry[1]
        answer = self._function(*args)
        if len(self._cache) >= self._size:
            self._cache.clear()
        self._cache[key] = (args, answer)
        return answer

    def cache_clear(self) -> None:
        """Forget every entry (as ``functools.lru_cache``'s ``cache_clear``)."""
        self._cache.clear()
