/* story.c - near duplicates and story keys (see story.h). */
#include "story.h"

#include "grow.h"
#include "hash.h"
#include "schema.h"
#include "u64set.h"
#include "xapian_shim_terms.h"

#include <stdlib.h>
#include <string.h>

/* The ids seen so far in one search, so that an article sharing several
 * bands is weighed once: an open-addressing table of CAP slots (id NULL:
 * empty), N of them taken. */
typedef struct {
    struct seen_id {
        char *id;
        size_t len;
    } *slots;
    size_t n, cap;
} seen_ids;

/* The slot of SLOTS (CAP of them) holding ID, else the empty one where it
 * goes. */
static size_t seen_slot(const struct seen_id *slots, size_t cap, const char *id, size_t len)
{
    size_t j = xn_hash(id, len) & (cap - 1);
    while (slots[j].id && !(slots[j].len == len && memcmp(slots[j].id, id, len) == 0))
        j = (j + 1) & (cap - 1);
    return j;
}

/* 1 when ID was seen, 0 when it is new (and is now noted), -1 without
 * memory. */
static int seen_before(seen_ids *s, const char *id, size_t len)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        struct seen_id *slots = calloc(cap, sizeof *slots);
        if (!slots) return -1;
        for (size_t i = 0; i < s->cap; i++) {
            const struct seen_id *e = &s->slots[i];
            if (e->id) slots[seen_slot(slots, cap, e->id, e->len)] = *e;
        }
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    struct seen_id *e = &s->slots[seen_slot(s->slots, s->cap, id, len)];
    if (e->id) return 1;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, id, len);
    copy[len] = '\0';
    e->id = copy;
    e->len = len;
    s->n++;
    return 0;
}

static void seen_free(seen_ids *s)
{
    for (size_t i = 0; i < s->cap; i++) free(s->slots[i].id);
    free(s->slots);
}

typedef struct {
    const xn_sketch *s;
    const char *skip;
    size_t skip_len;
    double min;
    xn_story_fn fn;
    void *ctx;
    seen_ids seen;
    xn_u64set read; /* the documents read: (entry + 1) << 32 | docid, so a
                       document holding several of the bands is read once */
    size_t entry;   /* the entry of the databases searched */
    xs_db *db;      /* the database of that entry */
    unsigned docid; /* the candidate being read */
    unsigned at;  /* the band and database searched: band * databases + entry */
    xn_strbuf old_id, old_key; /* a candidate's, from their own slots */
    xs_error *xe; /* where reading them failed */
    int failed;   /* out of memory */
    int stopped;  /* FN asked to stop */
    int read_failed; /* reading a candidate failed (XE says why) */
} near_search;

/* Whether document DOCID of the entry searched is still to be read: one
 * read already was a candidate once (its id is seen). */
static int unread(void *vctx, unsigned docid)
{
    near_search *c = vctx;
    c->docid = docid;
    int rc = xn_u64set_insert(&c->read, (uint64_t)(c->entry + 1) << 32 | docid);
    if (rc < 0) c->failed = 1;
    return rc == 1;
}

/* What a search reads of a candidate: its story record. */
static const unsigned record_slot = XN_SLOT_SKETCH;

/* The id and story key of an article whose record is its sketch alone,
 * from their own slots. */
enum { V_ID, V_STORY, N_ID_KEY };
static const unsigned id_key_slots[N_ID_KEY] = {XN_SLOT_ID, XN_SLOT_STORY};

typedef struct {
    xn_strbuf *id, *key;
    int failed;
} id_key;

static int copy_id_key(void *vctx, const char *const *v, const size_t *len)
{
    id_key *k = vctx;
    xn_strbuf_reset(k->id);
    xn_strbuf_reset(k->key);
    if (xn_strbuf_append(k->id, v[V_ID], len[V_ID]) < 0 ||
        xn_strbuf_append(k->key, v[V_STORY], len[V_STORY]) < 0)
        k->failed = 1;
    return 0;
}

/* Reads the id and story key of document DOCID of DB from their slots
 * into ID and KEY. 0, or -1 with XE set. */
