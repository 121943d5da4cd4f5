/* parts_dir.c - see parts_dir.h. */
#define _XOPEN_SOURCE 700 /* nftw() */
#define _DEFAULT_SOURCE  /* flock() */
#include "parts_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void parts_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* DB without its trailing slashes: its length. */
static size_t db_len(const char *db)
{
    size_t len = strlen(db);
    while (len > 1 && db[len - 1] == '/') len--;
    return len;
}

/* Whether NAME is BASE (LEN bytes) + ".parts-" + digits. */
static int parts_name(const char *name, const char *base, size_t len)
{
    static const char tag[] = ".parts-";
    if (strncmp(name, base, len) != 0 || strncmp(name + len, tag, sizeof tag - 1) != 0)
        return 0;
    const char *d = name + len + sizeof tag - 1;
    if (!*d) return 0;
    for (; *d; d++)
        if (*d < '0' || *d > '9') return 0;
    return 1;
}

/* Whether the parts folder DIR has a lock file that nothing holds. */
static int abandoned(const char *dir)
{
    char lock[4200];
    if ((size_t)snprintf(lock, sizeof lock, "%s/lock", dir) >= sizeof lock) return 0;
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    int free_now = flock(fd, LOCK_EX | LOCK_NB) == 0;
    close(fd);
    return free_now;
}

size_t parts_remove_stale(const char *db)
{
    size_t len = db_len(db);
    const char *slash = NULL;
    for (size_t i = 0; i < len; i++)
        if (db[i] == '/') slash = db + i;
    char parent[4096];
    const char *base = db;
    size_t blen = len;
    if (slash) {
        size_t plen = slash == db ? 1 : (size_t)(slash - db);
        if (plen >= sizeof parent) return 0;
        memcpy(parent, db, plen);
        parent[plen] = '\0';
        base = slash + 1;
        blen = len - (size_t)(base - db);
    } else {
        strcpy(parent, ".");
    }
    DIR *d = opendir(parent);
    if (!d) return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!parts_name(e->d_name, base, blen)) continue;
        char dir[4200];
        if ((size_t)snprintf(dir, sizeof dir, "%s/%s", parent, e->d_name) >= sizeof dir ||
            !abandoned(dir))
            continue;
        parts_remove_tree(dir);
        fprintf(stderr, "xapnews: removed %s: the parts of a build that was stopped\n", dir);
        removed++;
    }
    closedir(d);
    return removed;
}

char *parts_dir_make(const char *db, int *lock_fd)
{
    size_t len = db_len(db);
    char *dir = malloc(len + 32);
    if (!dir) return NULL;
    snprintf(dir, len + 32, "%.*s.parts-%ld", (int)len, db, (long)getpid());
    if (mkdir(dir, 0777) != 0) {
        free(dir);
        return NULL;
    }
    char lock[4200];
    int fd = -1;
    if ((size_t)snprintf(lock, sizeof lock, "%s/lock", dir) >= sizeof lock)
        errno = ENAMETOOLONG;
    else if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) >= 0 &&
             flock(fd, LOCK_EX) != 0) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        int saved = errno;
        parts_remove_tree(dir);
        free(dir);
        errno = saved;
        return NULL;
    }
    *lock_fd = fd;
    return dir;
}
