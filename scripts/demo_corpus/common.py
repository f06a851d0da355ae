"""Shared pools and helpers: fictional names, places, dates and personal data that look real.

Every personal datum is fictional but valid by the checks the PII stage applies (ID checksums,
Luhn), so the pipeline's removal is exercised for real. E-mail domains are the reserved
example.* names, IPv4 addresses come from the documentation ranges (RFC 5737), North American
numbers use the fictional 555-01xx block.
"""
import random

ZH_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
            "霞", "平", "刚", "桂英", "建华", "晓东", "文博", "雨桐", "子涵", "思远", "海燕", "志强", "丽华", "国庆",
            "春梅", "振宇", "佳怡", "浩然", "欣怡", "宇航", "俊杰", "婷婷", "一鸣", "晨曦", "嘉豪", "梓萱", "家乐"]
ZH_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "苏州", "天津", "重庆", "长沙",
             "郑州", "青岛", "厦门", "宁波", "合肥", "济南", "昆明", "大连", "福州", "无锡", "沈阳", "哈尔滨"]
ZH_COMPANY_WORDS = ["华信", "远航", "恒泰", "明德", "盛达", "瑞丰", "嘉禾", "新源", "宏图", "金桥", "东方", "鼎盛",
                    "博远", "安康", "云帆", "启明", "汇通", "天成", "立达", "永安", "星河", "锦程", "德润", "中科"]
ZH_INDUSTRIES = [("科技", "软件"), ("电子", "电子元器件"), ("食品", "食品"), ("建材", "建筑材料"), ("物流", "物流服务"),
                 ("医药", "药品"), ("纺织", "纺织品"), ("机械", "机械设备"), ("新能源", "光伏组件"), ("家居", "家具"),
                 ("汽车零部件", "汽车零部件"), ("化工", "化工原料"), ("农业", "农产品"), ("传媒", "广告服务")]

EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
            "William", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas", "Karen", "Daniel", "Emma",
            "Oliver", "Amelia", "Harry", "Olivia", "George", "Sophie", "Jack", "Grace", "Noah", "Chloe", "Liam",
            "Hannah", "Ethan", "Lucy", "Samuel", "Isla", "Adam", "Ruth", "Peter", "Alice"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark",
           "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
           "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Evans", "Edwards", "Collins", "Stewart",
           "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Ward", "Bennett", "Gray", "Hughes"]
EN_CITIES = ["London", "Manchester", "Leeds", "Bristol", "Edinburgh", "Glasgow", "Cardiff", "Birmingham", "Boston",
             "Chicago", "Denver", "Seattle", "Toronto", "Vancouver", "Sydney", "Melbourne", "Auckland", "Dublin",
             "Portland", "Austin", "Atlanta", "Ottawa", "Brisbane", "Perth", "Oxford"]
EN_COMPANY_WORDS = ["Northwind", "Bluestone", "Harbor", "Summit", "Redwood", "Silverline", "Oakfield", "Brightwater",
                    "Ironbridge", "Kestrel", "Meridian", "Pinecrest", "Riverside", "Westgate", "Crescent", "Falcon",
                    "Granite", "Lakeshore", "Maple", "Northstar", "Orchard", "Keystone", "Highland", "Beacon"]
EN_INDUSTRIES = [("Software", "software licences"), ("Foods", "packaged food"), ("Logistics", "freight services"),
                 ("Components", "electronic components"), ("Pharma", "generic medicines"), ("Textiles", "fabrics"),
                 ("Machinery", "industrial pumps"), ("Energy", "solar panels"), ("Furniture", "office furniture"),
                 ("Motors", "car parts"), ("Chemicals", "industrial coatings"), ("Media", "advertising services")]
EN_COMPANY_SUFFIX = ["Ltd", "Limited", "Inc.", "LLC", "plc", "Corp."]


def zh_name(rng):
    return rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)


def en_name(rng):
    return rng.choice(EN_FIRST) + " " + rng.choice(EN_LAST)


def zh_company(rng):
    industry = rng.choice(ZH_INDUSTRIES)
    return rng.choice(ZH_CITIES) + rng.choice(ZH_COMPANY_WORDS) + industry[0] + rng.choice(["有限公司", "股份有限公司"])


def zh_company_with_product(rng):
    industry = rng.choice(ZH_INDUSTRIES)
    name = rng.choice(ZH_CITIES) + rng.choice(ZH_COMPANY_WORDS) + industry[0] + rng.choice(["有限公司", "股份有限公司"])
    return name, industry[1]


def en_company(rng):
    industry = rng.choice(EN_INDUSTRIES)
    return rng.choice(EN_COMPANY_WORDS) + " " + industry[0] + " " + rng.choice(EN_COMPANY_SUFFIX)


