/* story.c - near duplicates and story keys (see story.h). */
#include "story.h"

#include "schema.h"
#include "xapian_shim_expand.h"
#include "xapian_shim_terms.h"

#include <stdlib.h>
#include <string.h>

void xn_story_probe_clear(xn_story_probe *p)
{
    p->n_words = 0;
}

void xn_story_probe_add(xn_story_probe *p, const char *word, size_t len, uint64_t hash)
{
    if (!len || len > XN_STORY_WORD_MAX) return;
    unsigned n = p->n_words, at = n;
    while (at > 0 && p->hash[at - 1] > hash) at--;
    if (at > 0 && p->hash[at - 1] == hash) return; /* a repeat */
    if (at == XN_STORY_PROBE_WORDS) return;         /* not among the least */
    if (n == XN_STORY_PROBE_WORDS) n--;              /* the greatest drops out */
    memmove(&p->hash[at + 1], &p->hash[at], (n - at) * sizeof p->hash[0]);
    memmove(&p->len[at + 1], &p->len[at], (n - at) * sizeof p->len[0]);
    memmove(&p->word[at + 1], &p->word[at], (n - at) * sizeof p->word[0]);
    p->hash[at] = hash;
    p->len[at] = (unsigned char)len;
    memcpy(p->word[at], word, len);
    p->n_words = n + 1;
}

/* The probe's anchors: indexes into P's words, the rarest first, into
 * ANCHOR; returns how many (at most XN_STORY_ANCHORS), or -1 with XE set. */
static int pick_anchors(xs_db *const *dbs, size_t n_dbs, const xn_story_probe *p,
                        unsigned held, unsigned anchor[XN_STORY_ANCHORS], xs_error *xe)
{
    unsigned long freq[XN_STORY_ANCHORS];
    int n = 0;
    for (unsigned i = 0; i < p->n_words; i++) {
        unsigned long f = 0;
        for (size_t k = 0; k < n_dbs; k++) {
            unsigned long fk;
            if (xs_db_termfreq(dbs[k], p->word[i], p->len[i], &fk, xe) < 0) return -1;
            f += fk;
        }
        /* a word no other article holds finds nothing */
        if (f <= held || f - held > XN_STORY_ANCHOR_DOCS) continue;
        int at = n;
        while (at > 0 && freq[at - 1] > f) at--;
        if (at == XN_STORY_ANCHORS) continue;
        if (n < XN_STORY_ANCHORS) n++;
        memmove(&freq[at + 1], &freq[at], (size_t)(n - 1 - at) * sizeof freq[0]);
        memmove(&anchor[at + 1], &anchor[at], (size_t)(n - 1 - at) * sizeof anchor[0]);
        freq[at] = f;
        anchor[at] = i;
    }
    return n;
}

/* Compares candidate DOCID of DB with sketch S: calls FN when it is not
 * SKIP and overlaps S by MIN or more. 1 when FN asked to stop, 0, or -1
 * with XE set. */
static int compare_candidate(xs_db *db, unsigned docid, const xn_sketch *s, const char *skip,
                             size_t skip_len, double min, xn_story_fn fn, void *ctx,
                             xs_error *xe)
{
    char *bytes = NULL, *id = NULL, *key = NULL;
    size_t n_bytes = 0, id_len = 0, key_len = 0;
    if (xs_doc_value(db, docid, XN_SLOT_SKETCH, &bytes, &n_bytes, xe) < 0) return -1;
    xn_sketch other;
    /* an article indexed without a sketch is near nothing */
    int decoded = xn_sketch_decode(bytes, n_bytes, &other);
    free(bytes);
    double overlap = decoded < 0 ? 0.0 : xn_sketch_similarity(s, &other);
    if (overlap < min) return 0;
    int rc = 0;
    if (xs_doc_value(db, docid, XN_SLOT_ID, &id, &id_len, xe) < 0 ||
        xs_doc_value(db, docid, XN_SLOT_STORY, &key, &key_len, xe) < 0)
        rc = -1;
    else if (!(skip && id_len == skip_len && memcmp(id, skip, skip_len) == 0))
        rc = fn(ctx, id, id_len, key, key_len, overlap) ? 1 : 0;
    free(id);
    free(key);
    return rc;
}

int xn_story_near(xs_db *const *dbs, size_t n_dbs, const xn_story_probe *p, unsigned held,
                  const char *skip, size_t skip_len, double min, xn_story_fn fn, void *ctx,
                  xs_error *xe)
{
    if (!p->sketch.shingles) return 0;
    unsigned anchor[XN_STORY_ANCHORS];
    int n = pick_anchors(dbs, n_dbs, p, held, anchor, xe);
    if (n <= 0) return n;
    const char *terms[XN_STORY_ANCHORS];
    size_t lens[XN_STORY_ANCHORS];
    for (int i = 0; i < n; i++) {
        terms[i] = p->word[anchor[i]];
        lens[i] = p->len[anchor[i]];
    }
    /* a near duplicate holds most of the anchors: a third at least */
    unsigned min_shared = n <= 2 ? 1 : (unsigned)(n + 2) / 3;
    unsigned docids[XN_STORY_CANDIDATES + 1];
    size_t max_docs = XN_STORY_CANDIDATES + (skip != NULL);
    for (size_t k = 0; k < n_dbs; k++) {
        size_t found;
        if (xs_docs_sharing(dbs[k], terms, lens, (size_t)n, min_shared, docids, max_docs, &found,
                            xe) < 0)
            return -1;
        for (size_t i = 0; i < found; i++) {
            int rc = compare_candidate(dbs[k], docids[i], &p->sketch, skip, skip_len, min, fn,
                                       ctx, xe);
            if (rc) return rc < 0 ? -1 : 0;
        }
    }
    return 0;
}

typedef struct {
    xn_strbuf *key;
    double best;
    int failed;
} nearest;

static int keep_nearest(void *vctx, const char *id, size_t id_len, const char *key,
                        size_t key_len, double overlap)
{
    nearest *n = vctx;
    if (overlap <= n->best) return 0;
    n->best = overlap;
    xn_strbuf_reset(n->key);
    /* an article indexed without a story key starts its own */
    if (key_len ? xn_strbuf_append(n->key, key, key_len) : xn_strbuf_append(n->key, id, id_len)) {
        n->failed = 1;
        return 1;
    }
    return overlap >= 1.0; /* nothing comes nearer */
}

int xn_story_key(xs_db *const *dbs, size_t n_dbs, const xn_story_probe *p, const char *id,
                 size_t id_len, xn_strbuf *key, xs_error *xe)
{
    nearest n = {key, 0.0, 0};
    xn_strbuf_reset(key);
    if (xn_story_near(dbs, n_dbs, p, 0, id, id_len, XN_STORY_MIN_OVERLAP, keep_nearest, &n,
                      xe) < 0)
        return -1;
    if (n.failed || (!key->len && xn_strbuf_append(key, id, id_len) < 0)) {
        xe->code = XS_NO_MEMORY;
        strcpy(xe->message, "out of memory");
        return -1;
    }
    return 0;
}
