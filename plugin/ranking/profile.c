/* profile.c - see profile.h. */
#include "profile.h"
#include "date.h"
#include "strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void xn_profile_defaults(xapnews_profile_t *p)
{
    memset(p, 0, sizeof *p);
    p->weighting = XN_WEIGHT_BM25;
    p->k1 = 1.2;
    p->b = 0.75;
    p->min_normlen = 0.5;
    p->delta = 1.0;
    p->pl2_c = 1.0;
    p->lm_smoothing = XN_LM_TWO_STAGE;
    p->lm_param1 = 0.7;
    p->lm_param2 = 2000.0;
    p->field_body = 1.0;
    p->recency_half_life = 365.0;
}

void xn_profile_clear(xapnews_profile_t *p)
{
    for (size_t i = 0; i < p->n_outlets; i++) free(p->outlets[i].name);
    free(p->outlets);
    p->outlets = NULL;
    p->n_outlets = 0;
}

static const char *const weightings[] = {"bm25", "bm25+", "pl2", "lm", "tfidf"};
static const char *const smoothings[] = {"jelinek-mercer", "dirichlet",
                                         "absolute", "two-stage"};

/* The numeric settings: name, where, smallest and largest value. */
typedef struct {
    const char *name;
    size_t offset;
    double min, max;
} number_setting;

#define NUM(n, field, lo, hi) {n, offsetof(xapnews_profile_t, field), lo, hi}
static const number_setting numbers[] = {
    NUM("bm25.k1", k1, 0, 1000),
    NUM("bm25.b", b, 0, 1),
    NUM("bm25.min_normlen", min_normlen, 0, 1000),
    NUM("bm25plus.delta", delta, 0, 1000),
    NUM("pl2.c", pl2_c, 1e-9, 1000),
    NUM("lm.param1", lm_param1, 0, 1e9),
    NUM("lm.param2", lm_param2, 0, 1e9),
    NUM("field.body", field_body, 0, 1000),
    NUM("field.title", field_title, 0, 1000),
    NUM("field.officials", field_officials, 0, 1000),
    NUM("field.outlet", field_outlet, 0, 1000),
    NUM("recency.weight", recency_weight, 0, 1000),
    NUM("recency.half_life", recency_half_life, 1e-3, 1e7),
    NUM("official.boost", official_boost, 0, 1000),
};

static int pick(const char *const *names, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], v) == 0) return (int)i;
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

/* Applies one "key = value" setting; on error writes a reason to WHY. */
static int apply(xapnews_profile_t *p, char *key, char *value, char *why,
                 size_t why_len)
{
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        if (strcmp(key, numbers[i].name) != 0) continue;
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (errno || end == value || *end || !isfinite(v) || v < numbers[i].min ||
            v > numbers[i].max) {
            snprintf(why, why_len, "'%s' needs a number from %g to %g, not '%s'",
                     key, numbers[i].min, numbers[i].max, value);
            return -1;
        }
        *(double *)((char *)p + numbers[i].offset) = v;
        return 0;
    }
    if (strcmp(key, "weighting") == 0) {
        int w = pick(weightings, 5, value);
        if (w < 0) {
            snprintf(why, why_len,
                     "unknown weighting '%s' (bm25, bm25+, pl2, lm or tfidf)", value);
            return -1;
        }
        p->weighting = (xn_weighting)w;
        return 0;
    }
    if (strcmp(key, "lm.smoothing") == 0) {
        int s = pick(smoothings, 4, value);
        if (s < 0) {
            snprintf(why, why_len,
                     "unknown smoothing '%s' (jelinek-mercer, dirichlet, absolute or two-stage)",
                     value);
            return -1;
        }
        p->lm_smoothing = (xn_lm_smoothing)s;
        return 0;
    }
    if (strcmp(key, "stopwords") == 0) {
        int v = strcmp(value, "on") == 0 ? 1 : strcmp(value, "off") == 0 ? 0 : -1;
        if (v < 0) {
            snprintf(why, why_len, "'stopwords' takes 'on' or 'off', not '%s'", value);
            return -1;
        }
        p->stopwords = v;
        return 0;
    }
    if (strcmp(key, "recency.reference") == 0) {
        if (strcmp(value, "latest") == 0) {
            p->recency_reference[0] = '\0';
            return 0;
        }
        xn_date d;
        char reason[128];
        if (xn_date_parse(value, &d, reason, sizeof reason) < 0 || !d.day) {
            snprintf(why, why_len, "'recency.reference' takes 'latest' or YYYY-MM-DD, not '%s'",
                     value);
            return -1;
        }
        xn_date_iso(&d, p->recency_reference);
        return 0;
    }
    if (strcmp(key, "outlet.boost") == 0) {
        char *colon = strrchr(value, ':');
        char *end = NULL;
        double w = colon ? strtod(trim(colon + 1), &end) : 0;
        if (!colon || !end || *end || end == trim(colon + 1) || !isfinite(w) ||
            w < 0 || w > 1000) {
            snprintf(why, why_len, "'outlet.boost' takes 'OUTLET NAME: WEIGHT', not '%s'",
                     value);
            return -1;
        }
        *colon = '\0';
        char *name = trim(value);
        if (!*name) {
            snprintf(why, why_len, "'outlet.boost' needs an outlet name before ':'");
            return -1;
        }
        xn_outlet_boost *o = realloc(p->outlets, (p->n_outlets + 1) * sizeof *o);
        if (!o) {
            snprintf(why, why_len, "out of memory");
            return -1;
        }
        p->outlets = o;
        if (!(o[p->n_outlets].name = strdup(name))) {
            snprintf(why, why_len, "out of memory");
            return -1;
        }
        o[p->n_outlets++].weight = w;
        return 0;
    }
    snprintf(why, why_len, "unknown setting '%s'", key);
    return -1;
}

