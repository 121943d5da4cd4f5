/* check_name_distance.c - the transliteration-aware name distance
 * (plugin/common/name_distance.h): the costs it documents, the whole
 * table's costs computed plainly as an oracle, its symmetry,
 * and the trie search against comparing every name one by one, over the
 * given names of schemas/nicknames.csv and random edits of them; and the
 * index of names by sound (plugin/discovery/phonetic_index.h), alone and
 * with the trie as typo tolerance uses them. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name_distance.h"
#include "phonetic_index.h"
#include "run_suite.h"

static xn_name_costs costs;

static unsigned dist(const char *a, const char *b)
{
    return xn_name_distance(&costs, a, strlen(a), b, strlen(b), 1000);
}

START_TEST(documented_costs)
{
    xn_name_costs_init(&costs);
    ck_assert_uint_eq(dist("putin", "putin"), 0);
    ck_assert_uint_eq(dist("putin", "patin"), XN_NAME_EDIT / 2);       /* vowel for vowel */
    ck_assert_uint_eq(dist("putin", "pitin") , XN_NAME_EDIT / 2);
    ck_assert_uint_eq(dist("khodorkovsky", "khodorkovski"), XN_NAME_EDIT / 2); /* i/y */
    ck_assert_uint_eq(dist("zelensky", "zelenskyy"), XN_NAME_EDIT / 2);        /* doubled */
    ck_assert_uint_eq(dist("poutine", "putin"), XN_NAME_EDIT);   /* ou/u, final e */
    ck_assert_uint_eq(dist("mohamed", "mohammed"), XN_NAME_EDIT / 2);
    ck_assert_uint_eq(dist("philip", "filip"), XN_NAME_EDIT / 2); /* ph/f */
    ck_assert_uint_eq(dist("smith", "smiht"), XN_NAME_EDIT);      /* transposition */
    ck_assert_uint_eq(dist("baker", "bakes"), XN_NAME_EDIT);      /* r/s: a full edit */
    /* MAX stops the computation early: anything above it is MAX + 1 */
    ck_assert_uint_eq(xn_name_distance(&costs, "abcdefgh", 8, "zyxwvuts", 8, 4), 5);
}
END_TEST

/* The given names of schemas/nicknames.csv, each once. */
static char **names;
static size_t n_names;

static void load_names(void)
{
    FILE *fp = fopen(TOP_SRCDIR "/schemas/nicknames.csv", "r");
    ck_assert_ptr_nonnull(fp);
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, fp)) {
        char *save = NULL;
        for (char *f = strtok_r(line, ",\n", &save); f; f = strtok_r(NULL, ",\n", &save)) {
            if (strcmp(f, "has_nickname") == 0 || strcmp(f, "name1") == 0 ||
                strcmp(f, "relationship") == 0 || strcmp(f, "name2") == 0)
                continue;
            int dup = 0;
            for (size_t i = 0; i < n_names && !dup; i++) dup = strcmp(names[i], f) == 0;
            if (dup) continue;
            if (n_names == cap) {
                cap = cap ? 2 * cap : 1024;
                names = realloc(names, cap * sizeof *names);
            }
            names[n_names++] = strdup(f);
        }
    }
    fclose(fp);
    ck_assert_uint_gt(n_names, 1000);
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static unsigned next(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* NAME with one to three random edits, into OUT. */
/* Spellings of one sound that a rewrite turns into one another, one
 * letter or more on either side (a sample of name_distance.c's). */
static const char *const sounds[][2] = {
    {"sch", "sh"}, {"tch", "ch"}, {"kh", "ch"}, {"ph", "f"}, {"x", "ks"},
    {"ou", "u"},   {"ee", "i"},   {"ck", "k"},  {"iy", "y"}, {"ff", "v"},
};

/* Rewrites the first FROM in OUT as TO, when there is one and room. */
static void respell(char *out, const char *from, const char *to)
{
    char *at = strstr(out, from);
    size_t len = strlen(out), nf = strlen(from), nt = strlen(to);
    if (!at || len - nf + nt > 40) return;
    memmove(at + nt, at + nf, strlen(at + nf) + 1);
    memcpy(at, to, nt);
}

static void random_edit(const char *name, char *out)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzhhkkyy";
    strcpy(out, name);
    unsigned edits = 1 + next(3);
    for (unsigned e = 0; e < edits; e++) {
        size_t len = strlen(out);
        unsigned at = len ? next((unsigned)len) : 0;
        unsigned kind = next(5);
        if (kind == 4) { /* a spelling of the same sound, either way */
            unsigned k = next(sizeof sounds / sizeof sounds[0]), way = next(2);
            respell(out, sounds[k][way], sounds[k][!way]);
            continue;
        }
        switch (kind) {
        case 0: /* substitute */
            if (len) out[at] = letters[next(sizeof letters - 1)];
            break;
        case 1: /* insert */
            if (len < 40) {
                memmove(out + at + 1, out + at, len - at + 1);
                out[at] = letters[next(sizeof letters - 1)];
            }
            break;
        case 2: /* delete */
            if (len > 1) memmove(out + at, out + at + 1, len - at);
            break;
        default: /* transpose */
            if (at + 1 < len) {
                char c = out[at];
                out[at] = out[at + 1];
                out[at + 1] = c;
            }
        }
    }
}

