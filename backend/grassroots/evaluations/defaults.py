"""The built-in templates, written from paragraphs (4), (5), (14) and (15) of the 2014
Opinions: the six haves (六有) as dimensions, indicators per domain (分类考核), and the
secretaries' duty review (述职评议考核). Admins copy these and edit the copies."""

from typing import Any

from grassroots.organizations.enums import Domain

SCALE = [
    {"value": 5, "zh": "非常满意", "en": "Very satisfied"},
    {"value": 4, "zh": "满意", "en": "Satisfied"},
    {"value": 3, "zh": "基本满意", "en": "Fairly satisfied"},
    {"value": 2, "zh": "不满意", "en": "Dissatisfied"},
    {"value": 1, "zh": "非常不满意", "en": "Very dissatisfied"},
]


def _indicator(
    code: str, zh: str, en: str, max_score: int, description: str, evidenced_by: str | None = None
) -> dict[str, Any]:
    return {
        "code": code,
        "name": zh,
        "name_en": en,
        "max_score": max_score,
        "description": description,
        "evidenced_by": evidenced_by,
    }


# What each domain's organizations serve, from paragraph (5): a carrier and a result each.
_DOMAIN_WORK: dict[Domain, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    Domain.RURAL: (
        (
            "逐户走访、包户帮扶",
            "Household visits and assistance",
            "开展逐户走访、包户帮扶，引导农民合作经营、联户经营。",
        ),
        (
            "带领农民致富、维护农村稳定",
            "Prosperity and stability in the village",
            "帮助群众和困难党员解决生产生活、增收致富中的实际问题，及时办理反馈群众诉求。",
        ),
    ),
    Domain.STATE_OWNED_ENTERPRISE: (
        (
            "职工诉求办理制度",
            "Handling of employees' requests",
            "建立职工诉求办理制度，开展人文关怀和心理疏导。",
        ),
        (
            "服务生产经营和队伍建设",
            "Serving operations and the workforce",
            "保障职工参与管理和监督的民主权利，组织党员和职工为企业改革发展建言献策。",
        ),
    ),
    Domain.COMMUNITY: (
        (
            "在职党员到社区报到、民情恳谈",
            "In-service members registered; public-sentiment talks",
            "定期开展民情恳谈，组织在职党员到社区报到、为群众服务。",
        ),
        (
            "建设文明和谐社区",
            "A civilized, harmonious community",
            "开展群众喜闻乐见的文化活动，建设文明和谐社区。",
        ),
    ),
    Domain.GOVERNMENT: (
        (
            "党员干部直接联系群众",
            "Cadres in direct contact with the people",
            "落实党员干部直接联系群众制度，推动机关干部深入基层、服务基层。",
        ),
        (
            "服务中心、建设队伍",
            "Serving the centre's work, building the team",
            "围绕服务中心、建设队伍搞好服务，转变作风。",
        ),
    ),
    Domain.UNIVERSITY: (
        (
            "师生成长发展平台",
            "Platforms for teachers' and students' growth",
            "把思想教育与解决实际问题结合起来，搭建师生成长发展平台。",
        ),
        (
            "立德树人",
            "Fostering virtue through education",
            "促进学生德智体美全面发展，引导师生讲理想跟党走、爱学习爱劳动爱祖国。",
        ),
    ),
    Domain.PUBLIC_INSTITUTION: (
        (
            "思想政治工作与人才活力",
            "Political work and talent",
            "做好思想政治工作，激发党员和各类人才创新创造活力。",
        ),
        (
            "公益服务水平提升",
            "Better public-interest services",
            "围绕深化分类改革、促进事业发展，推动公益服务水平不断提升。",
        ),
    ),
    Domain.NON_PUBLIC_ENTERPRISE: (
        (
            "党建工作指导员与职工服务",
            "Party-building instructor and service to employees",
            "在职工群众中发挥政治核心作用，维护各方合法权益。",
        ),
        ("促进生产经营", "Supporting operations", "在企业发展中发挥政治引领作用，促进生产经营。"),
    ),
    Domain.SOCIAL_ORGANIZATION: (
        (
            "凝聚群众、反映诉求",
            "Uniting people and conveying their requests",
            "发挥提供服务、反映诉求、规范行为的作用。",
        ),
        (
            "坚持正确政治方向、促进发展",
            "Right political direction and development",
            "引领社会组织坚持正确政治方向，凝聚群众、激发活力、促进发展。",
        ),
    ),
}


