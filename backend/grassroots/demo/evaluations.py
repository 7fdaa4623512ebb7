"""The demo county's evaluations: last year's classified assessment of its villages and
communities, finished (self-assessed, rated by the public, reviewed, finalized and the grades
confirmed), last year's duty review of the community secretaries, finished too, and this
year's assessment running, in its public rating step, so every evaluation page has figures.

The steps are taken through the evaluation services where they carry rules (creating and
launching a cycle, finalizing, confirming grades); the answers themselves (self scores,
ratings, reviews) are inserted in bulk, drawn from generators seeded by name."""

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from grassroots.core import audit
from grassroots.core.security import SYSTEM
from grassroots.demo.context import DemoContext, insert_rows, new_id
from grassroots.evaluations import cycles, results
from grassroots.evaluations.enums import EvaluationState, RaterGroup, Subject
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.evaluations.schemas import CycleCreate
from grassroots.organizations.enums import Tier
from grassroots.users.models import User

REVIEWER_USERNAME = "demo-reviewer"
COMMENTS = [
    "网格员经常上门，有事找得到人。",
    "党员志愿服务队帮我们修好了路灯。",
    "办事比以前方便多了，希望继续保持。",
    "老年人活动室开放时间可以再长一些。",
    "希望多组织一些面向年轻人的活动。",
    "反映的问题有回音，但处理还不够快。",
    "村里环境变好了，大家都看得见。",
]
NARRATIVES = [
    "班子成员分工明确，按月召开支委会，重大事项集体研究。",
    "党员骨干带头参加志愿服务，结对帮扶困难群众。",
    "活动场所一室多用，全年向群众开放。",
    "依托网格开展代办服务，群众诉求按时办结。",
    "三会一课、主题党日等制度落实到位，台账齐全。",
    "群众满意度逐年提高，为民办实事项目全部完成。",
]


def _names(year: int) -> dict[str, str]:
    return {
        "finished": f"{year - 1}年度基层党组织分类考核",
        "secretaries": f"{year - 1}年度社区党组织书记述职评议",
        "running": f"{year}年度基层党组织分类考核",
    }


def _window(context: DemoContext, first: date, days: int) -> dict[str, datetime]:
    return {"opens_at": context.at(first, 8), "closes_at": context.at(first + timedelta(days), 8)}


async def _cycle(
    context: DemoContext,
    *,
    name: str,
    year: int,
    subject: Subject,
    tiers: list[Tier],
    starts: date,
    reviewers: list[Any],
) -> EvaluationCycle:
    """A cycle of the county over the tiers, with three 20-day windows from `starts`, launched."""
    body = CycleCreate.model_validate(
        {
            "organization_id": context.county.id,
            "name": name,
            "year": year,
            "subject": subject,
            "target_tiers": tiers,
            "windows": {
                "self_assessment": _window(context, starts, 20),
                "public_rating": _window(context, starts + timedelta(20), 20),
                "organizational_review": _window(context, starts + timedelta(40), 20),
            },
            "min_public_ratings": 20,
            "reviewers": [{"user_id": user_id} for user_id in reviewers],
        }
    )
    cycle = await cycles.create_cycle(context.session, SYSTEM, data=body)
    await cycles.launch(context.session, cycle, context.county)
    return cycle


def _rating(
    context: DemoContext, rng: random.Random, evaluation: Evaluation, quality: float, questions: int
) -> dict[str, Any]:
    answers = [max(1, min(5, round(rng.gauss(quality, 0.8)))) for _ in range(questions)]
    return {
        "id": new_id(rng),
        "evaluation_id": evaluation.id,
        "rater_group": RaterGroup.MEMBER if rng.random() < 0.3 else RaterGroup.RESIDENT,
        "answers": answers,
        "answer_sum": sum(answers),
        "answer_count": len(answers),
        "satisfied_count": sum(1 for a in answers if a >= 4),
        "comment": rng.choice(COMMENTS) if rng.random() < 0.2 else None,
        "rated_on": context.today - timedelta(days=rng.randint(0, 5)),
    }


