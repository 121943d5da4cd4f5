/* fuzz_tables.c - libFuzzer target: the parsers of the table and profile
 * files.
 *
 * Each input is parsed, as the LEN bytes it is (no terminating NUL), by
 *  - xn_variants_parse()  (schemas/synonyms.txt, Solr synonyms format),
 *  - xn_names_parse()     as officials (schemas/officials.tsv) and as
 *                         outlets (schemas/outlets.tsv),
 *  - xn_profile_parse()   (schemas/profiles/NAME.conf),
 *  - xn_nicknames_parse() (schemas/nicknames.csv), applied to the input
 *                         parsed as officials when both parse.
 * What a parser accepts is then walked through the lookup functions the
 * indexer and the query parser use (forms, canonical forms, expansions,
 * word pairs, name lookups, profile write/copy), so a table that parses
 * but is inconsistent inside shows up too. A refusal must be
 * XAPNEWS_STATUS_BAD_INPUT with a message.
 */
#include "error.h"
#include "names.h"
#include "nicknames.h"
#include "profile.h"
#include "tokenizer.h"
#include "variants.h"

#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    FUZZ_SETUP(devnull, "cannot open /dev/null");
    return 0;
}

/* The number of words of TEXT and the length of their key (the words
 * joined by one separator byte), as the matcher sees them. */
typedef struct {
    size_t words, klen;
} shape_t;

static int shape_word(void *ctx, const xn_token *t)
{
    shape_t *s = ctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    s->klen += (s->words ? 1 : 0) + t->len;
    s->words++;
    return 0;
}

static shape_t shape_of(const char *text, size_t len)
{
    shape_t s = {0, 0};
    xn_tokenize(text, len, shape_word, &s);
    return s;
}

/* The matcher builds keys in a 512-byte buffer and the name lookup keeps
 * 64 words: longer forms are never found (a documented limit of neither
 * file format; reported separately, not checked here). */
#define MATCH_KEY_MAX 512
#define LOOKUP_WORDS_MAX 64

static int count_pair(void *ctx, const char *a, size_t alen, const char *b,
                      size_t blen)
{
    FUZZ_CHECK(alen > 0 && blen > 0, "empty word in a pair");
    FUZZ_CHECK(alen != blen || memcmp(a, b, alen) != 0, "a word paired with itself");
    ++*(size_t *)ctx;
    return 0;
}

static void walk_variants(const xn_variants *v)
{
    size_t groups = xn_variants_groups(v);
    for (size_t g = 0; g < groups; g++) {
        size_t forms = xn_variants_form_count(v, g);
        FUZZ_CHECK(forms >= 2, "group %zu has %zu forms", g, forms);
        size_t canonical = xn_variants_canonical(v, g);
        FUZZ_CHECK(canonical < forms, "canonical form %zu of %zu", canonical, forms);
        (void)xn_variants_is_mapping(v, g);
        (void)xn_variants_line(v, g);
        for (size_t f = 0; f < forms; f++) {
            xn_form form = xn_variants_form(v, g, f);
            FUZZ_CHECK(form.n > 0, "group %zu form %zu has no words", g, f);
            for (size_t k = 0; k < form.n; k++)
                FUZZ_CHECK(form.lens[k] > 0 && form.lens[k] <= XN_TOKEN_MAX_BYTES,
                           "word of %zu bytes", form.lens[k]);
            for (size_t t = 0; t < forms; t++) {
                int expands = xn_variants_expands(v, g, f, t);
                int natural = xn_variants_natural(v, g, f, t);
                FUZZ_CHECK(!natural || expands, "natural but not expanding");
            }
            /* a form must find its own group again (unless it is the
             * right-hand side of a mapping, which is not indexed) */
            xn_vmatch m;
            int found = xn_variants_match(v, form.words, form.lens, form.n, &m);
            size_t klen = form.n - 1;
            for (size_t k = 0; k < form.n; k++) klen += form.lens[k];
            if (klen <= MATCH_KEY_MAX &&
                (!xn_variants_is_mapping(v, g) || xn_variants_expands(v, g, f, forms - 1))) {
                FUZZ_CHECK(found && m.group == g && m.length == form.n,
                           "group %zu form %zu is not found as itself", g, f);
            }
            if (found) {
                FUZZ_CHECK(m.group < groups && m.length >= 1 && m.length <= form.n,
                           "bad match (%zu, %zu, %zu)", m.group, m.form, m.length);
                FUZZ_CHECK(m.form < xn_variants_form_count(v, m.group),
                           "match names form %zu", m.form);
            }
        }
    }
    size_t pairs = 0;
    xn_variants_each_word_pair(v, count_pair, &pairs);
}

