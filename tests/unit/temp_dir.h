/* temp_dir.h - the temporary directory a Check suite works in: made by its
 * main() before the tests run (each test runs in a child of its own) and
 * removed after them, even when a test fails. */
#ifndef XAPNEWS_TEMP_DIR_H
#define XAPNEWS_TEMP_DIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes the directory TEMPLATE names ("/tmp/NAME_XXXXXX", completed in
 * place), or exits saying why. */
static inline void temp_dir_make(char *template)
{
    if (!mkdtemp(template)) {
        perror("mkdtemp");
        exit(EXIT_FAILURE);
    }
}

/* Removes PATH and everything under it; a missing PATH is no error. */
static inline void temp_dir_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    DIR *d = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char sub[4096];
        int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (n > 0 && (size_t)n < sizeof sub) temp_dir_remove(sub);
    }
    if (d) closedir(d);
    remove(path);
}

/* Writes TEXT to the file PATH (replacing it). Returns 0, or -1 with
 * errno set. */
static inline int temp_dir_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* NAME under DIR, in one of eight static buffers used in turn (so that a
 * call may take several paths). */
static inline const char *temp_dir_path(const char *dir, const char *name)
{
    static char bufs[8][4096];
    static unsigned next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
    return b;
}

#endif
