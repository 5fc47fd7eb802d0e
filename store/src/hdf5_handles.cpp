#include "hdf5_handles.hpp"

#include <fmt/format.h>

#include "contagion/core/error.hpp"

namespace contagion::store::h5 {
namespace {

template <class T>
hid_t native_type();
template <>
hid_t native_type<double>() {
  return H5T_NATIVE_DOUBLE;
}
template <>
hid_t native_type<float>() {
  return H5T_NATIVE_FLOAT;
}
template <>
hid_t native_type<std::uint64_t>() {
  return H5T_NATIVE_UINT64;
}
template <>
hid_t native_type<std::uint32_t>() {
  return H5T_NATIVE_UINT32;
}
template <>
hid_t native_type<std::int64_t>() {
  return H5T_NATIVE_INT64;
}

/// The innermost message of the HDF5 error stack, for our own error text.
std::string hdf5_message() {
  std::string message;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
        auto* text = static_cast<std::string*>(out);
        if (text->empty() && e->desc) *text = e->desc;
        return 0;
      },
      &message);
  H5Eclear2(H5E_DEFAULT);
  return message.empty() ? "HDF5 call failed" : message;
}

Handle string_type() {
  hid_t t = check(H5Tcopy(H5T_C_S1), "string type");
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return Handle(t, H5Tclose);
}

void replace_attr(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) > 0) check(H5Adelete(obj, name.c_str()), "delete attribute " + name);
}

template <class T>
void write_scalar_attr(hid_t obj, const std::string& name, T value) {
  replace_attr(obj, name);
  Handle space(check(H5Screate(H5S_SCALAR), "dataspace"), H5Sclose);
  Handle attr(check(H5Acreate2(obj, name.c_str(), native_type<T>(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    "create attribute " + name),
              H5Aclose);
  check(H5Awrite(attr.get(), native_type<T>(), &value), "write attribute " + name);
}

}  // namespace

void quiet_errors() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw Error(fmt::format("HDF5: cannot {}: {}", what, hdf5_message()));
  return id;
}

Handle create_file(const std::string& path) {
  quiet_errors();
  Handle fcpl(check(H5Pcreate(H5P_FILE_CREATE), "property list"), H5Pclose);
  // Track attribute creation order, so provenance attributes list in the order written.
  check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED), "set attribute order");
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_EXCL, fcpl.get(), H5P_DEFAULT);
  if (f < 0) throw Error(fmt::format("cannot create HDF5 file: {}", hdf5_message()), ErrorContext{path});
  return Handle(f, H5Fclose);
}

Handle open_file(const std::string& path, bool writable) {
  quiet_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw Error("not an HDF5 file", ErrorContext{path});
  }
  hid_t f = H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw Error(fmt::format("cannot open HDF5 file: {}", hdf5_message()), ErrorContext{path});
  return Handle(f, H5Fclose);
}

Handle open_group(hid_t parent, const std::string& name) {
  return Handle(check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open group " + name), H5Gclose);
}

Handle create_group(hid_t parent, const std::string& name) {
  Handle gcpl(check(H5Pcreate(H5P_GROUP_CREATE), "property list"), H5Pclose);
  check(H5Pset_attr_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED), "set attribute order");
  // Attributes stay in the object header (compact storage) however many a run has: H5Ocopy of
  // dense attribute storage with variable-length strings crashes in HDF5 before 1.14.4
  // (HDFGroup/hdf5#2414), and RunStore::add_runs_from copies runs with H5Ocopy.
  check(H5Pset_attr_phase_change(gcpl.get(), kMaxCompactAttributes, kMaxCompactAttributes), "set attribute storage");
  return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), "create group " + name),
                H5Gclose);
}

