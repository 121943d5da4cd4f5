/* phonetic.c - see phonetic.h. */
#include "phonetic.h"

#include <string.h>

#define MAX_LETTERS 64

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The letter at I of W (N letters), or '\0' outside. */
static char at(const char *w, size_t n, size_t i)
{
    return i < n ? w[i] : '\0';
}

static int follows(const char *w, size_t n, size_t i, const char *s)
{
    size_t k = strlen(s);
    return i + k <= n && memcmp(w + i, s, k) == 0;
}

size_t xn_metaphone(const char *word, size_t len, char out[XN_PHONETIC_MAX + 1])
{
    char w[MAX_LETTERS];
    size_t n = 0, o = 0;
    for (size_t i = 0; i < len && n < MAX_LETTERS; i++)
        if (word[i] >= 'a' && word[i] <= 'z') w[n++] = word[i];
        else if (word[i] >= 'A' && word[i] <= 'Z') w[n++] = (char)(word[i] - 'A' + 'a');
    out[0] = '\0';
    if (n == 0) return 0;
#define EMIT(c) do { if (o < XN_PHONETIC_MAX) out[o++] = (c); } while (0)
    size_t i = 0, first = 0;
    if (follows(w, n, 0, "ae") || follows(w, n, 0, "gn") || follows(w, n, 0, "kn") ||
        follows(w, n, 0, "pn") || follows(w, n, 0, "wr"))
        i = first = 1;
    else if (w[0] == 'x') {
        EMIT('S');
        i = 1;
    } else if (follows(w, n, 0, "wh")) {
        EMIT('W');
        i = 2;
    }
    for (; i < n; i++) {
        char c = w[i], prev = i ? w[i - 1] : '\0', next = at(w, n, i + 1);
        if (c == prev && c != 'c' && i > first) continue;
        if (is_vowel(c)) {
            if (i == first) EMIT('A');
            continue;
        }
        switch (c) {
        case 'b':
            if (!(prev == 'm' && i + 1 == n)) EMIT('B');
            break;
        case 'c':
            if (next == 'i' && at(w, n, i + 2) == 'a') EMIT('X');
            else if (next == 'h') EMIT(prev == 's' ? 'K' : 'X');
            else if (next == 'i' || next == 'e' || next == 'y') {
                if (prev != 's') EMIT('S');
            } else EMIT('K');
            break;
        case 'd':
            if (next == 'g' && (at(w, n, i + 2) == 'e' || at(w, n, i + 2) == 'y' ||
                                at(w, n, i + 2) == 'i'))
                EMIT('J');
            else EMIT('T');
            break;
        case 'g':
            if (next == 'h' && i + 2 < n && !is_vowel(at(w, n, i + 2))) break;
            if (next == 'n' && (i + 2 == n || (follows(w, n, i + 1, "ned") && i + 4 == n)))
                break;
            if (prev == 'd' && (next == 'e' || next == 'i' || next == 'y')) break;
            if ((next == 'i' || next == 'e' || next == 'y') && prev != 'g') EMIT('J');
            else EMIT('K');
            break;
        case 'h':
            if (is_vowel(prev) && !is_vowel(next)) break;
            if (prev == 'c' || prev == 'g' || prev == 'p' || prev == 's' || prev == 't')
                break;
            EMIT('H');
            break;
        case 'k':
            if (prev != 'c') EMIT('K');
            break;
        case 'p': EMIT(next == 'h' ? 'F' : 'P'); break;
        case 'q': EMIT('K'); break;
        case 's':
            if (next == 'h' || (next == 'i' && (at(w, n, i + 2) == 'o' ||
                                                at(w, n, i + 2) == 'a')))
                EMIT('X');
            else EMIT('S');
            break;
        case 't':
            if (next == 'i' && (at(w, n, i + 2) == 'a' || at(w, n, i + 2) == 'o')) EMIT('X');
            else if (next == 'h') EMIT('0');
            else if (!(next == 'c' && at(w, n, i + 2) == 'h')) EMIT('T');
            break;
        case 'v': EMIT('F'); break;
        case 'w':
        case 'y':
            if (is_vowel(next)) EMIT(c == 'w' ? 'W' : 'Y');
            break;
        case 'x':
            EMIT('K');
            EMIT('S');
            break;
        case 'z': EMIT('S'); break;
        default: EMIT((char)(c - 'a' + 'A')); break; /* f j l m n r */
        }
    }
#undef EMIT
    out[o] = '\0';
    return o;
}
