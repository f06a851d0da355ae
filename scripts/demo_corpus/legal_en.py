"""English legal text written for the demo corpus (CC0): general common-law concepts (contract,
tort, employment, company law, civil procedure, copyright and licences), question-and-answer
passages in the Legal assistant's style, case summaries and contract clauses from templates.

Rules are stated in general terms, mostly as in England and Wales, and flagged as varying by
jurisdiction where they do; they are not legal advice.
"""
from . import common as c

CONCEPTS = [
    {"topic": "Formation of a contract", "sentences": [
        "A contract is an agreement that the law will enforce.",
        "In common-law systems a binding contract usually needs an offer, an acceptance of that offer, consideration and an intention to create legal relations.",
        "An offer is a definite promise to be bound on specific terms as soon as the other party accepts.",
        "An invitation to treat, such as goods displayed in a shop window or most advertisements, is not an offer but an invitation to make one.",
        "Acceptance must match the terms of the offer exactly; a reply that changes the terms is a counter-offer, which rejects the original offer.",
        "Consideration is something of value given in return for a promise, such as a payment, a service or a promise to act.",
        "In commercial agreements the parties are presumed to intend legal consequences, while in social and domestic arrangements they are usually presumed not to.",
    ], "qa": [
        ("What are the elements of a valid contract?", "In most common-law jurisdictions a valid contract needs:\n1. An offer on definite terms;\n2. An acceptance that matches the offer;\n3. Consideration, meaning something of value exchanged by each side;\n4. An intention to create legal relations;\n5. Capacity of the parties and, for some contracts such as land sales, a required form.\nWhether a particular agreement meets these tests depends on its facts, so have a qualified lawyer review it."),
        ("Is an advertisement an offer?", "Usually not. Most advertisements are treated as invitations to treat, inviting customers to make offers. An advertisement can be an offer when it is clear and definite and shows an intention to be bound by anyone who performs its conditions, as in the classic case of a reward for using a product as directed. The answer depends on the wording."),
        ("What is a counter-offer?", "A counter-offer is a reply to an offer that changes its terms, for example a different price or delivery date. It rejects the original offer and becomes a new offer that the first party may accept or refuse. After a counter-offer, the original offer can no longer be accepted unless it is renewed."),
    ]},
    {"topic": "Void and voidable contracts", "sentences": [
        "A void contract has no legal effect from the beginning, so neither party can enforce it.",
        "A contract may be void, for example, because its purpose is illegal or because of certain fundamental mistakes.",
        "A voidable contract is valid until the innocent party chooses to set it aside, which is called rescission.",
        "Misrepresentation, duress and undue influence usually make a contract voidable rather than void.",
        "The right to rescind can be lost if the innocent party affirms the contract, delays too long, or if third parties have acquired rights in good faith.",
        "Contracts made by minors are often voidable at the minor's option, although contracts for necessaries are generally enforceable.",
    ], "qa": [
        ("What is the difference between a contract being void and voidable?", "A void contract is treated as never having had legal effect: neither party can enforce it, and usually nothing needs to be done to end it. A voidable contract is valid and binding until the party entitled to do so chooses to rescind it, for example because of misrepresentation, duress or undue influence. That party may instead affirm the contract, and the right to rescind can be lost through delay or when third parties acquire rights. The rules vary between jurisdictions, so please ask a qualified lawyer about a specific case."),
        ("What is misrepresentation?", "A misrepresentation is a false statement of fact made by one party before the contract that induces the other party to enter into it. Depending on whether it was made fraudulently, negligently or innocently, the remedies may include rescission of the contract and damages. Statements of opinion or sales talk are generally not misrepresentations unless they imply facts the speaker knows to be untrue."),
    ]},
    {"topic": "Breach of contract and damages", "sentences": [
        "A breach of contract occurs when a party fails to perform an obligation on time or in the way the contract requires.",
        "The usual remedy for breach is damages, which aim to put the innocent party in the position it would have been in if the contract had been performed.",
        "Damages are limited to losses that were within the reasonable contemplation of the parties when the contract was made.",
        "The innocent party must take reasonable steps to mitigate its loss and cannot recover loss it could reasonably have avoided.",
        "A serious breach of a condition, or a repudiation, may entitle the innocent party to terminate the contract as well as claim damages.",
        "Specific performance, an order to perform the contract, is exceptional and is mainly granted where damages would not be adequate, for example for the sale of land.",
    ], "qa": [
        ("What can I claim if the other side breaches the contract?", "The usual remedy is damages, meant to put you where you would have been had the contract been performed. Three limits apply in most common-law systems:\n1. Remoteness: only losses the parties could reasonably have contemplated when contracting;\n2. Mitigation: you must take reasonable steps to reduce your loss;\n3. Proof: you must show the loss and that the breach caused it.\nFor a serious breach you may also be entitled to terminate. A lawyer can assess your contract and evidence."),
        ("What does mitigation of loss mean?", "Mitigation means the innocent party must act reasonably to limit the loss caused by a breach. For example, a seller whose buyer refuses delivery should try to resell the goods at the market price. Loss that could reasonably have been avoided cannot be recovered, but reasonable costs of trying to mitigate can be."),
    ]},
    {"topic": "Penalty clauses and liquidated damages", "sentences": [
        "Parties may agree in advance the sum payable on a breach, known as liquidated damages.",
        "A liquidated damages clause is generally enforceable if it protects a legitimate interest and the sum is not out of all proportion to that interest.",
        "A clause whose main purpose is to punish the party in breach may be struck down as a penalty.",
        "Liquidated damages save the cost of proving loss and give both parties certainty about their exposure.",
    ], "qa": [
        ("Are liquidated damages clauses enforceable?", "Generally yes, if the agreed sum protects a legitimate interest of the innocent party and is not extravagant or out of all proportion to that interest. A clause designed mainly to punish the party in breach may be unenforceable as a penalty. Courts look at the clause as at the time the contract was made, so the drafting matters; have a lawyer review it."),
    ]},
    {"topic": "Force majeure and frustration", "sentences": [
        "A force majeure clause excuses or suspends performance when events beyond the parties' control, such as natural disasters or war, prevent it.",
        "Whether an event is covered depends on the wording of the clause, and the party relying on it usually has to give notice and show that the event caused the failure.",
        "Without such a clause, the common-law doctrine of frustration may end a contract when an unforeseen event makes performance impossible or radically different.",
        "Frustration is applied narrowly; a contract becoming more expensive or less profitable to perform is not enough.",
    ], "qa": [
        ("What is a force majeure clause?", "A force majeure clause allocates the risk of events outside the parties' control, such as floods, earthquakes, war or government action. If a listed event prevents or delays performance, the affected party is usually excused or given more time, provided it gives the required notice and shows the event caused the failure. The effect depends entirely on the clause's wording, so read it closely and take legal advice."),
    ]},
    {"topic": "Limitation periods", "sentences": [
        "A limitation period is the time within which a claim must be started in court.",
        "In England and Wales, claims in simple contract and most claims in tort must generally be brought within six years.",
        "Claims for personal injury generally have a three-year limitation period, which may run from the date the injured person knew of the injury.",
        "Other jurisdictions set different periods, and many have special rules for fraud, minors and latent damage.",
        "Once the limitation period has expired, the defendant can use it as a complete defence.",
    ], "qa": [
        ("How long do I have to sue for breach of contract?", "It depends on the jurisdiction. In England and Wales the general limitation period for a simple contract claim is six years from the breach, and twelve years for a contract made as a deed. Other countries and states set different periods and special rules for fraud or hidden defects. Check the applicable law early and ask a qualified lawyer, because a claim started too late can fail entirely."),
    ]},
    {"topic": "Negligence", "sentences": [
        "Negligence is the most common tort and protects people against careless conduct that causes harm.",
        "To succeed in negligence a claimant must show a duty of care, a breach of that duty, damage, and a causal link between the breach and the damage.",
        "A breach occurs when the defendant falls below the standard of a reasonable person in the same situation.",
        "The damage must not be too remote, meaning it must be of a kind that was reasonably foreseeable.",
        "A claimant who contributed to their own injury may have their damages reduced for contributory negligence.",
        "Purely economic loss, unconnected with physical damage, is recoverable in negligence only in limited situations.",
    ], "qa": [
        ("What do I need to prove in a negligence claim?", "In most common-law systems you must prove four things:\n1. Duty of care: the defendant owed you a duty to take reasonable care;\n2. Breach: they fell below the standard of a reasonable person;\n3. Causation: the breach caused your damage;\n4. Damage: a loss of a kind that was reasonably foreseeable.\nYour own carelessness can reduce the damages. A lawyer can tell you how the rules apply where you live."),
    ]},
    {"topic": "Strict and vicarious liability", "sentences": [
        "Strict liability means a defendant is liable without proof of fault.",
        "Liability for defective products is often strict: a producer is liable for damage caused by a defect in its product, whether or not it was careless.",
        "Vicarious liability makes an employer liable for torts committed by employees in the course of their employment.",
        "The employer remains liable even though it did nothing wrong itself, because it is best placed to bear and insure the risk.",
        "An employer is generally not vicariously liable for the acts of independent contractors.",
    ], "qa": [
        ("Is an employer responsible for an employee's mistakes?", "Often yes. Under vicarious liability an employer is liable for torts its employees commit in the course of their employment, even if the employer itself was not at fault. The question is whether the wrongful act was closely connected with what the employee was employed to do. Employers are generally not vicariously liable for independent contractors. The details vary by jurisdiction."),
    ]},
    {"topic": "Employment contracts and dismissal", "sentences": [
        "An employment contract sets out the terms on which an employee works, including pay, hours, duties, holidays and notice periods.",
        "In the United Kingdom employees must receive a written statement of the main terms of employment from their first day of work.",
        "Either party must usually give notice to end the contract, either the period stated in the contract or the statutory minimum if that is longer.",
        "Employees with sufficient qualifying service may claim unfair dismissal if they are dismissed without a fair reason and a fair procedure.",
        "In most states of the United States employment is at will, so either party may end it at any time for any lawful reason.",
        "Dismissal for a discriminatory reason, or in retaliation for whistleblowing, is unlawful in both systems.",
    ], "qa": [
        ("Can my employer dismiss me without a reason?", "It depends on where you work. In most US states employment is at will, so an employer can dismiss for any reason that is not unlawful, such as discrimination or retaliation. In the UK, employees with sufficient qualifying service are protected against unfair dismissal: the employer needs a fair reason, such as conduct, capability or redundancy, and must follow a fair procedure. Check your contract and ask an employment lawyer or an advice service."),
        ("What is a notice period?", "A notice period is the time an employer or employee must give before the employment ends. It is set by the contract, but statutes often impose minimums; in the UK an employer must give at least one week's notice after one month of service, and one week for each complete year from two years, up to twelve weeks. Pay in lieu of notice is possible where the contract allows it."),
    ]},
    {"topic": "Limited companies", "sentences": [
        "A company is a separate legal person, distinct from its shareholders and directors.",
        "Limited liability means that shareholders are not personally liable for the company's debts beyond the amount unpaid on their shares.",
        "The company can own property, enter into contracts, and sue and be sued in its own name.",
        "Courts will pierce the corporate veil only in narrow cases, for example when a company is used to evade an existing legal obligation.",
        "A company's constitution, often called its articles of association, sets out the rules for its internal management.",
    ], "qa": [
        ("What does limited liability mean?", "Limited liability means a shareholder's risk is limited to what they invested or agreed to pay for their shares. The company is a separate legal person, so its debts are its own, not the shareholders'. Exceptions exist: directors may be liable for wrongful trading or personal guarantees, and courts may pierce the corporate veil where a company is used to evade an existing obligation."),
    ]},
    {"topic": "Directors' duties", "sentences": [
        "Directors owe duties to the company, not to individual shareholders.",
        "Directors must act within their powers and in the way they consider, in good faith, most likely to promote the success of the company for the benefit of its members as a whole.",
        "They must exercise independent judgment and reasonable care, skill and diligence.",
        "Directors must avoid conflicts of interest, must not accept benefits from third parties because of their position, and must declare any interest in a proposed transaction.",
        "When a company is insolvent or close to insolvency, directors must take the interests of creditors into account.",
    ], "qa": [
        ("What duties does a company director have?", "In the UK the Companies Act 2006 sets out general duties, including to:\n1. Act within the company's powers;\n2. Promote the success of the company for its members as a whole;\n3. Exercise independent judgment;\n4. Exercise reasonable care, skill and diligence;\n5. Avoid conflicts of interest and not accept benefits from third parties;\n6. Declare interests in proposed transactions.\nMany other jurisdictions impose similar fiduciary duties of loyalty and care."),
    ]},
    {"topic": "Civil procedure", "sentences": [
        "A civil claim usually begins when the claimant issues a claim form or complaint and serves it on the defendant.",
        "The parties then exchange statements of case, which set out the facts each relies on.",
        "Disclosure, called discovery in the United States, requires each party to make relevant documents available to the other.",
        "Many claims settle before trial, and courts encourage negotiation, mediation and other forms of dispute resolution.",
        "In civil cases the claimant must usually prove its case on the balance of probabilities, meaning more likely than not.",
        "A party who loses may appeal, usually only with permission and on grounds such as an error of law.",
    ], "qa": [
        ("What is the burden of proof in a civil case?", "In a civil case the party making a claim usually has to prove it on the balance of probabilities, which means showing that its version of the facts is more likely than not to be true. This is lower than the criminal standard of proof beyond reasonable doubt. Each party proves the facts it relies on."),
        ("What is disclosure in a lawsuit?", "Disclosure, or discovery in the United States, is the stage where each party must identify and make available documents relevant to the issues, including documents that harm its own case. Electronic documents such as emails count. Failing to preserve or disclose documents can lead to serious sanctions, so keep relevant records once a dispute is likely."),
    ]},
    {"topic": "Copyright and software licences", "sentences": [
        "Copyright protects original works, including computer programs, and arises automatically when the work is created.",
        "A licence is a permission to do something that would otherwise infringe copyright, such as copying or distributing a program.",
        "An assignment transfers ownership of the copyright, while a licence leaves ownership with the licensor.",
        "Free and open source licences grant everyone permission to use, study, modify and share software, subject to conditions.",
        "Permissive licences such as the BSD licence and the Apache License mainly require that copyright notices and licence texts are kept.",
        "Copyleft licences such as the GNU General Public License require that modified versions, when distributed, are released under the same licence with their source code.",
    ], "qa": [
        ("What is the difference between the GPL and the BSD licence?", "Both allow anyone to use, modify and distribute the software. The BSD licence is permissive: you mainly have to keep the copyright notice and disclaimer, and you may distribute modified versions under other terms, including as closed source. The GNU GPL is a copyleft licence: if you distribute a modified version or a program based on GPL code, you must license it under the GPL and provide the corresponding source code. Check the exact licence version and ask a lawyer for a commercial product."),
        ("Does copyright need to be registered?", "In most countries, no. Under the Berne Convention copyright arises automatically when an original work is created. Some countries, such as the United States, offer registration, which can help with proof and is needed before suing for infringement of a US work, but it is not required for protection to exist."),
    ]},
    {"topic": "Data protection", "sentences": [
        "Data protection law regulates how organisations collect and use personal data.",
        "Under the GDPR, personal data must be processed lawfully, fairly and transparently, for specified purposes, and limited to what is necessary.",
        "Every processing needs a lawful basis, such as consent, the performance of a contract or a legal obligation.",
        "Individuals have rights to access their data, to have inaccurate data corrected and, in some cases, to have data erased.",
        "Special categories of data, such as health information, receive extra protection.",
    ], "qa": [
        ("Can a company keep my personal data forever?", "Generally no. Under the GDPR's storage limitation principle, personal data should be kept no longer than necessary for the purposes for which it is processed. Organisations should set retention periods, and you may have a right to ask for erasure in some situations. Other data protection laws have similar principles."),
    ]},
]

