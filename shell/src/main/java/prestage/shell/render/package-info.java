/**
 * How outcomes, progress and errors are printed (human text, colours, bars, JSON); imports no other shell package.
 */
package prestage.shell.render;
