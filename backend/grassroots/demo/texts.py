"""What the demo's activities, records and pledges say, by kind of service."""

from grassroots.organizations.enums import Domain
from grassroots.volunteering.enums import ServiceKind as K

# How often each kind of service is done, by the organization's domain.
KIND_WEIGHTS: dict[str, dict[K, int]] = {
    Domain.RURAL.value: {
        K.VOLUNTEER_SERVICE: 6,
        K.RESPONSIBILITY_ZONE: 5,
        K.PAIRING_ASSISTANCE: 5,
        K.PUBLIC_SENTIMENT_TALK: 4,
        K.FULL_AGENCY_SERVICE: 4,
        K.CULTURAL_ACTIVITY: 2,
        K.DEMONSTRATION_POST: 1,
        K.OTHER: 1,
    },
    Domain.COMMUNITY.value: {
        K.VOLUNTEER_SERVICE: 8,
        K.CULTURAL_ACTIVITY: 4,
        K.ONE_STOP_SERVICE: 3,
        K.RESPONSIBILITY_ZONE: 3,
        K.PUBLIC_SENTIMENT_TALK: 3,
        K.PAIRING_ASSISTANCE: 3,
        K.FULL_AGENCY_SERVICE: 2,
        K.OTHER: 1,
    },
    "unit": {
        K.DEMONSTRATION_POST: 6,
        K.VOLUNTEER_SERVICE: 6,
        K.PAIRING_ASSISTANCE: 3,
        K.ONE_STOP_SERVICE: 2,
        K.CULTURAL_ACTIVITY: 2,
        K.OTHER: 1,
    },
}

RECORD_TEXTS: dict[K, tuple[str, ...]] = {
    K.VOLUNTEER_SERVICE: (
        "参与小区环境卫生整治，清理楼道堆积杂物",
        "在农贸市场开展文明劝导",
        "协助开展反诈宣传，入户发放宣传资料",
        "参加垃圾分类定时定点督导",
        "在路口开展文明交通劝导",
    ),
    K.PAIRING_ASSISTANCE: (
        "走访结对困难户，了解生活需求",
        "帮结对老人购买生活用品、打扫卫生",
        "为结对户联系就近就业岗位",
        "陪同结对户到县人民医院复诊",
    ),
    K.DEMONSTRATION_POST: (
        "在窗口党员示范岗为群众办理业务",
        "党员示范岗午间延时服务",
        "为来访群众提供政策咨询和业务指导",
    ),
    K.RESPONSIBILITY_ZONE: (
        "巡查责任区内河道和防汛隐患点",
        "责任区内走访入户，收集群众意见建议",
        "排查责任区出租房消防安全隐患",
        "调解责任区内邻里纠纷",
    ),
    K.PUBLIC_SENTIMENT_TALK: (
        "参加民情恳谈会，记录群众诉求",
        "召开院落恳谈会，商议停车难问题",
        "入户恳谈，宣讲医保惠民政策",
    ),
    K.FULL_AGENCY_SERVICE: (
        "为行动不便的老人代办养老资格认证",
        "代办医保报销手续",
        "为群众代办建房审批材料",
        "代办残疾人两项补贴申请",
    ),
    K.ONE_STOP_SERVICE: (
        "在党群服务中心“一站式”窗口值班",
        "为居民办理居住证明、就业登记",
        "协助群众在手机上办理社保业务",
    ),
    K.CULTURAL_ACTIVITY: (
        "组织广场舞排练，丰富群众文化生活",
        "参加“村晚”节目排演",
        "开展红色故事宣讲",
        "在农家书屋值守，整理借阅图书",
    ),
    K.OTHER: (
        "协助开展人口抽样调查入户登记",
        "协助开展防溺水安全宣传",
        "参与森林防火卡口值守",
    ),
}

ACTIVITY_TITLES: dict[K, tuple[str, ...]] = {
    K.VOLUNTEER_SERVICE: (
        "{place}“清洁家园”环境整治志愿服务",
        "{place}垃圾分类宣传指导",
        "反诈宣传进{place}",
        "{place}文明创建志愿服务日",
    ),
    K.PAIRING_ASSISTANCE: (
        "走访慰问老党员和困难群众",
        "“结对帮扶 温暖同行”入户走访",
        "“送温暖”走访困难家庭",
    ),
    K.DEMONSTRATION_POST: ("“党员示范岗”便民服务日", "党员先锋岗亮岗服务"),
    K.RESPONSIBILITY_ZONE: ("汛期责任区隐患排查", "消防安全隐患大排查", "责任区“大走访”"),
    K.PUBLIC_SENTIMENT_TALK: ("{place}民情恳谈会", "“有事好商量”议事会"),
    K.FULL_AGENCY_SERVICE: ("“红色代办”集中服务日", "老年人养老资格认证集中代办"),
    K.ONE_STOP_SERVICE: ("党群服务中心“一站式”延时服务", "{place}便民服务集市"),
    K.CULTURAL_ACTIVITY: (
        "红歌传唱活动",
        "{place}“村晚”文艺汇演",
        "红色电影进{place}",
        "邻里节文化活动",
    ),
    K.OTHER: ("义诊进{place}", "防溺水安全宣传", "健康知识讲座"),
}

REJECT_REASONS = (
    "服务时长与活动签到记录不符，请核实后重新提交",
    "缺少服务对象签字确认，请补充后重新提交",
    "该次服务已由组织统一登记，请勿重复提交",
    "服务内容不属于志愿服务范围",
)

PLEDGES = (
    "每月走访结对困难户不少于2次，帮助解决实际困难",
    "全年参加志愿服务不少于24小时",
    "带头做好垃圾分类，督导责任区内住户分类投放",
    "为行动不便的老人代办医保、养老认证等事项",
    "每季度开展一次政策宣讲，讲清讲透惠民政策",
    "带头参与美丽庭院创建，整治房前屋后环境",
    "认领党员示范岗，做到服务零投诉",
    "结对帮扶1名困难学生，每学期走访不少于2次",
    "参加汛期巡查值班，守好责任区安全",
    "带头移风易俗，红白喜事简办",
    "每月参加“党员服务日”活动",
    "帮助1户低收入农户发展来料加工增收",
)

FULFILMENT_NOTES = {
    "fulfilled": (
        "全年走访12次，帮助解决用水、就医等困难3件",
        "志愿服务累计30小时，超额完成承诺",
        "按承诺完成，群众评价满意",
        "示范岗全年服务群众400余人次，无投诉",
    ),
    "in_progress": (
        "已走访4次，正在协调住房修缮问题",
        "今年已参加志愿服务10小时",
        "已完成两次政策宣讲",
    ),
    "not_fulfilled": (
        "外出务工时间较长，承诺事项只完成一半",
        "因身体原因未能按期完成",
    ),
}
