#ifndef LISTSCRUB_CPHONENUMBER_H
#define LISTSCRUB_CPHONENUMBER_H
#ifdef __cplusplus
extern "C" {
#endif

/// The libphonenumber version this binary was built against, e.g. "8.12.57".
const char *lsp_library_version(void);

#ifdef __cplusplus
}
#endif
#endif
