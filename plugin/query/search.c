/* search.c - databases opened for searching, parsed queries and results. */
#include "boost.h"
#include "database.h"
#include "docdata.h"
#include "facets.h"
#include "fields.h"
#include "error.h"
#include "highlight.h"
#include "known_terms.h"
#include "profile.h"
#include "query.h"
#include "query_builder.h"
#include "query_rewrite.h"
#include "schema.h"
#include "sort.h"
#include "settings.h"
#include "similar.h"
#include "stemmer.h"
#include "tables.h"
#include "typos.h"
#include "xapnews.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Matches past the page the matcher looks at, at least (see
 * check_at_least()). */
#define COUNT_MARGIN 100

struct xapnews_database {
    xn_error err;
    xs_db *db;
    xn_stemmer *stemmer; /* the language the index was built with */
    xn_tables tables;    /* the tables the index was built with */
    char language[32];
    xapnews_profile_t profile; /* how searches weigh matches */
    char *path;                /* as opened */
    xn_typo_names *typo_names; /* loaded when typo tolerance first needs
                                  them; reopening drops them */
    xn_known_terms *field_terms; /* the officials' and outlets' words the
                                    index holds, read when a profile first
                                    searches those fields; reopening drops
                                    them */
    int field_terms_read;
};

struct xapnews_query {
    xapnews_database_t *db;
    xs_query *q;
    xs_weighting weighting; /* of the profile at parse time */
    char *description;
    xn_hlset hl;
    unsigned facets; /* xapnews_facet_t mask to count */
    const xn_field *facet_fields[XN_FACET_MAX_FIELDS]; /* declared fields to count */
    size_t n_facet_fields;
    xapnews_sort_t sort;
    const xn_field *sort_field; /* sorted by this field's slot, or NULL */
    int sort_descending;
    int collapse;   /* one hit per story (xapnews_query_set_collapse()) */
    unsigned exact_up_to; /* matches counted exactly (XAPNEWS_COUNT_*) */
    xn_typos typos;  /* words also searched as names */
    char *syntax_error; /* why the text was searched as plain words */
    char *text;         /* as given; the typos' offsets are in it */
};

struct xapnews_results {
    xapnews_database_t *db;
    xs_mset *mset;
    unsigned offset;
    unsigned long total, lower, upper; /* matches: lower <= total <= upper */
    unsigned long *more; /* per hit: the story's other matches (collapsed) */
    char **story;        /* per hit: its story key, read on first use */
    xn_hlset hl;
    int hl_widened; /* the variants of HL's words were added to it */
    char **fields; /* per hit and field, parsed lazily from the data */
    struct hit_values {
        int loaded;           /* the summary's lines are in */
        int officials_loaded; /* the officials are in (read from the data) */
        size_t n;
        char **name, **value;
    } *values;            /* per hit, parsed lazily (xapnews_results_value()) */
    xn_facet facets[XN_FACET_COUNT];
    const xn_field *facet_fields[XN_FACET_MAX_FIELDS];
    xn_facet field_facets[XN_FACET_MAX_FIELDS];
    size_t n_facet_fields;
};