static int read_id_key(xs_db *db, unsigned docid, xn_strbuf *id, xn_strbuf *key, xs_error *xe)
{
    id_key k = {id, key, 0};
    if (xs_doc_values(db, docid, id_key_slots, N_ID_KEY, copy_id_key, &k, xe) < 0) return -1;
    return k.failed ? xs_no_memory(xe) : 0;
}

int xn_story_record_encode(const xn_sketch *s, const char *key, size_t key_len, const char *id,
                           size_t id_len, xn_strbuf *out)
{
    unsigned char bytes[XN_SKETCH_BYTES];
    xn_sketch_encode(s, bytes);
    xn_strbuf_reset(out);
    if (xn_strbuf_append(out, (const char *)bytes, sizeof bytes) < 0) return -1;
    if (key_len > 0xffff) return 0;
    char len[2] = {(char)(key_len >> 8), (char)(key_len & 0xff)};
    return xn_strbuf_append(out, len, 2) < 0 || xn_strbuf_append(out, key, key_len) < 0 ||
                   xn_strbuf_append(out, id, id_len) < 0
               ? -1 : 0;
}

int xn_story_record_decode(const char *v, size_t len, xn_sketch *s, const char **key,
                           size_t *key_len, const char **id, size_t *id_len)
{
    *key = *id = NULL;
    *key_len = *id_len = 0;
    size_t sketch = len < XN_SKETCH_BYTES ? len : XN_SKETCH_BYTES;
    if (xn_sketch_decode(v, sketch, s) < 0) return -1;
    if (len < XN_SKETCH_BYTES + 2) return 0;
    const unsigned char *p = (const unsigned char *)v + XN_SKETCH_BYTES;
    size_t n = (size_t)p[0] << 8 | p[1];
    if (n > len - XN_SKETCH_BYTES - 2) return 0;
    *key = (const char *)p + 2;
    *key_len = n;
    *id = *key + n;
    *id_len = len - XN_SKETCH_BYTES - 2 - n;
    return 1;
}

/* Weighs the candidate with id ID, story key KEY and sketch OTHER (NULL:
 * none readable); non-zero stops the search. */
static int consider(near_search *c, const char *id, size_t id_len, const char *key,
                    size_t key_len, const xn_sketch *other)
{
    if (c->skip && id_len == c->skip_len && memcmp(id, c->skip, c->skip_len) == 0) return 0;
    int seen = seen_before(&c->seen, id, id_len);
    if (seen < 0) {
        c->failed = 1;
        return 1;
    }
    if (seen || !other) return 0;
    double overlap = xn_sketch_similarity(c->s, other);
    if (overlap < c->min) return 0;
    if (c->fn(c->ctx, id, id_len, key, key_len, overlap)) {
        c->stopped = 1;
        return 1;
    }
    return 0;
}

/* The candidate C->docid of C->db, whose story record is V (LEN bytes):
 * weighed. (A document holding a band term holds a sketch: one without
 * is passed over.) */
static int on_candidate(void *vctx, const char *const *v, const size_t *len)
{
    near_search *c = vctx;
    xn_sketch other;
    const char *id, *key;
    size_t id_len, key_len;
    int got = xn_story_record_decode(v[0], len[0], &other, &key, &key_len, &id, &id_len);
    if (got < 0) return 0;
    if (got == 0) {
        if (read_id_key(c->db, c->docid, &c->old_id, &c->old_key, c->xe) < 0) {
            c->read_failed = 1;
            return 1;
        }
        id = c->old_id.data ? c->old_id.data : "";
        id_len = c->old_id.len;
        key = c->old_key.data ? c->old_key.data : "";
        key_len = c->old_key.len;
    }
    return consider(c, id, id_len, key, key_len, &other);
}

/* ---- the articles a session stored in one database ------------------ */

/* A session keeps its articles in a few arrays that grow by doubling,
 * not in small allocations of their own: a writer keeps one for every
 * article it stores in a build, beside Xapian's own buffers. */
typedef struct {
    unsigned docid;
    uint32_t id_len, key_len;
    size_t id_at, key_at; /* where the id and the key start in the session's text */
    xn_sketch sketch;
} noted_article;

/* A holder of a band: a noted article, and the next holder (link index
 * + 1; 0 ends the list). */
