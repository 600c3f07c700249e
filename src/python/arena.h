// Arena: the bump allocator that owns every AST node, list and string of a
// parse, plus the identifier table. Everything allocated here is trivially
// destructible and is freed at once when the Arena dies; nodes never own heap
// memory. Callers may rely on:
//   - pointers handed out stay valid until the Arena is destroyed (blocks never move);
//   - Intern() returns the same pointer for equal text within one Arena, so two
//     identifiers from files parsed into the same Arena compare by pointer;
//   - bytes_used() counts what was asked for (the figure bench/parse reports).
// An Arena is not thread-safe: use one per thread (or per file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rampart::python {

// An interned identifier. `text` is NFKC-normalised UTF-8 (as CPython stores
// identifiers); `id` is dense per Arena, starting at 0.
struct Ident {
  std::string_view text;
  uint32_t id;
};
using Identifier = const Ident*;  // null where CPython has None

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* Allocate(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cursor_) + align - 1) & ~(uintptr_t)(align - 1);
    if (cursor_ == nullptr || p + size > reinterpret_cast<uintptr_t>(limit_)) {
      Grow(size + align);
      p = (reinterpret_cast<uintptr_t>(cursor_) + align - 1) & ~(uintptr_t)(align - 1);
    }
    cursor_ = reinterpret_cast<char*>(p + size);
    bytes_used_ += size;
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (Allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Uninitialised array of n trivially destructible T.
  template <class T>
  T* NewArray(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    if (n == 0) return nullptr;
    return static_cast<T*>(Allocate(sizeof(T) * n, alignof(T)));
  }

  std::string_view CopyString(std::string_view text) {
    if (text.empty()) return {};
    char* p = static_cast<char*>(Allocate(text.size(), 1));
    std::memcpy(p, text.data(), text.size());
    return {p, text.size()};
  }

  // Returns the unique Ident for `text` (which must already be NFKC-normalised).
  Identifier Intern(std::string_view text);

  size_t bytes_used() const { return bytes_used_; }
  size_t bytes_reserved() const { return bytes_reserved_; }
  size_t identifier_count() const { return ident_count_; }

 private:
  void Grow(size_t at_least);

  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  size_t bytes_used_ = 0;
  size_t bytes_reserved_ = 0;
  size_t next_block_size_ = 64 * 1024;
  struct Block {
    char* data;
    size_t size;
  };
  std::vector<Block> blocks_;
  // Open addressing, power-of-two capacity, load factor <= 1/2. A slot holds
  // the hash's high bits next to the pointer so most probes skip the memcmp.
  struct Slot {
    uint64_t hash;
    Ident* ident;
  };
  std::vector<Slot> slots_;
  size_t ident_count_ = 0;
};

}  // namespace rampart::python
