"""Scheduling: reflow times from lengths, fit a track to its window, solve placements
into rooms and slots, and re-plan a published agenda with the fewest moves."""

from __future__ import annotations

from .fit import FitPlan, fit
from .reflow import Change, Reflow, apply_to_text, reflow
from .solve import Solution, SolverMissing, solve

__all__ = [
    "Change",
    "FitPlan",
    "Reflow",
    "Solution",
    "SolverMissing",
    "apply_to_text",
    "fit",
    "reflow",
    "solve",
]