def _dimension(code: str, zh: str, en: str, indicators: list[dict[str, Any]]) -> dict[str, Any]:
    return {"code": code, "name": zh, "name_en": en, "indicators": indicators}


def _organization_dimensions(domain: Domain) -> list[dict[str, Any]]:
    (carrier_zh, carrier_en, carrier_text), (result_zh, result_en, result_text) = _DOMAIN_WORK[
        domain
    ]
    carrier_fact = "members_registered" if domain == Domain.COMMUNITY else None
    return [
        _dimension(
            "A",
            "有坚强有力的领导班子",
            "A strong leadership team",
            [
                _indicator(
                    "A1",
                    "书记配备到位",
                    "Secretary in place",
                    8,
                    "党组织书记党性强、能力强、改革意识强、服务意识强。",
                    "secretary_in_place",
                ),
                _indicator(
                    "A2",
                    "班子服务意识和作风",
                    "The team's will and style of service",
                    6,
                    "建设服务意识强、服务作风好、服务水平高的领导班子。",
                ),
                _indicator(
                    "A3",
                    "班子团结、议事规范",
                    "A united team that decides by the rules",
                    6,
                    "班子健全、团结协作，重大事项集体讨论决定。",
                ),
            ],
        ),
        _dimension(
            "B",
            "有本领过硬的骨干队伍",
            "A capable backbone team",
            [
                _indicator(
                    "B1",
                    "党员带头服务",
                    "Members leading in service",
                    6,
                    "党员带头服务、带领服务、带动服务，参加志愿服务。",
                    "volunteers",
                ),
                _indicator(
                    "B2", "党务工作力量", "Party-affairs staff", 4, "配强党务工作者，履行服务职责。"
                ),
                _indicator(
                    "B3",
                    "教育培训",
                    "Education and training",
                    5,
                    "党员日常教育管理严格，注重把党员培养成服务骨干。",
                ),
            ],
        ),
        _dimension(
            "C",
            "有功能实用的服务场所",
            "A practical service venue",
            [
                _indicator(
                    "C1",
                    "活动场所一室多用",
                    "A venue of many uses",
                    6,
                    "建设便捷服务、便利活动、便于议事的综合阵地，坚持一室多用。",
                ),
                _indicator(
                    "C2",
                    "便民服务设施",
                    "Facilities for the people",
                    4,
                    "服务设施完备，方便群众办事。",
                ),
            ],
        ),
        _dimension(
            "D",
            "有形式多样的服务载体",
            "Diverse service carriers",
            [
                _indicator(
                    "D1",
                    "党员志愿服务",
                    "Members' volunteer service",
                    8,
                    "广泛开展以党员为骨干的志愿服务，服务时长经审核认定。",
                    "verified_volunteer_hours",
                ),
                _indicator(
                    "D2",
                    "党员承诺践诺",
                    "Members' pledges fulfilled",
                    6,
                    "深入开展党员示范岗、党员责任区、党员承诺践诺等活动。",
                    "pledges_fulfilled",
                ),
                _indicator("D3", carrier_zh, carrier_en, 6, carrier_text, carrier_fact),
            ],
        ),
        _dimension(
            "E",
            "有健全完善的制度机制",
            "Sound institutions and mechanisms",
            [
                _indicator(
                    "E1",
                    "工作制度规范化常态化",
                    "Regular, standardized working rules",
                    5,
                    "形成规范化、常态化、长效化的工作制度。",
                ),
                _indicator(
                    "E2",
                    "群众诉求办理反馈",
                    "Handling and answering requests",
                    5,
                    "及时办理反馈群众诉求，保障党员民主权利。",
                ),
                _indicator(
                    "E3",
                    "经费和报酬保障",
                    "Funds and pay secured",
                    5,
                    "工作经费纳入预算，书记和专职党务工作者报酬待遇落实。",
                ),
            ],
        ),
        _dimension(
            "F",
            "有群众满意的服务业绩",
            "Service results that satisfy the people",
            [
                _indicator("F1", result_zh, result_en, 12, result_text),
                _indicator(
                    "F2",
                    "群众欢迎、受益、认可",
                    "Welcomed, benefiting and recognized by the people",
                    8,
                    "取得群众欢迎、群众受益、群众认可的实际成效。",
                ),
            ],
        ),
    ]