/* Two random names, or (when EDIT) a name and a random edit of it, into
 * *A and *B (EDITED holds the edit). */
static void random_pair(int edit, const char **a, const char **b, char edited[64])
{
    *a = names[next((unsigned)n_names)];
    *b = names[next((unsigned)n_names)];
    if (edit) {
        random_edit(*a, edited);
        *b = edited;
    }
}

/* ---- an oracle: the whole table, computed as plainly as it can be ----
 * Every cell of every row, no budget, each rewrite of xn_name_sounds()
 * tried both ways round at each cell: what xn_name_distance() must give
 * with its rows cut short and its rewrites looked up by column. */
static int plain_vowel(char c)
{
    return c && strchr("aeiou", c) != NULL;
}

/* Deleting W[I - 1] of its N bytes: half an edit for a doubled letter, an
 * h after a consonant or a final e after one, else one edit. */
static unsigned plain_deletion(const char *w, size_t i, size_t n)
{
    char c = w[i - 1];
    int after_consonant = i >= 2 && w[i - 2] >= 'a' && w[i - 2] <= 'z' && !plain_vowel(w[i - 2]);
    if (i >= 2 && w[i - 2] == c) return XN_NAME_EDIT / 2;
    if ((c == 'h' || (c == 'e' && i == n)) && after_consonant) return XN_NAME_EDIT / 2;
    return XN_NAME_EDIT;
}

/* Whether the bytes of S end A's first I. */
static int plain_ends(const char *a, size_t i, const char *s)
{
    size_t n = strlen(s);
    return n <= i && memcmp(a + i - n, s, n) == 0;
}

static unsigned plain_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), n_sounds;
    const xn_name_sound *sounds_of = xn_name_sounds(&n_sounds);
    static unsigned d[XN_NAME_MAX_BYTES + 1][XN_NAME_MAX_BYTES + 1];
    for (size_t i = 0; i <= na; i++)
        for (size_t j = 0; j <= nb; j++) {
            if (i == 0 && j == 0) {
                d[i][j] = 0;
                continue;
            }
            unsigned best = UINT_MAX;
            if (i > 0 && d[i - 1][j] + plain_deletion(a, i, na) < best)
                best = d[i - 1][j] + plain_deletion(a, i, na);
            if (j > 0 && d[i][j - 1] + plain_deletion(b, j, nb) < best)
                best = d[i][j - 1] + plain_deletion(b, j, nb);
            if (i > 0 && j > 0) {
                unsigned sub = a[i - 1] == b[j - 1] ? 0
                               : plain_vowel(a[i - 1]) && plain_vowel(b[j - 1]) ? XN_NAME_EDIT / 2
                                                                                : XN_NAME_EDIT;
                if (d[i - 1][j - 1] + sub < best) best = d[i - 1][j - 1] + sub;
            }
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + XN_NAME_EDIT < best)
                best = d[i - 2][j - 2] + XN_NAME_EDIT;
            for (size_t k = 0; k < n_sounds; k++)
                for (int way = 0; way < 2; way++) {
                    const char *from = way ? sounds_of[k].b : sounds_of[k].a;
                    const char *to = way ? sounds_of[k].a : sounds_of[k].b;
                    if (plain_ends(a, i, from) && plain_ends(b, j, to) &&
                        d[i - strlen(from)][j - strlen(to)] + sounds_of[k].cost < best)
                        best = d[i - strlen(from)][j - strlen(to)] + sounds_of[k].cost;
                }
            d[i][j] = best;
        }
    return d[na][nb];
}

