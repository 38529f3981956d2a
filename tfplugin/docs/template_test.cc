#include "tfplugin/docs/template.h"

#include <string>

#include "doctest/doctest.h"
#include "tfplugin/docs/source_tree.h"
#include "tfplugin/docs/template_functions.h"

namespace polybackup::docs {
namespace {

const TemplateData kData = {{"Name", std::string("polybackup_thing")},
                            {"Empty", std::string()},
                            {"Description", std::string("  Manages a `thing`.\n")},
                            {"HasImport", true},
                            {"HasExample", false}};

TemplateFunctions Functions() {
  static const MemorySourceTree files({{"examples/a.tf", "\nresource \"x\" \"y\" {}\n\n"},
                                       {"examples/import.sh", "terraform import x.y id\n"},
                                       {"examples/blank.tf", " \n"}});
  TemplateFunctions f = TextFunctions();
  f.merge(FileFunctions([](const std::string& path) { return files.Read(path); }));
  return f;
}

std::string Render(absl::string_view text) {
  auto out = RenderTemplate("t.md.tmpl", text, kData, Functions());
  REQUIRE_MESSAGE(out.ok(), out.status().message());
  return *out;
}

// The error message, for CHECK(... == doctest::Contains(...)).
doctest::String Error(absl::string_view text) {
  auto out = RenderTemplate("t.md.tmpl", text, kData, Functions());
  REQUIRE(!out.ok());
  return doctest::String(out.status().message().data(), out.status().message().size());
}

TEST_CASE("fields, literals and pipelines") {
  CHECK(Render("# {{ .Name }} ({{.HasImport}})") == "# polybackup_thing (true)");
  CHECK(Render("[{{ .Description | trimspace }}]") == "[Manages a `thing`.]");
  CHECK(Render(R"({{ "a\tb\"c" }}|{{ `raw\n` }})") == "a\tb\"c|raw\\n");
  CHECK(Render(R"({{ .Description | trimspace | prefixlines "> " }})") == "> Manages a `thing`.");
  CHECK(Render("{{ .Description | plainmarkdown | trimspace }}") == "Manages a thing.");
  CHECK(Render(R"({{ "**bold** [the docs](https://x.y/z) `c`" | plainmarkdown }})") ==
        "bold the docs c");
  CHECK(Render(R"({{ "a\nb" | prefixlines "  " }})") == "  a\n  b");
  CHECK(Render(R"({{ "data sOURCE" | title }} {{ upper "x" }}{{ lower "Y" }})") ==
        "Data Source Xy");
}

TEST_CASE("if, else if, else; only the taken branch is printed") {
  const std::string t =
      "{{ if .HasExample }}example{{ else if .Empty }}empty{{ else if .HasImport }}import"
      "{{ else }}none{{ end }}";
  CHECK(Render(t) == "import");
  CHECK(Render("{{ if .Name }}a{{ if .Empty }}b{{ end }}c{{ end }}") == "ac");
}

TEST_CASE("trim markers and comments") {
  CHECK(Render("a  \n\n{{- .Name -}}\n\n  b") == "apolybackup_thingb");
  CHECK(Render("a {{/* a comment with }} in it */}} b") == "a  b");
  CHECK(Render("a\n{{- /* gone */ -}}\nb") == "ab");
  CHECK(Render("{{ if .HasImport -}}\n  x\n{{- end }}") == "x");
}

TEST_CASE("tffile and codefile fence a trimmed file") {
  CHECK(Render(R"({{ tffile "examples/a.tf" }})") == "```terraform\nresource \"x\" \"y\" {}\n```");
  CHECK(Render(R"({{ codefile "shell" "examples/import.sh" }})") ==
        "```shell\nterraform import x.y id\n```");
}

TEST_CASE("errors name the file and the line") {
  CHECK(Error("a\nb {{ .Nope }}") == doctest::Contains("t.md.tmpl:2: unknown field .Nope"));
  // Checked before running: a field in a branch not taken is still an error.
  CHECK(Error("{{ if .HasExample }}\n\n{{ .Typo }}{{ end }}") ==
        doctest::Contains("t.md.tmpl:3: unknown field .Typo"));
  CHECK(Error("\n{{ nope .Name }}") == doctest::Contains("t.md.tmpl:2: unknown function nope"));
  CHECK(Error("{{ if .Name }}\nx") == doctest::Contains("t.md.tmpl:1: if without a matching end"));
  CHECK(Error("x\n{{ end }}") == doctest::Contains("t.md.tmpl:2: else or end without an if"));
  CHECK(Error("{{ if .Name }}{{ else }}{{ else }}{{ end }}") ==
        doctest::Contains("else after else"));
  CHECK(Error("{{ range .Name }}{{ end }}") == doctest::Contains("{{ range }} is not supported"));
  CHECK(Error("{{ .Name ") == doctest::Contains("t.md.tmpl:1: unclosed action"));
  CHECK(Error("{{ $x := 1 }}") == doctest::Contains("unexpected \"$\""));
  CHECK(Error("{{ .Name | .Name }}") == doctest::Contains("cannot pipe into .Name"));
  CHECK(Error("{{ .Name.Sub }}") == doctest::Contains("name one field"));
  CHECK(Error(R"({{ "\q" }})") == doctest::Contains("unsupported escape"));
  CHECK(Error("{{ /* open }}") == doctest::Contains("unclosed action"));
}

TEST_CASE("function errors: arity, kinds, missing and empty files") {
  CHECK(Error("{{ trimspace }}") == doctest::Contains("trimspace: takes 1 argument, got 0"));
  CHECK(Error("{{ .HasImport | upper }}") == doctest::Contains("upper: takes text, got a flag"));
  CHECK(Error("\n\n{{ tffile \"examples/none.tf\" }}") ==
        doctest::Contains("t.md.tmpl:3: tffile: reading examples/none.tf"));
  CHECK(Error(R"({{ tffile "examples/blank.tf" }})") == doctest::Contains("is empty"));
}

}  // namespace
}  // namespace polybackup::docs
