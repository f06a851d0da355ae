#pragma once
// Builds a WHERE clause piece by piece with its parameters, so that optional filters never
// splice user text into SQL.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/storage/sqlite_db.h"

namespace mindllm::storage {

struct SqlBuilder {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> params;

  SqlBuilder& add(const std::string& text) {
    sql += text;
    return *this;
  }
  template <typename T>
  SqlBuilder& add(const std::string& text, T value) {
    sql += text;
    if constexpr (std::is_integral_v<T>) params.emplace_back(static_cast<int64_t>(value));
    else params.emplace_back(std::string(value));
    return *this;
  }
  Statement prepare(SqliteDb& db) const {
    Statement stmt = db.prepare(sql);
    bindTo(stmt);
    return stmt;
  }
  void bindTo(Statement& stmt) const {
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (const auto* n = std::get_if<int64_t>(&params[i])) stmt.bind(index, *n);
      else stmt.bind(index, std::get<std::string>(params[i]));
    }
  }
};

}  // namespace mindllm::storage
