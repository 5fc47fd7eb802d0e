#pragma once
// RAII handles and small typed helpers over the HDF5 C API, private to store/.
// Every failing HDF5 call becomes a contagion::Error naming the file and the object.

#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace contagion::store::h5 {

/// Owns one hid_t and closes it with the right H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      close();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      closer_ = o.closer_;
    }
    return *this;
  }
  ~Handle() { close(); }
  hid_t get() const noexcept { return id_; }
  explicit operator bool() const noexcept { return id_ >= 0; }
  void close() noexcept {
    if (id_ >= 0 && closer_) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Silences HDF5's automatic error printing for the process (we report errors ourselves).
void quiet_errors();

/// Throws contagion::Error("what: <HDF5 message>") when id < 0 / status < 0.
hid_t check(hid_t id, const std::string& what);

Handle create_file(const std::string& path);
Handle open_file(const std::string& path, bool writable);
Handle open_group(hid_t parent, const std::string& name);
/// Groups keep up to this many attributes compact (see create_group).
inline constexpr unsigned kMaxCompactAttributes = 65535;
Handle create_group(hid_t parent, const std::string& name);
/// Whether H5Ocopy can copy the group safely with this HDF5: false when its attributes are in
/// dense storage (stores written before compact storage was forced), see create_group.
bool attributes_compact(hid_t group);
bool exists(hid_t parent, const std::string& path);
/// Names of the links in a group, in name order.
std::vector<std::string> children(hid_t group);

// Attributes (scalar).
void write_attr(hid_t obj, const std::string& name, const std::string& value);
void write_attr(hid_t obj, const std::string& name, double value);
void write_attr(hid_t obj, const std::string& name, std::int64_t value);
void write_attr(hid_t obj, const std::string& name, std::uint64_t value);
bool has_attr(hid_t obj, const std::string& name);
/// H5T_STRING, H5T_FLOAT, H5T_INTEGER, ...
H5T_class_t attr_class(hid_t obj, const std::string& name);
std::string read_attr_string(hid_t obj, const std::string& name);
double read_attr_double(hid_t obj, const std::string& name);
std::int64_t read_attr_int(hid_t obj, const std::string& name);
/// Names of an object's attributes, in creation order.
std::vector<std::string> attr_names(hid_t obj);

/// Writes a 1-D or 2-D dataset; large ones are chunked and deflate-compressed.
template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data, std::uint64_t rows,
                   std::uint64_t columns = 0, bool compress = false);

/// A 1-D dataset of variable-length UTF-8 strings.
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);
/// H5T_STRING, H5T_FLOAT, ... of a dataset.
H5T_class_t dataset_class(hid_t parent, const std::string& name);

/// Reads a whole numeric dataset (converted to T) and its shape.
template <class T>
std::vector<T> read_dataset(hid_t parent, const std::string& name, std::vector<std::uint64_t>* shape = nullptr);

}  // namespace contagion::store::h5
