/**
 * The one-shot commands (picocli) and the command tree the console also runs; imports run, render, console and
 * fleet.
 */
package prestage.shell.cli;
