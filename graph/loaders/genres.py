"""The genre of a policy document: a plan (it sets goals), a report (news, a work report, a review:
it tells what was done) or a standard (its cover has ICS/CCS codes), from cues in its title and head
(vocabulary `document_genres`)."""
from __future__ import annotations

import re
from typing import Literal, Optional

from stdkg import vocabulary
from stdkg.records import Plan

Genre = Literal["plan", "report", "standard"]
HEAD_CHARS = 300


def _cues(genre: str, where: str) -> tuple[str, ...]:
    return tuple(r["cue"] for r in vocabulary.table("document_genres", "cue", "genre", "where")
                 if r["genre"] == genre and r["where"] == where)


def document_genre(text: str, plan: Optional[Plan]) -> Genre:
    """`standard` for a standard's cover (ICS/CCS in the head); `report` for a title with a report cue (工作报告, 评估报告), a head with a news cue (记者, 日报讯),
    or a document with neither a plan cue in its title (规划, 方案, 通知) nor a plan period; else `plan`
    (also when no plan metadata is given at all)."""
    title = (plan.title if plan is not None else "") or ""
    if any(re.search(rf"(?<![A-Za-z]){re.escape(cue)}\s+[A-Z0-9]", text[:HEAD_CHARS]) for cue in _cues("standard", "head")):
        return "standard"  # a classification code line: ICS 01.140.40, CCS A 19
    if any(cue in title for cue in _cues("report", "title")):
        return "report"
    if any(cue in text[:HEAD_CHARS] for cue in _cues("report", "head")):
        return "report"
    if plan is None or plan.period_end:
        return "plan"
    return "plan" if any(cue in title for cue in _cues("plan", "title")) else "report"
