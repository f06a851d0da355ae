"""The legal multiple-choice evaluation set (Chinese and English), written by the project.
Each item: (subject, question, options, answer letter)."""

SUBJECTS_ZH = {
    "contract_law": {"name": "合同法", "category": "民商法"},
    "civil_law": {"name": "民法总则与侵权", "category": "民商法"},
    "labor_law": {"name": "劳动法", "category": "社会法"},
    "company_law": {"name": "公司法", "category": "民商法"},
}
SUBJECTS_EN = {
    "contract_law": {"name": "contract law", "category": "civil and commercial law"},
    "civil_law": {"name": "civil law and torts", "category": "civil and commercial law"},
    "labor_law": {"name": "labour law", "category": "social law"},
    "company_law": {"name": "company law", "category": "civil and commercial law"},
}

DEV_ZH = [
    ("contract_law", "当事人订立合同，可以采用的形式不包括____。", ["书面形式", "口头形式", "其他形式", "必须经过公证的形式"], "D"),
    ("civil_law", "不满____周岁的未成年人为无民事行为能力人。", ["六", "八", "十", "十二"], "B"),
    ("labor_law", "建立劳动关系，应当订立____劳动合同。", ["口头", "书面", "电子", "公证"], "B"),
    ("company_law", "有限责任公司的股东以其____为限对公司承担责任。", ["实缴的出资额", "认缴的出资额", "个人全部财产", "公司注册资本"], "B"),
]
TEST_ZH = [
    ("contract_law", "根据《民法典》，商业广告的内容符合要约条件的，构成____。", ["要约邀请", "要约", "承诺", "预约合同"], "B"),
    ("contract_law", "定金的数额不得超过主合同标的额的____。", ["10%", "20%", "30%", "50%"], "B"),
    ("contract_law", "收受定金的一方不履行债务致使不能实现合同目的的，应当____。", ["返还定金", "双倍返还定金", "三倍返还定金", "不返还定金"], "B"),
    ("contract_law", "当事人迟延履行后发生不可抗力的，____。", ["全部免除责任", "部分免除责任", "不免除其违约责任", "由法院酌定"], "C"),
    ("contract_law", "约定的违约金低于造成的损失的，当事人可以请求____。", ["予以适当减少", "予以增加", "解除合同", "确认合同无效"], "B"),
    ("contract_law", "下列属于要约邀请的是____。", ["寄送的价目表", "内容具体确定的订货单", "对要约的同意", "已签字的合同书"], "A"),
    ("civil_law", "向人民法院请求保护民事权利的普通诉讼时效期间为____。", ["一年", "二年", "三年", "四年"], "C"),
    ("civil_law", "自权利受到损害之日起超过____年的，人民法院不予保护。", ["十", "十五", "二十", "三十"], "C"),
    ("civil_law", "基于重大误解实施的民事法律行为是____。", ["无效的", "可撤销的", "效力待定的", "完全有效且不可撤销的"], "B"),
    ("civil_law", "保证合同对保证方式没有约定的，按照____承担保证责任。", ["连带责任保证", "一般保证", "按份保证", "不承担保证责任"], "B"),
    ("civil_law", "十六周岁以上、以自己的劳动收入为主要生活来源的未成年人，视为____。", ["无民事行为能力人", "限制民事行为能力人", "完全民事行为能力人", "无诉讼行为能力人"], "C"),
    ("labor_law", "劳动合同期限一年以上不满三年的，试用期不得超过____。", ["一个月", "二个月", "三个月", "六个月"], "B"),
    ("labor_law", "劳动者在试用期内提前____日通知用人单位，可以解除劳动合同。", ["三", "七", "十五", "三十"], "A"),
    ("labor_law", "用人单位自用工之日起超过一个月不满一年未订立书面劳动合同的，应当向劳动者每月支付____的工资。", ["一倍", "一点五倍", "二倍", "三倍"], "C"),
    ("labor_law", "竞业限制期限不得超过____。", ["六个月", "一年", "二年", "三年"], "C"),
    ("labor_law", "法定休假日安排劳动者工作的，支付不低于工资的____的工资报酬。", ["150%", "200%", "250%", "300%"], "D"),
    ("company_law", "有限责任公司由____股东出资设立。", ["一个以上五十个以下", "二个以上五十个以下", "二个以上二百个以下", "五个以上"], "A"),
    ("company_law", "依照2023年修订的《公司法》，有限责任公司股东认缴的出资额应当自公司成立之日起____内缴足。", ["二年", "三年", "五年", "十年"], "C"),
    ("company_law", "公司分配当年税后利润时，应当提取利润的____列入法定公积金。", ["5%", "10%", "20%", "25%"], "B"),
    ("company_law", "股东滥用公司法人独立地位和股东有限责任，逃避债务，严重损害债权人利益的，应当对公司债务承担____。", ["补充责任", "按份责任", "连带责任", "不承担责任"], "C"),
]

