/* parts_dir.h - the folder beside a database where `xapnews index --jobs
 * J` keeps the parts of a new database while it builds them
 * (DB.parts-PID/, see index_parts.h).
 *
 * The command holds a lock on the folder's "lock" file while it runs (its
 * jobs share it), so that a later build can tell the folder of a build
 * that was killed outright (SIGKILL, a crash, a power cut) from one still
 * running, and remove it.
 */
#ifndef XAPNEWS_PARTS_DIR_H
#define XAPNEWS_PARTS_DIR_H

#include <stddef.h>

/** Removes the folder tree at PATH, as far as it can. */
void parts_remove_tree(const char *path);

/** Removes the parts folders of earlier builds of the database DB that
 *  nothing holds locked any more, writing each one's path to stderr;
 *  folders without a lock file are left alone. Returns how many it
 *  removed. */
size_t parts_remove_stale(const char *db);

/** Makes this command's parts folder for DB, the lock on it held through
 *  *LOCK_FD (the caller closes it when the folder is gone). Returns its
 *  path (malloc'd), or NULL with errno set. */
char *parts_dir_make(const char *db, int *lock_fd);

#endif
