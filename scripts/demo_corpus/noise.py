"""Noise planted into the demo corpus so that every stage of the data pipeline has real work:
HTML remnants and odd Unicode for the cleaner, junk documents for the language filter and the
quality filter, personal data for the PII stage, and exact and near copies for deduplication.
Each function returns new text; the caller records what was planted in the manifest.
"""
from . import common as c

# ---------------------------------------------------------------- for the cleaner

def html_wrap(rng, text):
    """Text as scraped from a web page: paragraphs in tags, entities, a script and a comment."""
    lines = [f"<p>{line}</p>" for line in text.split("\n") if line]
    if rng.random() < 0.5:
        lines.insert(0, "<script type=\"text/javascript\">var _hmt = _hmt || []; trackPage();</script>")
    if rng.random() < 0.5:
        lines.append("<!-- page footer -->")
    body = "\n".join(lines).replace("，", "&#65292;", 1) if rng.random() < 0.3 else "\n".join(lines)
    body = body.replace(" and ", " &amp; ", 1)
    return "<div class=\"article\">\n" + body + "\n</div>&nbsp;"


def unicode_noise(rng, text):
    """Full-width Latin letters and digits, zero-width spaces, a soft hyphen and CRLF endings."""
    def widen(ch):
        if "0" <= ch <= "9" or "A" <= ch <= "Z" or "a" <= ch <= "z":
            return chr(ord(ch) + 0xFEE0)
        return ch
    out = []
    for ch in text:
        r = rng.random()
        if r < 0.02:
            out.append(widen(ch))
        elif r < 0.025:
            out.append(ch + "\u200b")
        else:
            out.append(ch)
    s = "".join(out).replace("\n", "\r\n")
    return "\ufeff" + s if rng.random() < 0.5 else s.replace("。", "。\u00ad", 1)


# ---------------------------------------------------------------- junk the filters must drop

ZH_JUNK = [
    lambda rng: "首页 | 新闻中心 | 产品展示 | 关于我们 | 联系我们\n版权所有 © 2023 保留所有权利\n京ICP备00000000号",
    lambda rng: "点击查看更多",
    lambda rng: "★★★ 限时特价 ★★★ ### 全场五折 ### ☆☆☆ 立即抢购 ☆☆☆ ★★★ 包邮 ★★★ ###",
    lambda rng: "\n".join(f"{rng.randint(100000, 999999)} {rng.randint(10, 99)}.{rng.randint(10, 99)} "
                          f"{rng.randint(1000, 9999)} {rng.randint(10, 99)}%" for _ in range(12)),
    lambda rng: "\n".join(["欢迎光临本店，全场商品一律八折优惠。"] * 8),
    lambda rng: "相关阅读\n合同违约怎么办\n定金和订金的区别\n劳动仲裁流程图解\n热门标签 合同 违约 定金 公司 股东 劳动 仲裁",
    lambda rng: "网上博彩平台，注册即送彩金，六合彩、赌博游戏应有尽有，成人视频免费看。",
    lambda rng: "今日は天気がいいので、公園へ散歩に行きました。桜がとてもきれいでした。また来週も行きたいと思います。",
]
EN_JUNK = [
    lambda rng: "Home | About Us | Products | News | Contact\nCopyright 2023 All rights reserved\nPrivacy Policy | Terms of Use",
    lambda rng: "Click here to subscribe.",
    lambda rng: "$$$ BEST DEALS $$$ ### 50% OFF ### >>> BUY NOW <<< $$$ FREE SHIPPING $$$ ### LIMITED ###",
    lambda rng: "\n".join(f"{rng.randint(1000, 9999)} {rng.randint(10, 99)}.{rng.randint(10, 99)} "
                          f"{rng.randint(100, 999)} {rng.randint(1, 99)}" for _ in range(12)),
    lambda rng: "\n".join(["Sign up for our newsletter to get the latest offers!"] * 8),
    lambda rng: "Related articles\nWhat to do about a breach\nDeposits explained\nTop ten tax tips\nTags contract breach deposit company shareholder",
    lambda rng: "Best online casino, hot porn and nude escort ads, free viagra, click the xxx link now to win big.",
    lambda rng: "오늘은 날씨가 좋아서 공원에 산책을 갔습니다. 꽃이 정말 예뻤습니다. 다음 주에도 가고 싶습니다.",
]


def junk(rng, lang, index):
    pool = ZH_JUNK if lang == "zh" else EN_JUNK
    return pool[index % len(pool)](rng)


# ---------------------------------------------------------------- personal data

def zh_pii_block(rng):
    name = c.zh_name(rng)
    lines = [f"联系人：{name}", f"手机：{c.cn_mobile(rng)}", f"电话：{c.cn_landline(rng)}",
             f"邮箱：{c.email(rng, c.pinyin_local(rng))}", f"身份证号：{c.china_id(rng)}",
             f"收款账号：{c.bank_card(rng)}", f"登录IP：{c.doc_ip(rng)}"]
    return "\n".join(c.pick_some(rng, lines, 0.5))


def en_pii_block(rng):
    name = c.en_name(rng)
    lines = [f"Contact: {name}", f"Phone: {c.us_phone(rng) if rng.random() < 0.6 else c.uk_phone(rng)}",
             f"Email: {c.email(rng, c.en_local(name))}", f"Card on file: {c.bank_card(rng, grouped=True)}",
             f"Last login from {c.doc_ip(rng)}."]
    return "\n".join(c.pick_some(rng, lines, 0.5))


def add_pii(rng, lang, text):
    block = zh_pii_block(rng) if lang == "zh" else en_pii_block(rng)
    return text + "\n" + block if rng.random() < 0.7 else block + "\n" + text


# ---------------------------------------------------------------- duplicates

ZH_BOILERPLATE = ["本文来源于网络，如有侵权请联系删除。", "（责任编辑：小林）", "更多精彩内容，请关注我们的公众号。",
                  "转载请注明出处。"]
EN_BOILERPLATE = ["Share this article.", "(Reporting by the newsroom; editing by staff.)",
                  "Follow us for more updates.", "Reprinted with permission."]


def exact_copy(rng, lang, text):
    """A copy the exact-hash dedup catches: only spacing and, in English, letter case differ."""
    if lang == "en" and rng.random() < 0.5:
        text = text.upper() if rng.random() < 0.2 else text.replace(" ", "  ", 3)
    return "  " + text.replace("\n", "\n\n", 1) + " "


def near_copy(rng, lang, text):
    """A light edit the MinHash dedup catches: a boilerplate line added, or a figure changed."""
    if rng.random() < 0.5:
        return text + "\n" + rng.choice(ZH_BOILERPLATE if lang == "zh" else EN_BOILERPLATE)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if digits:
        i = rng.choice(digits)
        return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]
    return text.replace("。", "，", 1) if lang == "zh" else text.replace(".", ";", 1)
