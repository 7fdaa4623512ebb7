"""A cycle's results as a table, with Chinese headers."""

from grassroots.core.tabular import Column, enum_label
from grassroots.evaluations.enums import ResultFlag


def _flags(flags: list[ResultFlag] | None) -> str:
    return "、".join(ResultFlag(flag).zh for flag in flags or [])


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


RESULT_COLUMNS = [
    Column("rank", "排名", "Rank"),
    Column("domain_rank", "领域内排名", "Rank in domain"),
    Column("organization_name", "党组织", "Organization"),
    Column("member_name", "书记", "Secretary"),
    Column("domain", "领域", "Domain", enum_label),
    Column("self_score", "基层自评得分", "Self-assessment score"),
    Column("public_score", "群众测评得分", "Public rating score"),
    Column("review_score", "组织考评得分", "Organizational review score"),
    Column("total", "综合得分", "Total"),
    Column("computed_grade", "计算等次", "Computed grade", enum_label),
    Column("grade", "核定等次", "Confirmed grade", enum_label),
    Column("grade_reason", "等次调整理由", "Reason for the grade"),
    Column("classification", "动态管理分类", "Classification", enum_label),
    Column("flags", "提示", "Flags", _flags),
    Column("rating_count", "测评人数", "Ratings"),
    Column("satisfaction_rate", "满意率", "Satisfaction rate", _percent),
]
