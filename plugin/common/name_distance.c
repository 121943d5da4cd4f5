/* name_distance.c - see name_distance.h. */
#include "name_distance.h"

#include <string.h>


/* A rewrite between two spellings of one sound, either way round. */
typedef struct {
    const char *a, *b;
    unsigned cost;
} rewrite;

static const rewrite rewrites[] = {
    {"c", "k", 2},   {"c", "s", 2},    {"k", "q", 2},    {"c", "q", 2},
    {"g", "k", 3},   {"i", "y", 2},    {"y", "j", 2},    {"i", "j", 3},
    {"v", "w", 2},   {"f", "v", 3},    {"z", "s", 3},    {"kh", "ch", 2},
    {"ph", "f", 2},  {"ou", "u", 2},   {"oo", "u", 2},   {"ee", "i", 2},
    {"ck", "k", 2},  {"x", "ks", 2},   {"tz", "ts", 2},  {"sch", "sh", 2},
    {"tch", "ch", 2}, {"ie", "y", 2},  {"dj", "j", 2},   {"zh", "j", 2},
    {"ff", "v", 2},  {"iy", "y", 1},   {"ks", "cs", 2},
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int is_consonant(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c);
}

/* The cost of deleting W[I - 1] (I of its N bytes read): half an edit for
 * a doubled letter, an h after a consonant or a final e after one
 * ("Poutine"), else one. */
static unsigned delete_cost(const char *w, size_t i, size_t n)
{
    char c = w[i - 1];
    if (i >= 2 && w[i - 2] == c) return 2;
    if ((c == 'h' || (c == 'e' && i == n)) && i >= 2 && is_consonant(w[i - 2])) return 2;
    return XN_NAME_EDIT;
}

static unsigned min2(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

void xn_name_costs_init(xn_name_costs *c)
{
    memset(c, 0, sizeof *c);
    size_t n = 0;
    for (size_t r = 0; r < sizeof rewrites / sizeof rewrites[0]; r++)
        for (int way = 0; way < 2; way++) {
            const char *from = way ? rewrites[r].b : rewrites[r].a;
            const char *to = way ? rewrites[r].a : rewrites[r].b;
            xn_name_rewrite *w = &c->rule[n++];
            w->from_len = (unsigned char)strlen(from);
            w->to_len = (unsigned char)strlen(to);
            memcpy(w->from, from, w->from_len);
            memcpy(w->to, to, w->to_len);
            w->cost = (unsigned char)rewrites[r].cost;
        }
    /* by the last letter of FROM: rules of letter L are first[L]..first[L+1]-1 */
    xn_name_rewrite sorted[XN_NAME_REWRITES];
    size_t at = 0;
    for (int l = 0; l < 26; l++) {
        c->first[l] = (unsigned char)at;
        for (size_t r = 0; r < n; r++)
            if (c->rule[r].from[c->rule[r].from_len - 1] == 'a' + l) sorted[at++] = c->rule[r];
    }
    c->first[26] = (unsigned char)at;
    memcpy(c->rule, sorted, at * sizeof *sorted);
}

unsigned xn_name_distance(const xn_name_costs *c, const char *a, size_t na, const char *b,
                          size_t nb, unsigned max)
{
    if (na > XN_NAME_MAX_BYTES || nb > XN_NAME_MAX_BYTES) return max + 1;
    if (na == nb && memcmp(a, b, na) == 0) return 0;
    unsigned d[XN_NAME_MAX_BYTES + 1][XN_NAME_MAX_BYTES + 1];
    unsigned char del_a[XN_NAME_MAX_BYTES + 1], del_b[XN_NAME_MAX_BYTES + 1];
    d[0][0] = 0;
    for (size_t i = 1; i <= na; i++) {
        del_a[i] = (unsigned char)delete_cost(a, i, na);
        d[i][0] = d[i - 1][0] + del_a[i];
    }
    for (size_t j = 1; j <= nb; j++) {
        del_b[j] = (unsigned char)delete_cost(b, j, nb);
        d[0][j] = d[0][j - 1] + del_b[j];
    }
    unsigned mins[3] = {0, 0, 0}; /* of the last rows: rewrites span three */
    for (size_t i = 1; i <= na; i++) {
        unsigned row_min = d[i][0];
        char x = a[i - 1];
        const xn_name_rewrite *rule = NULL, *rules_end = NULL;
        if (x >= 'a' && x <= 'z') {
            rule = &c->rule[c->first[x - 'a']];
            rules_end = &c->rule[c->first[x - 'a' + 1]];
        }
        for (size_t j = 1; j <= nb; j++) {
            char y = b[j - 1];
            unsigned sub = x == y ? 0 : is_vowel(x) && is_vowel(y) ? 2 : XN_NAME_EDIT;
            unsigned best = min2(d[i - 1][j - 1] + sub,
                                 min2(d[i - 1][j] + del_a[i], d[i][j - 1] + del_b[j]));
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y)
                best = min2(best, d[i - 2][j - 2] + XN_NAME_EDIT);
            for (const xn_name_rewrite *w = rule; w < rules_end; w++) {
                if (w->to[w->to_len - 1] != y || w->from_len > i || w->to_len > j) continue;
                if (memcmp(a + i - w->from_len, w->from, w->from_len) != 0 ||
                    memcmp(b + j - w->to_len, w->to, w->to_len) != 0)
                    continue;
                best = min2(best, d[i - w->from_len][j - w->to_len] + w->cost);
            }
            d[i][j] = best;
            if (best < row_min) row_min = best;
        }
        mins[i % 3] = row_min;
        if (i >= 3 && mins[0] > max && mins[1] > max && mins[2] > max) return max + 1;
    }
    return d[na][nb] > max ? max + 1 : d[na][nb];
}
