"""Actors: the sellers behind alerts, joined by shared identifiers, seller ids and photos, with a risk score.

Pure: records in, actors and scores out.  Storage, the CLI and case files build on it.
"""

from alerts.actors.graph import build_actors
from alerts.actors.model import (
    Actor,
    ActorGraph,
    Constraint,
    Edge,
    ListingRecord,
    Merge,
    Split,
    Strength,
)

__all__ = [
    "Actor",
    "ActorGraph",
    "Constraint",
    "Edge",
    "ListingRecord",
    "Merge",
    "Split",
    "Strength",
    "build_actors",
]