def en_company_with_product(rng):
    industry = rng.choice(EN_INDUSTRIES)
    return rng.choice(EN_COMPANY_WORDS) + " " + industry[0] + " " + rng.choice(EN_COMPANY_SUFFIX), industry[1]


def zh_date(rng, years=(2019, 2024)):
    return f"{rng.randint(*years)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def en_date(rng, years=(2019, 2024)):
    return f"{rng.randint(1, 28)} {rng.choice(EN_MONTHS)} {rng.randint(*years)}"


def zh_amount_wan(rng, low, high):
    """An amount in 万元 written as Chinese finance text writes it."""
    return f"{rng.randint(low, high)}万元"


def digits_zh(n):
    """Chinese numerals for small counts (一 to 九十九)."""
    units = "零一二三四五六七八九"
    if n < 10:
        return units[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else units[tens]) + "十" + ("" if ones == 0 else units[ones])


# ---------------------------------------------------------------- personal data (all fictional)

ID_AREAS = ["110101", "110105", "310104", "310115", "440305", "440106", "330106", "320102", "510107", "420106",
            "610113", "500103", "430104", "370202", "350203"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def china_id(rng):
    """An 18-character resident ID number with a valid ISO 7064 mod 11-2 check character."""
    body = (rng.choice(ID_AREAS) + f"{rng.randint(1960, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + f"{rng.randint(0, 999):03d}")
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS))
    return body + ID_CHECK[total % 11]


def luhn_complete(prefix, length, rng):
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        v = int(d)
        if i % 2 == 0:  # every second digit from the right, counting the missing check digit as first
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return digits + str((10 - total % 10) % 10)


def bank_card(rng, grouped=None):
    prefix, length = rng.choice([("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("4539", 16),
                                 ("5425", 16)])
    number = luhn_complete(prefix, length, rng)
    if grouped is None:
        grouped = rng.random() < 0.5
    if grouped:
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    return number


def cn_mobile(rng):
    prefix = rng.choice(["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158",
                         "159", "166", "177", "180", "183", "186", "188", "189", "199"])
    rest = f"{rng.randint(0, 99999999):08d}"
    style = rng.randint(0, 2)
    if style == 0:
        return prefix + rest
    if style == 1:
        return f"{prefix} {rest[:4]} {rest[4:]}"
    return f"+86 {prefix}{rest}"


def cn_landline(rng):
    area = rng.choice(["010", "021", "020", "0755", "0571", "025", "028", "027"])
    digits = 8 if len(area) == 3 else rng.choice([7, 8])
    number = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    return f"{area}-{number}" if rng.random() < 0.6 else f"({area}){number}"


def us_phone(rng):
    area = rng.choice(["415", "212", "617", "312", "206", "303", "512", "503"])
    line = f"01{rng.randint(0, 99):02d}"
    return f"({area}) 555-{line}" if rng.random() < 0.5 else f"{area}-555-{line}"


def uk_phone(rng):
    return f"+44 20 7946 0{rng.randint(0, 999):03d}"


def email(rng, local):
    return f"{local}@{rng.choice(['example.com', 'example.org', 'example.net', 'mail.example.cn', 'example.cn'])}"


def pinyin_local(rng):
    return rng.choice(["zhang", "li", "wang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun"]) + \
        rng.choice(["wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "tao", "ming", "chao"]) + \
        str(rng.randint(1, 99))


def en_local(name):
    first, last = name.lower().split(" ", 1)
    return f"{first}.{last}"


def doc_ip(rng):
    return rng.choice(["192.0.2.", "198.51.100.", "203.0.113."]) + str(rng.randint(1, 254))


def pick_some(rng, items, low_share=0.6):
    """Keeps a random subset of `items` (at least low_share of them, at least one), in order."""
    keep = max(1, round(len(items) * rng.uniform(low_share, 1.0)))
    chosen = sorted(rng.sample(range(len(items)), keep))
    return [items[i] for i in chosen]


def keep_first(rng, items, low_share=0.6):
    """Like pick_some, but the first item (the one that names who and what) always stays."""
    return items[:1] + pick_some(rng, items[1:], low_share)


def weighted_choice(rng, table):
    """table: list of (weight, value)."""
    total = sum(w for w, _ in table)
    x = rng.uniform(0, total)
    for w, v in table:
        x -= w
        if x <= 0:
            return v
    return table[-1][1]


def fill(rng, template, **slots):
    """Formats a template; a slot given as a list takes a random element."""
    values = {k: (rng.choice(v) if isinstance(v, list) else v) for k, v in slots.items()}
    return template.format(**values)
