#include "store_format.hpp"

#include <fmt/format.h>

#include "contagion/core/error.hpp"
#include "contagion/store/run_store.hpp"
#include "hdf5_handles.hpp"

namespace contagion::store {

void check_store(hid_t file, const std::string& path) {
  if (!h5::has_attr(file, "format") || h5::read_attr_string(file, "format") != "contagion")
    throw Error("not a contagion run store (the root has no format=\"contagion\" attribute)", ErrorContext{path});
  const std::int64_t version = h5::read_attr_int(file, "format_version");
  if (version != kFormatVersion)
    throw Error(fmt::format("store format_version {} is not supported (this build reads {})", version, kFormatVersion),
                ErrorContext{path});
}

}  // namespace contagion::store
