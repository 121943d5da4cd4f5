/* name_distance.c - see name_distance.h. */
#include "name_distance.h"

#include <limits.h>
#include <stdlib.h>
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
    /* by the last letters of FROM and TO (see xn_name_costs) */
    xn_name_rewrite sorted[XN_NAME_REWRITES];
    size_t at = 0;
    for (int pair = 0; pair < 26 * 26; pair++) {
        c->first[pair] = (unsigned char)at;
        for (size_t r = 0; r < n; r++)
            if (c->rule[r].from[c->rule[r].from_len - 1] == 'a' + pair / 26 &&
                c->rule[r].to[c->rule[r].to_len - 1] == 'a' + pair % 26)
                sorted[at++] = c->rule[r];
    }
    c->first[26 * 26] = (unsigned char)at;
    memcpy(c->rule, sorted, at * sizeof *sorted);
    for (size_t r = 0; r < at; r++) {
        const char *from = c->rule[r].from;
        if (c->rule[r].from_len >= 2) c->long_from[(unsigned char)from[0]] = 1;
        if (c->rule[r].from_len == 3) c->from3[26 * (from[0] - 'a') + (from[1] - 'a')] = 1;
    }
}

typedef unsigned cost_row[XN_NAME_MAX_BYTES + 1];

/* The columns of a row whose cost is MAX or less lie within LO .. HI
 * (none when LO > HI); every other cell holds more than MAX. */
typedef struct {
    unsigned char lo, hi;
} live_span;

/* What a cell costing more than MAX holds: far above any budget, far
 * below overflowing when a few costs are added to it. */
#define DEAD (UINT_MAX / 4)

/* Row I of the table of costs between A's first I bytes and B's first J
 * (J = 0 .. NB), from the rows before it (rewrites reach three back);
 * DEL_AI is the cost of deleting A[I - 1], DEL_B[J] that of deleting
 * B[J - 1]. Only cells that can cost MAX or less are computed (those a
 * live cell of the three rows before can reach, and those right of a live
 * cell of this row); the others hold DEAD. Sets LIVE[I]; returns the
 * row's least cost (more than MAX when none is live). */
static unsigned fill_row(const xn_name_costs *c, cost_row *d, live_span *live, const char *a,
                         size_t i, unsigned del_ai, const char *b, size_t nb,
                         const unsigned char *del_b, unsigned max)
{
    size_t from = nb + 1, to = 0;
    for (size_t r = i >= 3 ? i - 3 : 0; r < i; r++)
        if (live[r].lo <= live[r].hi) {
            if (live[r].lo < from) from = live[r].lo;
            if (live[r].hi > to) to = live[r].hi;
        }
    unsigned row_min = DEAD;
    size_t lo = nb + 1, hi = 0, j = from;
    for (size_t k = 0; k < from && k <= nb; k++) d[i][k] = DEAD;
    char x = a[i - 1];
    int x_letter = x >= 'a' && x <= 'z';
    for (; j <= nb; j++) {
        /* past the reach of the rows before, only this row's last cell
         * can make a cell live */
        if (j > to + 3 && d[i][j - 1] > max) break;
        unsigned best;
        if (j == 0) {
            best = d[i - 1][0] + del_ai;
        } else {
            char y = b[j - 1];
            unsigned sub = x == y ? 0 : is_vowel(x) && is_vowel(y) ? 2 : XN_NAME_EDIT;
            best = min2(d[i - 1][j - 1] + sub, min2(d[i - 1][j] + del_ai, d[i][j - 1] + del_b[j]));
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y)
                best = min2(best, d[i - 2][j - 2] + XN_NAME_EDIT);
            if (x_letter && y >= 'a' && y <= 'z') {
                size_t pair = 26 * (size_t)(x - 'a') + (size_t)(y - 'a');
                const xn_name_rewrite *w = &c->rule[c->first[pair]];
                const xn_name_rewrite *end = &c->rule[c->first[pair + 1]];
                for (; w < end; w++) {
                    if (w->from_len > i || w->to_len > j) continue;
                    if (memcmp(a + i - w->from_len, w->from, w->from_len) != 0 ||
                        memcmp(b + j - w->to_len, w->to, w->to_len) != 0)
                        continue;
                    best = min2(best, d[i - w->from_len][j - w->to_len] + w->cost);
                }
            }
        }
        if (best > max) {
            best = DEAD;
        } else {
            if (lo > nb) lo = j;
            hi = j;
        }
        d[i][j] = best;
        if (best < row_min) row_min = best;
    }
    for (; j <= nb; j++) d[i][j] = DEAD;
    live[i].lo = (unsigned char)(lo > nb ? 1 : lo);
    live[i].hi = (unsigned char)(lo > nb ? 0 : hi);
    return row_min;
}

