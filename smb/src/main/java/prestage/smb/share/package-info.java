/**
 * One logged-on disk share: files, descriptors, attributes, reads, writes and the store lock over SMB2/3.
 */
package prestage.smb.share;