static void walk_names(const xn_names *t, const uint8_t *data, size_t size)
{
    size_t n = xn_names_count(t);
    for (size_t i = 0; i < n; i++) {
        const xn_name *e = xn_names_get(t, i);
        FUZZ_CHECK(e->canonical && *e->canonical, "entry %zu has no name", i);
        FUZZ_CHECK(e->role && e->country && e->surname, "entry %zu: NULL field", i);
        for (size_t k = 0; k < e->n_variants; k++)
            FUZZ_CHECK(e->variants[k] && *e->variants[k], "empty variant");
        for (size_t k = 0; k <= e->n_variants; k++) {
            const char *name = k == 0 ? e->canonical : e->variants[k - 1];
            size_t len = strlen(name);
            shape_t s = shape_of(name, len);
            long found = xn_names_lookup(t, name, len);
            if (s.words <= LOOKUP_WORDS_MAX && s.klen <= MATCH_KEY_MAX)
                FUZZ_CHECK(found == (long)i, "'%s' (entry %zu) looks up as %ld",
                           name, i, found);
        }
    }
    long any = xn_names_lookup(t, (const char *)data, size);
    FUZZ_CHECK(any >= -1 && any < (long)n, "lookup gives %ld of %zu", any, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    xn_error err;

    xn_error_clear(&err);
    xn_variants *v = xn_variants_parse("fuzz.txt", text, size, &err);
    if (v) {
        walk_variants(v);
        xn_variants_free(v);
    } else {
        FUZZ_CHECK(err.status == XAPNEWS_STATUS_BAD_INPUT && err.message[0],
                   "variants refused with status %d: %s", (int)err.status,
                   err.message);
    }

    static const xn_names_kind kinds[] = {XN_NAMES_OFFICIALS, XN_NAMES_OUTLETS};
    for (size_t k = 0; k < 2; k++) {
        xn_error_clear(&err);
        xn_names *t = xn_names_parse("fuzz.tsv", text, size, kinds[k], &err);
        if (t) {
            walk_names(t, data, size);
            xn_names_free(t);
        } else {
            FUZZ_CHECK(err.status == XAPNEWS_STATUS_BAD_INPUT && err.message[0],
                       "names refused with status %d: %s", (int)err.status,
                       err.message);
        }
    }

    xn_error_clear(&err);
    xn_nicknames *nick = xn_nicknames_parse("fuzz.csv", text, size, &err);
    if (nick) {
        xn_names *o = xn_names_parse("fuzz.tsv", text, size, XN_NAMES_OFFICIALS, &err);
        xn_variants *nv = xn_variants_new();
        if (o && nv) {
            FUZZ_CHECK(xn_nicknames_apply(nick, o, nv) == 0, "nicknames not applied");
            walk_variants(nv);
        }
        xn_variants_free(nv);
        xn_names_free(o);
        xn_nicknames_free(nick);
    } else {
        FUZZ_CHECK(err.status == XAPNEWS_STATUS_BAD_INPUT && err.message[0],
                   "nicknames refused with status %d: %s", (int)err.status,
                   err.message);
    }

    xapnews_profile_t p, copy;
    memset(&p, 0, sizeof p);
    memset(&copy, 0, sizeof copy);
    xn_error_clear(&err);
    if (xn_profile_parse(&p, "fuzz.conf", text, size, &err) == 0) {
        FUZZ_CHECK(xn_profile_write(&p, devnull) == 0, "profile not written");
        FUZZ_CHECK(xn_profile_copy(&copy, &p) == 0, "profile not copied");
        FUZZ_CHECK(copy.n_outlets == p.n_outlets, "copy lost outlets");
    } else {
        FUZZ_CHECK(err.status == XAPNEWS_STATUS_BAD_INPUT && err.message[0],
                   "profile refused with status %d: %s", (int)err.status,
                   err.message);
    }
    xn_profile_clear(&copy);
    xn_profile_clear(&p);
    return 0;
}