/* Row 0 of the table for B (NB bytes), and B's deletion costs. */
static void first_row(cost_row *d, live_span *live, const char *b, size_t nb,
                      unsigned char *del_b, unsigned max)
{
    d[0][0] = 0;
    size_t hi = 0;
    for (size_t j = 1; j <= nb; j++) {
        del_b[j] = (unsigned char)delete_cost(b, j, nb);
        d[0][j] = d[0][j - 1] + del_b[j];
        if (d[0][j] <= max) hi = j;
    }
    for (size_t j = hi + 1; j <= nb; j++) d[0][j] = DEAD;
    live[0].lo = 0;
    live[0].hi = (unsigned char)hi;
}

unsigned xn_name_distance(const xn_name_costs *c, const char *a, size_t na, const char *b,
                          size_t nb, unsigned max)
{
    if (na > XN_NAME_MAX_BYTES || nb > XN_NAME_MAX_BYTES) return max + 1;
    if (na == nb && memcmp(a, b, na) == 0) return 0;
    cost_row d[XN_NAME_MAX_BYTES + 1];
    live_span live[XN_NAME_MAX_BYTES + 1];
    unsigned char del_b[XN_NAME_MAX_BYTES + 1];
    first_row(d, live, b, nb, del_b, max);
    unsigned mins[3] = {0, 0, 0}; /* of the last rows: rewrites span three */
    for (size_t i = 1; i <= na; i++) {
        mins[i % 3] = fill_row(c, d, live, a, i, delete_cost(a, i, na), b, nb, del_b, max);
        if (i >= 3 && mins[0] > max && mins[1] > max && mins[2] > max) return max + 1;
    }
    return d[na][nb] > max ? max + 1 : d[na][nb];
}

/* ---- many names at once ------------------------------------------------ */

typedef struct {
    int first_child, next_sibling; /* node indexes, -1 for none */
    unsigned tags;                 /* of the name ending here; 0: none does */
    unsigned weight;               /* of the name ending here */
    unsigned max_weight;           /* of the names at or below it */
    unsigned char min_len, max_len; /* of the names at or below it */
    char byte;
} trie_node;

struct xn_name_trie {
    trie_node *node; /* node 0 is the root (the empty prefix) */
    size_t n, cap;
    size_t names;
};

xn_name_trie *xn_name_trie_new(void)
{
    xn_name_trie *t = calloc(1, sizeof *t);
    if (!t || !(t->node = malloc(64 * sizeof *t->node))) {
        free(t);
        return NULL;
    }
    t->cap = 64;
    t->n = 1;
    t->node[0] = (trie_node){-1, -1, 0, 0, 0, UCHAR_MAX, 0, 0};
    return t;
}

void xn_name_trie_free(xn_name_trie *t)
{
    if (!t) return;
    free(t->node);
    free(t);
}

size_t xn_name_trie_count(const xn_name_trie *t)
{
    return t ? t->names : 0;
}

/* The child of node AT for BYTE, made when MAKE; -1 when there is none
 * (or no memory: *NOMEM set). */
static int child_of(xn_name_trie *t, int at, char byte, int *nomem)
{
    int prev = -1, k = t->node[at].first_child;
    while (k >= 0 && t->node[k].byte < byte) {
        prev = k;
        k = t->node[k].next_sibling;
    }
    if (k >= 0 && t->node[k].byte == byte) return k;
    if (t->n == t->cap) {
        trie_node *grown = realloc(t->node, 2 * t->cap * sizeof *grown);
        if (!grown) {
            *nomem = 1;
            return -1;
        }
        t->node = grown;
        t->cap *= 2;
    }
    int made = (int)t->n++;
    t->node[made] = (trie_node){-1, k, 0, 0, 0, UCHAR_MAX, 0, byte};
    if (prev < 0) t->node[at].first_child = made;
    else t->node[prev].next_sibling = made;
    return made;
}

int xn_name_trie_add(xn_name_trie *t, const char *name, size_t len, unsigned tags,
                     unsigned weight)
{
    if (!len || len > XN_NAME_MAX_BYTES || !tags) return 0;
    int at = 0, nomem = 0;
    for (size_t i = 0; i <= len; i++) {
        trie_node *n = &t->node[at];
        if (len < n->min_len) n->min_len = (unsigned char)len;
        if (len > n->max_len) n->max_len = (unsigned char)len;
        if (weight > n->max_weight) n->max_weight = weight;
        if (i < len && (at = child_of(t, at, name[i], &nomem)) < 0) return -1;
    }
    if (!t->node[at].tags) t->names++;
    t->node[at].tags |= tags;
    if (weight > t->node[at].weight) t->node[at].weight = weight;
    return 0;
}

/* Copies the subtree of OLD node AT into T->node in depth-first order
 * from *NEXT on: a node's children follow one another, each after the
 * subtree of the one before, so a search reads memory mostly forwards. */
static int relay(xn_name_trie *t, const trie_node *old, int at, size_t *next)
{
    int me = (int)(*next)++;
    t->node[me] = old[at];
    t->node[me].first_child = -1;
    t->node[me].next_sibling = -1;
    int prev = -1;
    for (int k = old[at].first_child; k >= 0; k = old[k].next_sibling) {
        int child = relay(t, old, k, next);
        if (prev < 0) t->node[me].first_child = child;
        else t->node[prev].next_sibling = child;
        prev = child;
    }
    return me;
}