struct band_link {
    uint32_t article, next;
};

struct xn_story_session {
    unsigned first_new;   /* the docid of the first article new to the database */
    unsigned next_new;    /* the docid the next new article gets */
    noted_article *a;
    size_t n, cap;
    size_t superseded;    /* articles noted at a docid below FIRST_NEW */
    xn_strbuf text;       /* the articles' ids and keys */
    /* open addressing, article index + 1 (0: empty), MAP_CAP slots each */
    uint32_t *by_id, *by_docid;
    size_t map_cap;
    /* open addressing over the distinct band hashes, BANDS_CAP slots;
     * each slot lists its holders in docid order (link index + 1) */
    struct band_slot {
        uint64_t hash; /* 0: empty */
        uint32_t first, last;
    } *bands;
    size_t bands_n, bands_cap;
    struct band_link *links;
    size_t links_n, links_cap;
};

static uint64_t hash_docid(unsigned d) { return (d + 1ULL) * 11400714819323198485ULL; }
/* never 0, which marks an empty slot */
static uint64_t hash_band(const char *term, size_t len) { return (uint64_t)xn_hash(term, len) | 1; }

static const char *article_id(const xn_story_session *ss, const noted_article *a)
{
    return ss->text.data + a->id_at;
}

static const char *article_key(const xn_story_session *ss, const noted_article *a)
{
    return ss->text.data + a->key_at;
}

xn_story_session *xn_story_session_new(unsigned last_docid)
{
    xn_story_session *ss = calloc(1, sizeof *ss);
    if (ss) ss->first_new = ss->next_new = last_docid + 1;
    return ss;
}

void xn_story_session_free(xn_story_session *ss)
{
    if (!ss) return;
    free(ss->a);
    xn_strbuf_free(&ss->text);
    free(ss->by_id);
    free(ss->by_docid);
    free(ss->bands);
    free(ss->links);
    free(ss);
}

size_t xn_story_session_size(const xn_story_session *ss) { return ss ? ss->n : 0; }

/* The slot of MAP holding the article with id ID (or docid DOCID when ID
 * is NULL), else the empty slot where it goes. */
static size_t map_slot(const xn_story_session *ss, const uint32_t *map, const char *id,
                       size_t len, unsigned docid)
{
    size_t mask = ss->map_cap - 1;
    size_t i = (id ? xn_hash(id, len) : (size_t)hash_docid(docid)) & mask;
    for (;; i = (i + 1) & mask) {
        if (!map[i]) return i;
        const noted_article *a = &ss->a[map[i] - 1];
        if (id ? a->id_len == len && memcmp(article_id(ss, a), id, len) == 0
               : a->docid == docid)
            return i;
    }
}

static int maps_grow(xn_story_session *ss)
{
    size_t cap = ss->map_cap ? 2 * ss->map_cap : 64;
    uint32_t *by_id = calloc(cap, sizeof *by_id), *by_docid = calloc(cap, sizeof *by_docid);
    if (!by_id || !by_docid) {
        free(by_id);
        free(by_docid);
        return -1;
    }
    free(ss->by_id);
    free(ss->by_docid);
    ss->by_id = by_id;
    ss->by_docid = by_docid;
    ss->map_cap = cap;
    for (size_t i = 0; i < ss->n; i++) {
        const noted_article *a = &ss->a[i];
        by_id[map_slot(ss, by_id, article_id(ss, a), a->id_len, 0)] = (uint32_t)i + 1;
        by_docid[map_slot(ss, by_docid, NULL, 0, a->docid)] = (uint32_t)i + 1;
    }
    return 0;
}

/* The slot of SS's band table for HASH: its own, else the empty one
 * where it goes. */
static size_t band_slot_of(const xn_story_session *ss, uint64_t hash)
{
    size_t mask = ss->bands_cap - 1, j = (size_t)hash & mask;
    while (ss->bands[j].hash && ss->bands[j].hash != hash) j = (j + 1) & mask;
    return j;
}

