// litbook/catalog.hpp: the program messages of an example, per language.
//
// An example writes its messages in the book's source language. litbook
// extracts them (every string passed to Example::tr, print, println and
// litbook::msg) into the chapter's catalogues, locale/<lang>.po beside its
// main.cpp, and compiles those into a table that is linked into the
// program: the same binary speaks every language of its book, and the
// WebAssembly build needs no file at run time.
#pragma once

#include <cstddef>
#include <string_view>

namespace litbook {

/// One message: its text in the source language and, for each other
/// language of the book (in the order of Catalog::langs, source excluded),
/// its translation.
struct CatalogEntry {
  const char* msgid;
  const char* const* translations;
};

/// The languages of the book (the first is the source language) and the
/// translations of one example's messages, sorted by msgid.
struct Catalog {
  const char* const* langs;
  std::size_t nlangs;
  const CatalogEntry* entries;
  std::size_t nentries;
  const char* po_dir;  ///< where the catalogues live, for error messages
};

/// Marks a string as a message without translating it here, for strings
/// that are translated later (a parameter's label, a table's heading).
constexpr const char* msg(const char* text) { return text; }

/// Defined in the catalogue table that litbook generates for each example.
const Catalog& example_catalog();

}  // namespace litbook
