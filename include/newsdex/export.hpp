/// \file
/// Which declarations belong to libnewsdex's ABI. The library is compiled with
/// -fvisibility=hidden and -fvisibility-inlines-hidden: only what is marked NEWSDEX_EXPORT here in
/// the public headers is exported from libnewsdex.so; everything else (newsdex::detail, the Impl
/// classes) stays inside it and may change in any release. See docs/ARCHITECTURE.md, "ABI".
#pragma once

#if defined(__GNUC__) || defined(__clang__)
/// Exported from the shared library: classes (with their typeinfo and vtable) and free functions.
#define NEWSDEX_EXPORT __attribute__((visibility("default")))
/// Never exported, even inside an exported class (its private Impl).
#define NEWSDEX_NO_EXPORT __attribute__((visibility("hidden")))
#else
#define NEWSDEX_EXPORT
#define NEWSDEX_NO_EXPORT
#endif
