/**
 * Opens the client a target names, local or through a ClientProvider found on the class path (SMB); used by the
 * run layer.
 */
package prestage.core.client.open;
