#include "contagion/core/text_file.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "contagion/core/error.hpp"

namespace contagion {

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot open {} for reading", what), ErrorContext{path});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(fmt::format("cannot read {}", what), ErrorContext{path});
  return buffer.str();
}

void write_text_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw Error("cannot open the file for writing", ErrorContext{temporary});
    out << text;
    if (!out.flush()) throw Error("cannot write the file", ErrorContext{temporary});
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error)
    throw Error(fmt::format("cannot rename {} into place: {}", temporary, error.message()), ErrorContext{path});
}

}  // namespace contagion