bool attributes_compact(hid_t group) {
  Handle gcpl(check(H5Gget_create_plist(group), "group creation properties"), H5Pclose);
  unsigned max_compact = 0, min_dense = 0;
  check(H5Pget_attr_phase_change(gcpl.get(), &max_compact, &min_dense), "attribute storage");
  H5O_info_t info;
  check(H5Oget_info2(group, &info, H5O_INFO_NUM_ATTRS), "object info");
  return info.num_attrs <= max_compact;
}

bool exists(hid_t parent, const std::string& path) {
  // Check each prefix: H5Lexists fails on a path whose intermediate group is missing.
  std::size_t pos = 0;
  while (true) {
    const std::size_t slash = path.find('/', pos);
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && H5Lexists(parent, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) return true;
    pos = slash + 1;
  }
}

std::vector<std::string> children(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
      },
      &names);
  return names;
}

void write_attr(hid_t obj, const std::string& name, const std::string& value) {
  replace_attr(obj, name);
  Handle type = string_type();
  Handle space(check(H5Screate(H5S_SCALAR), "dataspace"), H5Sclose);
  Handle attr(check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    "create attribute " + name),
              H5Aclose);
  const char* data = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &data), "write attribute " + name);
}

void write_attr(hid_t obj, const std::string& name, double value) {
  write_scalar_attr(obj, name, value);
}
void write_attr(hid_t obj, const std::string& name, std::int64_t value) {
  write_scalar_attr(obj, name, value);
}
void write_attr(hid_t obj, const std::string& name, std::uint64_t value) {
  write_scalar_attr(obj, name, value);
}

bool has_attr(hid_t obj, const std::string& name) {
  return H5Aexists(obj, name.c_str()) > 0;
}