/* The costs are the whole table's, for names and random edits of them,
 * for pairs of unrelated names, and for words with letters outside a-z
 * (budget_cuts_off_nothing_within_it() checks the budgets against the
 * costs without one). */
START_TEST(costs_are_the_whole_tables)
{
    xn_name_costs_init(&costs);
    load_names();
    char edited[64];
    for (int t = 0; t < 20000; t++) {
        const char *a, *b;
        random_pair(t % 3 != 0, &a, &b, edited);
        char odd[64];
        if (t % 7 == 0) { /* a byte no rewrite or vowel rule knows */
            snprintf(odd, sizeof odd, "%s", b);
            odd[next((unsigned)strlen(odd) + 1)] = t % 2 ? '-' : '\'';
            b = odd;
        }
        unsigned want = plain_distance(a, b);
        ck_assert_msg(dist(a, b) == want, "'%s' '%s': %u, the whole table %u", a, b, dist(a, b),
                      want);
    }
}
END_TEST

START_TEST(symmetric)
{
    xn_name_costs_init(&costs);
    load_names();
    char edited[64];
    for (int t = 0; t < 20000; t++) {
        const char *a, *b;
        random_pair(t % 2, &a, &b, edited);
        ck_assert_msg(dist(a, b) == dist(b, a), "'%s' '%s': %u one way, %u the other", a, b,
                      dist(a, b), dist(b, a));
    }
}
END_TEST

/* Cutting the table off at a budget changes no cost within it: every
 * budget gives the full table's cost, or budget + 1 beyond it. */
START_TEST(budget_cuts_off_nothing_within_it)
{
    xn_name_costs_init(&costs);
    load_names();
    char edited[64];
    for (int t = 0; t < 4000; t++) {
        const char *a, *b;
        random_pair(t % 4 != 0, &a, &b, edited);
        unsigned full = xn_name_distance(&costs, a, strlen(a), b, strlen(b), 100000);
        for (unsigned max = 0; max <= 20; max++) {
            unsigned want = full <= max ? full : max + 1;
            unsigned got = xn_name_distance(&costs, a, strlen(a), b, strlen(b), max);
            ck_assert_msg(got == want, "'%s' '%s' within %u: %u, the full table %u", a, b, max,
                          got, full);
        }
    }
}
END_TEST

typedef struct {
    const char *word;
    unsigned max;
    size_t found;
    char last[XN_NAME_MAX_BYTES + 1];
    int ordered;
} found_ctx;

static int on_found(void *vctx, const char *name, size_t len, unsigned tags, unsigned cost)
{
    found_ctx *c = vctx;
    char copy[XN_NAME_MAX_BYTES + 1];
    memcpy(copy, name, len);
    copy[len] = '\0';
    ck_assert_uint_eq(tags, 1);
    unsigned want = xn_name_distance(&costs, c->word, strlen(c->word), copy, len, c->max);
    ck_assert_msg(cost == want, "'%s' ~ '%s': trie %u, one by one %u", c->word, copy, cost, want);
    ck_assert_uint_le(cost, c->max);
    if (c->found && strcmp(c->last, copy) >= 0) c->ordered = 0;
    strcpy(c->last, copy);
    c->found++;
    return 0;
}

/* The trie's names within reach of random edits of them, against each
 * name compared in turn; name I weighs I % 7 times SCALE (a SCALE past
 * 65535 / 6 gives weights the nodes cannot hold themselves). */