CONCEPTS += [
    {"topic": "Acceptance by post and anticipatory breach", "sentences": [
        "Under the common-law postal rule, an acceptance sent by post takes effect when the letter is posted, not when it arrives.",
        "The postal rule does not apply to instantaneous communications such as telephone calls, where acceptance takes effect when it is received.",
        "An anticipatory breach occurs when a party makes clear, before performance is due, that it will not perform.",
        "A repudiatory or material breach goes to the root of the contract and entitles the innocent party to terminate.",
        "The innocent party may accept the repudiation and claim damages at once, or affirm the contract and wait for the time of performance.",
    ], "qa": [
        ("When does a posted acceptance take effect?", "Under the common-law postal rule, an acceptance sent by post takes effect as soon as it is posted, even if the letter is delayed or lost, provided post was a reasonable means of acceptance. The rule does not apply to instantaneous communication such as telephone or, usually, email, and an offer can exclude it by requiring actual receipt."),
    ]},
    {"topic": "Capacity and unjust enrichment in Chinese civil law", "sentences": [
        "Under the PRC Civil Code, a natural person aged eighteen or over is an adult with full civil capacity.",
        "A minor aged eight or over has limited civil capacity and can independently make only contracts suited to their age and intelligence, or those that purely benefit them.",
        "A minor under eight has no civil capacity, and legal acts are made through the legal representative.",
        "A person who obtains a benefit without a legal basis at another's expense must return it, under the rule of unjust enrichment.",
        "The general limitation period for civil claims under the PRC Civil Code is three years.",
    ], "qa": [
        ("What is the limitation period for civil claims in China?", "Under Article 188 of the PRC Civil Code the general limitation period is three years, running from when the right holder knew or should have known of the damage and of the obligor. Claims are not protected more than twenty years after the damage occurred, save in special circumstances. A demand for performance, the obligor's agreement to perform, or starting proceedings interrupts the period."),
    ]},
    {"topic": "Guarantees and indemnities", "sentences": [
        "A guarantee is a secondary obligation: the guarantor promises to pay if the principal debtor defaults.",
        "An indemnity is a primary obligation to make good a loss, independent of any other person's liability.",
        "Under the PRC Civil Code, a guarantee without an agreed type is treated as a general guarantee, so the creditor must first pursue the debtor.",
        "Under a joint and several guarantee, the creditor may claim against the guarantor as soon as the debtor fails to pay.",
    ], "qa": [
        ("What is the difference between a guarantee and an indemnity?", "A guarantee is a secondary obligation: the guarantor is liable only if the principal debtor fails to pay, and only to the extent the debtor is liable. An indemnity is a primary, independent obligation to cover a loss, so it can survive even if the underlying contract is unenforceable. The label the parties use is not decisive; courts look at the substance of the promise."),
    ]},
    {"topic": "Chinese employment law for foreign readers", "sentences": [
        "In China, the probation period depends on the contract term: at most one month for a contract of three months to one year, two months for one to three years, and six months for three years or more.",
        "Statutory severance in China is one month's wage for each full year of service, with six months or more counting as a full year and less than six months as half a month.",
        "A post-employment non-compete in China may last at most two years, and the employer must pay monthly compensation during it.",
        "Overtime must be paid at no less than 150% of wages on working days, 200% on rest days without time off in lieu, and 300% on statutory holidays.",
        "An employer that fails to sign a written contract within one month of the start of employment must pay double wages for up to eleven months.",
    ], "qa": [
        ("How is statutory severance calculated in China?", "Under Article 47 of the Labour Contract Law, severance is one month's wage for each full year of service. A period of six months or more counts as a full year, and less than six months earns half a month's wage. The monthly wage is the average of the last twelve months, capped at three times the local average wage, in which case the years counted are capped at twelve. For example, 2 years and 3 months of service gives 2.5 months' wages."),
    ]},
    {"topic": "Chinese company law for foreign readers", "sentences": [
        "A Chinese limited liability company may have between one and fifty shareholders.",
        "Under the Company Law revised in 2023, shareholders of a limited liability company must pay their subscribed capital in full within five years of incorporation.",
        "A company must put 10% of its after-tax profit into a statutory reserve until the reserve reaches half of its registered capital.",
        "In a merger by absorption the absorbed company ceases to exist, while in a consolidation all merging companies dissolve and a new company is formed.",
        "Directors owe the company duties of loyalty and diligence.",
    ], "qa": [
        ("How many shareholders can a Chinese limited liability company have?", "A limited liability company under the PRC Company Law may have one to fifty shareholders. A one-person company is allowed, but its sole shareholder is jointly liable for the company's debts unless it can prove that the company's assets are separate from its own. Larger groups usually form a joint stock company instead."),
    ]},
]

