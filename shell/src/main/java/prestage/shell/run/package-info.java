/**
 * The run layer under the faces: global options, the Session every face builds a run with, and the one mapping of
 * failures to exit statuses.
 */
package prestage.shell.run;