static int bands_grow(xn_story_session *ss)
{
    size_t cap = ss->bands_cap ? 2 * ss->bands_cap : 512;
    struct band_slot *b = calloc(cap, sizeof *b);
    if (!b) return -1;
    for (size_t i = 0; i < ss->bands_cap; i++) {
        if (!ss->bands[i].hash) continue;
        size_t j = (size_t)ss->bands[i].hash & (cap - 1);
        while (b[j].hash) j = (j + 1) & (cap - 1);
        b[j] = ss->bands[i];
    }
    free(ss->bands);
    ss->bands = b;
    ss->bands_cap = cap;
    return 0;
}

/* Notes that the article at index ARTICLE holds the band whose term hashes
 * to HASH; its holders stay in docid order, each once. */
static int bands_add(xn_story_session *ss, uint64_t hash, uint32_t article)
{
    if (2 * (ss->bands_n + 1) > ss->bands_cap && bands_grow(ss) < 0) return -1;
    struct band_slot *slot = &ss->bands[band_slot_of(ss, hash)];
    unsigned docid = ss->a[article].docid;
    /* new articles come in docid order: their place is almost always
     * last; else walk to it (the link before it: PREV, 0 for the first) */
    uint32_t prev = 0, at = slot->first;
    if (slot->last && ss->a[ss->links[slot->last - 1].article].docid < docid) {
        prev = slot->last;
        at = 0;
    }
    for (; at && ss->a[ss->links[at - 1].article].docid < docid; at = ss->links[at - 1].next)
        prev = at;
    if (at && ss->links[at - 1].article == article) return 0;
    if (ss->links_n >= UINT32_MAX) return -1;
    struct band_link *l = xn_grow(ss->links, &ss->links_cap, ss->links_n + 1, sizeof *l, 1024);
    if (!l) return -1;
    ss->links = l;
    uint32_t me = (uint32_t)++ss->links_n;
    l[me - 1] = (struct band_link){article, at};
    if (!slot->hash) {
        slot->hash = hash;
        ss->bands_n++;
    }
    if (prev) l[prev - 1].next = me;
    else slot->first = me;
    if (!at) slot->last = me;
    return 0;
}

unsigned xn_story_session_docid(const xn_story_session *ss, const char *id, size_t len)
{
    if (!ss->n) return 0;
    size_t i = ss->by_id[map_slot(ss, ss->by_id, id, len, 0)];
    return i ? ss->a[i - 1].docid : 0;
}

/* Appends S (LEN bytes) to SS's text; its offset into *AT. */
static int text_add(xn_story_session *ss, const char *s, size_t len, size_t *at)
{
    if (len > UINT32_MAX) return -1;
    *at = ss->text.len;
    return xn_strbuf_append(&ss->text, s, len);
}

int xn_story_session_note(xn_story_session *ss, unsigned docid, const char *id, size_t id_len,
                          const char *key, size_t key_len, const xn_sketch *s)
{
    if (ss->n >= UINT32_MAX - 1) return -1;
    if (2 * (ss->n + 1) > ss->map_cap && maps_grow(ss) < 0) return -1;
    size_t slot = map_slot(ss, ss->by_id, id, id_len, 0);
    noted_article *a;
    if (ss->by_id[slot]) { /* stored again in this session: in place */
        a = &ss->a[ss->by_id[slot] - 1];
    } else {
        noted_article *grown = xn_grow(ss->a, &ss->cap, ss->n + 1, sizeof *grown, 64);
        if (!grown) return -1;
        ss->a = grown;
        a = &ss->a[ss->n];
        memset(a, 0, sizeof *a);
        if (text_add(ss, id, id_len, &a->id_at) < 0) return -1;
        a->id_len = (uint32_t)id_len;
        a->docid = docid ? docid : ss->next_new++;
        if (a->docid < ss->first_new) ss->superseded++;
        ss->by_id[slot] = (uint32_t)ss->n + 1;
        ss->by_docid[map_slot(ss, ss->by_docid, NULL, 0, a->docid)] = (uint32_t)ss->n + 1;
        ss->n++;
    }
    /* a key noted again is written anew (the old one stays unused) */
    if (text_add(ss, key, key_len, &a->key_at) < 0) return -1;
    a->key_len = (uint32_t)key_len;
    a->sketch = *s;
    if (!s->shingles) return 0;
    xn_strbuf term = XN_STRBUF_INIT;
    int rc = 0;
    for (unsigned b = 0; b < XN_SKETCH_BANDS && !rc; b++)
        rc = xn_story_band_term(s, b, &term) < 0 ||
                     bands_add(ss, hash_band(term.data, term.len), (uint32_t)(a - ss->a)) < 0
                 ? -1 : 0;
    xn_strbuf_free(&term);
    return rc;
}

