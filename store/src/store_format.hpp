#pragma once
// What makes an HDF5 file a contagion run store, shared by the writer and the reader.

#include <hdf5.h>

#include <string>

namespace contagion::store {

/// Throws contagion::Error naming `path` unless the root has format="contagion" and a
/// format_version this build reads.
void check_store(hid_t file, const std::string& path);

}  // namespace contagion::store
