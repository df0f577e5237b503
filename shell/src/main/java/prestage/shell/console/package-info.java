/**
 * The interactive console (JLine): completion, highlighting, Groovy statements; given its command tree, it imports
 * run and render only.
 */
package prestage.shell.console;
