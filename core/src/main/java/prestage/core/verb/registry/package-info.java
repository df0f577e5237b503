/**
 * The registry verb: get, set, delete and export values in either view.
 */
package prestage.core.verb.registry;
