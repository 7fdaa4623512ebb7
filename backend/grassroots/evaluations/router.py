"""HTTP endpoints of evaluation templates, cycles and evaluations."""

import uuid
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep, stream_rows
from grassroots.core.errors import (
    PERMITTED,
    SIGNED_IN,
    EditConflict,
    Forbidden,
    ValidationFailed,
    problems,
)
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Principal
from grassroots.core.tabular import TABLE_RESPONSE, TableFormat, table_response
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.evaluations import cycles, evaluations, ratings, results, reviews, templates
from grassroots.evaluations import exceptions as refused
from grassroots.evaluations.dependencies import (
    EvaluationId,
    ManagedCycle,
    ManagedEvaluation,
    Manager,
    ReadableCycle,
    ReadableTemplate,
    Reader,
    ReviewerCaller,
    WritableTemplate,
)
from grassroots.evaluations.enums import Classification, EvaluationState, Grade, ResultFlag
from grassroots.evaluations.public_router import router as public_router
from grassroots.evaluations.schemas import (
    CycleBody,
    CycleCreate,
    CycleRead,
    EvaluationRead,
    Finalized,
    GradeChange,
    InvitationRequest,
    Invitations,
    Launched,
    RatingFigures,
    ResultRow,
    ReviewBody,
    ReviewRead,
    SelfAssessment,
    TargetChange,
    TargetRead,
    TemplateCreate,
    TemplateRead,
    TemplateUpdate,
    Transition,
    WindowExtension,
)
from grassroots.evaluations.tabular import RESULT_COLUMNS
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain

ASKED = (PERMITTED, ValidationFailed)
TEMPLATE = (ASKED, refused.TemplateNotFound)
CYCLE = (ASKED, refused.CycleNotFound)
CYCLE_SETTINGS = (
    org_service.OrganizationNotFound,
    refused.TemplateNotFound,
    refused.WeightsInvalid,
    refused.ReviewGroupsInvalid,
    refused.SharesInvalid,
    refused.CycleSettingInvalid,
)
VISIBLE = (SIGNED_IN, ValidationFailed, refused.EvaluationNotFound)
MANAGED = (ASKED, refused.EvaluationNotFound)
IN_STATE = (refused.WrongState, refused.EvaluationFinal)
OPEN = (IN_STATE, refused.WindowClosed)

template_router = Router(prefix="/evaluation-templates", tags=["evaluation-templates"])
cycle_router = Router(prefix="/evaluation-cycles", tags=["evaluation-cycles"])
evaluation_router = Router(prefix="/evaluations", tags=["evaluations"])


# Templates ---------------------------------------------------------------------------------


@template_router.get("", responses=problems(ASKED, InvalidCursor))
async def list_templates(caller: Reader, session: SessionDep, page: PageDep) -> Page[TemplateRead]:
    """Built-in templates and those kept in your scope, ordered by `name`."""
    statement = await templates.list_templates(session, caller)
    return await paginate(
        session, statement, order_by=templates.ORDER, params=page, to_item=templates.present
    )