/* Whether the session stored the document at DOCID of the database anew. */
static int superseded(const xn_story_session *ss, unsigned docid)
{
    return ss->n && docid < ss->first_new &&
           ss->by_docid[map_slot(ss, ss->by_docid, NULL, 0, docid)] != 0;
}

/* Into OUT (room for MAX) the first MAX articles of SS, in docid order,
 * whose band B is TERM now (not only in a version they replaced); their
 * number. */
static size_t session_holders(const xn_story_session *ss, const char *term, size_t len,
                              unsigned b, size_t *out, size_t max)
{
    if (!ss->bands_cap) return 0;
    const struct band_slot *slot = &ss->bands[band_slot_of(ss, hash_band(term, len))];
    size_t plen = strlen(XN_PREFIX_DUPBAND), n = 0;
    for (uint32_t at = slot->first; at && n < max; at = ss->links[at - 1].next) {
        uint32_t article = ss->links[at - 1].article;
        const noted_article *a = &ss->a[article];
        char band[XN_SKETCH_BAND_MAX];
        size_t blen = a->sketch.shingles ? xn_sketch_band(&a->sketch, b, band) : 0;
        if (blen && len == plen + blen && memcmp(term + plen, band, blen) == 0)
            out[n++] = article;
    }
    return n;
}

/* The candidates of band B (term TERM) in a database DB read as it was
 * when session SS began, with the articles SS stored since: the first
 * XN_STORY_BAND_DOCS in docid order, as the writer's own view holds
 * them. */
static int search_session(near_search *c, xs_db *db, const xn_story_session *ss,
                          const char *term, size_t len, unsigned b, xs_error *xe)
{
    size_t want = XN_STORY_BAND_DOCS + ss->superseded, np = 0;
    unsigned *peer = malloc(want * sizeof *peer);
    if (!peer) {
        c->failed = 1;
        return 0;
    }
    size_t mine[XN_STORY_BAND_DOCS];
    size_t nm = session_holders(ss, term, len, b, mine, XN_STORY_BAND_DOCS);
    /* without a read handle, the database held nothing the session did
     * not note */
    int rc = db ? xs_term_docs(db, term, len, peer, want, &np, xe) : 0;
    size_t i = 0, j = 0, taken = 0;
    while (rc == 0 && !c->failed && !c->stopped && taken < XN_STORY_BAND_DOCS) {
        /* documents the session added or stored anew are read from it */
        while (i < np && (peer[i] >= ss->first_new || superseded(ss, peer[i]))) i++;
        int from_db = i < np && (j >= nm || peer[i] < ss->a[mine[j]].docid);
        if (!from_db && j >= nm) break;
        taken++;
        if (from_db) {
            unsigned docid = peer[i++];
            if (unread(c, docid)) rc = xs_doc_values(db, docid, &record_slot, 1, on_candidate, c, xe);
        } else {
            const noted_article *a = &ss->a[mine[j++]];
            consider(c, article_id(ss, a), a->id_len, article_key(ss, a), a->key_len,
                     &a->sketch);
        }
    }
    free(peer);
    return rc;
}

int xn_story_band_term(const xn_sketch *s, unsigned b, xn_strbuf *term)
{
    char band[XN_SKETCH_BAND_MAX];
    size_t n = xn_sketch_band(s, b, band);
    xn_strbuf_reset(term);
    return xn_strbuf_puts(term, XN_PREFIX_DUPBAND) < 0 || xn_strbuf_append(term, band, n) < 0
               ? -1 : 0;
}

/* Searches the bands of C's sketch in the entries of DBS that are not
 * NULL, band by band and entry by entry, over the articles with a docid
 * below BEFORE only (0: all of them). */
