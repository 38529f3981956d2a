#include "tfplugin/docs/template_parse.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace polybackup::docs::internal {
namespace {

constexpr size_t kNpos = absl::string_view::npos;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

absl::string_view TrimLeft(absl::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}
absl::string_view TrimRight(absl::string_view s) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

absl::Status Error(absl::string_view file, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(file, ":", line, ": ", what));
}

int Lines(absl::string_view s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

// A run of text between actions, or the inside of one action.
struct Item {
  bool is_action = false;
  absl::string_view text;
  int line = 1;
};

// The "}}" closing the action whose inside starts at `from`; string literals
// and comments may hold "}}" themselves. kNpos when there is none.
size_t FindClose(absl::string_view t, size_t from) {
  size_t i = from;
  while (i < t.size() && IsSpace(t[i])) ++i;
  if (t.substr(i, 2) == "/*") {
    const size_t end = t.find("*/", i + 2);
    return end == kNpos ? kNpos : t.find("}}", end + 2);
  }
  for (; i + 1 < t.size(); ++i) {
    if (t[i] == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i) {
        if (t[i] == '\\') ++i;
      }
    } else if (t[i] == '`') {
      i = t.find('`', i + 1);
    } else if (t[i] == '}' && t[i + 1] == '}') {
      return i;
    }
    if (i >= t.size()) return kNpos;
  }
  return kNpos;
}

// Splits the template into text and actions, applying the trim markers: Go
// reads "{{- " and " -}}" (with the white space) as markers, "{{-3}}" not.
absl::StatusOr<std::vector<Item>> Lex(absl::string_view file, absl::string_view t) {
  std::vector<Item> items;
  size_t pos = 0;
  int line = 1;
  bool trim_next = false;
  while (true) {
    const size_t open = t.find("{{", pos);
    absl::string_view text = t.substr(pos, open == kNpos ? kNpos : open - pos);
    const int action_line = line + Lines(text);
    if (trim_next) text = TrimLeft(text);
    if (open == kNpos) {
      if (!text.empty()) items.push_back({false, text, line});
      return items;
    }
    size_t body = open + 2;
    if (body + 1 < t.size() && t[body] == '-' && IsSpace(t[body + 1])) {
      text = TrimRight(text);
      body += 2;
    }
    if (!text.empty()) items.push_back({false, text, line});
    const size_t close = FindClose(t, body);
    if (close == kNpos) return Error(file, action_line, "unclosed action: no matching }}");
    absl::string_view inside = t.substr(body, close - body);
    trim_next = inside.size() >= 2 && inside.back() == '-' && IsSpace(inside[inside.size() - 2]);
    if (trim_next) inside.remove_suffix(1);
    items.push_back({true, TrimLeft(TrimRight(inside)), action_line});
    line = action_line + Lines(t.substr(open, close - open));
    pos = close + 2;
  }
}

struct Token {
  enum class Kind { kWord, kField, kString, kPipe };
  Kind kind;
  std::string text;
};

// A Go string literal starting at s[*i] ('"' or '`'); *i ends past it.
absl::StatusOr<std::string> Unquote(absl::string_view s, size_t* i) {
  const char quote = s[*i];
  std::string out;
  for (size_t j = *i + 1; j < s.size(); ++j) {
    if (s[j] == quote) {
      *i = j + 1;
      return out;
    }
    if (quote == '"' && s[j] == '\\' && j + 1 < s.size()) {
      static const std::pair<char, char> kEscapes[] = {
          {'n', '\n'}, {'t', '\t'}, {'r', '\r'}, {'"', '"'}, {'\\', '\\'}};
      const char c = s[++j];
      auto it = std::find_if(std::begin(kEscapes), std::end(kEscapes),
                             [c](const auto& e) { return e.first == c; });
      if (it == std::end(kEscapes)) {
        return absl::InvalidArgumentError(absl::StrCat("unsupported escape \\", std::string(1, c)));
      }
      out += it->second;
    } else {
      out += s[j];
    }
  }
  return absl::InvalidArgumentError("unterminated string");
}

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsSpace(c)) {
      ++i;
    } else if (c == '|') {
      tokens.push_back({Token::Kind::kPipe, "|"});
      ++i;
    } else if (c == '"' || c == '`') {
      auto text = Unquote(s, &i);
      if (!text.ok()) return text.status();
      tokens.push_back({Token::Kind::kString, *std::move(text)});
    } else if (c == '.' || IsWordChar(c)) {
      size_t end = i + 1;
      while (end < s.size() && (IsWordChar(s[end]) || s[end] == '.')) ++end;
      const std::string word(s.substr(i, end - i));
      if (c == '.' && (word.size() == 1 || word.find('.', 1) != std::string::npos)) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", word, "\" is not supported: name one field, such as .Name"));
      }
      if (c != '.' && (word.find('.') != std::string::npos || (c >= '0' && c <= '9'))) {
        return absl::InvalidArgumentError(absl::StrCat("unexpected \"", word, "\""));
      }
      tokens.push_back(
          {c == '.' ? Token::Kind::kField : Token::Kind::kWord, c == '.' ? word.substr(1) : word});
      i = end;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unexpected \"", std::string(1, c),
                                                     "\" (variables and parentheses ",
                                                     "are not supported)"));
    }
  }
  return tokens;
}