async def _answer(
    context: DemoContext,
    cycle: EvaluationCycle,
    *,
    state: EvaluationState,
    ratings: tuple[int, int],
    reviewers: list[Any],
) -> tuple[int, int, int]:
    """Self-assess every evaluation of the cycle, put it in `state`, and add public ratings
    (a number in the range) and, for the review step, one submitted review per reviewer.
    Each organization has a quality of its own that shows through all three steps."""
    session = context.session
    found = list(
        await session.scalars(
            select(Evaluation).where(Evaluation.cycle_id == cycle.id).order_by(Evaluation.id)
        )
    )
    found.sort(key=lambda e: context.by_id[e.organization_id].code + str(e.member_id or ""))
    ratings_rows: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    submitted = context.at(context.today - timedelta(days=45), 10)
    for evaluation in found:
        code = context.by_id[evaluation.organization_id].code
        rng = context.rng("evaluations", cycle.name, code, evaluation.member_id)
        quality = rng.uniform(3.4, 4.8)
        template = cycle.frozen_templates[evaluation.template_id]
        share = min(1.0, (quality - 2.5) / 2.3)
        scores: dict[str, str] = {}
        max_points = points = 0
        for dimension in template["dimensions"]:
            for indicator in dimension["indicators"]:
                maximum = float(indicator["max_score"])
                score = round(maximum * min(1.0, share * rng.uniform(0.85, 1.1)) * 2) / 2
                scores[indicator["code"]] = f"{score:.2f}"
                points += round(score * 100)
                max_points += round(maximum * 100)
        evaluation.self_scores = scores
        evaluation.narratives = {
            d["code"]: NARRATIVES[i % len(NARRATIVES)] for i, d in enumerate(template["dimensions"])
        }
        if cycle.subject == Subject.SECRETARY:
            evaluation.duty_report = "一年来，认真履行抓党建第一责任人职责，" + NARRATIVES[0]
        evaluation.self_points, evaluation.self_max_points = points, max_points
        evaluation.self_score = round(100 * points / max_points, 2)
        evaluation.submitted_at = submitted
        evaluation.state = state
        questions = len(template["questionnaire"]["questions"])
        ratings_rows += [
            _rating(context, rng, evaluation, quality, questions)
            for _ in range(rng.randint(*ratings))
        ]
        if state == EvaluationState.ORGANIZATIONAL_REVIEW:
            for reviewer in reviewers:
                share_review = min(1.0, share * rng.uniform(0.9, 1.08))
                review_points = round(max_points * share_review)
                reviews.append(
                    {
                        "id": new_id(rng),
                        "evaluation_id": evaluation.id,
                        "organization_id": evaluation.organization_id,
                        "reviewer_id": reviewer,
                        "group": None,
                        "scores": {},
                        "comment": "材料翔实，工作扎实。",
                        "points": review_points,
                        "max_points": max_points,
                        "score": round(100 * review_points / max_points, 2),
                        "submitted_at": submitted + timedelta(days=30),
                        "version": 1,
                    }
                )
    await session.flush()
    await insert_rows(session, EvaluationRating, ratings_rows)
    await insert_rows(session, EvaluationReview, reviews)
    return len(ratings_rows), len(reviews), len(found)


async def seed_evaluations(context: DemoContext) -> dict[str, int]:
    """Add last year's finished cycles and this year's running one, unless they are there."""
    session = context.session
    year = context.today.year
    names = _names(year)
    already = await session.scalar(
        select(EvaluationCycle.id).where(
            EvaluationCycle.organization_id == context.county.id,
            EvaluationCycle.name == names["running"],
        )
    )
    if already is not None:
        return {}
    reviewer = await session.scalar(select(User.id).where(User.username == REVIEWER_USERNAME))
    reviewers = [reviewer] if reviewer is not None else []
    counts = {"evaluation cycles": 0, "evaluations": 0, "public ratings": 0, "reviews": 0}
    resident = [Tier.VILLAGE, Tier.COMMUNITY]
    finished = [
        ("finished", Subject.ORGANIZATION, resident),
        ("secretaries", Subject.SECRETARY, [Tier.COMMUNITY]),
    ]
    for key, subject, tiers in finished:
        cycle = await _cycle(
            context,
            name=names[key],
            year=year - 1,
            subject=subject,
            tiers=tiers,
            starts=context.today - timedelta(days=300),
            reviewers=reviewers,
        )
        rated, reviewed, _ = await _answer(
            context,
            cycle,
            state=EvaluationState.ORGANIZATIONAL_REVIEW,
            ratings=(16, 45),
            reviewers=reviewers,
        )
        counts["evaluations"] += await results.rescore(session, cycle)
        await results.confirm_cycle(session, cycle)
        counts["evaluation cycles"] += 1
        counts["public ratings"] += rated
        counts["reviews"] += reviewed
    # This year's: self-assessment done, the public rating open since ten days, the review next.
    running = await _cycle(
        context,
        name=names["running"],
        year=year,
        subject=Subject.ORGANIZATION,
        tiers=resident,
        starts=context.today - timedelta(days=30),
        reviewers=reviewers,
    )
    counts["evaluation cycles"] += 1
    rated, _, made = await _answer(
        context, running, state=EvaluationState.PUBLIC_RATING, ratings=(0, 24), reviewers=[]
    )
    counts["evaluations"] += made
    counts["public ratings"] += rated
    audit.record(
        session,
        action="seed",
        entity_type="evaluation_cycle",
        entity_id=running.id,
        organization=context.county,
        changes=counts,
    )
    await session.flush()
    return counts