@template_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        ASKED, IDEMPOTENT, org_service.OrganizationNotFound, refused.TemplateNotFound
    ),
    response_model=TemplateRead,
)
async def create_template(
    data: TemplateCreate, caller: Manager, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Create a template kept by an organization you manage, or copy one (`copy_of`)."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    template = await templates.create_template(session, caller, data=data)
    body = templates.present(template)
    return await idempotency.record(
        respond_with_etag(body, version=template.version, status_code=201)
    )


@template_router.get("/{template_id}", responses=problems(TEMPLATE), response_model=TemplateRead)
async def get_template(template: ReadableTemplate) -> Response:
    """One template with its dimensions, indicators and questionnaire."""
    return respond_with_etag(templates.present(template), version=template.version)


@template_router.patch(
    "/{template_id}",
    responses=problems(TEMPLATE, VERSIONED_WRITE, refused.TemplateReadOnly),
    response_model=TemplateRead,
)
async def update_template(
    template: WritableTemplate, data: TemplateUpdate, session: SessionDep, if_match: IfMatch = None
) -> Response:
    """Edit a copy (built-in templates are read-only); launched cycles keep frozen copies."""
    template = await templates.update_template(session, template, data=data, if_match=if_match)
    return respond_with_etag(templates.present(template), version=template.version)


async def _public_base(request: Request) -> str:
    return str(request.app.state.settings.public_base_url)


# Where rating pages live: empty (links are paths on this site) unless PUBLIC_BASE_URL is set.
PublicBase = Annotated[str, Depends(_public_base)]


# Cycles ------------------------------------------------------------------------------------


@cycle_router.get("", responses=problems(ASKED, InvalidCursor))
async def list_cycles(
    caller: Reader,
    session: SessionDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[CycleRead]:
    """Cycles run by organizations in your scope, ordered by `year`."""
    return await paginate(
        session,
        cycles.list_cycles(caller, year=year),
        order_by=cycles.ORDER,
        params=page,
        to_item=cycles.present,
    )


@cycle_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(ASKED, IDEMPOTENT, CYCLE_SETTINGS),
    response_model=CycleRead,
)
async def create_cycle(
    data: CycleCreate, caller: Manager, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Plan a cycle run by an organization you manage, over its subtree."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    cycle = await cycles.create_cycle(session, caller, data=data)
    return await idempotency.record(
        respond_with_etag(cycles.present(cycle), version=cycle.version, status_code=201)
    )


@cycle_router.get("/{cycle_id}", responses=problems(CYCLE), response_model=CycleRead)
async def get_cycle(cycle: ReadableCycle) -> Response:
    """One cycle with its settings."""
    return respond_with_etag(cycles.present(cycle[0]), version=cycle[0].version)


@cycle_router.put(
    "/{cycle_id}",
    responses=problems(CYCLE, VERSIONED_WRITE, CYCLE_SETTINGS, refused.CycleAlreadyLaunched),
    response_model=CycleRead,
)
async def update_cycle(
    cycle: ManagedCycle,
    data: CycleBody,
    caller: Manager,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Replace the settings of a cycle not launched yet."""
    updated = await cycles.update_cycle(session, caller, cycle[0], data=data, if_match=if_match)
    return respond_with_etag(cycles.present(updated), version=updated.version)


@cycle_router.get("/{cycle_id}/preview", responses=problems(CYCLE))
async def preview_cycle(cycle: ManagedCycle, session: SessionDep) -> list[TargetRead]:
    """Who a launch would evaluate, by place in the tree."""
    return await cycles.preview(session, *cycle)


@cycle_router.post("/{cycle_id}/launch", responses=problems(CYCLE, EditConflict))
async def launch_cycle(cycle: ManagedCycle, session: SessionDep) -> Launched:
    """Create one evaluation per target; launching again adds only the missing ones."""
    created, total = await cycles.launch(session, *cycle)
    return Launched(created=created, evaluations=total)


@cycle_router.post(
    "/{cycle_id}/targets",
    responses=problems(CYCLE, refused.CycleNotLaunched, refused.TargetNotFound),
)
async def add_target(
    cycle: ManagedCycle,
    data: TargetChange,
    caller: Manager,
    session: SessionDep,
    base: PublicBase,
) -> EvaluationRead:
    """Add a late target (or take back a withdrawn one), with the reason (audited)."""
    evaluation = await cycles.add_target(
        session,
        *cycle,
        organization_id=data.organization_id,
        member_id=data.member_id,
        reason=data.reason,
    )
    loaded = await evaluations.load(session, caller, evaluation.id)
    return evaluations.present(loaded, caller, public_base=base)


@cycle_router.post("/{cycle_id}/finalize", responses=problems(CYCLE))
async def finalize_cycle(cycle: ManagedCycle, session: SessionDep) -> Finalized:
    """Finalize every evaluation in organizational review, and rank the cycle."""
    return Finalized(changed=await results.rescore(session, cycle[0]))


async def _result_filters(
    domain: Domain | None = None,
    grade: Annotated[
        Grade | None, Query(description="The confirmed grade, or the computed one until then.")
    ] = None,
    classification: Classification | None = None,
    flag: ResultFlag | None = None,
) -> results.ResultFilter:
    return results.ResultFilter(
        domain=domain, grade=grade, classification=classification, flag=flag
    )


ResultFilterDep = Annotated[results.ResultFilter, Depends(_result_filters)]
OrderDep = Annotated[
    results.ResultSort,
    Query(
        description="`rank` (best first, ties by id), `total` (highest first: the same order, "
        "as the rank is the total's) or `name` (the organization's or secretary's)."
    ),
]


@cycle_router.get("/{cycle_id}/results", responses=problems(CYCLE, InvalidCursor))
async def list_results(
    cycle: ManagedCycle,
    session: SessionDep,
    page: PageDep,
    filters: ResultFilterDep,
    order: OrderDep = "rank",
) -> Page[ResultRow]:
    """The finalized evaluations of the cycle with their scores, grades (computed and
    confirmed), ranks, classification, flags and public-rating figures."""
    order_by, descending = results.SORTS[order]
    found = await paginate(
        session,
        results.results_page_query(session, cycle[0], filters=filters),
        order_by=order_by,
        params=page,
        to_item=lambda e: e,
        descending=descending,
    )
    items = await results.present_results(session, found.items)
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


@cycle_router.get(
    "/{cycle_id}/results/export",
    responses={**problems(CYCLE), **TABLE_RESPONSE},
    response_class=StreamingResponse,
)
async def export_results(
    cycle: ManagedCycle,
    request: Request,
    session: SessionDep,
    filters: ResultFilterDep,
    order: OrderDep = "rank",
    table_format: Annotated[TableFormat, Query(alias="format")] = "xlsx",
) -> StreamingResponse:
    """The results as a CSV or XLSX table with Chinese headers, filtered and sorted alike."""
    statement = results.export_query(
        results.results_query(session, cycle[0], filters=filters), order
    )
    rows = stream_rows(request.app.state.sessionmaker, statement, results.export_row)
    return table_response(table_format, f"{cycle[0].name}考核结果", RESULT_COLUMNS, rows)


@cycle_router.post("/{cycle_id}/confirm", responses=problems(CYCLE))
async def confirm_cycle(cycle: ManagedCycle, session: SessionDep) -> Finalized:
    """Confirm the computed grades of every finalized evaluation (核准定级): publishes them."""
    return Finalized(changed=await results.confirm_cycle(session, cycle[0]))


# Evaluations -------------------------------------------------------------------------------


async def _filters(
    cycle_id: uuid.UUID | None = None,
    within: Annotated[
        uuid.UUID | None, Query(description="Only this organization and everything below it.")
    ] = None,
    state: EvaluationState | None = None,
    domain: Domain | None = None,
    grade: Grade | None = None,
    member_id: Annotated[uuid.UUID | None, Query(description="A secretary's evaluations.")] = None,
) -> dict[str, Any]:
    return {
        "cycle_id": cycle_id,
        "within": within,
        "state": state,
        "domain": domain,
        "grade": grade,
        "member_id": member_id,
    }


@evaluation_router.get(
    "",
    responses=problems(
        SIGNED_IN, ValidationFailed, InvalidCursor, org_service.OrganizationNotFound
    ),
)
async def list_evaluations(
    caller: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    filters: Annotated[dict[str, Any], Depends(_filters)],
    base: PublicBase,
) -> Page[EvaluationRead]:
    """Evaluations you may see (your organizations', your cycles', those you review), oldest
    first."""
    within_path = await org_service.subtree_path(session, caller, filters.pop("within"))
    statement = evaluations.list_evaluations(
        caller,
        filters=evaluations.EvaluationFilter(
            within_path=within_path,
            domain=filters.pop("domain"),
            **filters,
        ),
    )
    found = await paginate(
        session, statement, order_by=evaluations.ORDER, params=page, to_item=lambda e: e
    )
    loaded = await evaluations.load_page(session, found.items)
    items = [evaluations.present(one, caller, public_base=base) for one in loaded]
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


async def _loaded(
    evaluation_id: EvaluationId, session: SessionDep, caller: CurrentPrincipal
) -> evaluations.Loaded:
    return await evaluations.load(session, caller, evaluation_id)


Visible = Annotated[evaluations.Loaded, Depends(_loaded)]


def _respond(loaded: evaluations.Loaded, caller: Principal, base: str) -> Response:
    body = evaluations.present(loaded, caller, public_base=base)
    return respond_with_etag(body, version=loaded.evaluation.version)


@evaluation_router.get(
    "/{evaluation_id}", responses=problems(VISIBLE), response_model=EvaluationRead
)
async def get_evaluation(loaded: Visible, caller: CurrentPrincipal, base: PublicBase) -> Response:
    """One evaluation: its state, scores so far, and the transitions open to you."""
    return _respond(loaded, caller, base)


@evaluation_router.post(
    "/{evaluation_id}/transitions",
    responses=problems(
        VISIBLE,
        VERSIONED_WRITE,
        refused.WrongState,
        refused.WindowClosed,
        refused.Incomplete,
        refused.ReasonRequired,
    ),
    response_model=EvaluationRead,
)
async def transition_evaluation(
    loaded: Visible,
    data: Transition,
    caller: CurrentPrincipal,
    session: SessionDep,
    base: PublicBase,
    if_match: IfMatch = None,
) -> Response:
    """Move to another state: submitting (to public_rating) needs every indicator scored;
    returning or reopening needs a reason; anything else is a 409 naming allowed states."""
    await evaluations.transition(
        session, loaded, caller, to=data.to, reason=data.reason, if_match=if_match
    )
    return _respond(loaded, caller, base)


@evaluation_router.put(
    "/{evaluation_id}/self-assessment",
    responses=problems(VISIBLE, VERSIONED_WRITE, Forbidden, OPEN, refused.Incomplete),
    response_model=EvaluationRead,
)
async def save_self_assessment(
    loaded: Visible,
    data: SelfAssessment,
    caller: CurrentPrincipal,
    session: SessionDep,
    base: PublicBase,
    if_match: IfMatch = None,
) -> Response:
    """Save scores per indicator, narratives per dimension and evidence links (links only:
    files are kept where they already are), within the self-assessment window."""
    await evaluations.save_self_assessment(session, loaded, caller, data=data, if_match=if_match)
    return _respond(loaded, caller, base)


@evaluation_router.get("/{evaluation_id}/template", responses=problems(VISIBLE))
async def get_evaluation_template(loaded: Visible) -> TemplateRead:
    """The frozen copy of the template this evaluation is scored on: its dimensions and
    indicators (with maxima and the facts that evidence them) and the public questionnaire."""
    return evaluations.template_of(loaded)


@evaluation_router.get("/{evaluation_id}/facts", responses=problems(VISIBLE))
async def get_facts(loaded: Visible, session: SessionDep) -> dict[str, Any]:
    """What the platform knows for the cycle's year, to support the self-assessment."""
    return await evaluations.facts(session, loaded)


@evaluation_router.post(
    "/{evaluation_id}/window-extensions",
    responses=problems(MANAGED, EditConflict, refused.EvaluationFinal),
    response_model=EvaluationRead,
)
async def extend_window(
    loaded: ManagedEvaluation,
    data: WindowExtension,
    caller: Manager,
    session: SessionDep,
    base: PublicBase,
) -> Response:
    """Keep one step of this evaluation open until a later instant."""
    await evaluations.extend_window(session, loaded, step=data.step, closes_at=data.closes_at)
    return _respond(loaded, caller, base)


@evaluation_router.post(
    "/{evaluation_id}/withdraw",
    responses=problems(MANAGED, EditConflict, IN_STATE),
    response_model=EvaluationRead,
)
async def withdraw_evaluation(
    loaded: ManagedEvaluation,
    data: TargetChange,
    caller: Manager,
    session: SessionDep,
    base: PublicBase,
) -> Response:
    """Take this target out of the cycle, with the reason (audited)."""
    await evaluations.withdraw(session, loaded, reason=data.reason)
    return _respond(loaded, caller, base)


@evaluation_router.post(
    "/{evaluation_id}/confirm",
    responses=problems(MANAGED, EditConflict, refused.WrongState, refused.ReasonRequired),
    response_model=EvaluationRead,
)
async def confirm_evaluation(
    loaded: ManagedEvaluation,
    data: GradeChange,
    caller: Manager,
    session: SessionDep,
    base: PublicBase,
) -> Response:
    """Confirm the grade (核准定级); another grade than the computed one needs a reason."""
    await results.confirm_one(session, loaded.evaluation, grade=data.grade, reason=data.reason)
    return _respond(loaded, caller, base)


@evaluation_router.get(
    "/{evaluation_id}/reviews/mine",
    responses=problems(MANAGED, refused.NotAReviewer, refused.ReviewNotStarted),
    response_model=ReviewRead,
)
async def get_my_review(
    evaluation_id: EvaluationId, caller: ReviewerCaller, session: SessionDep
) -> Response:
    """Your review as an assigned reviewer, draft or submitted (404
    `evaluation_review_not_started` until you save one)."""
    loaded = await evaluations.load(session, caller, evaluation_id)
    review = await reviews.get_my_review(session, loaded, caller)
    return respond_with_etag(ReviewRead.model_validate(review), version=review.version)


@evaluation_router.get("/{evaluation_id}/reviews", responses=problems(MANAGED))
async def list_reviews(loaded: ManagedEvaluation, session: SessionDep) -> list[ReviewRead]:
    """Every reviewer's review of this evaluation, drafts included (the running
    organization's admins); at most one per reviewer of the cycle, so one answer holds all."""
    return [ReviewRead.model_validate(r) for r in await reviews.list_reviews(session, loaded)]


@evaluation_router.put(
    "/{evaluation_id}/reviews/mine",
    responses=problems(
        MANAGED,
        VERSIONED_WRITE,
        OPEN,
        refused.NotAReviewer,
        refused.ReviewFinal,
        refused.Incomplete,
    ),
    response_model=ReviewRead,
)
async def save_my_review(
    evaluation_id: EvaluationId,
    data: ReviewBody,
    caller: ReviewerCaller,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Your review as an assigned reviewer: scores per indicator and a comment; with
    `submit` it is final unless the evaluation is returned."""
    loaded = await evaluations.load(session, caller, evaluation_id)
    review, created = await reviews.save_review(
        session, loaded, caller, data=data, if_match=if_match
    )
    body = ReviewRead.model_validate(review)
    return respond_with_etag(body, version=review.version, status_code=201 if created else 200)


# Public rating ------------------------------------------------------------------------------


def _base_url(request: Request) -> str:
    return request.app.state.settings.public_base_url or str(request.base_url)


def _rating_link(loaded: evaluations.Loaded, caller: Principal, request: Request) -> str:
    if not (loaded.manages(caller) or loaded.assesses(caller)):
        raise Forbidden("Only the evaluated organization's staff and the cycle's admins may.")
    return ratings.rating_link(_base_url(request), loaded.evaluation)


QR_RESPONSES: dict[int | str, dict[str, Any]] = {
    **problems(VISIBLE, Forbidden),
    200: {"content": {"image/svg+xml": {}, "image/png": {}}, "description": "The QR code."},
}


@evaluation_router.get("/{evaluation_id}/qr.svg", responses=QR_RESPONSES, response_class=Response)
async def get_rating_qr_svg(
    loaded: Visible, caller: CurrentPrincipal, request: Request
) -> Response:
    """A QR code (SVG) of the rating page's link, `<public base>/rate/<token>`, to print."""
    link = _rating_link(loaded, caller, request)
    return Response(ratings.qr_code(link, "svg"), media_type="image/svg+xml")


@evaluation_router.get("/{evaluation_id}/qr.png", responses=QR_RESPONSES, response_class=Response)
async def get_rating_qr_png(
    loaded: Visible, caller: CurrentPrincipal, request: Request
) -> Response:
    """A QR code (PNG) of the rating page's link, `<public base>/rate/<token>`, to print."""
    link = _rating_link(loaded, caller, request)
    return Response(ratings.qr_code(link, "png"), media_type="image/png")


@evaluation_router.post(
    "/{evaluation_id}/invitations",
    status_code=status.HTTP_201_CREATED,
    responses=problems(MANAGED, IN_STATE),
)
async def create_invitations(
    loaded: ManagedEvaluation, data: InvitationRequest, session: SessionDep
) -> Invitations:
    """Make single-use invitation codes to rate this evaluation (up to 1,000 at a time). They
    are shown in this answer only and kept as keyed hashes; a retry makes new codes."""
    return Invitations(codes=await ratings.create_invitations(session, loaded, count=data.count))


@evaluation_router.get("/{evaluation_id}/public-figures", responses=problems(VISIBLE))
async def get_public_figures(loaded: Visible, session: SessionDep) -> RatingFigures:
    """What the public said: count, distribution per question and satisfaction rate (answers
    4 and 5) for party members, residents and all, and the latest comments; never who."""
    return await ratings.figures(session, loaded)


routers = (template_router, cycle_router, evaluation_router, public_router)
