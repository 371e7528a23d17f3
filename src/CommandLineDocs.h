#pragma once
// The man page and the bash completion script, generated from the same option table as --help
// (app::commandLineOptions(), CommandLine.h), so the three never disagree. CMake runs
// `psoas-atlas --help-man` and `psoas-atlas --help-bash-completion` at build time.
#include <string>
#include <vector>

namespace psoas::cli {

// roff source of psoas-atlas(1): NAME, SYNOPSIS, DESCRIPTION, OPTIONS (every option that is not
// hidden from --help, with its value name and default), FILES, ENVIRONMENT, EXIT STATUS, EXAMPLES.
std::string manPage(const std::string& version);

// A bash completion script: the options (long names, `--name=` for those taking a value), the
// view names given, mode and sample values, and pose, coordinate and structure names asked of
// psoas-atlas itself (--list-poses, --list-coordinates, --list-structures) when completing, so
// they follow the assets (and an --assets DIR on the line).
std::string bashCompletion(const std::vector<std::string>& views);

} // namespace psoas::cli
