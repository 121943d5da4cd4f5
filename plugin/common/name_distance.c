/* name_distance.c - see name_distance.h. */
#include "name_distance.h"

#include "grow.h"
#include "sort.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


static const xn_name_sound rewrites[] = {
    {"c", "k", 2},   {"c", "s", 2},    {"k", "q", 2},    {"c", "q", 2},
    {"g", "k", 3},   {"i", "y", 2},    {"y", "j", 2},    {"i", "j", 3},
    {"v", "w", 2},   {"f", "v", 3},    {"z", "s", 3},    {"kh", "ch", 2},
    {"ph", "f", 2},  {"ou", "u", 2},   {"oo", "u", 2},   {"ee", "i", 2},
    {"ck", "k", 2},  {"x", "ks", 2},   {"tz", "ts", 2},  {"sch", "sh", 2},
    {"tch", "ch", 2}, {"ie", "y", 2},  {"dj", "j", 2},   {"zh", "j", 2},
    {"ff", "v", 2},  {"iy", "y", 1},   {"ks", "cs", 2},
};

const xn_name_sound *xn_name_sounds(size_t *n)
{
    *n = sizeof rewrites / sizeof rewrites[0];
    return rewrites;
}

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

/* Fills R with the rewrites, each spelling written back to front when
 * BACKWARDS. */
static void rules_init(xn_name_rules *r, int backwards)
{
    memset(r, 0, sizeof *r);
    xn_name_rewrite all[XN_NAME_REWRITES];
    size_t n = 0;
    for (size_t k = 0; k < sizeof rewrites / sizeof rewrites[0]; k++)
        for (int way = 0; way < 2; way++) {
            const char *from = way ? rewrites[k].b : rewrites[k].a;
            const char *to = way ? rewrites[k].a : rewrites[k].b;
            xn_name_rewrite *w = &all[n++];
            w->from_len = (unsigned char)strlen(from);
            w->to_len = (unsigned char)strlen(to);
            for (size_t i = 0; i < w->from_len; i++)
                w->from[i] = from[backwards ? w->from_len - 1 - i : i];
            for (size_t i = 0; i < w->to_len; i++)
                w->to[i] = to[backwards ? w->to_len - 1 - i : i];
            w->cost = (unsigned char)rewrites[k].cost;
        }
    /* by the last letter of TO (see xn_name_rules) */
    size_t at = 0;
    for (int last = 0; last < 26; last++) {
        r->first[last] = (unsigned char)at;
        for (size_t k = 0; k < n; k++)
            if (all[k].to[all[k].to_len - 1] == 'a' + last) r->rule[at++] = all[k];
    }
    r->first[26] = (unsigned char)at;
    for (size_t k = 0; k < at; k++) {
        const char *from = r->rule[k].from;
        if (r->rule[k].from_len >= 2) r->long_from |= 1u << (from[0] - 'a');
        if (r->rule[k].from_len == 3) r->from3[from[0] - 'a'] |= 1u << (from[1] - 'a');
    }
}

void xn_name_costs_init(xn_name_costs *c)
{
    rules_init(&c->ahead, 0);
    rules_init(&c->back, 1);
}

typedef unsigned cost_row[XN_NAME_MAX_BYTES + 1];

/* The columns of a row whose cost is within its limit lie within LO .. HI
 * (none when LO > HI); every other cell is over it. */
typedef struct {
    unsigned char lo, hi;
} live_span;

/* What a cell over its limit holds: far above any budget, far below
 * overflowing when a few costs are added to it. */
#define DEAD (UINT_MAX / 4)

/* The most a cell of column J (J bytes of the word read) may cost: LOW
 * before column SPLIT, MAX from it on (LOW = MAX, SPLIT = 0: MAX
 * throughout). */
typedef struct {
    unsigned max, low;
    size_t split;
} limits;

static unsigned limit_of(const limits *lim, size_t j)
{
    return j < lim->split ? lim->low : lim->max;
}

/* Whether the LEN bytes ending at A[I - 1] are those at S. */
static int ends_with(const char *a, size_t i, const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (a[i - len + k] != s[k]) return 0;
    return 1;
}

/* What fill_row() reads of the word for each of its columns J (1 .. NB,
 * J bytes of it read), made once per word and rules. */
