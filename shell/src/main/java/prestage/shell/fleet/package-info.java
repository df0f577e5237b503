/**
 * Many clients at once: targets, inventories, the results file, the board; each client runs through the run layer.
 */
package prestage.shell.fleet;
