"""Plausible personal details: Chinese names by generation, identity numbers (GB 11643, with
their check digit and the birth date inside), mobile numbers, and where migrants work."""

import random
from datetime import date

from grassroots.members.enums import Gender
from grassroots.members.identity import check_digit

SURNAMES = (
    "王" * 9 + "陈" * 9 + "张" * 7 + "李" * 7 + "吴" * 6 + "徐" * 6 + "周" * 5 + "杨" * 4
    + "朱" * 4 + "胡" * 4 + "金" * 3 + "叶" * 3 + "方" * 3 + "汪" * 3 + "刘" * 3 + "黄" * 3
    + "郑" * 2 + "何" * 2 + "应" * 2 + "余" * 2 + "邵" * 2 + "洪" * 2 + "姜" * 2 + "鲁" * 2
    + "程徐许孙马高林罗梁谢宋唐韩冯邓曹彭曾蒋蔡杜魏吕丁沈姚卢钟陆范石夏童毛"
)  # fmt: skip

# Given names by the decade people were born in: (male, female).
GIVEN_NAMES: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = [
    (
        1960,
        ("建国", "国庆", "解放", "卫东", "志明", "德明", "国华", "振华", "根土", "水根",
         "金土", "福生", "永福", "长根", "金发", "有才", "洪福", "樟林"),
        ("秀英", "桂英", "玉兰", "凤英", "秀兰", "桂花", "美华", "秀珍", "玉珍", "月娥",
         "菊英", "爱华", "彩凤", "金花"),
    ),
    (
        1980,
        ("建华", "卫国", "志强", "海军", "建军", "伟", "勇", "军", "斌", "明", "国平",
         "建平", "晓东", "立新", "红军", "海峰", "小平", "卫民", "建新", "利民"),
        ("丽华", "红梅", "燕", "丽", "芳", "敏", "静", "丽萍", "晓红", "春燕", "雪梅",
         "美玲", "小红", "海燕", "彩霞", "素芬"),
    ),
    (
        1995,
        ("磊", "涛", "超", "鹏", "杰", "浩", "俊杰", "晓明", "建锋", "文斌", "志伟", "海波",
         "剑", "亮", "凯", "晨阳", "家豪"),
        ("婷", "娟", "倩", "颖", "佳", "丹", "琳", "晓燕", "丽娜", "雅琴", "洁", "慧",
         "露", "莉莉", "璐"),
    ),
    (
        9999,
        ("宇轩", "浩然", "子豪", "俊熙", "一鸣", "皓", "睿", "昊天", "晨", "博文", "嘉诚",
         "思远"),
        ("欣怡", "梓涵", "诗涵", "雨萱", "佳怡", "思琪", "若曦", "可馨", "雨婷", "语嫣",
         "梦瑶", "心怡"),
    ),
]  # fmt: skip

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "198", "199",
)  # fmt: skip

MIGRANT_PLACES = (
    "浙江省杭州市萧山区",
    "浙江省杭州市余杭区",
    "浙江省宁波市鄞州区",
    "浙江省义乌市",
    "上海市浦东新区",
    "上海市闵行区",
    "江苏省苏州市工业园区",
    "广东省深圳市宝安区",
    "广东省广州市白云区",
    "福建省厦门市思明区",
)

# Where members born elsewhere got their identity numbers.
OTHER_REGIONS = ("330102", "330106", "330122", "330182", "330727", "331002", "340104", "360111")


def person_name(rng: random.Random, gender: Gender, born: date) -> str:
    """A name typical of the gender and the years of birth."""
    for until, male, female in GIVEN_NAMES:
        if born.year < until:
            return rng.choice(SURNAMES) + rng.choice(male if gender is Gender.MALE else female)
    raise AssertionError("the last generation has no end")


def id_number(rng: random.Random, born: date, gender: Gender, region: str) -> str:
    """An 18-character identity number: region, birth date, an order code odd for men and even
    for women, and the GB 11643 check character."""
    order = rng.randrange(0, 500) * 2 + (1 if gender is Gender.MALE else 0)
    first = f"{region}{born:%Y%m%d}{order:03d}"
    return first + check_digit(first)


def mobile(rng: random.Random) -> str:
    """A mobile number with a real operator prefix."""
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(0, 100_000_000):08d}"
