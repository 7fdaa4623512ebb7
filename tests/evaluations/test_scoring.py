"""The evaluation arithmetic, against EVALUATION-EXAMPLE.md and cases of our own."""

from decimal import Decimal
from fractions import Fraction

from grassroots.evaluations import scoring
from grassroots.evaluations.enums import Classification, Grade, ResultFlag

RULES = scoring.Rules(
    weights=scoring.Weights(Fraction(2, 10), Fraction(4, 10), Fraction(4, 10)),
    thresholds=scoring.Thresholds(),
    min_public_ratings=3,
    advanced_share=Fraction(3, 10),
    lagging_share=Fraction(1, 10),
)


def _public(ratings: list[tuple[int, ...]]) -> tuple[Fraction | None, int, int]:
    scores = [scoring.rating_score(r) for r in ratings]
    satisfied = sum(1 for r in ratings for a in r if a >= 4)
    return scoring.mean(scores), satisfied, sum(len(r) for r in ratings)


def _inputs(key: str, self_pct: int, ratings: list[tuple[int, ...]], reviews: list[int]):
    public, satisfied, answers = _public(ratings)
    return scoring.Inputs(
        key=key,
        self_score=scoring.percent_of_maxima([Fraction(self_pct)], [Fraction(100)]),
        public_score=public,
        rating_count=len(ratings),
        satisfied_answers=satisfied,
        answers=answers,
        review_score=scoring.review_score([(None, Fraction(r)) for r in reviews]),
    )


def test_the_worked_example_exactly():
    a = _inputs("A", 92, [(5, 5, 4), (4, 4, 4), (5, 4, 5)], [88, 90])
    b = _inputs("B", 95, [(5, 5, 5), (5, 5, 5), (2, 3, 5)], [70, 92, 93, 94, 99])
    c = _inputs("C", 60, [(3, 3, 3)], [55])
    assert [round(float(scoring.rating_score(r)), 3) for r in [(5, 5, 4), (4, 4, 4)]] == [
        91.667,
        75.0,
    ]
    assert a.public_score == b.public_score == Fraction(775, 9)  # 86.111…
    assert b.review_score == 93 and a.review_score == 89 and c.public_score == 50
    result_a, result_b, result_c = scoring.score_cycle([a, b, c], RULES)
    assert [r.total for r in (result_a, result_b, result_c)] == [
        Decimal("88.44"),
        Decimal("90.64"),
        Decimal("54.00"),
    ]
    assert result_a.grade == Grade.GOOD
    assert result_b.grade == Grade.FAIR  # excellent by total, capped by 77.8% satisfaction
    assert result_c.grade == Grade.POOR
    assert result_b.satisfaction == Fraction(7, 9)
    assert [r.rank for r in (result_a, result_b, result_c)] == [2, 1, 3]
    assert result_a.flags == result_b.flags == []
    assert result_c.flags == [
        ResultFlag.TOO_FEW_PUBLIC_RATINGS,
        ResultFlag.WEAK_AND_LAX_SUGGESTED,
    ]


def test_ties_share_a_rank_and_the_next_skips():
    totals = [Decimal("90.64"), Decimal("88.44"), Decimal("88.44"), Decimal("54.00")]
    assert scoring.ranks(totals) == [1, 2, 2, 4]


def test_trimming_starts_at_five_reviews():
    four = [Fraction(x) for x in (70, 92, 93, 99)]
    assert scoring.trimmed_mean(four) == Fraction(354, 4)
    assert scoring.trimmed_mean([*four, Fraction(94)]) == 93


def test_review_groups_are_weighted_by_their_weights():
    reviews = [("system", Fraction(80)), ("system", Fraction(90)), ("local", Fraction(60))]
    weights = {"system": Fraction(1, 2), "local": Fraction(1, 4), "recipients": Fraction(1, 4)}
    # Only groups heard count: (85 × 0.5 + 60 × 0.25) / 0.75
    assert scoring.review_score(reviews, weights) == Fraction(230, 3)
    assert scoring.review_score([], weights) is None


def test_rounding_is_half_up_on_exact_values():
    assert scoring.round_half_up(Fraction(88445, 1000)) == Decimal("88.45")
    assert scoring.round_half_up(Fraction(54)) == Decimal("54.00")
    weights = scoring.Weights(Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    total = scoring.total_score(
        self_score=Fraction(1),
        public_score=Fraction(0),
        review_score=Fraction(1, 100) / 2,
        weights=weights,
    )
    assert total == Decimal("0.34")


def test_no_ratings_caps_the_grade_and_satisfaction_below_sixty_flags():
    assert scoring.grade_of(Decimal(95), None, scoring.Thresholds()) == Grade.FAIR
    flags = scoring.flags_of(
        grade=Grade.FAIR, rating_count=40, min_public_ratings=30, satisfaction=Fraction(1, 2)
    )
    assert flags == [ResultFlag.WEAK_AND_LAX_SUGGESTED]


def test_classification_by_shares_keeps_ties_together():
    totals = [Decimal(x) for x in (95, 90, 90, 85, 80, 75, 70, 65, 60, 50)]
    kinds = scoring.classify(totals, advanced_share=Fraction(3, 10), lagging_share=Fraction(1, 10))
    assert kinds[:3] == [Classification.ADVANCED] * 3
    assert kinds[3:9] == [Classification.MIDDLE] * 6
    assert kinds[9] == Classification.LAGGING


def _sums(points: list[int], max_points: int) -> scoring.ReviewSums:
    return scoring.ReviewSums(len(points), sum(points), max(points), min(points), max_points)


def test_review_scores_from_sums_equal_those_from_each_review():
    import random

    rng = random.Random(11)
    weights = {"system": Fraction(1, 2), "local": Fraction(3, 10), "recipients": Fraction(1, 5)}
    for _ in range(300):
        max_points = rng.choice([10000, 8750, 12000])
        reviews = [
            (rng.choice([None, "system", "local", "recipients"]), rng.randint(0, max_points))
            for _ in range(rng.randint(1, 9))
        ]
        each = [(g, scoring.HUNDRED * Fraction(p, max_points)) for g, p in reviews]
        by_group: dict[str | None, list[int]] = {}
        for group, points in reviews:
            by_group.setdefault(group, []).append(points)
        sums = {group: _sums(points, max_points) for group, points in by_group.items()}
        assert scoring.review_score_of_sums(sums) == scoring.review_score(each)
        assert scoring.review_score_of_sums(sums, weights) == scoring.review_score(each, weights)
    # The worked example's B: 70, 92, 93, 94, 99 -> 93.
    assert scoring.review_score_of_sums({None: _sums([70, 92, 93, 94, 99], 100)}) == 93
    assert scoring.review_score_of_sums({}) is None
