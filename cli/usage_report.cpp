#include "cli/usage_report.hpp"

#include <nlohmann/json.hpp>

#include "emit/check_report.hpp"
#include "emit/diagnostics.hpp"
#include "vrfleak/version.hpp"

namespace vrfleak::cli {

std::string usage_report_format(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "check") return {};
  std::string format;
  for (size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[i + 1];
    } else if (args[i].rfind("--format=", 0) == 0) {
      format = args[i].substr(9);
    }
  }
  for (const char* known : {"json", "sarif", "junit", "codeclimate", "github"}) {
    if (format == known) return format;
  }
  return {};
}

void write_usage_report(std::ostream& out, std::string_view format, std::string_view message) {
  using json = nlohmann::ordered_json;
  if (format == "json") {
    json doc;
    doc["schema"] = "vrfleak.diagnostics/1";
    doc["diagnostics"] = json::array();
    doc["summary"] = {{"error", 0}, {"warning", 0}, {"note", 0}};
    doc["usage_error"] = message;
    out << dump_json(doc);
  } else if (format == "sarif") {
    json notification;
    notification["level"] = "error";
    notification["message"] = {{"text", message}};
    json invocation;
    invocation["executionSuccessful"] = false;
    invocation["exitCode"] = 2;
    invocation["toolExecutionNotifications"] = json::array({notification});
    json run;
    run["tool"] = {{"driver",
                    {{"name", "vrfleak"},
                     {"version", kVersion},
                     {"informationUri", "https://github.com/vrfleak/vrfleak"}}}};
    run["invocations"] = json::array({invocation});
    run["results"] = json::array();
    json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = json::array({run});
    out << dump_json(doc);
  } else if (format == "junit") {
    const std::string attribute = xml_escape(message, true), text = xml_escape(message, false);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        << "  <testsuite name=\"vrfleak\" package=\"vrfleak\" id=\"0\" "
           "timestamp=\"1970-01-01T00:00:00\" hostname=\"localhost\" tests=\"1\" failures=\"0\" "
           "errors=\"1\" time=\"0\">\n"
        << "    <testcase classname=\"vrfleak\" name=\"usage\" time=\"0\">\n"
        << "      <error message=\"" << attribute << "\" type=\"usage-error\">" << text
        << "</error>\n    </testcase>\n  </testsuite>\n</testsuites>\n";
  } else if (format == "github") {
    out << "::error title=vrfleak::" << github_escape(message, false) << "\n";
  } else if (format == "codeclimate") {
    out << "[]";
  }
}

}  // namespace vrfleak::cli
