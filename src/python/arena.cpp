#include "python/arena.h"

#include <algorithm>

namespace rampart::python {

namespace {

// Blocks of finished Arenas are kept per thread and handed to the next Arena:
// parsing many files in a row then reuses warm memory instead of asking the
// kernel for fresh pages each time (page faults were a visible share of the
// parse time). Bounded so that one huge file does not pin its memory.
constexpr size_t kPoolLimit = 64u << 20;

struct BlockPool {
  std::vector<std::pair<char*, size_t>> blocks;
  size_t bytes = 0;
  ~BlockPool() {
    for (auto& b : blocks) delete[] b.first;
  }
};

BlockPool& Pool() {
  thread_local BlockPool pool;
  return pool;
}

}  // namespace

Arena::~Arena() {
  BlockPool& pool = Pool();
  for (const Block& b : blocks_) {
    if (pool.bytes + b.size <= kPoolLimit) {
      pool.blocks.emplace_back(b.data, b.size);
      pool.bytes += b.size;
    } else {
      delete[] b.data;
    }
  }
}

void Arena::Grow(size_t at_least) {
  // Blocks double up to 1 MiB so small files stay small and big files make few
  // allocations; an oversized request gets a block of its own size.
  size_t size = std::max(next_block_size_, at_least);
  next_block_size_ = std::min<size_t>(next_block_size_ * 2, 1 << 20);
  char* data = nullptr;
  BlockPool& pool = Pool();
  for (size_t i = pool.blocks.size(); i-- > 0;) {
    if (pool.blocks[i].second >= size && pool.blocks[i].second <= 4 * size) {
      data = pool.blocks[i].first;
      size = pool.blocks[i].second;
      pool.bytes -= size;
      pool.blocks[i] = pool.blocks.back();
      pool.blocks.pop_back();
      break;
    }
  }
  if (!data) data = new char[size];
  blocks_.push_back(Block{data, size});
  cursor_ = data;
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
