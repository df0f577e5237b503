/**
 * How a local client marks a file read-only (the DOS attribute via Windows, ntfs-3g or Samba's user.DOSATTRIB, or
 * the POSIX write bits); used by client.local only.
 */
package prestage.core.client.local.marks;
