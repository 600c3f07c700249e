#include "python/arena.h"

#include <algorithm>

namespace rampart::python {

void Arena::Grow(size_t at_least) {
  // Blocks double up to 1 MiB so small files stay small and big files make few
  // allocations; an oversized request gets a block of its own size.
  size_t size = std::max(next_block_size_, at_least);
  next_block_size_ = std::min<size_t>(next_block_size_ * 2, 1 << 20);
  blocks_.emplace_back(new char[size]);
  cursor_ = blocks_.back().get();
  limit_ = cursor_ + size;
  bytes_reserved_ += size;
}

Identifier Arena::Intern(std::string_view text) {
  auto it = idents_.find(text);
  if (it != idents_.end()) return it->second;
  std::string_view stored = CopyString(text);
  Ident* ident = New<Ident>(Ident{stored, static_cast<uint32_t>(idents_.size())});
  idents_.emplace(stored, ident);
  return ident;
}

}  // namespace rampart::python
