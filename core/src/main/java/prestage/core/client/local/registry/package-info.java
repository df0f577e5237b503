/**
 * The local registry backends (live Windows through JNA, an offline hive through libhivex, a .reg file); used by
 * client.local only.
 */
package prestage.core.client.local.registry;
