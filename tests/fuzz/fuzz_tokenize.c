/* fuzz_tokenize.c - libFuzzer target: the tokeniser and folding
 * (plugin/analysis/tokenizer.c).
 *
 * Each input is tokenised whole (its LEN bytes, no terminating NUL) and
 * every token is checked against the contract of tokenizer.h: a term of 1
 * to XN_TOKEN_MAX_BYTES bytes of valid UTF-8 and a raw span inside the
 * input. It is tokenised again with a callback that stops early, which
 * must make xn_tokenize() return the callback's value. Then the input is
 * folded with xn_fold(), once with room to spare and once into a buffer of
 * a term's size. Last, the acronym definitions of the raw text
 * (plugin/analysis/acronyms.h) are found and turned into terms: spans inside the
 * input, terms of a Xapian term's size.
 */
#include "acronyms.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "utf8.h"

#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t len; /* input length */
    size_t tokens;
    size_t stop_at; /* stop after this many tokens (0: never) */
} tok_ctx;

static int on_token(void *vctx, const xn_token *t)
{
    tok_ctx *c = vctx;
    FUZZ_CHECK(t->term != NULL, "NULL term");
    FUZZ_CHECK(t->len >= 1 && t->len <= XN_TOKEN_MAX_BYTES, "term of %zu bytes",
               t->len);
    FUZZ_CHECK(xn_utf8_valid(t->term, t->len), "term '%.*s' is not valid UTF-8",
               (int)t->len, t->term);
    FUZZ_CHECK(t->start <= t->end && t->end <= c->len,
               "span [%zu, %zu) of a %zu-byte text", t->start, t->end, c->len);
    c->tokens++;
    if (c->stop_at && c->tokens == c->stop_at) return 7;
    return 0;
}

typedef struct {
    const char *text;
    size_t len;
    xn_strbuf term;
} acronym_ctx;

static int on_acronym(void *vctx, const xn_acronym_def *d)
{
    acronym_ctx *c = vctx;
    FUZZ_CHECK(d->acronym_len >= 2 && d->acronym_start + d->acronym_len <= c->len &&
                   d->expansion_len > 0 && d->expansion_start + d->expansion_len <= c->len,
               "acronym [%zu,+%zu) expansion [%zu,+%zu) of a %zu-byte text",
               d->acronym_start, d->acronym_len, d->expansion_start,
               d->expansion_len, c->len);
    size_t n = xn_acronyms_term(c->text, d, &c->term);
    FUZZ_CHECK(n <= 245, "acronym term of %zu bytes", n);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;

    tok_ctx all = {size, 0, 0};
    int rc = xn_tokenize(text, size, on_token, &all);
    FUZZ_CHECK(rc == 0, "xn_tokenize returned %d", rc);

    if (all.tokens > 0) {
        tok_ctx some = {size, 0, 1 + size % all.tokens};
        rc = xn_tokenize(text, size, on_token, &some);
        FUZZ_CHECK(rc == 7 && some.tokens == some.stop_at,
                   "stopped after %zu tokens (asked %zu), returned %d",
                   some.tokens, some.stop_at, rc);
    }

    /* folding: NFKC with case folding can grow text (up to 18 times per
     * code point for NFKC), so "room to spare" is generous */
    size_t cap = size * 18 + 16;
    char *out = malloc(cap);
    if (out) {
        size_t n = xn_fold(text, size, out, cap);
        if (n != (size_t)-1) {
            FUZZ_CHECK(n < cap && out[n] == '\0', "fold gave %zu bytes", n);
            FUZZ_CHECK(xn_utf8_valid(out, n), "folded text is not valid UTF-8");
        }
        free(out);
    }
    char small[XN_TOKEN_MAX_BYTES + 1];
    size_t n = xn_fold(text, size, small, sizeof small);
    if (n != (size_t)-1)
        FUZZ_CHECK(n < sizeof small && small[n] == '\0', "fold gave %zu bytes", n);

    acronym_ctx ac = {text, size, XN_STRBUF_INIT};
    FUZZ_CHECK(xn_acronyms_scan(text, size, on_acronym, &ac) == 0, "scan stopped");
    xn_strbuf_free(&ac.term);
    return 0;
}
