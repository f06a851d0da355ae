"""Everyday English text written for the demo corpus (CC0): weather, cooking, travel, health
and study habits, practical tips, short emails and diary entries, and question-and-answer
passages in the General assistant's style.
"""
from . import common as c

TOPICS = {
    "weather": [
        "The forecast for {city} says {weather} tomorrow, with temperatures between {low} and {high} degrees.",
        "After a week of grey skies the sun finally came out, and the park was full of people by lunchtime.",
        "{season} is the best time to visit, when the days are mild and the evenings are long.",
        "It is worth carrying an umbrella in spring, because showers can arrive without much warning.",
        "On hot summer days, drink plenty of water and avoid strenuous exercise in the middle of the day.",
        "The first frost usually arrives in late autumn, and gardeners bring their tender plants indoors.",
    ],
    "cooking": [
        "A simple tomato pasta needs only garlic, olive oil, a tin of tomatoes and a little salt.",
        "To cook rice well, rinse it first, use about one and a half cups of water for each cup of rice, and let it rest for ten minutes after cooking.",
        "Roasting vegetables at a high temperature brings out their sweetness.",
        "{name} made {dish} for dinner on Sunday, and there was enough left for lunch the next day.",
        "Season soup at the end of cooking, because the flavour concentrates as it simmers.",
        "Bread dough should rest until it has roughly doubled in size before it is shaped.",
    ],
    "travel": [
        "The train from {city} to {city2} takes about {hours} hours and is often quicker than flying once you count the time at the airport.",
        "Before a trip, check the weather at your destination and make copies of your important documents.",
        "Booking tickets for popular museums online can save a long wait at the entrance.",
        "On our trip to {city2} we walked along the river, visited the old market and tried the local food.",
        "Travelling outside the school holidays is usually cheaper and far less crowded.",
        "Remember to let someone at home know your plans when you go hiking in remote areas.",
    ],
    "health": [
        "Most adults need seven to nine hours of sleep a night.",
        "Adults are advised to do at least 150 minutes of moderate activity, such as brisk walking or cycling, every week.",
        "If you work at a screen, look away into the distance every twenty minutes to rest your eyes.",
        "A balanced diet includes plenty of vegetables, fruit and whole grains, and limits sugary drinks.",
        "Washing your hands regularly is one of the simplest ways to avoid catching a cold.",
        "See a doctor if a fever lasts more than a few days or if you have difficulty breathing.",
    ],
    "study": [
        "Short daily practice is more effective for learning a language than one long session a week.",
        "Testing yourself on what you have read helps you remember it far better than reading it again.",
        "Spacing out your revision over several days makes memories last longer.",
        "{name} read for thirty minutes every morning before work and finished two dozen books in a year.",
        "Write down a question before you start reading a chapter, and look for the answer as you read.",
        "Good notes are short and in your own words, not copied sentences.",
    ],
    "practical tips": [
        "Back up important files regularly, ideally to two different places.",
        "Use a different password for each website, and consider using a password manager.",
        "Never share a one-time verification code with anyone who contacts you, even if they claim to be from your bank.",
        "When decluttering, sort things into items you use often, items you use rarely and items you no longer need.",
        "Keep receipts and order confirmations when shopping online in case you need to return something.",
        "Turning off lights and unplugging chargers you are not using saves a little energy every day.",
    ],
}

SLOTS = dict(season=["Spring", "Autumn", "Early summer", "Late September"],
             weather=["sunshine", "light rain", "scattered showers", "strong winds", "cloudy skies"],
             dish=["a vegetable curry", "roast chicken", "a lentil soup", "fish pie", "stir-fried noodles", "a mushroom risotto"])

QA = [
    ("Explain what a large language model is in three sentences.", "A large language model is a neural network trained on a very large amount of text to predict the next word. In doing so it learns patterns of language and a good deal of general knowledge, which lets it answer questions, write and translate. It can still make mistakes, so check anything important."),
    ("Write a short, polite email declining a meeting invitation.", "Dear Ms Taylor,\nThank you for inviting me to the planning meeting on Thursday. Unfortunately I have a prior commitment at that time and will not be able to attend. Could you share the notes afterwards? I will send any comments by Friday.\nBest regards,\nDaniel"),
    ("How can I get into the habit of going to bed earlier?", "A few things usually help:\n1. Go to bed and get up at the same time every day, including weekends;\n2. Put your phone away an hour before bed;\n3. Avoid caffeine in the afternoon and heavy meals late at night;\n4. Get daylight soon after you wake up.\nMost people find their rhythm settles within two or three weeks."),
    ("Translate this sentence into Chinese: The meeting has been moved to Friday.", "会议改到星期五了。"),
    ("What should I pack for a weekend hiking trip?", "The essentials are:\n1. Waterproof jacket and warm layers;\n2. Comfortable boots that you have already worn in;\n3. Map, charged phone and a small first-aid kit;\n4. Enough water and food for the day.\nCheck the forecast before you leave and tell someone your route."),
    ("How do I make my study sessions more effective?", "Try short focused sessions with breaks, test yourself instead of rereading, spread revision over several days, and explain the material in your own words. Keeping your phone in another room also helps a great deal."),
]

DIARY_LINES = [
    "I went for a run before breakfast and felt much better for it.",
    "The morning was taken up with a long meeting about next month's plans.",
    "At lunch I tried the new cafe on the corner; the soup was excellent.",
    "In the afternoon I finally cleared my inbox.",
    "I phoned {name} in the evening and we talked for almost an hour.",
    "Before bed I read a few chapters of my book.",
    "Tomorrow starts early, so I have laid out everything I need tonight.",
    "All in all, a good day.",
]
LETTER_LINES = [
    "Dear {name},",
    "It has been far too long since we last spoke. How are things with you?",
    "I moved to {city} last month, and my new flat is a ten-minute walk from the office.",
    "{season} here is lovely, and I have taken to walking along the river at the weekend.",
    "I hear you are preparing for your exams; do remember to take breaks.",
    "Come and visit when you have time, and I will show you the best places to eat.",
    "With best wishes,",
]


def _fill(rng, s):
    return s.format(city=rng.choice(c.EN_CITIES), city2=rng.choice(c.EN_CITIES), name=c.en_name(rng),
                    low=rng.randint(-3, 14), high=rng.randint(15, 31), hours=rng.randint(2, 7),
                    **{k: rng.choice(v) for k, v in SLOTS.items()})


def topic_passage(rng):
    parts = []
    for n in rng.sample(list(TOPICS), rng.randint(1, 2)):
        sentences = c.pick_some(rng, TOPICS[n], 0.5)
        rng.shuffle(sentences)
        parts.append(" ".join(_fill(rng, s) for s in sentences))
    return "\n".join(parts)


def diary(rng):
    return c.en_date(rng) + ".\n" + "\n".join(_fill(rng, s) for s in c.pick_some(rng, DIARY_LINES, 0.5))


def letter(rng):
    return "\n".join(_fill(rng, s) for s in c.keep_first(rng, LETTER_LINES, 0.7))


def qa_passage(rng):
    return "\n\n".join(f"Question: {q}\nAnswer: {a}" for q, a in rng.sample(QA, rng.randint(1, 2)))


KINDS = [(5, topic_passage), (2, diary), (1, letter), (1, qa_passage)]


def document(rng):
    return c.weighted_choice(rng, KINDS)(rng)