static int search_bands(near_search *c, xs_db *const *dbs, xn_story_session *const *sessions,
                        size_t n_dbs, unsigned before, xs_error *xe)
{
    if (!c->s->shingles) return 0;
    xn_strbuf term = XN_STRBUF_INIT;
    int rc = 0;
    c->xe = xe;
    for (unsigned b = 0; b < XN_SKETCH_BANDS && !c->failed && !c->stopped && !rc; b++) {
        if (xn_story_band_term(c->s, b, &term) < 0) {
            c->failed = 1;
            break;
        }
        for (size_t k = 0; k < n_dbs && !c->failed && !c->stopped && !rc; k++) {
            int in_session = sessions && sessions[k];
            if (!dbs[k] && !in_session) continue;
            c->at = b * (unsigned)n_dbs + (unsigned)k;
            c->entry = k;
            c->db = dbs[k];
            if (in_session)
                rc = search_session(c, dbs[k], sessions[k], term.data, term.len, b, xe);
            else
                rc = xs_db_postings_values(dbs[k], term.data, term.len, XN_STORY_BAND_DOCS,
                                           before, &record_slot, 1, unread, on_candidate, c,
                                           xe);
            if (c->read_failed && !rc) rc = -1; /* XE says why */
        }
    }
    if (c->failed && !rc) rc = xs_no_memory(xe);
    xn_strbuf_free(&term);
    xn_strbuf_free(&c->old_id);
    xn_strbuf_free(&c->old_key);
    seen_free(&c->seen);
    xn_u64set_free(&c->read);
    return rc;
}

int xn_story_near(xs_db *const *dbs, size_t n_dbs, const xn_sketch *s, const char *skip,
                  size_t skip_len, double min, xn_story_fn fn, void *ctx, xs_error *xe)
{
    near_search c = {.s = s, .skip = skip, .skip_len = skip_len, .min = min, .fn = fn, .ctx = ctx};
    return search_bands(&c, dbs, NULL, n_dbs, 0, xe);
}

typedef struct {
    xn_story_nearest *n;
    const near_search *search; /* for where a candidate is found */
    int failed;
} nearest_search;

static int keep_nearest(void *vctx, const char *id, size_t id_len, const char *key,
                        size_t key_len, double overlap)
{
    nearest_search *ns = vctx;
    xn_story_nearest *n = ns->n;
    unsigned at = ns->search->at;
    /* nothing later in this search comes nearer than a copy */
    int stop = overlap >= 1.0;
    if (overlap < n->overlap || (overlap == n->overlap && at >= n->at)) return stop;
    n->overlap = overlap;
    n->at = at;
    xn_strbuf_reset(&n->key);
    /* an article indexed without a story key starts its own */
    if (key_len ? xn_strbuf_append(&n->key, key, key_len)
                : xn_strbuf_append(&n->key, id, id_len)) {
        ns->failed = 1;
        return 1;
    }
    return stop;
}

/* xn_story_seek() among the articles with a docid below BEFORE (0: all). */
static int seek_before(xs_db *const *dbs, xn_story_session *const *sessions, size_t n_dbs,
                       const xn_sketch *s, const char *id, size_t id_len, unsigned before,
                       xn_story_nearest *n, xs_error *xe)
{
    nearest_search ns = {n, NULL, 0};
    near_search c = {.s = s, .skip = id, .skip_len = id_len, .min = XN_STORY_MIN_OVERLAP,
                     .fn = keep_nearest, .ctx = &ns};
    ns.search = &c;
    if (search_bands(&c, dbs, sessions, n_dbs, before, xe) < 0) return -1;
    return ns.failed ? xs_no_memory(xe) : 0;
}

void xn_story_nearest_reset(xn_story_nearest *n)
{
    n->overlap = 0.0;
    n->at = 0;
    xn_strbuf_reset(&n->key);
}

int xn_story_seek(xs_db *const *dbs, xn_story_session *const *sessions, size_t n_dbs,
                  const xn_sketch *s, const char *id, size_t id_len, xn_story_nearest *n,
                  xs_error *xe)
{
    return seek_before(dbs, sessions, n_dbs, s, id, id_len, 0, n, xe);
}

