/* tune.c - xapnews_tune(): cross-validated random search over profile
 * settings. See xapnews.h for what it promises. */
#include "evaluation.h"
#include "profile.h"
#include "strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The settings searched, their range, and whether to sample them on a log
 * scale. */
typedef struct {
    const char *name;
    size_t offset;
    double lo, hi;
    int log_scale;
} tuned_setting;

#define SETTING(n, field, lo, hi, lg) {n, offsetof(xapnews_profile_t, field), lo, hi, lg}
static const tuned_setting settings[] = {
    SETTING("bm25.k1", k1, 0.2, 3.0, 0),
    SETTING("bm25.b", b, 0.1, 1.0, 0),
    SETTING("field.title", field_title, 0.0, 3.0, 0),
    SETTING("field.officials", field_officials, 0.0, 2.0, 0),
    SETTING("field.outlet", field_outlet, 0.0, 2.0, 0),
    SETTING("official.boost", official_boost, 0.0, 2.0, 0),
    SETTING("recency.weight", recency_weight, 0.0, 2.0, 0),
    SETTING("recency.half_life", recency_half_life, 30.0, 3650.0, 1),
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])

static double *field_of(xapnews_profile_t *p, size_t k)
{
    return (double *)((char *)p + settings[k].offset);
}

static double get(const xapnews_profile_t *p, size_t k)
{
    return *(const double *)((const char *)p + settings[k].offset);
}