H5T_class_t attr_class(hid_t obj, const std::string& name) {
  Handle attr(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  Handle type(check(H5Aget_type(attr.get()), "attribute type"), H5Tclose);
  return H5Tget_class(type.get());
}

std::string read_attr_string(hid_t obj, const std::string& name) {
  Handle attr(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  Handle file_type(check(H5Aget_type(attr.get()), "attribute type"), H5Tclose);
  if (H5Tget_class(file_type.get()) != H5T_STRING) throw Error(fmt::format("attribute '{}' is not a string", name));
  if (H5Tis_variable_str(file_type.get()) > 0) {
    Handle type = string_type();
    char* data = nullptr;
    check(H5Aread(attr.get(), type.get(), &data), "read attribute " + name);
    std::string out = data ? data : "";
    H5free_memory(data);
    return out;
  }
  const std::size_t size = H5Tget_size(file_type.get());
  std::string out(size, '\0');
  check(H5Aread(attr.get(), file_type.get(), out.data()), "read attribute " + name);
  out.resize(out.find('\0') == std::string::npos ? size : out.find('\0'));
  return out;
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  Handle type = string_type();
  const hsize_t n = values.size();
  Handle space(check(H5Screate_simple(1, &n, nullptr), "dataspace"), H5Sclose);
  Handle set(check(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   "create dataset " + name),
             H5Dclose);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (n > 0) check(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "write " + name);
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle set(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
  Handle space(check(H5Dget_space(set.get()), "dataspace"), H5Sclose);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  Handle type = string_type();
  std::vector<char*> pointers(n, nullptr);
  if (n > 0) check(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read " + name);
  std::vector<std::string> out;
  for (char* p : pointers) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

H5T_class_t dataset_class(hid_t parent, const std::string& name) {
  Handle set(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
  Handle type(check(H5Dget_type(set.get()), "dataset type"), H5Tclose);
  return H5Tget_class(type.get());
}

double read_attr_double(hid_t obj, const std::string& name) {
  Handle attr(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  double v = 0.0;
  check(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v), "read attribute " + name);
  return v;
}

std::int64_t read_attr_int(hid_t obj, const std::string& name) {
  Handle attr(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  std::int64_t v = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_INT64, &v), "read attribute " + name);
  return v;
}

std::vector<std::string> attr_names(hid_t obj) {
  std::vector<std::string> names;
  H5O_info_t info;
  check(H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS), "object info");
  const H5_index_t index = [&] {
    hid_t plist = H5I_INVALID_HID;
    if (H5Iget_type(obj) == H5I_GROUP) plist = H5Gget_create_plist(obj);
    unsigned flags = 0;
    if (plist >= 0) {
      H5Pget_attr_creation_order(plist, &flags);
      H5Pclose(plist);
    }
    return (flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  }();
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    const ssize_t len = H5Aget_name_by_idx(obj, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    std::string name(static_cast<std::size_t>(std::max<ssize_t>(len, 0)), '\0');
    H5Aget_name_by_idx(obj, ".", index, H5_ITER_INC, i, name.data(), name.size() + 1, H5P_DEFAULT);
    names.push_back(name);
  }
  return names;
}

template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data, std::uint64_t rows,
                   std::uint64_t columns, bool compress) {
  const int rank = columns == 0 ? 1 : 2;
  const hsize_t dims[2] = {rows, columns};
  if (data.size() != rows * (columns == 0 ? 1 : columns))
    throw Error(fmt::format("dataset '{}': {} values do not fill {} x {}", name, data.size(), rows, columns));
  Handle space(check(H5Screate_simple(rank, dims, nullptr), "dataspace for " + name), H5Sclose);
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "property list"), H5Pclose);
  const bool large = data.size() >= 65536;
  if ((compress || large) && rows > 0 && (columns != 0 || rows > 0) && !data.empty()) {
    // Chunks of whole rows for 2-D (one recorded state per chunk row), 64 Ki elements for 1-D.
    hsize_t chunk[2] = {rank == 1 ? std::min<hsize_t>(rows, 65536) : 1, rank == 1 ? 0 : std::max<hsize_t>(columns, 1)};
    if (rank == 2 && columns > (1u << 20)) chunk[1] = 1u << 20;
    check(H5Pset_chunk(dcpl.get(), rank, chunk), "chunk " + name);
    check(H5Pset_shuffle(dcpl.get()), "shuffle " + name);
    check(H5Pset_deflate(dcpl.get(), 4), "deflate " + name);
  }
  Handle ds(check(H5Dcreate2(parent, name.c_str(), native_type<T>(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  if (!data.empty())
    check(H5Dwrite(ds.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write dataset " + name);
}

template <class T>
std::vector<T> read_dataset(hid_t parent, const std::string& name, std::vector<std::uint64_t>* shape) {
  Handle ds(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
  Handle space(check(H5Dget_space(ds.get()), "dataspace of " + name), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  std::uint64_t count = 1;
  for (const hsize_t d : dims) count *= d;
  if (shape) shape->assign(dims.begin(), dims.end());
  std::vector<T> out(count);
  if (count > 0)
    check(H5Dread(ds.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read dataset " + name);
  return out;
}

template void write_dataset<double>(hid_t, const std::string&, std::span<const double>, std::uint64_t, std::uint64_t,
                                    bool);
template void write_dataset<float>(hid_t, const std::string&, std::span<const float>, std::uint64_t, std::uint64_t,
                                   bool);
template void write_dataset<std::uint64_t>(hid_t, const std::string&, std::span<const std::uint64_t>, std::uint64_t,
                                           std::uint64_t, bool);
template void write_dataset<std::uint32_t>(hid_t, const std::string&, std::span<const std::uint32_t>, std::uint64_t,
                                           std::uint64_t, bool);
template std::vector<double> read_dataset<double>(hid_t, const std::string&, std::vector<std::uint64_t>*);
template std::vector<float> read_dataset<float>(hid_t, const std::string&, std::vector<std::uint64_t>*);
template std::vector<std::uint64_t> read_dataset<std::uint64_t>(hid_t, const std::string&, std::vector<std::uint64_t>*);
template std::vector<std::uint32_t> read_dataset<std::uint32_t>(hid_t, const std::string&, std::vector<std::uint64_t>*);

}  // namespace contagion::store::h5
