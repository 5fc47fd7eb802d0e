#include "contagion/core/text_file.hpp"

#include <fmt/format.h>

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

}  // namespace contagion