int xn_name_trie_finish(xn_name_trie *t)
{
    trie_node *old = t->node;
    if (!(t->node = malloc(t->n * sizeof *t->node))) {
        t->node = old;
        return -1;
    }
    size_t next = 0;
    relay(t, old, 0, &next); /* depth at most XN_NAME_MAX_BYTES + 1 */
    t->cap = t->n;
    free(old);
    return 0;
}

typedef struct {
    const xn_name_costs *c;
    const xn_name_trie *t;
    const char *b; /* the word searched for */
    size_t nb;
    unsigned char del_b[XN_NAME_MAX_BYTES + 1];
    unsigned max;
    size_t min_len, max_len;
    unsigned min_weight;
    xn_name_found_fn fn;
    void *ctx;
    char a[XN_NAME_MAX_BYTES]; /* the path: the name prefix at hand */
    cost_row d[XN_NAME_MAX_BYTES + 1];
    live_span live[XN_NAME_MAX_BYTES + 1];
    unsigned mins[XN_NAME_MAX_BYTES + 1];
} trie_walk;

/* Whether a row below ROW (whose letter is w->a[ROW - 1]) can hold a
 * live cell. A cell of row R comes from rows R - 1 (a match, substitution,
 * deletion or one-letter rewrite, then insertions along the row), R - 2
 * (a transposition, a rewrite of two name letters) or R - 3 (a rewrite of
 * three). So rows below a dead ROW are reached only from ROW - 1 by a
 * rewrite whose name side starts with ROW's letter, or from ROW - 2 by a
 * rewrite of three name letters starting with the letters of ROW - 1 and
 * ROW. A transposition never jumps a dead row: it costs one edit, and so
 * does the substitution that reaches the row between from the same cell. */
static int may_reach(const trie_walk *w, size_t row)
{
    if (w->mins[row] <= w->max) return 1;
    if (row < 1) return 0;
    const xn_name_costs *c = w->c;
    unsigned char x = (unsigned char)w->a[row - 1];
    if (w->mins[row - 1] <= w->max && c->long_from[x]) return 1;
    if (row < 2 || w->mins[row - 2] > w->max) return 0;
    unsigned char p = (unsigned char)w->a[row - 2];
    return p >= 'a' && p <= 'z' && x >= 'a' && x <= 'z' && c->from3[26 * (p - 'a') + (x - 'a')];
}

/* Visits the children of the node of the prefix of I bytes. */
static int walk(trie_walk *w, int node, size_t i)
{
    for (int k = w->t->node[node].first_child; k >= 0; k = w->t->node[k].next_sibling) {
        const trie_node *n = &w->t->node[k];
        if (n->max_len < w->min_len || n->min_len > w->max_len ||
            n->max_weight < w->min_weight)
            continue;
        size_t row = i + 1;
        w->a[i] = n->byte;
        /* a letter is final only where a name ends: its deletion may then
         * cost less (delete_cost()), for this name alone */
        unsigned del = delete_cost(w->a, row, row + 1);
        w->mins[row] = fill_row(w->c, w->d, w->live, w->a, row, del, w->b, w->nb, w->del_b,
                                w->max);
        if (n->tags && n->weight >= w->min_weight) {
            unsigned cost = w->d[row][w->nb];
            unsigned del_final = delete_cost(w->a, row, row);
            if (del_final != del) {
                cost_row *d = w->d, save;
                live_span keep = w->live[row];
                memcpy(save, d[row], sizeof save);
                fill_row(w->c, d, w->live, w->a, row, del_final, w->b, w->nb, w->del_b, w->max);
                cost = d[row][w->nb];
                memcpy(d[row], save, sizeof save);
                w->live[row] = keep;
            }
            if (cost <= w->max && row >= w->min_len && row <= w->max_len &&
                w->fn(w->ctx, w->a, row, n->tags, cost))
                return 1;
        }
        if (!may_reach(w, row)) continue;
        if (row < XN_NAME_MAX_BYTES && n->first_child >= 0 && walk(w, k, row)) return 1;
    }
    return 0;
}

int xn_name_trie_search(const xn_name_costs *c, const xn_name_trie *t, const char *word,
                        size_t len, unsigned max, size_t min_len, size_t max_len,
                        unsigned min_weight, xn_name_found_fn fn, void *ctx)
{
    if (!t || len > XN_NAME_MAX_BYTES) return 0;
    trie_walk *w = malloc(sizeof *w);
    if (!w) return -1;
    w->c = c;
    w->t = t;
    w->b = word;
    w->nb = len;
    w->max = max;
    w->min_len = min_len;
    w->max_len = max_len;
    w->min_weight = min_weight;
    w->fn = fn;
    w->ctx = ctx;
    first_row(w->d, w->live, word, len, w->del_b, max);
    w->mins[0] = 0;
    int stopped = walk(w, 0, 0);
    free(w);
    return stopped;
}