static void trie_against_each(unsigned scale)
{
    xn_name_costs_init(&costs);
    load_names();
    xn_name_trie *trie = xn_name_trie_new();
    ck_assert_ptr_nonnull(trie);
    for (size_t i = 0; i < n_names; i++)
        ck_assert_int_eq(xn_name_trie_add(trie, names[i], strlen(names[i]), 1, i % 7 * scale), 0);
    ck_assert_uint_eq(xn_name_trie_count(trie), n_names);
    /* adding again (lighter) changes nothing; empty and overlong names are
     * not added */
    ck_assert_int_eq(xn_name_trie_add(trie, names[0], strlen(names[0]), 1, 0), 0);
    ck_assert_int_eq(xn_name_trie_add(trie, "", 0, 1, 9), 0);
    ck_assert_uint_eq(xn_name_trie_count(trie), n_names);
    ck_assert_int_eq(xn_name_trie_finish(trie), 0);
    ck_assert_uint_eq(xn_name_trie_count(trie), n_names);
    char edited[64];
    for (int t = 0; t < 2000; t++) {
        random_edit(names[next((unsigned)n_names)], edited);
        unsigned max = 2 + next(13); /* half an edit to over three */
        /* every name, or those weighing that */
        unsigned heavy = t % 2 ? next(8) * scale - (t % 4 == 1) : 0;
        found_ctx c = {edited, max, 0, "", 1};
        ck_assert_int_eq(xn_name_trie_search(&costs, trie, edited, strlen(edited), max, 0,
                                             XN_NAME_MAX_BYTES, heavy, on_found, &c), 0);
        size_t want = 0;
        for (size_t i = 0; i < n_names; i++)
            want += i % 7 * scale >= heavy &&
                    xn_name_distance(&costs, edited, strlen(edited), names[i], strlen(names[i]),
                                     max) <= max;
        ck_assert_msg(c.found == want, "'%s' within %u, weighing %u: trie %zu names, one by one %zu",
                      edited, max, heavy, c.found, want);
        ck_assert(c.ordered);
    }
    xn_name_trie_free(trie);
}

START_TEST(trie_finds_what_comparing_each_finds)
{
    trie_against_each(1);
    trie_against_each(40000);
}
END_TEST

static int count_tagged(void *vctx, const char *name, size_t len, unsigned tags,
                        unsigned cost)
{
    found_ctx *c = vctx;
    (void)name, (void)tags, (void)cost;
    ck_assert(len == 6 || len == 7);
    c->found++;
    return 0;
}

static int stop(void *ctx, const char *n, size_t l, unsigned tags, unsigned cost)
{
    (void)n, (void)l, (void)cost;
    ck_assert_uint_eq(tags, 2);
    ++*(size_t *)ctx;
    return 1;
}

START_TEST(search_stops_when_asked_and_keeps_to_lengths)
{
    xn_name_costs_init(&costs);
    xn_name_trie *trie = xn_name_trie_new();
    const char *some[] = {"smith", "smyth", "smithe", "schmidt"};
    for (size_t i = 0; i < 4; i++) xn_name_trie_add(trie, some[i], strlen(some[i]), 2, 1);
    size_t calls = 0;
    /* nothing is found before the set is laid out for searching */
    ck_assert_int_eq(xn_name_trie_search(&costs, trie, "smith", 5, 8, 0, 64, 0, stop, &calls), 0);
    ck_assert_uint_eq(calls, 0);
    ck_assert_int_eq(xn_name_trie_finish(trie), 0);
    ck_assert_int_eq(xn_name_trie_search(&costs, trie, "smith", 5, 8, 0, 64, 0, stop, &calls), 1);
    ck_assert_uint_eq(calls, 1);
    /* names outside the lengths asked for are not found */
    found_ctx c = {"smith", 8, 0, "", 1};
    ck_assert_int_eq(xn_name_trie_search(&costs, trie, "smith", 5, 8, 6, 7, 0, count_tagged, &c), 0);
    size_t want = 0;
    for (size_t i = 0; i < 4; i++)
        want += strlen(some[i]) >= 6 && strlen(some[i]) <= 7 && dist("smith", some[i]) <= 8;
    ck_assert_uint_eq(want, 1); /* smithe; schmidt costs more */
    ck_assert_uint_eq(c.found, want);
    xn_name_trie_free(trie);
}
END_TEST


typedef struct {
    const char *key;
    size_t found, calls;
    int stop_after;
} sound_ctx;

static int on_sound(void *vctx, const char *name, size_t len, unsigned tags, unsigned weight)
{
    sound_ctx *c = vctx;
    char key[XN_PHONETIC_MAX + 1];
    xn_metaphone(name, len, key);
    ck_assert_str_eq(key, c->key);
    /* name I was added with weight I and tags 1 + I % 2, the bytes kept */
    ck_assert_uint_lt(weight, n_names);
    ck_assert_uint_eq(len, strlen(names[weight]));
    ck_assert(memcmp(name, names[weight], len) == 0);
    ck_assert_uint_eq(tags, 1 + weight % 2);
    c->found++;
    return ++c->calls == (size_t)c->stop_after;
}