DEV_EN = [
    ("contract_law", "Which of these is usually an invitation to treat rather than an offer?", ["A price list sent to customers", "A signed purchase order with price and quantity", "An acceptance of a quotation", "A signed contract"], "A"),
    ("civil_law", "A contract made under duress is generally:", ["Void from the start", "Voidable by the party under duress", "Valid and binding in every case", "Enforceable only by a court order"], "B"),
    ("labor_law", "In China, an employee who is not on probation may resign by giving written notice of:", ["3 days", "15 days", "30 days", "90 days"], "C"),
    ("company_law", "Limited liability means that shareholders:", ["Are liable for all company debts", "Risk only the capital they invested or subscribed", "Never need to pay for their shares", "Manage the company directly"], "B"),
]
TEST_EN = [
    ("contract_law", "Under English common law, which element is required for a simple contract but not under the PRC Civil Code?", ["Offer", "Acceptance", "Consideration", "Capacity"], "C"),
    ("contract_law", "Under the common-law postal rule, an acceptance sent by post takes effect when it is:", ["Written", "Posted", "Received", "Read"], "B"),
    ("contract_law", "A breach that goes to the root of the contract and lets the innocent party terminate is called:", ["A minor breach", "A material breach", "An anticipatory acceptance", "A condition precedent"], "B"),
    ("contract_law", "Under the PRC Civil Code, a deposit (dingjin) may not exceed what share of the contract price?", ["10%", "20%", "30%", "50%"], "B"),
    ("contract_law", "Contract damages normally aim to:", ["Punish the party in breach", "Put the innocent party where performance would have put it", "Return both parties to before negotiations in every case", "Pay a fixed statutory amount"], "B"),
    ("civil_law", "What is the general limitation period for civil claims under the PRC Civil Code?", ["1 year", "2 years", "3 years", "5 years"], "C"),
    ("civil_law", "Under the PRC Civil Code, a child under eight has:", ["Full civil capacity", "Limited civil capacity", "No civil capacity", "Capacity only for contracts"], "C"),
    ("civil_law", "The general basis of tort liability under the PRC Civil Code is:", ["Strict liability", "Fault", "Contract", "Unjust enrichment"], "B"),
    ("civil_law", "A person who receives a benefit without legal basis at another's expense must return it under the rule of:", ["Estoppel", "Unjust enrichment", "Novation", "Set-off"], "B"),
    ("civil_law", "A guarantee differs from an indemnity because a guarantee is:", ["A primary obligation", "A secondary obligation that depends on the debtor's default", "Always oral", "Unenforceable"], "B"),
    ("labor_law", "For a two-year fixed-term employment contract in China, the longest probation period is:", ["One month", "Two months", "Three months", "Six months"], "B"),
    ("labor_law", "Statutory severance in China is one month's wage for each:", ["Full month of service", "Full year of service", "Five years of service", "Promotion received"], "B"),
    ("labor_law", "An employee in China served 2 years and 3 months. How many months' wages of severance are due?", ["2", "2.5", "3", "3.5"], "B"),
    ("labor_law", "In China, a post-employment non-compete may last at most:", ["6 months", "1 year", "2 years", "5 years"], "C"),
    ("labor_law", "Overtime on a statutory holiday in China must be paid at no less than:", ["150% of wages", "200% of wages", "250% of wages", "300% of wages"], "D"),
    ("company_law", "How many shareholders may a Chinese limited liability company have?", ["1 to 50", "2 to 50", "2 to 200", "Any number"], "A"),
    ("company_law", "Courts pierce the corporate veil mainly when shareholders:", ["Receive dividends", "Abuse the company's separate personality to evade debts", "Vote at a general meeting", "Appoint directors"], "B"),
    ("company_law", "A director's duty not to profit from conflicts of interest is the duty of:", ["Care", "Loyalty", "Disclosure to the press", "Obedience to employees"], "B"),
    ("company_law", "A Chinese company must put what share of its after-tax profit into the statutory reserve?", ["5%", "10%", "20%", "50%"], "B"),
    ("company_law", "In a merger by absorption, the absorbed company:", ["Continues as a subsidiary", "Ceases to exist", "Becomes a partnership", "Doubles its capital"], "B"),
]