xapnews_status_t xapnews_database_open(const char *path,
                                       xapnews_database_t **out, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!path || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            xn_error_set(&err, XAPNEWS_STATUS_DATABASE_NOT_FOUND,
                         "%s: no such database (create one with 'xapnews index --db %s ...')",
                         path, path);
        else
            xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR,
                         "%s: cannot open database: %s", path, strerror(errno));
        xn_error_export(&err, error);
        return err.status;
    }
    xapnews_database_t *d = calloc(1, sizeof *d);
    if (!d) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    xn_profile_defaults(&d->profile);
    xs_error xe;
    if (!(d->path = xn_strdup(path))) {
        free(d);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    d->db = xs_db_open_read(path, &xe);
    if (!d->db) {
        xn_error_from_shim(&err, &xe, path);
        if (err.status == XAPNEWS_STATUS_DATABASE_NOT_FOUND ||
            err.status == XAPNEWS_STATUS_DATABASE_CORRUPT)
            xn_error_set(&err, err.status,
                         "%s: not a Xapian database, or a damaged one (%s)",
                         path, xe.message);
        xn_error_export(&err, error);
        free(d->path);
        free(d);
        return err.status;
    }
    char *lang = NULL;
    if (xs_db_get_metadata(d->db, XN_LANGUAGE_KEY, &lang, NULL, &xe) < 0) {
        xn_error_from_shim(&err, &xe, path);
        xn_error_export(&err, error);
        xapnews_database_close(d);
        return err.status;
    }
    const char *language = *lang ? lang : "english";
    snprintf(d->language, sizeof d->language, "%s", language);
    if (strcmp(language, "none") != 0) {
        int unknown;
        d->stemmer = xn_stemmer_new(language, &unknown);
        if (!d->stemmer) {
            xn_error_set(&err, unknown ? XAPNEWS_STATUS_DATABASE_CORRUPT
                                       : XAPNEWS_STATUS_OUT_OF_MEMORY,
                         "%s: the index was built with stemming language '%s', which this build does not know",
                         path, language);
            free(lang);
            xn_error_export(&err, error);
            xapnews_database_close(d);
            return err.status;
        }
    }
    free(lang);
    for (int which = 0; which < XN_TABLE_COUNT; which++) {
        char *text = NULL;
        size_t len = 0;
        if (xs_db_get_metadata(d->db, xn_table_key((xapnews_table_t)which), &text,
                               &len, &xe) < 0) {
            xn_error_from_shim(&err, &xe, path);
            xn_error_export(&err, error);
            xapnews_database_close(d);
            return err.status;
        }
        xapnews_status_t tst = XAPNEWS_STATUS_SUCCESS;
        if (len) {
            char name[512];
            snprintf(name, sizeof name, "%s (stored %s)", path,
                     xn_table_key((xapnews_table_t)which));
            tst = xn_tables_set(&d->tables, (xapnews_table_t)which, name, text,
                                len, &err);
        }
        free(text);
        if (tst) {
            xn_error_export(&err, error);
            xapnews_database_close(d);
            return tst;
        }
    }
    /* the acronyms the articles define, searched as their expansions */
    if (xn_acronyms_load(d->db, &d->tables.acronyms, &err)) {
        xn_error_export(&err, error);
        xapnews_database_close(d);
        return err.status;
    }
    *out = d;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_database_count(xapnews_database_t *d,
                                        unsigned long *count)
{
    if (!d || !count) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xs_error xe;
    if (xs_db_doccount(d->db, count, &xe) < 0)
        return xn_error_from_shim(&d->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_database_reopen(xapnews_database_t *d)
{
    if (!d) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xs_error xe;
    if (xs_db_reopen(d->db, &xe) < 0)
        return xn_error_from_shim(&d->err, &xe, NULL);
    xn_typo_names_free(d->typo_names);
    d->typo_names = NULL;
    xn_known_terms_free(d->field_terms);
    d->field_terms = NULL;
    d->field_terms_read = 0;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_database_set_profile(xapnews_database_t *d,
                                              const xapnews_profile_t *p)
{
    if (!d) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    if (!p) {
        xn_profile_clear(&d->profile);
        xn_profile_defaults(&d->profile);
        return XAPNEWS_STATUS_SUCCESS;
    }
    if (xn_profile_copy(&d->profile, p) < 0)
        return xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

const xapnews_fields_t *xapnews_database_fields(const xapnews_database_t *d)
{
    return d ? xn_fields_or_builtin(d->tables.fields) : NULL;
}

const xn_tables *xn_database_tables(const xapnews_database_t *d)
{
    return &d->tables;
}

const char *xn_database_language(const xapnews_database_t *d)
{
    return d->language;
}

xs_db *xn_database_handle(const xapnews_database_t *d)
{
    return d->db;
}

const xs_query *xn_query_handle(const xapnews_query_t *q)
{
    return q->q;
}

const xs_weighting *xn_query_weighting(const xapnews_query_t *q)
{
    return &q->weighting;
}

const char *xn_database_path(const xapnews_database_t *d)
{
    return d->path;
}

xn_error *xn_database_error(xapnews_database_t *d)
{
    return &d->err;
}

const char *xapnews_database_last_error(const xapnews_database_t *d)
{
    return d ? d->err.message : "no database";
}

void xapnews_database_close(xapnews_database_t *d)
{
    if (!d) return;
    xs_error xe;
    xs_db_close(d->db, &xe);
    xn_stemmer_free(d->stemmer);
    xn_tables_free(&d->tables);
    xn_profile_clear(&d->profile);
    xn_typo_names_free(d->typo_names);
    xn_known_terms_free(d->field_terms);
    free(d->path);
    free(d);
}

/* Adds B to the highlight set when A is in it. */
static int add_variant_word(void *ctx, const char *a, size_t alen,
                            const char *b, size_t blen)
{
    xn_hlset *hl = ctx;
    for (size_t i = 0; i < hl->n_words; i++)
        if (strlen(hl->words[i]) == alen && memcmp(hl->words[i], a, alen) == 0)
            return xn_hlset_add(hl, b, blen, 0) < 0 ? -1 : 0;
    return 0;
}

/* Parses TEXT into TREE; unless FLAGS are strict, text with a syntax
 * error is read as plain words and Q keeps the error. */
static int parse_tree(xapnews_query_t *q, const char *text, unsigned flags,
                      xn_qtree *tree)
{
    xn_error *err = &q->db->err;
    if (xn_qtree_parse_fields(text, q->db->tables.fields, tree, err) == 0) return 0;
    if (err->status != XAPNEWS_STATUS_BAD_QUERY || (flags & XAPNEWS_QUERY_STRICT) ||
        strlen(text) > XN_QUERY_MAX_BYTES) /* too long either way */
        return -1;
    if (!(q->syntax_error = xn_strdup(err->message))) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return -1;
    }
    xn_error_clear(err);
    return xn_qtree_parse_words(text, tree, err);
}

/* Reads, once, the words the index holds in the officials' and outlets'
 * names when the profile searches them (known_terms.h). */
static int field_terms(xapnews_database_t *d)
{
    if (d->field_terms_read || (d->profile.field_officials <= 0 && d->profile.field_outlet <= 0))
        return 0;
    static const char *const prefixes[] = {
        XN_PREFIX_OFFICIAL_TEXT, XN_PREFIX_STEM XN_PREFIX_OFFICIAL_TEXT,
        XN_PREFIX_CANONICAL XN_PREFIX_OFFICIAL_TEXT, XN_PREFIX_OUTLET_TEXT,
        XN_PREFIX_STEM XN_PREFIX_OUTLET_TEXT, XN_PREFIX_CANONICAL XN_PREFIX_OUTLET_TEXT};
    if (xn_known_terms_load(d->db, prefixes, sizeof prefixes / sizeof *prefixes,
                            &d->field_terms, &d->err) < 0)
        return -1;
    d->field_terms_read = 1;
    return 0;
}

/* A new query over D for TEXT (copied), or NULL with D's error set. */
static xapnews_query_t *query_new(xapnews_database_t *d, const char *text)
{
    xn_error_clear(&d->err);
    xapnews_query_t *q = calloc(1, sizeof *q);
    if (q && !(q->text = xn_strdup(text))) {
        free(q);
        q = NULL;
    }
    if (!q) {
        xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    q->db = d;
    q->exact_up_to = XAPNEWS_COUNT_DEFAULT;
    return q;
}

/* The rest of the pipeline (query_tree.h) for the parsed TREE (taken):
 * resolve fields and like: (similar.h), find typos and correct them,
 * build, boost. Q is destroyed on failure. */
static xapnews_status_t query_finish(xapnews_query_t *q, xn_qtree *tree, unsigned flags,
                                     xapnews_query_t **out)
{
    xapnews_database_t *d = q->db;
    if (xn_qtree_resolve_fields(tree, &d->tables, &d->err) == 0 &&
        xn_similar_resolve(d->db, tree, &d->err) == 0 &&
        (!(flags & XAPNEWS_QUERY_TYPOS) ||
         (xn_typos_find(d->db, d->path, &d->typo_names, &d->tables, d->stemmer,
                        tree, &q->typos, &d->err) == XAPNEWS_STATUS_SUCCESS &&
          xn_qtree_correct(tree, &q->typos, &d->err) == 0)))
        q->q = field_terms(d) < 0 ? NULL
                                  : xn_query_build(tree, flags, d->stemmer, &d->tables,
                                                   &d->profile, d->field_terms, &q->hl,
                                                   &d->err);
    if (q->q) q->q = xn_boost_query(d->db, &d->profile, &d->tables, tree, q->q, &d->err);
    xn_qtree_free(tree);
    if (!q->q) {
        xapnews_query_destroy(q);
        return d->err.status;
    }
    xn_profile_weighting(&d->profile, &q->weighting);
    *out = q;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_query_wrap(xapnews_database_t *d, xs_query *xq, xapnews_query_t **out)
{
    *out = NULL;
    xapnews_query_t *q = query_new(d, "");
    if (!q) {
        xs_query_free(xq);
        return d->err.status;
    }
    q->q = xq;
    xn_profile_weighting(&d->profile, &q->weighting);
    *out = q;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_query_parse(xapnews_database_t *d, const char *text,
                                     unsigned flags, xapnews_query_t **out)
{
    if (!d || !text || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xapnews_query_t *q = query_new(d, text);
    if (!q) return d->err.status;
    xn_qtree tree;
    if (parse_tree(q, text, flags, &tree) < 0) {
        xn_qtree_free(&tree);
        xapnews_query_destroy(q);
        return d->err.status;
    }
    return query_finish(q, &tree, flags, out);
}

xapnews_status_t xapnews_query_similar(xapnews_database_t *d, const char *id,
                                       xapnews_query_t **out)
{
    if (!d || !id || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xapnews_query_t *q = query_new(d, id);
    if (!q) return d->err.status;
    xn_qtree tree;
    if (xn_qtree_like(id, &tree, &d->err) < 0) {
        xapnews_query_destroy(q);
        return d->err.status;
    }
    return query_finish(q, &tree, 0, out);
}

xapnews_status_t xapnews_database_similar(xapnews_database_t *d, const char *id,
                                          unsigned offset, unsigned limit,
                                          xapnews_results_t **out)
{
    if (out) *out = NULL;
    if (!d || !id || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xapnews_query_t *q = NULL;
    xapnews_status_t st = xapnews_query_similar(d, id, &q);
    if (!st) st = xapnews_query_search(q, offset, limit, out);
    xapnews_query_destroy(q);
    return st;
}

const char *xapnews_query_describe(xapnews_query_t *q)
{
    if (!q) return NULL;
    if (!q->description) q->description = xs_query_describe(q->q);
    return q->description ? q->description : "";
}

void xapnews_query_destroy(xapnews_query_t *q)
{
    if (!q) return;
    xs_query_free(q->q);
    free(q->description);
    xn_hlset_free(&q->hl);
    xn_typos_free(&q->typos);
    free(q->text);
    free(q->syntax_error);
    free(q);
}

const char *xapnews_query_syntax_error(const xapnews_query_t *q)
{
    return q ? q->syntax_error : NULL;
}

const xn_typos *xn_query_typos(const xapnews_query_t *q)
{
    return &q->typos;
}

const char *xn_query_text(const xapnews_query_t *q)
{
    return q->text;
}

int xn_query_corrected_text(const xapnews_query_t *q, char **out)
{
    *out = NULL;
    if (!q->typos.n) return 0;
    return (*out = xn_typos_rewrite(q->text, &q->typos)) ? 0 : -1;
}

/* The names searched besides the query's words: its typos but the
 * ordinary words, which are only offered. */
size_t xapnews_query_typo_count(const xapnews_query_t *q)
{
    size_t n = 0;
    for (size_t i = 0; q && i < q->typos.n; i++) n += !q->typos.t[i].ordinary;
    return n;
}

xapnews_status_t xapnews_query_typo(const xapnews_query_t *q, size_t i,
                                    const char **word, const char **name)
{
    for (size_t k = 0; q && k < q->typos.n; k++) {
        const xn_typo *t = &q->typos.t[k];
        if (t->ordinary || i-- > 0) continue;
        if (word) *word = t->word;
        if (name) *name = t->name;
        return XAPNEWS_STATUS_SUCCESS;
    }
    return XAPNEWS_STATUS_INVALID_ARGUMENT;
}

/* How many matches the matcher must look at before it may stop: one more
 * than the query counts exactly (Xapian knows its count is exact when it
 * found fewer matches than it had to look at), and never fewer than the
 * page and a margin, so that the estimate past the page is a fair one.
 * AT_LEAST is a number of articles the query surely matches: when it is
 * more than the exact count's bound, no count can be exact, and the page
 * and margin are enough. */
static unsigned check_at_least(const xapnews_query_t *q, unsigned offset,
                               unsigned limit, unsigned long at_least)
{
    if (q->exact_up_to >= XAPNEWS_COUNT_ALL - 1) return XS_CHECK_ALL;
    unsigned page = offset > UINT_MAX - COUNT_MARGIN - limit
                        ? UINT_MAX : offset + limit + COUNT_MARGIN;
    if (at_least > q->exact_up_to) return page;
    return q->exact_up_to + 1 > page ? q->exact_up_to + 1 : page;
}

/* Hits from which the "more like it" counts of a collapsed page come from
 * one pass over every match rather than a search per hit: a search per
 * hit runs the whole query again, which for a long query costs about what
 * the pass does. */
#define STORY_PASS_HITS 50

/* With collapsing, Xapian bounds the number of stories only loosely: it
 * tracks the keys of the hits it keeps. When at most the matches counted
 * exactly (xapnews_query_set_exact_count()) match, or the page holds
 * STORY_PASS_HITS hits or more (N_HITS), one more pass counts the
 * distinct story keys among the matches (a match spy sees every match,
 * collapsed or not), and R's total becomes exact. That pass's counts per
 * story key go to *COUNTS (the caller frees them), NULL without it. */
static int count_stories(const xapnews_query_t *q, xapnews_results_t *r, unsigned n_hits,
                         xs_mset **counts)
{
    *counts = NULL;
    unsigned long lower, upper;
    xs_mset_uncollapsed_bounds(r->mset, &lower, &upper);
    int exact_wanted = r->lower != r->upper && upper <= q->exact_up_to;
    if (!exact_wanted && n_hits < STORY_PASS_HITS) return 0;
    static const unsigned slot = XN_SLOT_STORY, all = XS_COUNT_ALL;
    xs_error xe;
    xs_mset *m = xs_search_counting(q->db->db, q->q, 0, 0, &q->weighting, NULL, XS_NO_COLLAPSE,
                                    &slot, 1, &all, &xe);
    if (!m) {
        xn_error_from_shim(&q->db->err, &xe, "cannot count the stories");
        return -1;
    }
    /* an article indexed without a story key is a story of its own */
    unsigned long stories = xs_mset_count_size(m, 0), keyed = 0;
    for (size_t i = 0; i < stories; i++) {
        unsigned long freq = 0;
        xs_mset_count_value(m, 0, i, &freq);
        keyed += freq;
    }
    unsigned long total = xs_mset_count_total(m, 0);
    stories += total > keyed ? total - keyed : 0;
    *counts = m;
    r->total = r->lower = r->upper = stories;
    return 0;
}

/* A story key and its matches, from count_stories()'s pass. */
typedef struct {
    const char *key;
    size_t len;
    unsigned long matches;
} story_count;

static int by_key(const void *va, const void *vb)
{
    const story_count *a = va, *b = vb;
    return xn_bytes_compare(a->key, a->len, b->key, b->len);
}

/* The matches with story key KEY (LEN bytes) among the N of SORTED. */
static unsigned long story_matches(const story_count *sorted, size_t n, const char *key,
                                   size_t len)
{
    story_count want = {key, len, 0};
    const story_count *found = n ? bsearch(&want, sorted, n, sizeof *sorted, by_key) : NULL;
    return found ? found->matches : 0;
}

/* With collapsing: how many other matches of Q each hit of R stands for,
 * counted exactly (Xapian's collapse count is a lower bound once the
 * matcher stops early): read from COUNTS when count_stories() made them,
 * else counted over the hit's story term. */
static int count_story_matches(const xapnews_query_t *q, xapnews_results_t *r,
                               const xs_mset *counts)
{
    xapnews_database_t *d = q->db;
    unsigned n = xs_mset_size(r->mset);
    size_t n_sorted = counts ? xs_mset_count_size(counts, 0) : 0;
    story_count *sorted = malloc((n_sorted ? n_sorted : 1) * sizeof *sorted);
    if (!sorted || !(r->more = calloc(n, sizeof *r->more))) {
        free(sorted);
        xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n_sorted; i++) {
        sorted[i].key = xs_mset_count_value_len(counts, 0, i, &sorted[i].len, &sorted[i].matches);
        if (!sorted[i].key) sorted[i] = (story_count){"", 0, 0};
    }
    xn_sort(sorted, n_sorted, sizeof *sorted, by_key);
    char term[XN_TERM_MAX_BYTES + 1];
    size_t plen = strlen(XN_PREFIX_STORY);
    memcpy(term, XN_PREFIX_STORY, plen);
    int rc = 0;
    for (unsigned i = 0; i < n && rc == 0; i++) {
        const char *key = xapnews_results_story(r, i);
        size_t len = key ? strlen(key) : 0;
        if (!len || plen + len > XN_TERM_MAX_BYTES) continue;
        unsigned long count = 0;
        if (counts) {
            count = story_matches(sorted, n_sorted, key, len);
        } else {
            memcpy(term + plen, key, len);
            xs_error xe;
            if (xs_count_with_term(d->db, q->q, term, plen + len, &count, &xe) < 0) {
                xn_error_from_shim(&d->err, &xe, "cannot count a story's articles");
                rc = -1;
            }
        }
        r->more[i] = count ? count - 1 : 0;
    }
    free(sorted);
    return rc;
}

/* The total of R's matches: exact when the bounds meet, else Xapian's
 * estimate, kept within the bounds (a query shaped as an OR over fields
 * can make Xapian guess past its own upper bound). */
static void set_total(xapnews_results_t *r)
{
    xs_mset_bounds(r->mset, &r->lower, &r->upper);
    unsigned long n = xs_mset_estimate(r->mset);
    if (n < r->lower) n = r->lower;
    if (n > r->upper) n = r->upper;
    r->total = n;
}

xapnews_status_t xapnews_query_search(xapnews_query_t *q, unsigned offset,
                                      unsigned limit,
                                      xapnews_results_t **out)
{
    if (!q || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xapnews_database_t *d = q->db;
    xn_error_clear(&d->err);
    xapnews_results_t *r = calloc(1, sizeof *r);
    if (!r || xn_hlset_copy(&r->hl, &q->hl) < 0) {
        xapnews_results_destroy(r);
        return xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    r->db = d;
    r->offset = offset;
    xs_error xe;
    unsigned long at_least = 0;
    unsigned collapse = q->collapse ? XN_SLOT_STORY : XS_NO_COLLAPSE;
    xs_sort by_date = {XN_SLOT_DATE, q->sort == XAPNEWS_SORT_NEWEST};
    const xs_sort *sort = q->sort == XAPNEWS_SORT_RELEVANCE ? NULL : &by_date;
    if (q->sort_field) {
        by_date.slot = q->sort_field->slot;
        by_date.reverse = q->sort_descending;
        sort = &by_date;
    }
    if (q->facets || q->n_facet_fields) {
        xn_facet_options opt = {q->facets,         XN_FACET_MAX_VALUES, 0,
                                q->facet_fields,   q->n_facet_fields,   r->field_facets,
                                collapse};
        memcpy(r->facet_fields, q->facet_fields, sizeof r->facet_fields);
        r->n_facet_fields = q->n_facet_fields;
        r->mset = xn_facets_search(d->db, q->q, offset, limit, &q->weighting, sort, &opt,
                                   &d->tables, r->facets, NULL, &d->err);
        if (!r->mset) {
            xapnews_results_destroy(r);
            return d->err.status;
        }
    } else {
        /* a count that cannot be exact need not be looked for (articles,
         * not stories: not when collapsing) */
        if (!q->collapse && q->exact_up_to < XAPNEWS_COUNT_ALL - 1 &&
            xs_query_matches_at_least(d->db, q->q, q->exact_up_to, &at_least, &xe) < 0) {
            xapnews_results_destroy(r);
            return xn_error_from_shim(&d->err, &xe, "search failed");
        }
        r->mset = xs_search(d->db, q->q, offset, limit,
                            check_at_least(q, offset, limit, at_least), &q->weighting, sort,
                            collapse, &xe);
        if (!r->mset) {
            xapnews_results_destroy(r);
            if (xe.code == XS_QUERY) /* a prefix standing for too many words */
                return xn_error_set(&d->err, XAPNEWS_STATUS_BAD_QUERY,
                                    "%s: give a longer prefix", xe.message);
            return xn_error_from_shim(&d->err, &xe, "search failed");
        }
    }
    set_total(r);
    unsigned n = xs_mset_size(r->mset);
    if (n) {
        r->fields = calloc((size_t)n * XAPNEWS_FIELD_COUNT, sizeof *r->fields);
        r->values = calloc(n, sizeof *r->values);
        r->story = calloc(n, sizeof *r->story);
        if (!r->fields || !r->values || !r->story) {
            xapnews_results_destroy(r);
            return xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                                "out of memory");
        }
    }
    xs_mset *counts = NULL;
    if (q->collapse && (count_stories(q, r, n, &counts) < 0 ||
                        (n && count_story_matches(q, r, counts) < 0))) {
        xs_mset_free(counts);
        xapnews_results_destroy(r);
        return d->err.status;
    }
    xs_mset_free(counts);
    *out = r;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_query_set_collapse(xapnews_query_t *q, int collapse)
{
    if (!q) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    q->collapse = collapse != 0;
    return XAPNEWS_STATUS_SUCCESS;
}

const char *xapnews_results_story(const xapnews_results_t *r, unsigned i)
{
    if (!r || i >= xs_mset_size(r->mset)) return NULL;
    if (!r->story[i]) {
        const char *key = xs_mset_value(r->mset, i, XN_SLOT_STORY, NULL);
        r->story[i] = xn_strdup(key ? key : "");
    }
    return r->story[i] ? r->story[i] : "";
}

unsigned long xapnews_results_more_like_it(const xapnews_results_t *r, unsigned i)
{
    return r && r->more && i < xs_mset_size(r->mset) ? r->more[i] : 0;
}

unsigned xapnews_results_count(const xapnews_results_t *r)
{
    return r ? xs_mset_size(r->mset) : 0;
}

unsigned long xapnews_results_total_estimate(const xapnews_results_t *r)
{
    return r ? r->total : 0;
}

int xapnews_results_total_exact(const xapnews_results_t *r)
{
    return r && r->lower == r->upper;
}

void xapnews_results_total_bounds(const xapnews_results_t *r,
                                  unsigned long *lower, unsigned long *upper)
{
    if (lower) *lower = r ? r->lower : 0;
    if (upper) *upper = r ? r->upper : 0;
}

unsigned xapnews_results_rank(const xapnews_results_t *r, unsigned i)
{
    return r && i < xs_mset_size(r->mset) ? r->offset + i + 1 : 0;
}

double xapnews_results_score(const xapnews_results_t *r, unsigned i)
{
    return r && i < xs_mset_size(r->mset) ? xs_mset_weight(r->mset, i) : 0.0;
}

static const char *const data_names[XAPNEWS_FIELD_COUNT] = {
    "id", "caption", "date", "outlet", "url", "body"};

const char *xapnews_results_field(const xapnews_results_t *r, unsigned i,
                                  xapnews_field_t field)
{
    if (!r || i >= xs_mset_size(r->mset) ||
        (unsigned)field >= XAPNEWS_FIELD_COUNT)
        return NULL;
    char **slot = &r->fields[(size_t)i * XAPNEWS_FIELD_COUNT + field];
    if (!*slot) {
        size_t len = 0, vlen = 0;
        const char *v = NULL;
        /* the fields a result list shows have a value slot of their own
         * (the summary): no need to read and inflate the whole data */
        if (field != XAPNEWS_FIELD_BODY) {
            const char *sum = xs_mset_value(r->mset, i, XN_SLOT_SUMMARY, &len);
            if (sum && len) /* an index without summaries falls through */
                v = xn_docdata_find(sum, len, data_names[field], &vlen);
            if (sum && len && !v) v = "";
        }
        if (field == XAPNEWS_FIELD_ID && (!v || !vlen))
            v = xs_mset_value(r->mset, i, XN_SLOT_ID, &vlen);
        if (!v || (!vlen && field == XAPNEWS_FIELD_ID)) {
            const char *data = xs_mset_data(r->mset, i, &len);
            v = data ? xn_docdata_find(data, len, data_names[field], &vlen) : NULL;
        }
        *slot = xn_strndup(v ? v : "", v ? vlen : 0);
        if (!*slot) return "";
    }
    return *slot;
}

/* Adds NAME=VALUE (VLEN bytes) to the values of hit H. */
static int add_hit_value(struct hit_values *h, const char *name, size_t nlen,
                         const char *value, size_t vlen)
{
    char **names = realloc(h->name, (h->n + 1) * sizeof *names);
    if (!names) return -1;
    h->name = names;
    char **values = realloc(h->value, (h->n + 1) * sizeof *values);
    if (!values) return -1;
    h->value = values;
    if (!(h->name[h->n] = xn_strndup(name, nlen))) return -1;
    if (!(h->value[h->n] = xn_strndup(value, vlen))) {
        free(h->name[h->n]);
        return -1;
    }
    h->n++;
    return 0;
}

/* Reads the values NAME needs of hit I: the lines of its summary, which
 * hold the declared fields' (a result list reads no more), or its
 * officials from the whole document data. */
static int load_hit_values(const xapnews_results_t *r, unsigned i, const char *name)
{
    struct hit_values *h = &r->values[i];
    size_t len = 0;
    if (strcmp(name, "officials") == 0) {
        if (h->officials_loaded) return 0;
        const char *data = xs_mset_data(r->mset, i, &len);
        size_t vlen = 0;
        const char *names = data ? xn_docdata_find(data, len, "officials", &vlen) : NULL;
        for (size_t at = 0; names && at < vlen;) { /* names joined by "; " */
            const char *semi = memchr(names + at, ';', vlen - at);
            size_t stop = semi ? (size_t)(semi - names) : vlen;
            if (stop > at && add_hit_value(h, "officials", 9, names + at, stop - at) < 0)
                return -1;
            at = stop + 2;
        }
        h->officials_loaded = 1;
        return 0;
    }
    if (h->loaded) return 0;
    const char *sum = xs_mset_value(r->mset, i, XN_SLOT_SUMMARY, &len);
    if (!sum || !len) sum = xs_mset_data(r->mset, i, &len); /* an older index */
    for (const char *p = sum, *end = sum ? sum + len : NULL; p && p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *eq = memchr(p, '=', (size_t)(eol - p));
        int officials = eq && eq - p == 9 && memcmp(p, "officials", 9) == 0; /* read apart */
        if (eq && eq + 1 < eol && !officials &&
            add_hit_value(h, p, (size_t)(eq - p), eq + 1, (size_t)(eol - eq - 1)) < 0)
            return -1;
        p = eol + 1;
    }
    h->loaded = 1;
    return 0;
}

/* The built-in field named NAME whose value xapnews_results_field()
 * gives, or -1. */
static int builtin_field(const char *name)
{
    static const char *const names[XAPNEWS_FIELD_COUNT] = {"id",  "title", "date",
                                                           "outlet", "url", "body"};
    for (int f = 0; f < XAPNEWS_FIELD_COUNT; f++)
        if (strcmp(name, names[f]) == 0) return f;
    return -1;
}

size_t xapnews_results_value_count(const xapnews_results_t *r, unsigned i, const char *name)
{
    if (!r || !name || i >= xs_mset_size(r->mset)) return 0;
    int f = builtin_field(name);
    if (f >= 0) {
        const char *v = xapnews_results_field(r, i, (xapnews_field_t)f);
        return v && *v ? 1 : 0;
    }
    const xn_field *fd = xn_fields_find(r->db->tables.fields, name, strlen(name));
    if (!fd || load_hit_values(r, i, name) < 0) return 0;
    size_t n = 0;
    for (size_t k = 0; k < r->values[i].n; k++) n += strcmp(r->values[i].name[k], name) == 0;
    return n;
}

const char *xapnews_results_value(const xapnews_results_t *r, unsigned i, const char *name,
                                  size_t k)
{
    if (!r || !name || i >= xs_mset_size(r->mset)) return NULL;
    int f = builtin_field(name);
    if (f >= 0) {
        const char *v = xapnews_results_field(r, i, (xapnews_field_t)f);
        return k == 0 && v && *v ? v : NULL;
    }
    const xn_field *fd = xn_fields_find(r->db->tables.fields, name, strlen(name));
    if (!fd || load_hit_values(r, i, name) < 0) return NULL;
    for (size_t j = 0; j < r->values[i].n; j++)
        if (strcmp(r->values[i].name[j], name) == 0 && k-- == 0) return r->values[i].value[j];
    return NULL;
}

xapnews_status_t xapnews_results_snippet(const xapnews_results_t *r,
                                         unsigned i, size_t max_bytes,
                                         const char *open, const char *close,
                                         char **snippet)
{
    return xapnews_results_snippet_spans(r, i, max_bytes, open, close, snippet, NULL, NULL);
}

xapnews_status_t xapnews_results_snippet_spans(const xapnews_results_t *r,
                                               unsigned i, size_t max_bytes,
                                               const char *open, const char *close,
                                               char **snippet, xapnews_span_t **spans,
                                               size_t *n_spans)
{
    if (spans) *spans = NULL;
    if (n_spans) *n_spans = 0;
    if (!r || !snippet || i >= xs_mset_size(r->mset) || (spans && !n_spans))
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *snippet = NULL;
    if (!r->hl_widened) {
        /* highlight the other spellings of the words searched for, too;
         * done on the first snippet, so searches that show none skip it */
        xapnews_results_t *rw = (xapnews_results_t *)r;
        if (xn_variants_each_word_pair(r->db->tables.synonyms, add_variant_word,
                                       &rw->hl) != 0)
            return xn_error_set(&r->db->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                                "out of memory");
        rw->hl_widened = 1;
    }
    const char *body = xapnews_results_field(r, i, XAPNEWS_FIELD_BODY);
    xn_strbuf out = XN_STRBUF_INIT;
    if (xn_snippet(&r->hl, r->db->stemmer, body, strlen(body), max_bytes,
                   open ? open : "", close ? close : "", &out, spans, n_spans) < 0 ||
        !(*snippet = xn_strbuf_take(&out))) {
        xn_strbuf_free(&out);
        return xn_error_set(&r->db->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                            "out of memory");
    }
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_query_set_exact_count(xapnews_query_t *q,
                                              unsigned up_to)
{
    if (!q) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    q->exact_up_to = up_to;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_query_set_sort(xapnews_query_t *q, xapnews_sort_t sort)
{
    if (!q || (unsigned)sort > XAPNEWS_SORT_OLDEST) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    q->sort = sort;
    q->sort_field = NULL;
    return XAPNEWS_STATUS_SUCCESS;
}

/* The field NAME of Q's database's schema that has option FLAG and a
 * value slot (a declared field only, with DECLARED), or NULL with Q's
 * database's error set (WHAT names the option in it). */
static const xn_field *field_with(xapnews_query_t *q, const char *name, unsigned flag,
                                  int declared, const char *what)
{
    const xn_fields *f = xn_fields_or_builtin(q->db->tables.fields);
    const xn_field *fd = xn_fields_find(f, name, strlen(name));
    int usable = fd && (fd->flags & flag) && fd->slot != XAPNEWS_NO_SLOT &&
                 !(declared && xn_field_is_builtin(fd));
    if (usable) return fd;
    xn_strbuf names = XN_STRBUF_INIT;
    for (size_t k = 0; k < f->n; k++) {
        const xn_field *e = &f->f[k];
        if ((e->flags & flag) && e->slot != XAPNEWS_NO_SLOT &&
            !(declared && xn_field_is_builtin(e)))
            xn_strbuf_printf(&names, "%s%s", names.len ? ", " : "", e->name);
    }
    char which[512];
    if (names.len) snprintf(which, sizeof which, "its %s fields: %s", what, names.data);
    else snprintf(which, sizeof which, "it declares no %s field", what);
    xn_strbuf_free(&names);
    if (fd)
        xn_error_set(&q->db->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                     "field '%s' is not %s in the database's fields schema (%s)", name, what,
                     which);
    else
        xn_error_set(&q->db->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                     "no field '%s' in the database's fields schema (%s)", name, which);
    return NULL;
}

xapnews_status_t xapnews_query_set_sort_field(xapnews_query_t *q, const char *name,
                                              int descending)
{
    if (!q || !name) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    const xn_field *fd = field_with(q, name, XAPNEWS_FIELD_SORTABLE, 0, "sortable");
    if (!fd) return q->db->err.status;
    q->sort_field = fd;
    q->sort_descending = descending != 0;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_query_add_facet_field(xapnews_query_t *q, const char *name)
{
    if (!q || !name) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    const xn_field *fd = field_with(q, name, XAPNEWS_FIELD_FACETABLE, 1, "facetable");
    if (!fd) return q->db->err.status;
    for (size_t k = 0; k < q->n_facet_fields; k++)
        if (q->facet_fields[k] == fd) return XAPNEWS_STATUS_SUCCESS;
    if (q->n_facet_fields == XN_FACET_MAX_FIELDS)
        return xn_error_set(&q->db->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "at most %d field facets", XN_FACET_MAX_FIELDS);
    q->facet_fields[q->n_facet_fields++] = fd;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_results_field_facet_size(const xapnews_results_t *r, const char *name)
{
    for (size_t k = 0; r && name && k < r->n_facet_fields; k++)
        if (strcmp(r->facet_fields[k]->name, name) == 0) return r->field_facets[k].n;
    return 0;
}

const char *xapnews_results_field_facet_value(const xapnews_results_t *r, const char *name,
                                              size_t i, unsigned long *count)
{
    for (size_t k = 0; r && name && k < r->n_facet_fields; k++) {
        if (strcmp(r->facet_fields[k]->name, name) != 0) continue;
        if (i >= r->field_facets[k].n) return NULL;
        if (count) *count = r->field_facets[k].e[i].count;
        return r->field_facets[k].e[i].value;
    }
    return NULL;
}

xapnews_status_t xapnews_query_set_facets(xapnews_query_t *q, unsigned facets)
{
    if (!q || (facets & ~15u)) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    q->facets = facets;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_results_facet_size(const xapnews_results_t *r,
                                  xapnews_facet_t facet)
{
    int k = xn_facet_index(facet);
    return r && k >= 0 ? r->facets[k].n : 0;
}

const char *xapnews_results_facet_value(const xapnews_results_t *r,
                                        xapnews_facet_t facet, size_t i,
                                        unsigned long *count)
{
    int k = xn_facet_index(facet);
    if (!r || k < 0 || i >= r->facets[k].n) return NULL;
    if (count) *count = r->facets[k].e[i].count;
    return r->facets[k].e[i].value;
}

void xapnews_results_destroy(xapnews_results_t *r)
{
    if (!r) return;
    xn_facets_free(r->facets);
    xn_facets_free_n(r->field_facets, r->n_facet_fields);
    if (r->values) {
        for (unsigned i = 0; i < xs_mset_size(r->mset); i++) {
            for (size_t k = 0; k < r->values[i].n; k++) {
                free(r->values[i].name[k]);
                free(r->values[i].value[k]);
            }
            free(r->values[i].name);
            free(r->values[i].value);
        }
        free(r->values);
    }
    if (r->fields) {
        unsigned n = xs_mset_size(r->mset);
        for (size_t k = 0; k < (size_t)n * XAPNEWS_FIELD_COUNT; k++)
            free(r->fields[k]);
        free(r->fields);
    }
    if (r->story)
        for (unsigned i = 0; i < xs_mset_size(r->mset); i++) free(r->story[i]);
    free(r->story);
    free(r->more);
    xs_mset_free(r->mset);
    xn_hlset_free(&r->hl);
    free(r);
}