int xn_story_nearest_key(const xn_story_nearest *n, const char *id, size_t id_len,
                         xn_strbuf *key, xs_error *xe)
{
    xn_strbuf_reset(key);
    int rc = n->overlap > 0.0 ? xn_strbuf_append(key, n->key.data, n->key.len)
                              : xn_strbuf_append(key, id, id_len);
    return rc < 0 ? xs_no_memory(xe) : 0;
}

/* xn_story_key() among the articles with a docid below BEFORE (0: all). */
static int key_before(xs_db *const *dbs, size_t n_dbs, const xn_sketch *s, const char *id,
                      size_t id_len, unsigned before, xn_strbuf *key, xs_error *xe)
{
    xn_story_nearest n = XN_STORY_NEAREST_INIT;
    int rc = seek_before(dbs, NULL, n_dbs, s, id, id_len, before, &n, xe);
    if (rc == 0) rc = xn_story_nearest_key(&n, id, id_len, key, xe);
    xn_strbuf_free(&n.key);
    return rc;
}

int xn_story_key(xs_db *const *dbs, size_t n_dbs, const xn_sketch *s, const char *id,
                 size_t id_len, xn_strbuf *key, xs_error *xe)
{
    return key_before(dbs, n_dbs, s, id, id_len, 0, key, xe);
}

/* The articles of the later parts (see xn_story_settle()) that share a
 * band with an earlier article: each band's holders as one group, and
 * each article's place in the groups it is in. */
typedef struct {
    const unsigned *starts; /* the first docid of each later part, ascending */
    size_t n_starts;
    struct settle_entry {
        unsigned docid, group;
        int apart; /* an earlier holder is from an earlier part */
    } *entry;
    size_t n, cap;
    unsigned char *dirty; /* per group: a holder was keyed again */
    size_t n_groups, cap_groups;
    int failed;
} to_settle;

/* The first docid of the part holding DOCID (0 for the first part). */
static unsigned part_start(const to_settle *t, unsigned docid)
{
    unsigned start = 0;
    for (size_t k = 0; k < t->n_starts && t->starts[k] <= docid; k++) start = t->starts[k];
    return start;
}

static int note_shared(void *vctx, const unsigned *docids, size_t n)
{
    to_settle *t = vctx;
    if (!t->n_starts || docids[n - 1] < t->starts[0]) return 0; /* none to key again */
    unsigned char *dirty = xn_grow(t->dirty, &t->cap_groups, t->n_groups + 1, 1, 256);
    if (!dirty) {
        t->failed = 1;
        return 1;
    }
    t->dirty = dirty;
    unsigned group = (unsigned)t->n_groups++;
    t->dirty[group] = 0;
    /* the first holder keeps its key: the others may find it */
    for (size_t i = 1; i < n; i++) {
        unsigned start = part_start(t, docids[i]);
        if (!start) continue;
        struct settle_entry *grown = xn_grow(t->entry, &t->cap, t->n + 1, sizeof *grown, 256);
        if (!grown) {
            t->failed = 1;
            return 1;
        }
        t->entry = grown;
        t->entry[t->n++] = (struct settle_entry){docids[i], group, docids[0] < start};
    }
    return 0;
}

static int by_docid(const void *a, const void *b)
{
    const struct settle_entry *x = a, *y = b;
    if (x->docid != y->docid) return (x->docid > y->docid) - (x->docid < y->docid);
    return (x->group > y->group) - (x->group < y->group);
}

/* One article's id, story key and sketch, copied from its story record
 * (FORM: xn_story_record_decode()'s answer). */
typedef struct {
    xn_strbuf id, key, record;
    xn_sketch sketch;
    int form;
    int failed;
} stored_article;

static int copy_article(void *vctx, const char *const *v, const size_t *len)
{
    stored_article *a = vctx;
    const char *id, *key;
    size_t id_len, key_len;
    a->form = xn_story_record_decode(v[0], len[0], &a->sketch, &key, &key_len, &id, &id_len);
    xn_strbuf_reset(&a->id);
    xn_strbuf_reset(&a->key);
    if (a->form == 1 &&
        (xn_strbuf_append(&a->id, id, id_len) < 0 || xn_strbuf_append(&a->key, key, key_len) < 0))
        a->failed = 1;
    return 0;
}