CASES = [
    {"kind": "a dispute over late delivery", "facts": [
        "{a} agreed on {date} to buy {product} from {b} for {amount}, with delivery due within {days} days.",
        "{b} failed to deliver on time, and {a} bought replacement goods from another supplier at a higher price.",
        "{a} sued {b} for the difference between the contract price and the price it had to pay.",
    ], "analysis": [
        "The court held that the delivery date was a central term of the contract and that {b} was in breach.",
        "Because {a} had acted reasonably in buying replacement goods promptly, it had properly mitigated its loss.",
        "The extra cost of the replacement goods was the kind of loss both parties would have contemplated when they contracted.",
    ], "ending": "Judgment was given for {a} for {damages} plus interest and costs."},
    {"kind": "an unfair dismissal claim", "facts": [
        "{person} worked for {a} as a {job} for {years} years.",
        "{a} dismissed {person} after a single complaint, without an investigation or a disciplinary meeting.",
        "{person} brought a claim for unfair dismissal.",
    ], "analysis": [
        "The tribunal accepted that the employer had a potentially fair reason relating to conduct.",
        "However, no reasonable employer would have dismissed without investigating the complaint and hearing the employee's side.",
        "The dismissal was therefore procedurally unfair.",
    ], "ending": "The tribunal awarded {person} compensation of {damages}."},
    {"kind": "a negligence claim after a fall", "facts": [
        "{person} slipped on a wet floor in a shop run by {b} in {city} and broke a wrist.",
        "There was no warning sign, and the spill had been reported to staff some time earlier.",
        "{person} claimed damages for pain, lost earnings and medical costs.",
    ], "analysis": [
        "The court found that {b} owed its customers a duty to take reasonable care for their safety.",
        "Leaving a reported spill without cleaning it or putting up a sign fell below the standard of a reasonable shopkeeper.",
        "The breach caused the injury, and the type of harm was clearly foreseeable.",
    ], "ending": "{b} was ordered to pay damages of {damages}."},
    {"kind": "a dispute about an unpaid invoice", "facts": [
        "{a} provided {product} to {b} under a written agreement and issued an invoice for {amount}.",
        "{b} refused to pay, saying the work was defective, but raised no complaint until the invoice was due.",
        "{a} issued a claim for the unpaid sum and contractual interest.",
    ], "analysis": [
        "The court found no reliable evidence of defects and noted that {b} had used the work without complaint for several months.",
        "The contract required payment within thirty days of the invoice, and that period had passed.",
    ], "ending": "Judgment was entered for {a} for the full invoice amount, with interest."},
]

