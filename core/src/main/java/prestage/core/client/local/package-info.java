/**
 * The clients on this machine (a folder, an ntfs-3g volume, live Windows) and the containment of their paths; only
 * client.open and tests import it.
 */
package prestage.core.client.local;
