"""The arithmetic of an evaluation, as pure functions on exact fractions.

Every score is kept unrounded (a Fraction); only the total is rounded, half up, to two
decimals. EVALUATION-EXAMPLE.md works one cycle through by hand with these rules."""

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from grassroots.evaluations.enums import Classification, Grade, ResultFlag

HUNDRED = Fraction(100)
TRIM_FROM = 5  # five reviews or more: the highest and the lowest are dropped
SATISFIED_FROM = 4  # answers 4 (满意) and 5 (非常满意) count as satisfied
WEAK_SATISFACTION = Fraction(60, 100)


def fraction(value: Decimal | float | int | str | Fraction) -> Fraction:
    """An exact fraction of a setting or score (floats by their shortest decimal form)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def percent_of_maxima(scores: Iterable[Fraction], maxima: Iterable[Fraction]) -> Fraction | None:
    """100 · Σ scores / Σ maxima: a self-assessment or one review (None without maxima)."""
    total_max = sum(maxima, Fraction(0))
    if total_max == 0:
        return None
    return HUNDRED * sum(scores, Fraction(0)) / total_max


def rating_score(answers: Sequence[int]) -> Fraction:
    """One public rating: the mean of (answer − 1) / 4 · 100 over its answers."""
    return rating_score_from_sums(sum(answers), len(answers))


def rating_score_from_sums(answer_sum: int, answer_count: int) -> Fraction:
    """The same from the sum and the count of a rating's answers, as the database keeps them."""
    return Fraction(answer_sum - answer_count, 4 * answer_count) * HUNDRED


def mean(values: Sequence[Fraction]) -> Fraction | None:
    """The arithmetic mean, None of nothing."""
    return sum(values, Fraction(0)) / len(values) if values else None


def trimmed_mean(values: Sequence[Fraction]) -> Fraction | None:
    """The mean, dropping the highest and the lowest once there are five or more."""
    ordered = sorted(values)
    if len(ordered) >= TRIM_FROM:
        ordered = ordered[1:-1]
    return mean(ordered)


def review_score(
    reviews: Sequence[tuple[str | None, Fraction]],
    group_weights: Mapping[str, Fraction] | None = None,
) -> Fraction | None:
    """The organizational review: the (trimmed) mean of the submitted reviews; with groups
    (条块结合), each group's trimmed mean weighted by its weight, over the groups heard."""
    if not group_weights:
        return trimmed_mean([score for _, score in reviews])
    by_group: dict[str, list[Fraction]] = {}
    for group, score in reviews:
        if group is not None and group in group_weights:
            by_group.setdefault(group, []).append(score)
    heard = {group: trimmed_mean(scores) for group, scores in by_group.items()}
    weight = sum((group_weights[group] for group in heard), Fraction(0))
    if not heard or weight == 0:
        return None
    return (
        sum(
            (group_weights[group] * score for group, score in heard.items() if score is not None),
            Fraction(0),
        )
        / weight
    )


@dataclass(frozen=True)
class ReviewSums:
    """The submitted reviews of one evaluation (or of one group of its reviewers) as the
    database sums them: how many, and the sum, highest and lowest of their points, all out of
    the same maximum (the points of the evaluation's frozen template)."""

    count: int
    points: int
    highest: int
    lowest: int
    max_points: int

    def __add__(self, other: "ReviewSums") -> "ReviewSums":
        return ReviewSums(
            self.count + other.count,
            self.points + other.points,
            max(self.highest, other.highest),
            min(self.lowest, other.lowest),
            self.max_points,
        )


def trimmed_mean_of_sums(sums: ReviewSums) -> Fraction | None:
    """`trimmed_mean` of the reviews' 100 × points / maximum, from their sums alone: with one
    maximum for all, dropping the highest and lowest score drops the highest and lowest points."""
    count, points = sums.count, sums.points
    if count >= TRIM_FROM:
        count, points = count - 2, points - sums.highest - sums.lowest
    if count == 0 or sums.max_points == 0:
        return None
    return HUNDRED * Fraction(points, count * sums.max_points)


def review_score_of_sums(
    groups: Mapping[str | None, ReviewSums],
    group_weights: Mapping[str, Fraction] | None = None,
) -> Fraction | None:
    """`review_score` from the sums of each group's reviews (None: reviewers with no group)."""
    if not groups:
        return None
    if not group_weights:
        pooled = None
        for sums in groups.values():
            pooled = sums if pooled is None else pooled + sums
        assert pooled is not None
        return trimmed_mean_of_sums(pooled)
    heard = {
        group: trimmed_mean_of_sums(sums)
        for group, sums in groups.items()
        if group is not None and group in group_weights
    }
    weight = sum((group_weights[group] for group in heard), Fraction(0))
    if not heard or weight == 0:
        return None
    return (
        sum(
            (group_weights[group] * score for group, score in heard.items() if score is not None),
            Fraction(0),
        )
        / weight
    )


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact value half up (away from zero on a tie) to `places` decimals."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = math.floor(scaled + Fraction(1, 2))
    rounded = Decimal(whole).scaleb(-places)
    return -rounded if value < 0 else rounded.quantize(Decimal(1).scaleb(-places))


@dataclass(frozen=True)
class Weights:
    """How much each step counts; they sum to one."""

    self: Fraction
    public: Fraction
    review: Fraction