typedef struct {
    const char *b;
    size_t nb;
    const unsigned char *del_b; /* DEL_B[J]: the cost of deleting B[J - 1] */
    unsigned char vowel[XN_NAME_MAX_BYTES + 1]; /* whether B[J - 1] is one */
    /* the rewrites whose word side ends at column J (is the NB bytes'
     * B[J - TO_LEN] .. B[J - 1]): END_RULE[J][0 .. N_END[J] - 1], by index
     * in the rules, and the last letters of their name sides as bits
     * (bit L for 'a' + L) */
    uint32_t end_from[XN_NAME_MAX_BYTES + 1];
    unsigned char n_end[XN_NAME_MAX_BYTES + 1];
    unsigned char end_rule[XN_NAME_MAX_BYTES + 1][XN_NAME_REWRITES];
} word_cols;

/* Fills W for the NB bytes at B, whose deletions cost DEL_B (kept, not
 * copied), under the rules C. */
static void word_cols_init(word_cols *w, const xn_name_rules *c, const char *b, size_t nb,
                           const unsigned char *del_b)
{
    w->b = b;
    w->nb = nb;
    w->del_b = del_b;
    for (size_t j = 1; j <= nb; j++) {
        w->vowel[j] = (unsigned char)is_vowel(b[j - 1]);
        w->end_from[j] = 0;
        w->n_end[j] = 0;
        unsigned char y = (unsigned char)b[j - 1];
        if (y < 'a' || y > 'z') continue;
        for (size_t k = c->first[y - 'a']; k < c->first[y - 'a' + 1]; k++) {
            const xn_name_rewrite *rule = &c->rule[k];
            if (rule->to_len > j || !ends_with(b, j, rule->to, rule->to_len)) continue;
            w->end_rule[j][w->n_end[j]++] = (unsigned char)k;
            w->end_from[j] |= 1u << (rule->from[rule->from_len - 1] - 'a');
        }
    }
}

/* Row I of the table of costs between A's first I bytes and the first J
 * of the word of W (J = 0 .. W->nb), from the rows before it (rewrites
 * reach three back); DEL_AI is the cost of deleting A[I - 1]. Only cells
 * that can be within their limit are computed (those a live cell of the
 * three rows before can reach, and those right of a live cell of this
 * row); the others hold DEAD. Sets LIVE[I]; returns the row's least cost
 * (more than LIM->max when none is live). */