/* Gives article DOCID of DB the key one writer would have given it, with
 * every article before it keyed already. Returns 1 when its key changed,
 * 0 when it kept it, -1 with XE set. */
static int settle_one(xs_db *db, unsigned docid, stored_article *a, xn_strbuf *key,
                      xn_strbuf *term, xs_error *xe)
{
    if (xs_doc_values(db, docid, &record_slot, 1, copy_article, a, xe) < 0) return -1;
    if (a->failed) return xs_no_memory(xe);
    if (a->form < 0) return 0; /* indexed without a story */
    if (a->form == 0 && read_id_key(db, docid, &a->id, &a->key, xe) < 0) return -1;
    if (!a->id.len || !a->sketch.shingles) return 0;
    if (key_before(&db, 1, &a->sketch, a->id.data, a->id.len, docid, key, xe) < 0) return -1;
    if (key->len == a->key.len && memcmp(key->data, a->key.data, key->len) == 0) return 0;
    size_t plen = strlen(XN_PREFIX_STORY);
    xn_strbuf_reset(term);
    if (xn_strbuf_puts(term, XN_PREFIX_STORY) < 0 || xn_strbuf_append(term, a->key.data, a->key.len) < 0 ||
        xn_strbuf_puts(term, XN_PREFIX_STORY) < 0 || xn_strbuf_append(term, key->data, key->len) < 0)
        return xs_no_memory(xe);
    size_t old_len = plen + a->key.len, new_len = plen + key->len;
    if (xn_story_record_encode(&a->sketch, key->data, key->len, a->id.data, a->id.len,
                               &a->record) < 0)
        return xs_no_memory(xe);
    const unsigned slots[2] = {XN_SLOT_STORY, XN_SLOT_SKETCH};
    const char *values[2] = {key->data, a->record.data};
    const size_t lens[2] = {key->len, a->record.len};
    if (xs_db_retag(db, docid, slots, values, lens, 2, term->data,
                    a->key.len && old_len <= XN_TERM_MAX_BYTES ? old_len : 0,
                    term->data + old_len, new_len <= XN_TERM_MAX_BYTES ? new_len : 0, xe) < 0)
        return -1;
    return 1;
}

int xn_story_settle(xs_db *db, const unsigned *starts, size_t n_starts, xs_error *xe)
{
    to_settle t = {.starts = starts, .n_starts = n_starts};
    /* an article sharing no band with one before it keeps its own id as
     * key either way; one keyed to an earlier article shares a band with
     * it (keys come from band candidates only), so it is among these. Of
     * those, one whose earlier band holders are all of its own part, none
     * keyed again, finds what its writer found: the same candidates, in
     * the same order, with the same keys; it is left as it is. */
    int rc = xs_terms_shared(db, XN_PREFIX_DUPBAND, note_shared, &t, xe);
    if (rc == 0 && t.failed) rc = xs_no_memory(xe);
    if (rc == 0 && t.n) qsort(t.entry, t.n, sizeof *t.entry, by_docid);
    stored_article a = {.id = XN_STRBUF_INIT, .key = XN_STRBUF_INIT, .record = XN_STRBUF_INIT};
    xn_strbuf key = XN_STRBUF_INIT, term = XN_STRBUF_INIT;
    for (size_t i = 0, end; rc == 0 && i < t.n; i = end) {
        int dirty = 0;
        for (end = i; end < t.n && t.entry[end].docid == t.entry[i].docid; end++)
            dirty |= t.entry[end].apart || t.dirty[t.entry[end].group];
        if (!dirty) continue;
        rc = settle_one(db, t.entry[i].docid, &a, &key, &term, xe);
        if (rc == 1) { /* the later holders of its bands may follow it */
            for (size_t k = i; k < end; k++) t.dirty[t.entry[k].group] = 1;
            rc = 0;
        }
    }
    xn_strbuf_free(&a.id);
    xn_strbuf_free(&a.key);
    xn_strbuf_free(&a.record);
    xn_strbuf_free(&key);
    xn_strbuf_free(&term);
    free(t.entry);
    free(t.dirty);
    return rc;
}
