/* fuzz_common.h - helpers shared by the libFuzzer targets in tests/fuzz/.
 *
 * The targets find the schema files through $XAPNEWS_SCHEMAS or, failing
 * that, the source tree they were built from (XN_FUZZ_SRCDIR, set by
 * tests/fuzz/Makefile.inc).
 */
#ifndef XAPNEWS_FUZZ_COMMON_H
#define XAPNEWS_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef XN_FUZZ_SRCDIR
#define XN_FUZZ_SRCDIR "."
#endif

/* Writes the path of schemas/NAME into BUF (CAP bytes); exits on overflow. */
static inline const char *fuzz_schema_path(char *buf, size_t cap,
                                           const char *name)
{
    const char *dir = getenv("XAPNEWS_SCHEMAS");
    int n = dir && *dir ? snprintf(buf, cap, "%s/%s", dir, name)
                        : snprintf(buf, cap, "%s/schemas/%s", XN_FUZZ_SRCDIR, name);
    if (n < 0 || (size_t)n >= cap) {
        fprintf(stderr, "fuzz: schema path too long\n");
        exit(2);
    }
    return buf;
}

/* Stops the fuzzer when a set-up step fails (not a finding). */
#define FUZZ_SETUP(cond, ...)                                                \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "fuzz set-up failed: " __VA_ARGS__);             \
            fputc('\n', stderr);                                             \
            exit(2);                                                         \
        }                                                                    \
    } while (0)

/* A broken invariant of the code under test: a finding, so abort (libFuzzer
 * saves the input as a crash). */
#define FUZZ_CHECK(cond, ...)                                                \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "fuzz invariant broken (%s:%d): %s: ", __FILE__, \
                    __LINE__, #cond);                                        \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            abort();                                                         \
        }                                                                    \
    } while (0)

#endif