/* splitmix64: small, fast, and the same everywhere for a given seed. */
static unsigned long long next_random(unsigned long long *state)
{
    unsigned long long z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double uniform(unsigned long long *state)
{
    return (double)(next_random(state) >> 11) / 9007199254740992.0;
}

/* A value for setting K: anywhere in its range, or (NEAR) within a fifth
 * of the range of the base value. */
static double sample(const tuned_setting *s, double base, int near,
                     unsigned long long *rng)
{
    double lo = s->log_scale ? log(s->lo) : s->lo;
    double hi = s->log_scale ? log(s->hi) : s->hi;
    double b = s->log_scale ? log(base > s->lo ? base : s->lo) : base;
    double v = near ? b + (uniform(rng) * 2 - 1) * (hi - lo) / 5 : lo + uniform(rng) * (hi - lo);
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    v = s->log_scale ? exp(v) : v;
    return round(v * 1000) / 1000; /* settings people can read */
}

/* Squared distance from the base in units of each setting's range. */
static double distance(const xapnews_profile_t *a, const xapnews_profile_t *b)
{
    double d = 0;
    for (size_t k = 0; k < N_SETTINGS; k++) {
        double x = get(a, k), y = get(b, k);
        if (settings[k].log_scale) {
            x = log(x > settings[k].lo ? x : settings[k].lo);
            y = log(y > settings[k].lo ? y : settings[k].lo);
        }
        double range = settings[k].log_scale ? log(settings[k].hi) - log(settings[k].lo)
                                             : settings[k].hi - settings[k].lo;
        d += (x - y) * (x - y) / (range * range);
    }
    return d;
}

static double mean_over(const double *scores, const size_t *rows, size_t n,
                        const int *fold, int skip, int only)
{
    double sum = 0;
    size_t count = 0;
    for (size_t r = 0; r < n; r++) {
        if (skip >= 0 && fold[r] == skip) continue;
        if (only >= 0 && fold[r] != only) continue;
        sum += scores[rows[r]];
        count++;
    }
    return count ? sum / (double)count : 0;
}

xapnews_status_t xapnews_tune(xapnews_database_t *db, xapnews_eval_t *ev,
                              const xapnews_profile_t *base,
                              const xapnews_tune_options_t *options,
                              xapnews_tune_progress_t progress, void *ctx,
                              xapnews_profile_t **result, char **report)
{
    if (!db || !ev || !result) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *result = NULL;
    if (report) *report = NULL;
    xapnews_tune_options_t o = {5, "ndcg_cut_10", 40, 1, 1000};
    if (options) {
        if (options->folds) o.folds = options->folds;
        if (options->metric) o.metric = options->metric;
        if (options->budget) o.budget = options->budget;
        if (options->seed) o.seed = options->seed;
        if (options->depth) o.depth = options->depth;
    }
    int metric = xn_metric_lookup(o.metric);
    if (metric < 0)
        return xn_error_set(&ev->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "unknown metric '%s' (map, P_5, P_10, recall_100, "
                            "ndcg_cut_10, recip_rank)", o.metric);
    if (o.folds < 2)
        return xn_error_set(&ev->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "cross-validation needs at least 2 folds");

    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    xapnews_profile_t start;
    xn_profile_defaults(&start);
    xapnews_profile_t *cands = calloc(o.budget, sizeof *cands);
    double *scores = calloc((size_t)o.budget * (ev->n ? ev->n : 1), sizeof *scores);
    size_t *rows = calloc(ev->n ? ev->n : 1, sizeof *rows);
    int *fold = calloc(ev->n ? ev->n : 1, sizeof *fold);
    xn_strbuf out = XN_STRBUF_INIT;
    unsigned long long rng = o.seed;
    if (!cands || !scores || !rows || !fold || (base && xn_profile_copy(&start, base) < 0)) {
        st = xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }

    /* the candidates: the base first, then half near it, half anywhere */
    for (unsigned c = 0; c < o.budget; c++) {
        xn_profile_defaults(&cands[c]);
        if (xn_profile_copy(&cands[c], &start) < 0) {
            st = xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            goto done;
        }
        for (size_t k = 0; c > 0 && k < N_SETTINGS; k++)
            *field_of(&cands[c], k) = sample(&settings[k], get(&start, k), c % 2, &rng);
    }

    /* run every candidate over every query */
    size_t n_rows = 0;
    for (unsigned c = 0; c < o.budget; c++) {
        if ((st = xapnews_database_set_profile(db, &cands[c])) ||
            (st = xapnews_eval_run(ev, db, o.depth)))
            goto done;
        if (c == 0) {
            for (size_t i = 0; i < ev->n; i++)
                if (ev->counted[i]) rows[n_rows++] = i;
            if (n_rows < o.folds) {
                st = xn_error_set(&ev->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                                  "%zu of the queries have judgments: too few for %u folds",
                                  n_rows, o.folds);
                goto done;
            }
        }
        for (size_t i = 0; i < ev->n; i++)
            scores[(size_t)c * ev->n + i] = ev->counted[i] ? ev->metrics[i][metric] : 0;
        if (progress) progress(ctx, c + 1, o.budget);
    }

    /* folds: a seeded shuffle of the counted queries dealt round-robin */
    size_t *order = malloc(n_rows * sizeof *order);
    if (!order) {
        st = xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < n_rows; r++) order[r] = r;
    for (size_t r = n_rows; r > 1; r--) {
        size_t j = (size_t)(next_random(&rng) % r);
        size_t t = order[r - 1];
        order[r - 1] = order[j];
        order[j] = t;
    }
    for (size_t r = 0; r < n_rows; r++) fold[order[r]] = (int)(r % o.folds);
    free(order);

    xn_strbuf_printf(&out, "tune: %u folds over %zu queries, metric %s, %u profiles, seed %lu\n",
                     o.folds, n_rows, o.metric, o.budget, o.seed);
    /* (every profile matches the same articles: the last run tells) */
    xn_eval_describe(ev, &out);
    double cv_tuned = 0, cv_base = 0;
    for (unsigned f = 0; f < o.folds; f++) {
        unsigned best = 0;
        double best_train = -1;
        for (unsigned c = 0; c < o.budget; c++) {
            double t = mean_over(scores + (size_t)c * ev->n, rows, n_rows, fold, (int)f, -1);
            if (t > best_train + 1e-12) {
                best_train = t;
                best = c;
            }
        }
        double val = mean_over(scores + (size_t)best * ev->n, rows, n_rows, fold, -1, (int)f);
        double base_val = mean_over(scores, rows, n_rows, fold, -1, (int)f);
        cv_tuned += val / o.folds;
        cv_base += base_val / o.folds;
        xn_strbuf_printf(&out,
                         "fold %u: train %.4f  validation %.4f  (base: train %.4f, validation %.4f)\n",
                         f + 1, best_train, val,
                         mean_over(scores, rows, n_rows, fold, (int)f, -1), base_val);
    }
    xn_strbuf_printf(&out, "cross-validated %s: tuned %.4f, base %.4f\n", o.metric,
                     cv_tuned, cv_base);

    /* the choice: nearest the base among those within one standard error of
     * the best on all queries */
    unsigned best = 0;
    double best_mean = -1;
    for (unsigned c = 0; c < o.budget; c++) {
        double m = mean_over(scores + (size_t)c * ev->n, rows, n_rows, fold, -1, -1);
        if (m > best_mean + 1e-12) {
            best_mean = m;
            best = c;
        }
    }
    double var = 0;
    for (size_t r = 0; r < n_rows; r++) {
        double d = scores[(size_t)best * ev->n + rows[r]] - best_mean;
        var += d * d;
    }
    double se = n_rows > 1 ? sqrt(var / (double)(n_rows - 1) / (double)n_rows) : 0;
    unsigned chosen = best;
    double chosen_dist = distance(&cands[best], &start);
    for (unsigned c = 0; c < o.budget; c++) {
        double m = mean_over(scores + (size_t)c * ev->n, rows, n_rows, fold, -1, -1);
        double d = distance(&cands[c], &start);
        if (m >= best_mean - se && d < chosen_dist) {
            chosen = c;
            chosen_dist = d;
        }
    }
    xn_strbuf_printf(&out,
                     "chosen: %s %.4f on all queries (best %.4f, one standard error %.4f, base %.4f)%s\n",
                     o.metric,
                     mean_over(scores + (size_t)chosen * ev->n, rows, n_rows, fold, -1, -1),
                     best_mean, se, mean_over(scores, rows, n_rows, fold, -1, -1),
                     chosen == 0 ? "; the base is kept" : "");
    for (size_t k = 0; k < N_SETTINGS; k++)
        xn_strbuf_printf(&out, "  %s = %.6g\n", settings[k].name, get(&cands[chosen], k));

    xapnews_profile_t *r = malloc(sizeof *r);
    if (!r) {
        st = xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }
    xn_profile_defaults(r);
    if (xn_profile_copy(r, &cands[chosen]) < 0) {
        xapnews_profile_destroy(r);
        st = xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }
    *result = r;
    if (report) *report = xn_strbuf_take(&out);
done:
    /* searches go on with the profile the caller had set */
    xapnews_database_set_profile(db, &start);
    for (unsigned c = 0; cands && c < o.budget; c++) xn_profile_clear(&cands[c]);
    free(cands);
    free(scores);
    free(rows);
    free(fold);
    xn_profile_clear(&start);
    xn_strbuf_free(&out);
    return st;
}
