/**
 * The few libc calls the local client needs (extended attributes, file descriptors) through JNA; used by
 * client.local and its backends only.
 */
package prestage.core.client.local.platform;
