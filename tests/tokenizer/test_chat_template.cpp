// Named chat templates: exact prompt text, stop strings, and that the markers become single
// tokens with the MindLLM-style vocabulary.
#include <QtTest>

#include "core/tokenizer/byte_level_bpe.h"
#include "core/tokenizer/chat_template.h"
#include "core/util/error.h"
#include "tokenizer/tokenizer_fixture.h"

using namespace mindllm;

class TestChatTemplate : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void knowsItsNames() {
    QCOMPARE(ChatTemplate::names(), (std::vector<std::string>{"mindllm", "chatml", "plain"}));
    QCOMPARE(ChatTemplate::byName("chatml").name(), std::string("chatml"));
    bool threw = false;
    try {
      ChatTemplate::byName("llama9");
    } catch (const Error& e) {
      threw = std::string(e.what()).find("unknown chat template 'llama9' (known: mindllm, chatml, plain)") == 0;
    }
    QVERIFY(threw);
  }

  void mindllmSingleTurnIsTheModelCardFormat() {
    const auto t = ChatTemplate::byName("mindllm");
    QCOMPARE(t.render({{"user", "劳动合同到期不续签有补偿吗？"}}),
             std::string("<user>\n劳动合同到期不续签有补偿吗？\n<assistant>\n"));
    QCOMPARE(t.render({{"user", "hi"}}, false), std::string("<user>\nhi\n"));
    QCOMPARE(t.stopStrings(), (std::vector<std::string>{"<user>", "<|endoftext|>"}));
    QCOMPARE(t.assistantTurnEnd(), std::string("<|endoftext|>"));
  }

  void mindllmMultiTurnWithSystem() {
    const auto t = ChatTemplate::byName("mindllm");
    const std::vector<ChatMessage> chat = {{"system", "你是一名法律助手。"},
                                           {"user", "什么是不可抗力？"},
                                           {"assistant", "不能预见、不能避免且不能克服的客观情况。"},
                                           {"user", "举个例子"}};
    QCOMPARE(t.render(chat), std::string("你是一名法律助手。\n"
                                         "<user>\n什么是不可抗力？\n<assistant>\n不能预见、不能避免且不能克服的客观情况。<|endoftext|>"
                                         "<user>\n举个例子\n<assistant>\n"));
    // Training data: a finished conversation, no open turn.
    QCOMPARE(t.render({{"user", "Q"}, {"assistant", "A"}}, false), std::string("<user>\nQ\n<assistant>\nA<|endoftext|>"));
  }

  void chatmlAndPlain() {
    const std::vector<ChatMessage> chat = {{"system", "S"}, {"user", "U"}, {"assistant", "A"}, {"user", "V"}};
    QCOMPARE(ChatTemplate::byName("chatml").render(chat),
             std::string("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n"
                         "<|im_start|>assistant\nA<|im_end|>\n<|im_start|>user\nV<|im_end|>\n<|im_start|>assistant\n"));
    QCOMPARE(ChatTemplate::byName("chatml").stopStrings(), (std::vector<std::string>{"<|im_end|>", "<|im_start|>"}));
    QCOMPARE(ChatTemplate::byName("plain").render(chat), std::string("S\nU\nA\nV\n"));
    QVERIFY(ChatTemplate::byName("plain").stopStrings().empty());
  }

  void unknownRoleIsAnError() {
    bool threw = false;
    try {
      ChatTemplate::byName("mindllm").render({{"tool", "x"}});
    } catch (const Error& e) {
      threw = std::string(e.what()).find("unknown role 'tool'") != std::string::npos;
    }
    QVERIFY(threw);
  }

  void markersAreSingleTokens() {
    auto tok = ByteLevelBpeTokenizer::load(tokfix::bpeDir());
    const auto t = ChatTemplate::byName(tok->chatTemplateName());
    const auto ids = tok->encode(t.render({{"user", "你好"}}) + "你好！" + t.assistantTurnEnd());
    QCOMPARE(ids.front(), *tok->tokenToId("<user>"));
    QCOMPARE(ids.back(), *tok->eosId());
    QCOMPARE(std::count(ids.begin(), ids.end(), *tok->tokenToId("<assistant>")), 1L);
  }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