EN_JOBS = ["sales manager", "software engineer", "warehouse supervisor", "accountant", "designer", "technician",
           "customer adviser", "project coordinator"]

CLAUSES = [
    ("Confidentiality", [
        "Each party shall keep confidential all information disclosed by the other party in connection with this Agreement.",
        "Neither party shall disclose such information to any third party without the prior written consent of the other, except as required by law or by a competent authority.",
        "The obligations in this clause shall survive termination of this Agreement for a period of {years} years.",
    ]),
    ("Payment", [
        "The Customer shall pay each invoice within {days} days of the date of the invoice.",
        "All sums are stated exclusive of value added tax, which shall be payable in addition at the applicable rate.",
        "If the Customer fails to pay any sum when due, interest shall accrue on that sum at {rate} per cent per year above the base rate until payment is made.",
    ]),
    ("Limitation of liability", [
        "Nothing in this Agreement limits liability for death or personal injury caused by negligence, or for fraud.",
        "Subject to that, neither party shall be liable for any indirect or consequential loss, or for loss of profits.",
        "Each party's total liability under this Agreement shall not exceed the total fees paid in the {months} months before the claim arose.",
    ]),
    ("Termination", [
        "Either party may terminate this Agreement by giving not less than {days} days' written notice to the other.",
        "Either party may terminate this Agreement immediately if the other commits a material breach which is not remedied within {days2} days of written notice.",
        "Termination shall not affect any rights or remedies that have accrued up to the date of termination.",
    ]),
    ("Governing law and disputes", [
        "This Agreement shall be governed by the laws of {law}.",
        "The parties shall attempt in good faith to resolve any dispute through negotiation before starting proceedings.",
        "Each party submits to the exclusive jurisdiction of the courts of {law}.",
    ]),
]