def total_score(
    *,
    self_score: Fraction | None,
    public_score: Fraction | None,
    review_score: Fraction | None,
    weights: Weights,
) -> Decimal:
    """The weighted total, a missing step counting zero, rounded half up to 2 decimals."""
    parts = (
        (self_score, weights.self),
        (public_score, weights.public),
        (review_score, weights.review),
    )
    return round_half_up(sum((w * (s or 0) for s, w in parts), Fraction(0)))


@dataclass(frozen=True)
class Thresholds:
    """The lowest total of each grade above poor, and the satisfaction cap."""

    excellent: Fraction = Fraction(90)
    good: Fraction = Fraction(80)
    fair: Fraction = Fraction(60)
    satisfaction_cap: Fraction = Fraction(9, 10)


def grade_of(total: Decimal, satisfaction: Fraction | None, thresholds: Thresholds) -> Grade:
    """The grade by thresholds; below the satisfaction cap (or with no ratings) at most fair."""
    value = fraction(total)
    if value >= thresholds.excellent:
        grade = Grade.EXCELLENT
    elif value >= thresholds.good:
        grade = Grade.GOOD
    elif value >= thresholds.fair:
        grade = Grade.FAIR
    else:
        grade = Grade.POOR
    capped = satisfaction is None or satisfaction < thresholds.satisfaction_cap
    if capped and grade in (Grade.EXCELLENT, Grade.GOOD):
        return Grade.FAIR
    return grade


def ranks(totals: Sequence[Decimal]) -> list[int]:
    """Competition ranks by total, highest first: ties share a rank and the next skips."""
    descending = sorted(totals, reverse=True)
    first: dict[Decimal, int] = {}
    for position, total in enumerate(descending, start=1):
        first.setdefault(total, position)
    return [first[total] for total in totals]


def classify(
    totals: Sequence[Decimal], *, advanced_share: Fraction, lagging_share: Fraction
) -> list[Classification]:
    """Advanced for the top share, lagging for the bottom share, middle between; the count
    of each share is rounded half up and ties stay together on the side they reach."""
    count = len(totals)
    advanced = math.floor(count * advanced_share + Fraction(1, 2))
    lagging = math.floor(count * lagging_share + Fraction(1, 2))
    ascending = sorted(totals)
    result = []
    for total in totals:
        from_top = 1 + count - bisect.bisect_right(ascending, total)
        from_bottom = 1 + bisect.bisect_left(ascending, total)
        if from_top <= advanced:
            result.append(Classification.ADVANCED)
        elif from_bottom <= lagging:
            result.append(Classification.LAGGING)
        else:
            result.append(Classification.MIDDLE)
    return result


def flags_of(
    *, grade: Grade, rating_count: int, min_public_ratings: int, satisfaction: Fraction | None
) -> list[ResultFlag]:
    """Too few public ratings; weak and lax suggested when poor or satisfaction < 60%."""
    flags = []
    if rating_count < min_public_ratings:
        flags.append(ResultFlag.TOO_FEW_PUBLIC_RATINGS)
    weak = satisfaction is not None and satisfaction < WEAK_SATISFACTION
    if grade == Grade.POOR or weak:
        flags.append(ResultFlag.WEAK_AND_LAX_SUGGESTED)
    return flags


@dataclass(frozen=True)
class Inputs:
    """What one evaluation brings to the cycle's arithmetic."""

    key: object
    self_score: Fraction | None
    public_score: Fraction | None
    rating_count: int
    satisfied_answers: int
    answers: int
    review_score: Fraction | None
    domain: str | None = None


@dataclass
class Result:
    """What the arithmetic gives one evaluation."""

    key: object
    self_score: Fraction | None
    public_score: Fraction | None
    review_score: Fraction | None
    satisfaction: Fraction | None
    total: Decimal
    grade: Grade
    rank: int = 0
    domain_rank: int = 0
    classification: Classification = Classification.MIDDLE
    flags: list[ResultFlag] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    """A cycle's settings, as the arithmetic needs them."""

    weights: Weights
    thresholds: Thresholds
    min_public_ratings: int
    advanced_share: Fraction
    lagging_share: Fraction


def score_cycle(inputs: Sequence[Inputs], rules: Rules) -> list[Result]:
    """Totals, grades, ranks in the cycle and in each domain, classes and flags of a cycle."""
    results = []
    for item in inputs:
        satisfaction = Fraction(item.satisfied_answers, item.answers) if item.answers else None
        total = total_score(
            self_score=item.self_score,
            public_score=item.public_score,
            review_score=item.review_score,
            weights=rules.weights,
        )
        grade = grade_of(total, satisfaction, rules.thresholds)
        results.append(
            Result(
                key=item.key,
                self_score=item.self_score,
                public_score=item.public_score,
                review_score=item.review_score,
                satisfaction=satisfaction,
                total=total,
                grade=grade,
                flags=flags_of(
                    grade=grade,
                    rating_count=item.rating_count,
                    min_public_ratings=rules.min_public_ratings,
                    satisfaction=satisfaction,
                ),
            )
        )
    totals = [result.total for result in results]
    for result, rank, kind in zip(
        results,
        ranks(totals),
        classify(totals, advanced_share=rules.advanced_share, lagging_share=rules.lagging_share),
        strict=True,
    ):
        result.rank, result.classification = rank, kind
    by_domain: dict[str | None, list[int]] = {}
    for index, item in enumerate(inputs):
        by_domain.setdefault(item.domain, []).append(index)
    for indexes in by_domain.values():
        for index, rank in zip(indexes, ranks([totals[i] for i in indexes]), strict=True):
            results[index].domain_rank = rank
    return results
