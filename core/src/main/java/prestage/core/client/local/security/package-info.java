/**
 * The local security-descriptor backends (the Windows API, ntfs-3g's system.ntfs_acl, Samba's NTACL xattr, the
 * POSIX ACL mirror); used by client.local only.
 */
package prestage.core.client.local.security;