INTROS = [
    "This note explains the basic rules on {topic}.",
    "Questions about {topic} come up often in practice; here are the main points.",
    "{topic} is one of the building blocks of private law.",
    "The following overview of {topic} is written for readers without legal training.",
]
CLOSINGS = [
    "This is general information, not legal advice; the rules differ between jurisdictions.",
    "For a specific situation, ask a qualified lawyer to review the documents.",
    "Laws change, so check the current position before relying on this summary.",
    "",
]
CASE_OPENINGS = [
    "The following case summary illustrates {kind}.",
    "A recent decision concerned {kind}.",
    "Case note: {kind}.",
]


def explainer(rng):
    topics = rng.sample(CONCEPTS, rng.randint(1, 3))
    parts = [c.fill(rng, rng.choice(INTROS), topic=topics[0]["topic"].lower())]
    for t in topics:
        parts.append(t["topic"] + ". " + " ".join(c.pick_some(rng, t["sentences"])))
    parts.append(rng.choice(CLOSINGS))
    return "\n".join(p for p in parts if p)


def qa_passage(rng):
    pairs = [qa for t in CONCEPTS for qa in t["qa"]]
    chosen = rng.sample(pairs, rng.randint(2, 3))
    return "\n\n".join(f"Question: {q}\nAnswer: {a}" for q, a in chosen)