int xn_profile_parse(xapnews_profile_t *p, const char *name, const char *text,
                     size_t len, xn_error *err)
{
    xn_profile_clear(p);
    xn_profile_defaults(p);
    const char *s = text, *end = text + len;
    unsigned long line = 0;
    char why[256];
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        line++;
        char *copy = strndup(s, (size_t)(eol - s));
        s = eol + 1;
        if (!copy) {
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
            return -1;
        }
        char *hash = strchr(copy, '#');
        if (hash) *hash = '\0';
        char *l = trim(copy);
        if (!*l) {
            free(copy);
            continue;
        }
        char *eq = strchr(l, '=');
        int rc;
        if (!eq) {
            snprintf(why, sizeof why, "expected 'setting = value', not '%s'", l);
            rc = -1;
        } else {
            *eq = '\0';
            char *key = trim(l), *value = trim(eq + 1);
            if (!*value) {
                snprintf(why, sizeof why, "'%s' has no value", key);
                rc = -1;
            } else {
                rc = apply(p, key, value, why, sizeof why);
            }
        }
        free(copy);
        if (rc < 0) {
            xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s", name, line, why);
            return -1;
        }
    }
    return 0;
}

int xn_profile_write(const xapnews_profile_t *p, FILE *out)
{
    fprintf(out, "weighting = %s\n", weightings[p->weighting]);
    fprintf(out, "lm.smoothing = %s\n", smoothings[p->lm_smoothing]);
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        fprintf(out, "%s = %.6g\n", numbers[i].name,
                *(const double *)((const char *)p + numbers[i].offset));
    fprintf(out, "stopwords = %s\n", p->stopwords ? "on" : "off");
    fprintf(out, "recency.reference = %s\n",
            p->recency_reference[0] ? p->recency_reference : "latest");
    for (size_t i = 0; i < p->n_outlets; i++)
        fprintf(out, "outlet.boost = %s: %.6g\n", p->outlets[i].name,
                p->outlets[i].weight);
    return ferror(out) ? -1 : 0;
}

int xn_profile_copy(xapnews_profile_t *dst, const xapnews_profile_t *src)
{
    xn_profile_clear(dst);
    *dst = *src;
    dst->outlets = NULL;
    dst->n_outlets = 0;
    if (!src->n_outlets) return 0;
    dst->outlets = calloc(src->n_outlets, sizeof *dst->outlets);
    if (!dst->outlets) return -1;
    for (size_t i = 0; i < src->n_outlets; i++) {
        if (!(dst->outlets[i].name = strdup(src->outlets[i].name))) return -1;
        dst->outlets[i].weight = src->outlets[i].weight;
        dst->n_outlets++;
    }
    return 0;
}

/* ---- public API ---------------------------------------------------------- */

xapnews_status_t xapnews_profile_create(xapnews_profile_t **out)
{
    if (!out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = malloc(sizeof **out);
    if (!*out) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    xn_profile_defaults(*out);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_profile_load(const char *path, xapnews_profile_t **out,
                                      char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!path || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xn_strbuf text = XN_STRBUF_INIT;
    if (xn_read_text(path, &text, &err)) {
        xn_strbuf_free(&text);
        xn_error_export(&err, error);
        return err.status;
    }
    xapnews_profile_t *p = calloc(1, sizeof *p);
    if (!p || xn_profile_parse(p, path, text.data ? text.data : "", text.len, &err) < 0) {
        if (!p) xn_error_set(&err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        xn_strbuf_free(&text);
        xapnews_profile_destroy(p);
        xn_error_export(&err, error);
        return err.status;
    }
    xn_strbuf_free(&text);
    *out = p;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_profile_set(xapnews_profile_t *p, const char *setting,
                                     const char *value, char **error)
{
    if (!p || !setting || !value) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    char why[256];
    char *k = strdup(setting), *v = strdup(value);
    int rc = k && v ? apply(p, trim(k), trim(v), why, sizeof why) : -2;
    free(k);
    free(v);
    if (rc == -2) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    if (rc < 0) {
        if (error) *error = strdup(why);
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_profile_save(const xapnews_profile_t *p,
                                      const char *path, const char *comment,
                                      char **error)
{
    if (!p || !path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    FILE *out = fopen(path, "w");
    xn_error err;
    if (!out) {
        xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot write: %s", path,
                     strerror(errno));
        xn_error_export(&err, error);
        return err.status;
    }
    if (comment) {
        for (const char *c = comment; *c;) {
            const char *eol = strchr(c, '\n');
            size_t n = eol ? (size_t)(eol - c) : strlen(c);
            fprintf(out, "# %.*s\n", (int)n, c);
            c += n + (eol != NULL);
        }
    }
    int rc = xn_profile_write(p, out);
    if (fclose(out) != 0 || rc < 0) {
        xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot write: %s", path,
                     strerror(errno));
        xn_error_export(&err, error);
        return err.status;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

void xapnews_profile_destroy(xapnews_profile_t *p)
{
    if (!p) return;
    xn_profile_clear(p);
    free(p);
}