START_TEST(phonetic_index_finds_every_name_of_a_key)
{
    load_names();
    xn_phonetic_index *ix = xn_phonetic_index_new();
    ck_assert_ptr_nonnull(ix);
    /* nothing is found before the index is finished */
    ck_assert_int_eq(xn_phonetic_index_add(ix, names[0], strlen(names[0]), 1, 0), 0);
    sound_ctx none = {"", 0, 0, 0};
    ck_assert_int_eq(xn_phonetic_index_each(ix, "JN", on_sound, &none), 0);
    ck_assert_uint_eq(none.found, 0);
    for (size_t i = 1; i < n_names; i++)
        ck_assert_int_eq(xn_phonetic_index_add(ix, names[i], strlen(names[i]), 1 + i % 2,
                                               (unsigned)i), 0);
    /* a name without letters a-z has no key */
    ck_assert_int_eq(xn_phonetic_index_add(ix, "1999", 4, 1, 0), 0);
    ck_assert_uint_eq(xn_phonetic_index_count(ix), n_names);
    ck_assert_int_eq(xn_phonetic_index_finish(ix), 0);
    char edited[64], key[XN_PHONETIC_MAX + 1], other[XN_PHONETIC_MAX + 1];
    for (int t = 0; t < 500; t++) {
        const char *word = names[next((unsigned)n_names)];
        if (t % 2) {
            random_edit(word, edited);
            word = edited;
        }
        xn_metaphone(word, strlen(word), key);
        sound_ctx c = {key, 0, 0, 0};
        ck_assert_int_eq(xn_phonetic_index_each(ix, key, on_sound, &c), 0);
        size_t want = 0;
        for (size_t i = 0; i < n_names; i++) {
            xn_metaphone(names[i], strlen(names[i]), other);
            want += strcmp(key, other) == 0;
        }
        ck_assert_msg(c.found == want, "'%s' (%s): %zu names, one by one %zu", word, key,
                      c.found, want);
    }
    /* a name added twice is found twice; the callback can stop the lookup */
    ck_assert_int_eq(xn_phonetic_index_add(ix, names[5], strlen(names[5]), 2, 5), 0);
    ck_assert_int_eq(xn_phonetic_index_finish(ix), 0);
    xn_metaphone(names[5], strlen(names[5]), key);
    size_t same = 0;
    for (size_t i = 0; i < n_names; i++) {
        xn_metaphone(names[i], strlen(names[i]), other);
        same += strcmp(key, other) == 0;
    }
    sound_ctx twice = {key, 0, 0, 0};
    ck_assert_int_eq(xn_phonetic_index_each(ix, key, on_sound, &twice), 0);
    ck_assert_uint_eq(twice.found, same + 1);
    sound_ctx first = {key, 0, 0, 1};
    ck_assert_int_eq(xn_phonetic_index_each(ix, key, on_sound, &first), 1);
    ck_assert_uint_eq(first.found, 1);
    ck_assert_int_eq(xn_phonetic_index_each(ix, "QQQQ", on_sound, &none), 0);
    ck_assert_uint_eq(none.found, 0);
    xn_phonetic_index_free(ix);
}
END_TEST

/* Typo tolerance's search (plugin/query/typos.c): the names within a
 * budget by the trie, and those sounding like the word within half an
 * edit more by the index of sounds, are the names within the budget once
 * sounding alike takes half an edit off. */
typedef struct {
    const char *word;
    char key[XN_PHONETIC_MAX + 1];
    unsigned budget;
    size_t found;
} bonus_ctx;

static int bonus_ok(const bonus_ctx *c, const char *name, size_t len, unsigned cost)
{
    char key[XN_PHONETIC_MAX + 1];
    xn_metaphone(name, len, key);
    unsigned bonus = strcmp(key, c->key) == 0 ? XN_NAME_EDIT / 2 : 0;
    return cost <= c->budget + bonus;
}

static int on_trie_name(void *vctx, const char *name, size_t len, unsigned tags, unsigned cost)
{
    bonus_ctx *c = vctx;
    (void)tags;
    ck_assert(bonus_ok(c, name, len, cost));
    c->found++;
    return 0;
}

static int on_sound_name(void *vctx, const char *name, size_t len, unsigned tags,
                         unsigned weight)
{
    bonus_ctx *c = vctx;
    (void)tags, (void)weight;
    unsigned max = c->budget + XN_NAME_EDIT / 2;
    unsigned cost = xn_name_distance(&costs, name, len, c->word, strlen(c->word), max);
    if (cost <= c->budget || cost > max) return 0; /* the trie's, or out of reach */
    ck_assert(bonus_ok(c, name, len, cost));
    c->found++;
    return 0;
}

