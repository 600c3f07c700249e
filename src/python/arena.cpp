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

namespace {

uint64_t HashText(std::string_view text) {
  // FNV-1a: identifiers are short, so a simple byte loop wins over fancier hashes.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h | 1;  // never 0: 0 marks an empty slot
}

}  // namespace

Identifier Arena::Intern(std::string_view text) {
  if (slots_.empty()) slots_.resize(256);
  uint64_t h = HashText(text);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.hash == 0) {
      std::string_view stored = CopyString(text);
      Ident* ident = New<Ident>(Ident{stored, static_cast<uint32_t>(ident_count_++)});
      slot = Slot{h, ident};
      if (ident_count_ * 2 > slots_.size()) {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        size_t new_mask = slots_.size() - 1;
        for (const Slot& s : old) {
          if (!s.hash) continue;
          size_t j = s.hash & new_mask;
          while (slots_[j].hash) j = (j + 1) & new_mask;
          slots_[j] = s;
        }
      }
      return ident;
    }
    if (slot.hash == h && slot.ident->text == text) return slot.ident;
  }
}

}  // namespace rampart::python
