/**
 * Base types every package of core may use (bad input, progress, Windows names and text); it imports no other
 * package of prestage.
 */
package prestage.core;