START_TEST(trie_and_sounds_find_what_sounding_alike_reaches)
{
    xn_name_costs_init(&costs);
    load_names();
    xn_name_trie *trie = xn_name_trie_new();
    xn_phonetic_index *ix = xn_phonetic_index_new();
    for (size_t i = 0; i < n_names; i++) {
        ck_assert_int_eq(xn_name_trie_add(trie, names[i], strlen(names[i]), 1, 1), 0);
        ck_assert_int_eq(xn_phonetic_index_add(ix, names[i], strlen(names[i]), 1, 1), 0);
    }
    ck_assert_int_eq(xn_name_trie_finish(trie), 0);
    ck_assert_int_eq(xn_phonetic_index_finish(ix), 0);
    char edited[64];
    size_t by_sound = 0;
    for (int t = 0; t < 1000; t++) {
        random_edit(names[next((unsigned)n_names)], edited);
        bonus_ctx c = {edited, "", XN_NAME_EDIT / 2 + next(11), 0};
        xn_metaphone(edited, strlen(edited), c.key);
        ck_assert_int_eq(xn_name_trie_search(&costs, trie, edited, strlen(edited), c.budget, 0,
                                             XN_NAME_MAX_BYTES, 0, on_trie_name, &c), 0);
        size_t from_trie = c.found;
        ck_assert_int_eq(xn_phonetic_index_each(ix, c.key, on_sound_name, &c), 0);
        by_sound += c.found - from_trie;
        size_t want = 0;
        for (size_t i = 0; i < n_names; i++)
            want += bonus_ok(&c, names[i], strlen(names[i]),
                             xn_name_distance(&costs, names[i], strlen(names[i]), edited,
                                              strlen(edited), 1000));
        ck_assert_msg(c.found == want, "'%s' within %u: %zu names, one by one %zu", edited,
                      c.budget, c.found, want);
    }
    ck_assert_uint_gt(by_sound, 0); /* the index did bring names in */
    xn_name_trie_free(trie);
    xn_phonetic_index_free(ix);
}
END_TEST

static int collect_name(void *ctx, const char *n, size_t l, unsigned tags, unsigned cost)
{
    (void)tags;
    char *out = ctx;
    snprintf(out + strlen(out), 64, "%.*s:%u ", (int)l, n, cost);
    return 0;
}

/* Cases the random edits of the test above seldom reach, each searched
 * with budgets both below and from one edit (the search splits the word
 * from one edit on). */
START_TEST(trie_finds_the_cheap_edits_at_a_name_end)
{
    xn_name_costs_init(&costs);
    xn_name_trie *trie = xn_name_trie_new();
    const char *some[] = {"smithe", "putine", "jane", "anna", "smithh"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(xn_name_trie_add(trie, some[i], strlen(some[i]), 1, 1), 0);
    ck_assert_int_eq(xn_name_trie_finish(trie), 0);
    static const struct {
        const char *word;
        const char *found; /* at a budget of half an edit */
    } cases[] = {
        {"smith", "smithe:2 smithh:2 "}, /* a final e, a doubled letter */
        {"jan", "jane:2 "},
        {"ana", "anna:2 "},
        {"putin", "putine:2 "},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (unsigned max = 2; max <= 3; max++) {
            char got[256] = "";
            ck_assert_int_eq(xn_name_trie_search(&costs, trie, cases[k].word,
                                                 strlen(cases[k].word), max, 0, 64, 0,
                                                 collect_name, got), 0);
            ck_assert_msg(strcmp(got, cases[k].found) == 0, "'%s' within %u: got '%s', want '%s'",
                          cases[k].word, max, got, cases[k].found);
        }
    xn_name_trie_free(trie);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("name_distance");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, documented_costs);
    tcase_add_test(tc, costs_are_the_whole_tables);
    tcase_add_test(tc, symmetric);
    tcase_add_test(tc, budget_cuts_off_nothing_within_it);
    tcase_add_test(tc, trie_finds_what_comparing_each_finds);
    tcase_add_test(tc, search_stops_when_asked_and_keeps_to_lengths);
    tcase_add_test(tc, trie_finds_the_cheap_edits_at_a_name_end);
    tcase_add_test(tc, phonetic_index_finds_every_name_of_a_key);
    tcase_add_test(tc, trie_and_sounds_find_what_sounding_alike_reaches);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
