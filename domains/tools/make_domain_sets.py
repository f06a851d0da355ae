#!/usr/bin/env python3
"""Writes the domain packs' data from the sample lists beside this script (one source of truth):

  domains/<law|finance>/sft_alpaca.jsonl     instruction set, Alpaca format (one Q&A per record)
  domains/<law|finance>/sft_sharegpt.jsonl   the same knowledge as ShareGPT conversations, some
                                             with a follow-up turn
  domains/law/eval/choice_{zh,en}/           legal multiple choice (task.json, dev.jsonl, test.jsonl)
  domains/finance/eval/sentiment_{zh,en}/    financial news sentiment classification

Run after editing a list: python3 domains/tools/make_domain_sets.py"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOMAINS = os.path.dirname(HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)

import finance_eval  # noqa: E402
import finance_samples  # noqa: E402
import law_eval  # noqa: E402
import law_samples  # noqa: E402


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


def user_turn(question, extra):
    return question if not extra else question + "\n\n" + extra


def sft_sets(domain, module):
    alpaca, sharegpt = [], []
    for lang, items, follow_ups in (("zh", module.ZH, module.FOLLOW_UPS_ZH), ("en", module.EN, module.FOLLOW_UPS_EN)):
        more = {}
        for index, question, answer in follow_ups:
            more.setdefault(index, []).append((question, answer))
        for i, (source, question, extra, answer) in enumerate(items):
            alpaca.append({"instruction": question, "input": extra, "output": answer, "source": source,
                           "domain": domain, "lang": lang})
            turns = [{"from": "human", "value": user_turn(question, extra)}, {"from": "gpt", "value": answer}]
            for q, a in more.get(i, []):
                turns += [{"from": "human", "value": q}, {"from": "gpt", "value": a}]
            sharegpt.append({"conversations": turns, "source": source, "domain": domain, "lang": lang})
    write_jsonl(os.path.join(DOMAINS, domain, "sft_alpaca.jsonl"), alpaca)
    write_jsonl(os.path.join(DOMAINS, domain, "sft_sharegpt.jsonl"), sharegpt)
    return len(alpaca), len(sharegpt)


def choice_rows(prefix, items):
    return [{"id": f"{prefix}{i + 1}", "subject": s, "question": q, "options": o, "answer": a}
            for i, (s, q, o, a) in enumerate(items)]


def law_eval_sets():
    base = os.path.join(DOMAINS, "law", "eval")
    for lang, subjects, dev, test, instruction in (
            ("zh", law_eval.SUBJECTS_ZH, law_eval.DEV_ZH, law_eval.TEST_ZH, "以下是关于{subject}的单项选择题，请选出其中的正确答案。"),
            ("en", law_eval.SUBJECTS_EN, law_eval.DEV_EN, law_eval.TEST_EN,
             "The following are multiple choice questions about {subject}. Choose the correct answer.")):
        folder = os.path.join(base, f"choice_{lang}")
        write_json(os.path.join(folder, "task.json"), {
            "type": "choice", "name": f"law-choice-{lang}", "language": lang, "instruction": instruction,
            "subjects": subjects})
        write_jsonl(os.path.join(folder, "dev.jsonl"), choice_rows("d", dev))
        write_jsonl(os.path.join(folder, "test.jsonl"), choice_rows("q", test))


def finance_eval_sets():
    base = os.path.join(DOMAINS, "finance", "eval")
    for lang, labels, dev, test, instruction, names, subjects in (
            ("zh", ["利好", "利空", "中性"], finance_eval.DEV_ZH, finance_eval.TEST_ZH,
             "判断下面这条财经新闻对相关公司股价（宏观新闻则对股市整体）的影响，可选：利好、利空、中性。", ("新闻", "影响"),
             {"company": {"name": "公司新闻", "category": "金融"}, "macro": {"name": "宏观新闻", "category": "金融"}}),
            ("en", ["positive", "negative", "neutral"], finance_eval.DEV_EN, finance_eval.TEST_EN,
             "Classify the effect of this financial headline on the company's shares (for macro news, on the stock "
             "market): positive, negative or neutral.", ("Headline", "Sentiment"),
             {"company": {"name": "company news", "category": "finance"},
              "macro": {"name": "macro news", "category": "finance"}})):
        folder = os.path.join(base, f"sentiment_{lang}")
        write_json(os.path.join(folder, "task.json"), {
            "type": "classification", "name": f"finance-sentiment-{lang}", "language": lang,
            "instruction": instruction, "labels": labels, "input_name": names[0], "output_name": names[1],
            "subjects": subjects})
        for split, items in (("dev", dev), ("test", test)):
            write_jsonl(os.path.join(folder, f"{split}.jsonl"),
                        [{"id": f"{split[0]}{i + 1}", "subject": s, "text": t, "label": l}
                         for i, (s, t, l) in enumerate(items)])


if __name__ == "__main__":
    for domain, module in (("law", law_samples), ("finance", finance_samples)):
        print(domain, "alpaca %d, sharegpt %d" % sft_sets(domain, module))
    law_eval_sets()
    finance_eval_sets()