static unsigned fill_row(const xn_name_rules *c, cost_row *d, live_span *live, const char *a,
                         size_t i, unsigned del_ai, const word_cols *w, const limits *lim)
{
    const char *b = w->b;
    size_t nb = w->nb;
    size_t from = nb + 1, to = 0;
    for (size_t r = i >= 3 ? i - 3 : 0; r < i; r++)
        if (live[r].lo <= live[r].hi) {
            if (live[r].lo < from) from = live[r].lo;
            if (live[r].hi > to) to = live[r].hi;
        }
    unsigned row_min = DEAD, max = lim->max;
    size_t lo = nb + 1, hi = 0, j = from;
    for (size_t k = 0; k < from && k <= nb; k++) d[i][k] = DEAD;
    char x = a[i - 1];
    uint32_t x_bit = x >= 'a' && x <= 'z' ? 1u << (x - 'a') : 0;
    int x_vowel = is_vowel(x);
    for (; j <= nb; j++) {
        /* past the reach of the rows before, only this row's last cell
         * can make a cell live */
        if (j > to + 3 && d[i][j - 1] > max) break;
        unsigned best;
        if (j == 0) {
            best = d[i - 1][0] + del_ai;
        } else {
            char y = b[j - 1];
            unsigned sub = x == y ? 0 : x_vowel && w->vowel[j] ? 2 : XN_NAME_EDIT;
            best = min2(d[i - 1][j - 1] + sub, min2(d[i - 1][j] + del_ai, d[i][j - 1] + w->del_b[j]));
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y)
                best = min2(best, d[i - 2][j - 2] + XN_NAME_EDIT);
            if (w->end_from[j] & x_bit)
                for (size_t k = 0; k < w->n_end[j]; k++) {
                    const xn_name_rewrite *rule = &c->rule[w->end_rule[j][k]];
                    if (rule->from_len > i || !ends_with(a, i, rule->from, rule->from_len))
                        continue;
                    best = min2(best, d[i - rule->from_len][j - rule->to_len] + rule->cost);
                }
        }
        if (best > limit_of(lim, j)) {
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

/* Row 0 of the table for a word of NB bytes whose deletions cost DEL_B. */
static void first_row(cost_row *d, live_span *live, size_t nb, const unsigned char *del_b,
                      const limits *lim)
{
    d[0][0] = 0;
    size_t hi = 0;
    for (size_t j = 1; j <= nb; j++) {
        d[0][j] = d[0][j - 1] + del_b[j];
        if (d[0][j] > limit_of(lim, j)) d[0][j] = DEAD;
        else if (hi == j - 1) hi = j;
    }
    for (size_t j = hi + 1; j <= nb; j++) d[0][j] = DEAD;
    live[0].lo = 0;
    live[0].hi = (unsigned char)hi;
}

/* DEL_B[J] (J = 1 .. NB): the cost of deleting B[J - 1]. */
static void word_deletions(const char *b, size_t nb, unsigned char *del_b)
{
    for (size_t j = 1; j <= nb; j++) del_b[j] = (unsigned char)delete_cost(b, j, nb);
}

unsigned xn_name_distance(const xn_name_costs *c, const char *a, size_t na, const char *b,
                          size_t nb, unsigned max)
{
    if (na > XN_NAME_MAX_BYTES || nb > XN_NAME_MAX_BYTES) return max + 1;
    if (na == nb && memcmp(a, b, na) == 0) return 0;
    cost_row d[XN_NAME_MAX_BYTES + 1];
    live_span live[XN_NAME_MAX_BYTES + 1];
    unsigned char del_b[XN_NAME_MAX_BYTES + 1];
    limits lim = {max, max, 0};
    word_deletions(b, nb, del_b);
    word_cols cols;
    word_cols_init(&cols, &c->ahead, b, nb, del_b);
    first_row(d, live, nb, del_b, &lim);
    unsigned mins[3] = {0, 0, 0}; /* of the last rows: rewrites span three */
    for (size_t i = 1; i <= na; i++) {
        mins[i % 3] = fill_row(&c->ahead, d, live, a, i, delete_cost(a, i, na), &cols, &lim);
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
    unsigned char byte;
} trie_node;

/* A node laid out for searching: its children lie one after another, so
 * a search reads a node's children in a cache line or two. */
typedef struct {
    unsigned first_child;          /* of the N_CHILDREN */
    unsigned max_weight;           /* of the names at or below it */
    unsigned short n_children;
    unsigned char min_len, max_len; /* of the names at or below it */
    unsigned char byte;
    unsigned char flags;           /* NODE_* */
    unsigned short end_weight;     /* of the name ending here, at most
                                    * USHRT_MAX (the exact one: name_end) */
} packed_node;

enum {
    NODE_ENDS = 1,   /* a name ends here: see name_end */
    NODE_DOUBLED = 2 /* a child has the same byte */
};

/* The name ending at a packed node (read only where one does). */
typedef struct {
    unsigned tags, weight;
} name_end;

/* One trie: the nodes as built (node 0 is the root, the empty prefix),
 * and as laid out by xn_name_trie_finish() for searching. */
typedef struct {
    trie_node *node;
    size_t n, cap;
    packed_node *packed; /* N_PACKED of them, the root first; NULL before */
    unsigned char *byte; /* by packed node, its byte: a walk reads the
                          * letters of a node's children here, and most
                          * children no further */
    name_end *end;       /* by packed node */
    size_t n_packed;
} trie_nodes;

struct xn_name_trie {
    trie_nodes ahead; /* the names */
    trie_nodes back;  /* the same names, each written back to front */
    size_t names;
};

static int nodes_init(trie_nodes *t)
{
    if (!(t->node = malloc(64 * sizeof *t->node))) return -1;
    t->cap = 64;
    t->n = 1;
    t->node[0] = (trie_node){-1, -1, 0, 0, 0, UCHAR_MAX, 0, 0};
    return 0;
}

static void nodes_free(trie_nodes *t)
{
    free(t->node);
    free(t->packed);
    free(t->byte);
    free(t->end);
}

xn_name_trie *xn_name_trie_new(void)
{
    xn_name_trie *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    if (nodes_init(&t->ahead) < 0 || nodes_init(&t->back) < 0) {
        xn_name_trie_free(t);
        return NULL;
    }
    return t;
}

void xn_name_trie_free(xn_name_trie *t)
{
    if (!t) return;
    nodes_free(&t->ahead);
    nodes_free(&t->back);
    free(t);
}

size_t xn_name_trie_count(const xn_name_trie *t)
{
    return t ? t->names : 0;
}

/* The child of node AT for BYTE, made when there is none; -1 when memory
 * runs out. */
static int child_of(trie_nodes *t, int at, unsigned char byte)
{
    int prev = -1, k = t->node[at].first_child;
    while (k >= 0 && t->node[k].byte < byte) {
        prev = k;
        k = t->node[k].next_sibling;
    }
    if (k >= 0 && t->node[k].byte == byte) return k;
    trie_node *grown = xn_grow(t->node, &t->cap, t->n + 1, sizeof *grown, 64);
    if (!grown) return -1;
    t->node = grown;
    int made = (int)t->n++;
    t->node[made] = (trie_node){-1, k, 0, 0, 0, UCHAR_MAX, 0, byte};
    if (prev < 0) t->node[at].first_child = made;
    else t->node[prev].next_sibling = made;
    return made;
}

/* Adds NAME to T, read back to front when BACKWARDS; returns the node
 * where it ends, or -1 when memory runs out. */
static int nodes_add(trie_nodes *t, const char *name, size_t len, int backwards,
                     unsigned tags, unsigned weight)
{
    int at = 0;
    for (size_t i = 0; i <= len; i++) {
        trie_node *n = &t->node[at];
        if (len < n->min_len) n->min_len = (unsigned char)len;
        if (len > n->max_len) n->max_len = (unsigned char)len;
        if (weight > n->max_weight) n->max_weight = weight;
        if (i < len &&
            (at = child_of(t, at, (unsigned char)name[backwards ? len - 1 - i : i])) < 0)
            return -1;
    }
    t->node[at].tags |= tags;
    if (weight > t->node[at].weight) t->node[at].weight = weight;
    return at;
}

int xn_name_trie_add(xn_name_trie *t, const char *name, size_t len, unsigned tags,
                     unsigned weight)
{
    if (!len || len > XN_NAME_MAX_BYTES || !tags) return 0;
    int at = nodes_add(&t->ahead, name, len, 0, 0, weight);
    if (at < 0) return -1;
    int known = t->ahead.node[at].tags != 0;
    if (nodes_add(&t->back, name, len, 1, tags, weight) < 0) return -1;
    t->ahead.node[at].tags |= tags; /* only now: both tries hold the name */
    if (!known) t->names++;
    return 0;
}

/* Lays out the children of built node AT, packed node ME, from *NEXT on,
 * then each child's children in turn: a node's children follow one
 * another, and the first one's children follow them. */
static void pack(trie_nodes *t, int at, size_t me, size_t *next)
{
    size_t first = *next, n = 0;
    for (int k = t->node[at].first_child; k >= 0; k = t->node[k].next_sibling) {
        const trie_node *b = &t->node[k];
        unsigned char flags = b->tags ? NODE_ENDS : 0;
        for (int g = b->first_child; g >= 0; g = t->node[g].next_sibling)
            if (t->node[g].byte == b->byte) flags |= NODE_DOUBLED;
        t->packed[first + n] =
            (packed_node){0, b->max_weight, 0, b->min_len, b->max_len, b->byte, flags,
                          b->weight < USHRT_MAX ? (unsigned short)b->weight : USHRT_MAX};
        t->byte[first + n] = b->byte;
        t->end[first + n] = (name_end){b->tags, b->weight};
        n++;
    }
    t->packed[me].first_child = (unsigned)first;
    t->packed[me].n_children = (unsigned short)n;
    *next += n;
    n = 0;
    for (int k = t->node[at].first_child; k >= 0; k = t->node[k].next_sibling)
        pack(t, k, first + n++, next); /* depth at most XN_NAME_MAX_BYTES + 1 */
}

static int nodes_finish(trie_nodes *t)
{
    packed_node *packed = malloc(t->n * sizeof *packed);
    unsigned char *byte = malloc(t->n);
    name_end *end = malloc(t->n * sizeof *end);
    if (!packed || !byte || !end) {
        free(packed);
        free(byte);
        free(end);
        return -1;
    }
    free(t->packed);
    free(t->byte);
    free(t->end);
    t->packed = packed;
    t->byte = byte;
    t->end = end;
    t->byte[0] = 0;
    const trie_node *root = &t->node[0];
    t->packed[0] = (packed_node){0, root->max_weight, 0, root->min_len, root->max_len, 0, 0, 0};
    t->end[0] = (name_end){0, 0};
    size_t next = 1;
    pack(t, 0, 0, &next);
    t->n_packed = next;
    return 0;
}

int xn_name_trie_finish(xn_name_trie *t)
{
    return nodes_finish(&t->ahead) < 0 || nodes_finish(&t->back) < 0 ? -1 : 0;
}

/* A name one of the walks of a split search found. */
typedef struct {
    char name[XN_NAME_MAX_BYTES];
    unsigned char len;
    unsigned tags;
} found_name;

/* One walk over the names of a trie, front to back or back to front. */
typedef struct {
    const xn_name_rules *c;
    const trie_nodes *t;
    int backwards;
    const char *b; /* the word searched for (back to front when BACKWARDS) */
    size_t nb;
    unsigned char del_b[XN_NAME_MAX_BYTES + 1];
    limits lim;
    size_t min_len, max_len;
    unsigned min_weight;
    /* where a transposition may jump a dead row: letters of the word past
     * its first (only when the limits vary, see may_reach()) */
    unsigned char in_word[UCHAR_MAX + 1];
    /* the same for the letters a-z, as bits (bit L for 'a' + L) */
    uint32_t in_word_bits;
    /* the rewrites of L + 1 name letters whose word side is at column J
     * (B[J] on): the first N_COL_RULES[L][J] of COL_RULES[L][J], by index
     * in C->rule */
    unsigned char col_rules[3][XN_NAME_MAX_BYTES + 1][XN_NAME_REWRITES];
    unsigned char n_col_rules[3][XN_NAME_MAX_BYTES + 1];
    word_cols cols; /* the same, by the column they end at, for fill_row() */
    /* what is found: given to FN with its cost (a walk of the whole
     * budget), or kept in FOUND (a walk of a split search) */
    xn_name_found_fn fn;
    void *ctx;
    found_name *found;
    size_t n_found, cap_found;
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
 * ROW. A transposition jumps no dead row where the limit is the same for
 * every column: it costs one edit, and so does the substitution that
 * reaches the row between from the same cell; where the limit is lower
 * before the split, that row's cell may be over it. */
static int may_reach(const trie_walk *w, size_t row)
{
    unsigned max = w->lim.max;
    if (w->mins[row] <= max) return 1;
    if (row < 1) return 0;
    const xn_name_rules *c = w->c;
    unsigned char x = (unsigned char)w->a[row - 1];
    int letter = x >= 'a' && x <= 'z';
    if (w->mins[row - 1] <= max &&
        ((letter && (c->long_from >> (x - 'a') & 1)) || (w->lim.split > 0 && w->in_word[x])))
        return 1;
    if (row < 2 || w->mins[row - 2] > max) return 0;
    unsigned char p = (unsigned char)w->a[row - 2];
    return p >= 'a' && p <= 'z' && letter && (c->from3[p - 'a'] >> (x - 'a') & 1);
}

/* The letters a-z (bit L for 'a' + L) for which may_reach() holds for a
 * row I + 1 with no live cell under the path's first I bytes: what
 * may_reach() computes, for every letter at once. */
static uint32_t reach_bits(const trie_walk *w, size_t i)
{
    unsigned max = w->lim.max;
    uint32_t bits = 0;
    if (w->mins[i] <= max) bits |= w->c->long_from | (w->lim.split > 0 ? w->in_word_bits : 0);
    if (i >= 1 && w->mins[i - 1] <= max) {
        unsigned char p = (unsigned char)w->a[i - 1];
        if (p >= 'a' && p <= 'z') bits |= w->c->from3[p - 'a'];
    }
    return bits;
}

/* Keeps the name of the path's first LEN bytes (read back to front when
 * the walk was) for comparing one by one; -1 when memory runs out. */
static int keep_found(trie_walk *w, size_t len, unsigned tags)
{
    found_name *grown = xn_grow(w->found, &w->cap_found, w->n_found + 1, sizeof *grown, 32);
    if (!grown) return -1;
    w->found = grown;
    found_name *f = &w->found[w->n_found++];
    for (size_t i = 0; i < len; i++) f->name[i] = w->a[w->backwards ? len - 1 - i : i];
    f->len = (unsigned char)len;
    f->tags = tags;
    return 0;
}

/* The cost of deleting the letter of row ROW whose node is N. Front to
 * back, it is delete_cost()'s for a letter not the last (a name ending
 * here is costed again, see walk()). Back to front, what it depends on
 * (the letter before it in the name) lies below, so a bound is used: the
 * least that letter can make it. */
static unsigned row_deletion(const trie_walk *w, const packed_node *n, size_t row)
{
    if (!w->backwards) return delete_cost(w->a, row, row + 1);
    unsigned char x = n->byte;
    if (x == 'h' || (x == 'e' && row == 1) || (n->flags & NODE_DOUBLED)) return 2;
    return XN_NAME_EDIT;
}

/* Whether a name ends at node N (the K-th child of its parent, whose
 * first child is FIRST) weighing what the walk needs: the node tells,
 * but for the heaviest names. */
static int weighty_end(const trie_walk *w, const packed_node *n, size_t first, unsigned k)
{
    if (!(n->flags & NODE_ENDS)) return 0;
    if (n->end_weight < USHRT_MAX) return n->end_weight >= w->min_weight;
    return w->t->end[first + k].weight >= w->min_weight;
}

/* The most a move from row R can cost and still land within the limit
 * of its column: from a live cell at column J, to column J + NEED at
 * least, J + REACH at most (the limits only grow to the right); -1 when
 * no cell of R can make such a move. */
static int room_from(const trie_walk *w, size_t r, size_t need, size_t reach)
{
    int room = -1;
    for (size_t j = w->live[r].lo; j <= w->live[r].hi && j + need <= w->nb; j++) {
        if (w->d[r][j] > w->lim.max) continue;
        size_t to = j + reach < w->nb ? j + reach : w->nb;
        int left = (int)limit_of(&w->lim, to) - (int)w->d[r][j];
        if (left > room) room = left;
    }
    return room;
}

/* The letters a-z (bit L for 'a' + L) that can make a cell of the row
 * below row I live other than by their deletion (checked apart, against
 * *DEL_ROOM, the room for a move down): any letter where a substitution
 * has room; else a letter of the word that a live cell of row I is at,
 * every vowel where one of those is a vowel with half an edit to spare,
 * the first letter of a transposition that has room, and the last letter
 * of a rewrite that fits the path and the word where its row has room for
 * it. */
static uint32_t row_letters(const trie_walk *w, size_t i, int *del_room)
{
    const uint32_t all = (1u << 26) - 1, vowels = 1u | 1u << 4 | 1u << 8 | 1u << 14 | 1u << 20;
    *del_room = room_from(w, i, 0, 0);
    if (room_from(w, i, 1, 1) >= (int)XN_NAME_EDIT) return all;
    uint32_t letters = 0;
    /* a transposition from row I - 1: the letter at J, then row I's at
     * J + 1 */
    for (size_t j = i >= 1 ? w->live[i - 1].lo : 1;
         i >= 1 && j <= w->live[i - 1].hi && j + 2 <= w->nb; j++) {
        if (w->d[i - 1][j] + XN_NAME_EDIT > limit_of(&w->lim, j + 2) ||
            w->b[j + 1] != w->a[i - 1])
            continue;
        unsigned char y = (unsigned char)w->b[j];
        if (y < 'a' || y > 'z') return all;
        letters |= 1u << (y - 'a');
    }
    for (size_t j = w->live[i].lo; j <= w->live[i].hi && j < w->nb; j++) {
        if (w->d[i][j] > w->lim.max) continue;
        unsigned char y = (unsigned char)w->b[j];
        if (y < 'a' || y > 'z') return all;
        letters |= 1u << (y - 'a');
        if (is_vowel((char)y) && w->d[i][j] + 2 <= limit_of(&w->lim, j + 1)) letters |= vowels;
    }
    /* a rewrite: its name side's letters before the last are the path's,
     * its word side is at a live cell of the row it starts from */
    const xn_name_rules *c = w->c;
    for (size_t len = 1; len <= 3 && len <= i + 1; len++) {
        size_t r = i + 1 - len;
        for (size_t j = w->live[r].lo; j <= w->live[r].hi && j < w->nb; j++) {
            if (w->d[r][j] > w->lim.max) continue;
            for (size_t k = 0; k < w->n_col_rules[len - 1][j]; k++) {
                const xn_name_rewrite *rule = &c->rule[w->col_rules[len - 1][j][k]];
                if (!ends_with(w->a, r + len - 1, rule->from, len - 1) ||
                    w->d[r][j] + rule->cost > limit_of(&w->lim, j + rule->to_len))
                    continue;
                letters |= 1u << (rule->from[len - 1] - 'a');
            }
        }
    }
    return letters;
}

/* Visits the children of the node of the prefix of I bytes; returns 1
 * when FN stopped the search, -1 when memory ran out. */
static int walk(trie_walk *w, const packed_node *parent, size_t i)
{
    const packed_node *children = &w->t->packed[parent->first_child];
    const unsigned char *bytes = &w->t->byte[parent->first_child];
    int del_room;
    uint32_t letters = row_letters(w, i, &del_room);
    uint32_t dead = del_room < (int)(XN_NAME_EDIT / 2) ? ~letters & ~reach_bits(w, i) : 0;
    for (unsigned k = 0; k < parent->n_children; k++) {
        unsigned char x = bytes[k];
        /* a row no letter makes live, where no deletion fits either (the
         * cheapest costs half an edit), and no rewrite reaches past: the
         * child's node is not even read */
        if (x >= 'a' && x <= 'z' && (dead >> (x - 'a') & 1)) continue;
        const packed_node *n = &children[k];
        if (n->max_len < w->min_len || n->min_len > w->max_len ||
            n->max_weight < w->min_weight)
            continue;
        size_t row = i + 1;
        w->a[i] = (char)x;
        /* (an unlettered row left here has room for a deletion, or
         * rewrites reach past it) */
        int unlettered = x >= 'a' && x <= 'z' && !(letters >> (x - 'a') & 1) &&
                         del_room >= (int)(XN_NAME_EDIT / 2);
        unsigned del = row_deletion(w, n, row);
        /* a letter is final only where a name ends: its deletion may then
         * cost less (delete_cost()), for this name alone */
        unsigned del_final =
            w->backwards || !(n->flags & NODE_ENDS) ? del : delete_cost(w->a, row, row);
        if (unlettered && (int)min2(del, del_final) > del_room) {
            w->mins[row] = DEAD; /* no cell of the row can be live */
            if (!may_reach(w, row)) continue;
        }
        w->mins[row] = fill_row(w->c, w->d, w->live, w->a, row, del, &w->cols, &w->lim);
        if (row >= w->min_len && row <= w->max_len && weighty_end(w, n, parent->first_child, k)) {
            const name_end *e = &w->t->end[parent->first_child + k];
            unsigned cost = w->d[row][w->nb];
            if (del_final != del) {
                cost_row *d = w->d, save;
                live_span keep = w->live[row];
                memcpy(save, d[row], sizeof save);
                fill_row(w->c, d, w->live, w->a, row, del_final, &w->cols, &w->lim);
                cost = d[row][w->nb];
                memcpy(d[row], save, sizeof save);
                w->live[row] = keep;
            }
            if (cost <= w->lim.max) {
                if (w->fn && w->fn(w->ctx, w->a, row, e->tags, cost)) return 1;
                if (!w->fn && keep_found(w, row, e->tags) < 0) return -1;
            }
        }
        if (!may_reach(w, row)) continue;
        if (row < XN_NAME_MAX_BYTES && n->n_children) {
            int rc = walk(w, n, row);
            if (rc) return rc;
        }
    }
    return 0;
}

/* Walks T for W's word under W's limits (see walk()), with the word's
 * tables the walk reads made first. */
static int walk_all(trie_walk *w, const trie_nodes *t)
{
    w->t = t;
    if (!t->packed) return 0;
    memset(w->in_word, 0, sizeof w->in_word);
    for (size_t j = 1; j < w->nb; j++) w->in_word[(unsigned char)w->b[j]] = 1;
    w->in_word_bits = 0;
    for (int l = 0; l < 26; l++) w->in_word_bits |= (uint32_t)(w->in_word['a' + l] != 0) << l;
    /* the rewrites at each column of the word, by where they end; then
     * the same by where they start */
    word_cols_init(&w->cols, w->c, w->b, w->nb, w->del_b);
    memset(w->n_col_rules, 0, sizeof w->n_col_rules);
    for (size_t end = 1; end <= w->nb; end++)
        for (size_t k = 0; k < w->cols.n_end[end]; k++) {
            unsigned char at = w->cols.end_rule[end][k];
            const xn_name_rewrite *rule = &w->c->rule[at];
            size_t l = rule->from_len - 1u, j = end - rule->to_len;
            w->col_rules[l][j][w->n_col_rules[l][j]++] = at;
        }
    first_row(w->d, w->live, w->nb, w->del_b, &w->lim);
    w->mins[0] = 0;
    return walk(w, &t->packed[0], 0);
}

static int by_name(const void *va, const void *vb)
{
    const found_name *a = va, *b = vb;
    return xn_bytes_compare(a->name, a->len, b->name, b->len);
}

/* The split search from a budget of one edit on (see name_distance.h). */
#define SPLIT_FROM XN_NAME_EDIT

int xn_name_trie_search(const xn_name_costs *c, const xn_name_trie *t, const char *word,
                        size_t len, unsigned max, size_t min_len, size_t max_len,
                        unsigned min_weight, xn_name_found_fn fn, void *ctx)
{
    if (!t || len > XN_NAME_MAX_BYTES) return 0;
    trie_walk *w = calloc(1, sizeof *w);
    if (!w) return -1;
    w->c = &c->ahead;
    w->b = word;
    w->nb = len;
    w->min_len = min_len;
    w->max_len = max_len;
    w->min_weight = min_weight;
    word_deletions(word, len, w->del_b);
    if (max < SPLIT_FROM || len < 2) {
        w->lim = (limits){max, max, 0};
        w->fn = fn;
        w->ctx = ctx;
        int rc = walk_all(w, &t->ahead);
        free(w);
        return rc;
    }
    /* a name within MAX: the cells of its cheapest path before column
     * SPLIT cost LOW or less, or those from it on cost less than MAX -
     * LOW, counted from the end (the costs only grow along a path) */
    size_t split = (len + 1) / 2;
    unsigned low = max / 2;
    w->lim = (limits){max, low, split};
    int rc = walk_all(w, &t->ahead);
    /* the other way: the word and the names back to front, with the word's
     * deletions as they cost front to back */
    char back[XN_NAME_MAX_BYTES];
    unsigned char del_ahead[XN_NAME_MAX_BYTES + 1];
    memcpy(del_ahead, w->del_b, sizeof del_ahead);
    for (size_t j = 0; j < len; j++) back[j] = word[len - 1 - j];
    for (size_t j = 1; j <= len; j++) w->del_b[j] = del_ahead[len + 1 - j];
    w->c = &c->back;
    w->backwards = 1;
    w->b = back;
    w->lim = (limits){max, max - low - 1, len - split + 1};
    if (rc == 0) rc = walk_all(w, &t->back);
    /* each name found once, in byte order, at its cost */
    xn_sort(w->found, w->n_found, sizeof *w->found, by_name);
    for (size_t k = 0; k < w->n_found && rc == 0; k++) {
        found_name *f = &w->found[k];
        unsigned tags = f->tags;
        while (k + 1 < w->n_found && by_name(f, &w->found[k + 1]) == 0) tags |= w->found[++k].tags;
        unsigned cost = xn_name_distance(c, f->name, f->len, word, len, max);
        if (cost <= max && fn(ctx, f->name, f->len, tags, cost)) rc = 1;
    }
    free(w->found);
    free(w);
    return rc;
}
