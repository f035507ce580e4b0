// cli/usage_report: the document a CI system expects on standard output when `check` stops on a
// usage error, so that a workflow that uploads the report uploads the error, not an empty file.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace vrfleak::cli {

/// The --format value of a `check` command line when it asks for a document (json, sarif, junit,
/// codeclimate, github); empty otherwise. `args` are the arguments after the program name.
std::string usage_report_format(const std::vector<std::string>& args);

/// Writes a valid document of `format` that holds the usage error `message`: SARIF puts it in
/// runs[0].invocations[0].toolExecutionNotifications, JSON in "usage_error", JUnit as an
/// <error> of one test case, github as an ::error command, codeclimate as an empty list.
void write_usage_report(std::ostream& out, std::string_view format, std::string_view message);

}  // namespace vrfleak::cli
