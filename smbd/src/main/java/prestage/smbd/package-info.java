/**
 * A private smbd on loopback: its configuration, its process (started, awaited, stopped by PID) and Samba's tools run
 * to completion. The demo (smb.demo) and the tests' smbd fixtures import it; it imports nothing of prestage.
 */
package prestage.smbd;
