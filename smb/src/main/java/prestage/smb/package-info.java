/**
 * The remote Windows client over SMB (SmbClient), offered to core through its ClientProvider.
 */
package prestage.smb;
