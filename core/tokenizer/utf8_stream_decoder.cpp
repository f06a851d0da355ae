#include "core/tokenizer/utf8_stream_decoder.h"

#include "core/tokenizer/sentencepiece_tokenizer.h"
#include "core/tokenizer/utf8_repair.h"

namespace mindllm {

Utf8StreamDecoder::Utf8StreamDecoder(const Tokenizer& tokenizer, bool skipSpecial)
    : tokenizer_(tokenizer), skipSpecial_(skipSpecial) {}

std::string Utf8StreamDecoder::push(TokenId id) {
  if (skipSpecial_ && tokenizer_.isSpecial(id)) return {};
  // sentencepiece writes the space before a word into the piece ("▁Hello"), and its decoder
  // drops the one at the very start of the text (for models with a dummy prefix); so must we.
  if (auto* sp = dynamic_cast<const SentencePieceTokenizer*>(&tokenizer_))
    pending_ += sp->decodePiece(id, atStart_);
  else
    pending_ += tokenizer_.tokenBytes(id);

  // Emit every complete character; repair invalid bytes now (more bytes cannot fix them), and
  // hold back only a tail that the next token may still complete.
  std::string out;
  size_t i = 0;
  while (i < pending_.size()) {
    const auto scan = utf8_repair::scan(pending_, i);
    if (scan.truncated) break;
    if (scan.valid)
      out.append(pending_, i, scan.length);
    else
      out += "\xEF\xBF\xBD";
    i += scan.length;
  }
  pending_.erase(0, i);
  return out;
}

std::string Utf8StreamDecoder::flush() {
  std::string out = utf8_repair::lossy(pending_);
  pending_.clear();
  return out;
}

}  // namespace mindllm
