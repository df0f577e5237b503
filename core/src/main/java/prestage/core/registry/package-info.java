/**
 * The registry model (keys, values, views) and its file formats (.reg text, hive checks, a blank hive); no access
 * to any machine.
 */
package prestage.core.registry;
