#include "tfplugin/docs/template_functions.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace polybackup::docs {
namespace {

absl::StatusOr<std::vector<std::string>> TextArgs(const std::vector<TemplateValue>& args,
                                                  size_t want) {
  if (args.size() != want) {
    return absl::InvalidArgumentError(
        absl::StrCat("takes ", want, " argument", want == 1 ? "" : "s", ", got ", args.size()));
  }
  std::vector<std::string> text;
  for (const TemplateValue& arg : args) {
    const std::string* s = std::get_if<std::string>(&arg);
    if (s == nullptr) return absl::InvalidArgumentError("takes text, got a flag");
    text.push_back(*s);
  }
  return text;
}

// A function of `arity` text arguments. `f` returns std::string or
// absl::StatusOr<std::string>.
template <class F>
TemplateFunction Text(size_t arity, F f) {
  return [arity, f = std::move(f)](
             const std::vector<TemplateValue>& args) -> absl::StatusOr<TemplateValue> {
    auto text = TextArgs(args, arity);
    if (!text.ok()) return text.status();
    absl::StatusOr<std::string> result = f(*text);
    if (!result.ok()) return result.status();
    return TemplateValue(*std::move(result));
  };
}

std::string Title(std::string s) {
  bool word_start = true;
  for (char& c : s) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      word_start = true;
      continue;
    }
    c = word_start ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
    word_start = false;
  }
  return s;
}

// Registry front matter is plain YAML text: drop the inline markup a schema
// description may hold instead of showing it raw.
std::string PlainMarkdown(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '`' || s[i] == '*') continue;
    if (s[i] == '[') {
      const size_t middle = s.find("](", i);
      const size_t end = middle == absl::string_view::npos ? middle : s.find(')', middle);
      if (end != absl::string_view::npos) {
        out += PlainMarkdown(s.substr(i + 1, middle - i - 1));
        i = end;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

absl::StatusOr<std::string> CodeBlock(const FileReader& read, const std::string& language,
                                      const std::string& path) {
  auto content = read(path);
  if (!content.ok()) {
    return absl::Status(content.status().code(),
                        absl::StrCat("reading ", path, ": ", content.status().message()));
  }
  absl::string_view code = absl::StripAsciiWhitespace(*content);
  if (code.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
  return absl::StrCat("```", language, "\n", code, "\n```");
}

}  // namespace

TemplateFunctions TextFunctions() {
  using Args = std::vector<std::string>;
  return {
      {"trimspace",
       Text(1, [](const Args& a) { return std::string(absl::StripAsciiWhitespace(a[0])); })},
      {"lower", Text(1, [](const Args& a) { return absl::AsciiStrToLower(a[0]); })},
      {"upper", Text(1, [](const Args& a) { return absl::AsciiStrToUpper(a[0]); })},
      {"title", Text(1, [](const Args& a) { return Title(a[0]); })},
      {"prefixlines", Text(2,
                           [](const Args& a) {
                             return a[0] + absl::StrReplaceAll(a[1], {{"\n", "\n" + a[0]}});
                           })},
      {"plainmarkdown", Text(1, [](const Args& a) { return PlainMarkdown(a[0]); })},
  };
}

TemplateFunctions FileFunctions(FileReader read) {
  using Args = std::vector<std::string>;
  return {
      {"codefile", Text(2, [read](const Args& a) { return CodeBlock(read, a[0], a[1]); })},
      {"tffile", Text(1, [read](const Args& a) { return CodeBlock(read, "terraform", a[0]); })},
  };
}

}  // namespace polybackup::docs
