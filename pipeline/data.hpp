// Data files (authorities, lexicons) shipped in configs/: locating them from any working
// folder, and reading their TSV format (header row, '#' comments, '|' between variants).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace testimony {

// The first existing of: `relative` as given (absolute, or from the working folder),
// $TESTIMONY_DATA/relative, and the source tree the binary was built from. Throws ConfigError
// naming every place searched when none exists.
std::filesystem::path find_data_file(const std::string& relative);

struct TsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // every row has header.size() fields
  std::vector<int> lines;                      // the file's line number of each row
  std::vector<std::string> problems;           // "file:line: ..." for rows that were skipped
  int column(const std::string& name) const;   // -1 when absent
  // "file:line: " of row `row`, to start a message about it.
  std::string where(std::size_t row) const;
};

// Reads a TSV file; rows with the wrong number of fields or invalid UTF-8 are skipped and
// reported in `problems`, never fatal. Throws ConfigError when the file cannot be read or
// lacks a column in `required`.
TsvTable read_tsv(const std::filesystem::path& path, const std::vector<std::string>& required = {});

// "a|b|c" → {"a", "b", "c"} (empty parts dropped).
std::vector<std::string> split_variants(const std::string& field);

}  // namespace testimony