def _questionnaire(subject_zh: str) -> dict[str, Any]:
    return {
        "scale": SCALE,
        "questions": [
            {
                "code": "Q1",
                "text": f"您对{subject_zh}的服务意识和工作作风是否满意？",
                "text_en": "Are you satisfied with its will to serve and its working style?",
            },
            {
                "code": "Q2",
                "text": f"您对{subject_zh}帮助群众解决实际困难是否满意？",
                "text_en": "Are you satisfied with how it helps people solve real difficulties?",
            },
            {
                "code": "Q3",
                "text": f"您对{subject_zh}服务的总体成效是否满意？",
                "text_en": "Are you satisfied with the overall results of its service?",
            },
        ],
        "comment": {"text": "您的意见和建议", "text_en": "Your opinions and suggestions"},
    }


def _secretary_dimensions() -> list[dict[str, Any]]:
    return [
        _dimension(
            "S1",
            "履行党建第一责任人职责",
            "Duty as the first person responsible for Party building",
            [
                _indicator(
                    "S1.1",
                    "抓基层党建工作",
                    "Leading Party building",
                    15,
                    "坚持书记抓、抓书记，把服务型党组织建设作为主要内容。",
                ),
                _indicator(
                    "S1.2",
                    "在岗履职",
                    "In post and on duty",
                    10,
                    "书记在岗，按要求参加轮训。",
                    "secretary_in_place",
                ),
            ],
        ),
        _dimension(
            "S2",
            "服务型党组织建设成效",
            "Results in building a service-oriented organization",
            [
                _indicator(
                    "S2.1",
                    "六有目标推进",
                    "Progress towards the six haves",
                    20,
                    "班子、队伍、场所、载体、制度、业绩建设成效。",
                ),
                _indicator(
                    "S2.2",
                    "党员志愿服务",
                    "Members' volunteer service",
                    15,
                    "组织党员开展志愿服务，服务时长经审核认定。",
                    "verified_volunteer_hours",
                ),
            ],
        ),
        _dimension(
            "S3",
            "作风和廉洁履职",
            "Conduct and integrity",
            [
                _indicator(
                    "S3.1",
                    "联系群众、改进作风",
                    "Close to the people, improved style",
                    10,
                    "经常深入基层调查研究，密切联系群众。",
                ),
                _indicator("S3.2", "廉洁履职", "Integrity in office", 10, "强化廉洁履职意识。"),
            ],
        ),
        _dimension(
            "S4",
            "群众满意",
            "The people's satisfaction",
            [
                _indicator(
                    "S4.1",
                    "为民办实事",
                    "Real work done for the people",
                    20,
                    "扎扎实实为群众做好事、办实事、解难事。",
                ),
            ],
        ),
    ]


def builtin_templates() -> list[dict[str, Any]]:
    """Every built-in template, keyed by `builtin_key`."""
    templates: list[dict[str, Any]] = [
        {
            "builtin_key": f"organization:{domain.value}",
            "name": f"{domain.zh}基层服务型党组织考核评价标准",
            "name_en": f"Service-oriented organization criteria: {domain.en}",
            "subject": "organization",
            "domain": domain.value,
            "dimensions": _organization_dimensions(domain),
            "questionnaire": _questionnaire("本党组织"),
        }
        for domain in Domain
    ]
    templates.append(
        {
            "builtin_key": "secretary",
            "name": "党组织书记抓基层党建工作述职评议考核标准",
            "name_en": "Secretaries' duty report and review on Party building",
            "subject": "secretary",
            "domain": None,
            "dimensions": _secretary_dimensions(),
            "questionnaire": _questionnaire("本党组织书记"),
        }
    )
    return templates