def case_summary(rng):
    case = rng.choice(CASES)
    a, product = c.en_company_with_product(rng)
    slots = dict(a=a, b=c.en_company(rng), product=product, date=c.en_date(rng),
                 amount="£{:,}".format(rng.randrange(5000, 900000, 500)), days=rng.choice([14, 30, 45, 60]),
                 person=c.en_name(rng), job=rng.choice(EN_JOBS), years=rng.randint(2, 15),
                 damages="£{:,}".format(rng.randrange(2000, 90000, 50)), city=rng.choice(c.EN_CITIES))
    parts = [rng.choice(CASE_OPENINGS).format(kind=case["kind"])]
    parts += [s.format(**slots) for s in case["facts"][:1] + c.pick_some(rng, case["facts"][1:], 0.8)]
    parts += [s.format(**slots) for s in c.pick_some(rng, case["analysis"], 0.6)]
    parts.append(case["ending"].format(**slots))
    return "\n".join(parts)


def contract_clauses(rng):
    chosen = rng.sample(CLAUSES, rng.randint(2, 4))
    a, product = c.en_company_with_product(rng)
    slots = dict(years=rng.choice([2, 3, 5]), days=rng.choice([14, 30, 60]), days2=rng.choice([14, 21, 30]),
                 rate=rng.choice([2, 3, 4, 8]), months=rng.choice([6, 12]),
                 law=rng.choice(["England and Wales", "Scotland", "the State of New York", "Ontario"]))
    lines = [f"Supply agreement for {product} (extract)", f"Supplier: {a}", f"Customer: {c.en_company(rng)}"]
    for n, (title, sentences) in enumerate(chosen, 1):
        lines.append(f"{n}. {title}")
        for k, s in enumerate(c.pick_some(rng, sentences, 0.75), 1):
            lines.append(f"{n}.{k} " + s.format(**slots))
    return "\n".join(lines)


KINDS = [(3, explainer), (3, qa_passage), (2, case_summary), (1, contract_clauses)]


def document(rng):
    return c.weighted_choice(rng, KINDS)(rng)


def instructions():
    return [qa for t in CONCEPTS for qa in t["qa"]]