absl::StatusOr<Pipeline> ParsePipeline(const std::vector<Token>& tokens, size_t from) {
  Pipeline pipeline(1);
  for (size_t i = from; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::Kind::kPipe) {
      pipeline.emplace_back();
      continue;
    }
    using K = Operand::Kind;
    const K kind = t.kind == Token::Kind::kWord    ? K::kFunction
                   : t.kind == Token::Kind::kField ? K::kField
                                                   : K::kString;
    pipeline.back().push_back({kind, t.text});
  }
  for (size_t stage = 0; stage < pipeline.size(); ++stage) {
    const Command& c = pipeline[stage];
    if (c.empty()) return absl::InvalidArgumentError("missing command in pipeline");
    if (c[0].kind == Operand::Kind::kFunction) continue;
    const std::string what = c[0].kind == Operand::Kind::kField ? "." + c[0].text : "a string";
    if (stage > 0) return absl::InvalidArgumentError(absl::StrCat("cannot pipe into ", what));
    if (c.size() > 1) {
      return absl::InvalidArgumentError(absl::StrCat(what, " is not a function: no arguments"));
    }
  }
  return pipeline;
}

class Parser {
 public:
  Parser(absl::string_view file, std::vector<Item> items) : file_(file), items_(std::move(items)) {}

  absl::StatusOr<std::vector<Node>> Parse() {
    std::vector<Node> nodes;
    Stop stop;
    if (absl::Status s = ParseList(&nodes, &stop); !s.ok()) return s;
    if (stop.kind != Stop::kEof) return Error(file_, stop.line, "else or end without an if");
    return nodes;
  }

 private:
  // Why ParseList returned.
  struct Stop {
    enum Kind { kEof, kElse, kElseIf, kEnd } kind = kEof;
    int line = 0;
    Pipeline condition;  // kElseIf
  };

  absl::Status ParseList(std::vector<Node>* out, Stop* stop) {
    for (; next_ < items_.size(); ++next_) {
      const Item& item = items_[next_];
      if (!item.is_action) {
        out->push_back({Node::Kind::kText, item.line, std::string(item.text)});
        continue;
      }
      if (item.text.substr(0, 2) == "/*") {
        if (item.text.size() < 4 || item.text.substr(item.text.size() - 2) != "*/") {
          return Error(file_, item.line, "unterminated comment");
        }
        continue;
      }
      auto tokens = Tokenize(item.text);
      if (!tokens.ok()) return Error(file_, item.line, tokens.status().message());
      if (tokens->empty()) return Error(file_, item.line, "empty action");
      const Token& first = tokens->front();
      const std::string keyword = first.kind == Token::Kind::kWord ? first.text : "";
      static const std::set<std::string> kUnsupported = {"range", "with",  "define",  "template",
                                                         "block", "break", "continue"};
      if (kUnsupported.count(keyword)) {
        return Error(file_, item.line, absl::StrCat("{{ ", keyword, " }} is not supported"));
      }
      const bool ends_list = keyword == "else" || keyword == "end";
      const bool else_if = keyword == "else" && tokens->size() > 1 &&
                           (*tokens)[1].kind == Token::Kind::kWord && (*tokens)[1].text == "if";
      if (ends_list && tokens->size() > 1 && !else_if) {
        return Error(file_, item.line, absl::StrCat("unexpected words after ", keyword));
      }
      const size_t pipeline_from = keyword == "if" ? 1 : else_if ? 2 : 0;
      Pipeline pipeline;
      if (!ends_list || else_if) {
        auto parsed = ParsePipeline(*tokens, pipeline_from);
        if (!parsed.ok()) return Error(file_, item.line, parsed.status().message());
        pipeline = *std::move(parsed);
      }
      if (ends_list) {
        ++next_;
        *stop = {else_if             ? Stop::kElseIf
                 : keyword == "else" ? Stop::kElse
                                     : Stop::kEnd,
                 item.line, std::move(pipeline)};
        return absl::OkStatus();
      }
      Node node{keyword == "if" ? Node::Kind::kIf : Node::Kind::kPrint, item.line, "",
                std::move(pipeline)};
      if (node.kind == Node::Kind::kIf) {
        ++next_;
        if (absl::Status s = ParseIfBranches(&node); !s.ok()) return s;
        --next_;  // the loop's ++ steps past what ParseIfBranches consumed
      }
      out->push_back(std::move(node));
    }
    *stop = {Stop::kEof, 0, {}};
    return absl::OkStatus();
  }

  // The branches of `node` (an if whose condition is parsed), through its end.
  absl::Status ParseIfBranches(Node* node) {
    Stop stop;
    if (absl::Status s = ParseList(&node->then_nodes, &stop); !s.ok()) return s;
    if (stop.kind == Stop::kElseIf) {
      Node inner{Node::Kind::kIf, stop.line, "", std::move(stop.condition)};
      if (absl::Status s = ParseIfBranches(&inner); !s.ok()) return s;
      node->else_nodes.push_back(std::move(inner));
      return absl::OkStatus();
    }
    if (stop.kind == Stop::kElse) {
      if (absl::Status s = ParseList(&node->else_nodes, &stop); !s.ok()) return s;
      if (stop.kind == Stop::kElse || stop.kind == Stop::kElseIf) {
        return Error(file_, stop.line, "else after else");
      }
    }
    if (stop.kind == Stop::kEof) {
      return Error(file_, node->line, "if without a matching end");
    }
    return absl::OkStatus();
  }

  absl::string_view file_;
  std::vector<Item> items_;
  size_t next_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<Node>> ParseTemplate(absl::string_view file, absl::string_view text) {
  auto items = Lex(file, text);
  if (!items.ok()) return items.status();
  return Parser(file, *std::move(items)).Parse();
}

}  // namespace polybackup::docs::internal
